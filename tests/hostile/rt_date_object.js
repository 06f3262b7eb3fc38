new Date().getFullYear();
