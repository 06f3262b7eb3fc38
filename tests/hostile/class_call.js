var f = function() {}; new f.bind()();
class C {} C();
