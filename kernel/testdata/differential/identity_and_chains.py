# is / is not and chained comparisons (issue #13).
x = None
print(x is None, x is not None, not x is None)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, [] is [])
d = {"k": a}
print(d["k"] is a, d is not d)
def f():
    return 1
g = f
print(g is f, len is len, True is True, None is None)
items = [3, None, 0, "", None, 5]
print([i for i in items if i is not None])

def v(k):
    print("eval", k)
    return k
print(1 < 2 < 3, 3 > 2 > 1 >= 1, 1 < 3 < 2, 1 == 1 == 1, 1 == 1 == 2)
print(1 < 2 <= 2 != 3, 1 in [1] not in [[2]], x is None is not True)
print(v(1) < v(2) < v(3))
print(v(1) < v(0) < v(3))
print([i for i in range(10) if 2 < i < 6])
def between(lo, n, hi):
    return lo <= n <= hi
print([between(0, i, 2) for i in range(-1, 4)])
age = 17
print("teen" if 13 <= age <= 19 else "not teen")
