# An exception raised in a generator's body while a builtin (list, sorted,
# tuple, ...) consumes it comes out of that builtin, where a try catches it.
def lookup(d, keys):
    for k in keys:
        yield d[k]


try:
    print(list(lookup({"a": 1}, ["a", "b"])))
except LookupError as e:
    print("list:", type(e).__name__, str(e), repr(e))

try:
    print(sorted(lookup({"a": 1}, ["missing"])))
except KeyError as e:
    print("sorted:", repr(e))


def fails():
    yield 1
    raise ValueError("in the body")


try:
    print(tuple(fails()))
except ValueError as e:
    print("tuple:", str(e))
print("the cell goes on")
