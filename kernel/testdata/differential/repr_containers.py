# print/str/repr of containers show their elements' repr, Python style.
print(["a", 'b"', "c'"])
print({"k": "v", "n": 1, "f": 2.5, "none": None, "t": True})
print(("a",), (), (1, 2), ("x", ("y", ("z",))))
print([[], {}, (), [[]], [{}], {"a": []}])
print({"outer": {"inner": ["x", {"deep": ("t", 1.0)}]}})
print({1: "int key", (1, 2): "tuple key", "s": "str key", None: "none key"})
print([None, True, False, 0, -1, 1.5, -0.5])
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 4
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(str(["s"]), repr(["s"]), str({"k": ("v",)}))
nested = [1, [2, [3, [4, [5]]]]]
print(nested, len(nested))
print([1, 2, 3][1:], "abc"[::-1], (1, 2, 3)[:2])
print("x", ["x"], "x" + "y", ["x"] + ["y"])
print(list(range(3)), list(range(5, 0, -2)))
print(dict(a=1, b="two"), dict([("k", "v")]))
print(sorted({"b": 1, "a": 2}.items()))
print([str(x) for x in [1, "a", None, [2]]])
