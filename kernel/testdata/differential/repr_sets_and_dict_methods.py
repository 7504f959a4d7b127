# Sets print as {...} (set() when empty); dict methods keep insertion order.
# (popitem is not used: Starlark's removes the first item, Python's the last.)
print(set(), set([1, 2, 3]), set(["a"]), set([(1, 2)]))
s = set([1, 2])
s.add(3)
print(s, 2 in s, 5 in s, len(s))
print(sorted(set([3, 1, 2]) | set([4])), sorted(set([1, 2]) & set([2, 3])))

d = {"x": 1}
d.update({"y": 2})
d.update([("z", 3)])
print(d)
print(d.get("x"), d.get("nope"), d.get("nope", "dflt"))
print(d.setdefault("w", 0), d.setdefault("x", 99), d)
print(d.pop("x"), d)
d["x"] = "back"
print(d, list(d.items())[-1])
d.clear()
print(d, len(d), {} == d)
print({"a": 1} == {"a": 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, [1] == [1], (1,) == [1])
print(sorted({"b": 2, "a": 1}), sorted([("b", 1), ("a", 2)]), sorted(["B", "a", "C"]))
print(list(reversed([1, 2, 3])), [x * 2 for x in range(4) if x % 2 == 0])
print({k: v for k, v in [("a", 1), ("b", 2)]}, [(i, c) for i, c in enumerate(["x", "y"])])
