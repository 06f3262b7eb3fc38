class A { async m() {} }
