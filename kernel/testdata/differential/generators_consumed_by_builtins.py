# Builtins that take an iterable take a generator. list, tuple, sorted, max,
# min and join consume it at once. enumerate and zip are lazy in CPython but
# build their whole list first in pushbook (Starlark's), so the generators
# they read here print nothing, and only the pairs are compared.
def count_up(n):
    for i in range(n):
        print("  yield", i)
        yield i
    print("  end")


print("list", list(count_up(2)))
print("tuple", tuple(count_up(2)))
print("sorted", sorted(count_up(3), reverse=True))
print("max", max(count_up(3)))
print("min", min(count_up(3)))
print("join", "-".join([str(i) for i in count_up(3)]))
print("dict", dict(zip(["a", "b"], count_up(2))))
print("any", any(count_up(3)))
print("all", all(count_up(3)))
print("2 in", 2 in list(count_up(3)))

def quiet(n):
    for i in range(n):
        yield i


for i, v in enumerate(quiet(2)):
    print("enumerate", i, v)
for a, b in zip(quiet(3), ["x", "y"]):
    print("zip", a, b)
