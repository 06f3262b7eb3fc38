var x = (/a/g).test("a");
