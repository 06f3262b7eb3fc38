console.log([1, 2, 3], [], {}, { a: 1, b: "x" }, [1, [2, [3, [4, [5]]]]], { a: { b: { c: { d: 1 } } } }, { a: { b: { c: {} } } });
console.log([1, , 3], [, , ,], new Array(5), [undefined, null], ["it's", 'say "hi"', `both ' "`], "top-level 'raw'");
console.log(Array.from({ length: 30 }, (_, i) => i));
console.log(Array.from({ length: 120 }, (_, i) => i * 3));
console.log(["apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "honeydew", "kiwi", "lemon"]);
console.log({ name: "Alice", age: 30, address: { street: "123 Main St", city: "Springfield", zip: "12345" }, tags: ["a", "b"] });
console.log([{ id: 1, name: "one" }, { id: 2, name: "two" }, { id: 3, name: "three" }]);
class Point { constructor(x, y) { this.x = x; this.y = y; } }
class P3 extends Point { constructor() { super(1, 2); this.z = 3; } }
console.log(new Point(1, 2), new P3(), [new Point(0, 0)], Point, P3, function foo() {}, () => 1, class {});
console.log(new Map([["a", 1], ["b", { c: 2 }]]), new Set([1, "two", [3]]), new Map(), new Set());
console.log(Object.create(null), { "a-b": 1, 2: "n", valid_id: true, "": 0 }, -0, [-0], 0.1 + 0.2, 1e21, [1.5, -2.25]);
const circ = { name: "c" }; circ.self = circ; console.log(circ);
const o2 = { get g() { return 1 }, set s(v) {}, get gs() { return 1 }, set gs(v) {} }; console.log(o2);
console.log(new Number(3), new String("ab"), new Boolean(false), [function () {}], { f() {} });
console.log("%s is %d years", "Bob", 42, "extra"); console.log("%j %%", { a: 1 });
console.log({ arr: Array.from({ length: 10 }, (_, i) => "item" + i) });
console.log([[1, 2], [3, 4]], { nested: [[1, [2, [3]]]] });
const err = new Error("bad"); console.log([err.message], { e: err.name });
console.log(Array.from({ length: 8 }, (_, i) => ({ i })));
console.log(Array.from({ length: 27 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(i % 4 + 1)));
console.log([true, false, null, undefined, 1, "s", 2, 3]);
console.log({ longkey_aaaaaaaaaaaaaaaaaaaa: "value_aaaaaaaaaaaaaaa", other_bbbbbbbbbbbbbbbb: "value_bbbbbbbbbbbb", x: 1 });
