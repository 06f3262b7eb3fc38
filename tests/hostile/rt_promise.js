new Promise(function () {});
