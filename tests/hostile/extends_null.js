new (class A extends null {})();
