const f = async () => 1;
