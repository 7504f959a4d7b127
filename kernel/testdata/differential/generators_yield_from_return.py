# yield from hands every value of the inner generator through and evaluates to
# the inner generator's return value; it also takes any iterable.
def inner(n):
    for i in range(n):
        yield "inner %d" % i
    return "inner returned %d" % n


def outer():
    r = yield from inner(2)
    print("outer got", r)
    r = yield from inner(0)
    print("outer got", r)
    r = yield from [10, 20]
    print("list gives", r)
    r = yield from range(2)
    print("range gives", r)
    yield from ["a", "b"]  # a list: strings are not iterable in pushbook (Starlark's rule)
    return "outer done"


g = outer()
for v in g:
    print("value", v)

g = outer()
while True:
    try:
        print("next", next(g))
    except StopIteration as e:
        print("stop value", e.value)
        break


def level3():
    yield 3
    return "three"


def level2():
    v = yield from level3()
    yield v
    return "two"


def level1():
    v = yield from level2()
    yield v
    return "one"


print(list(level1()))
g = level1()
next(g)
next(g)
next(g)
try:
    next(g)
except StopIteration as e:
    print("nested stop value", e.value)


def walk(tree, depth):
    yield "%s%s" % ("  " * depth, tree[0])
    for child in tree[1]:
        yield from walk(child, depth + 1)


tree = ["root", [["a", [["a1", []], ["a2", []]]], ["b", []]]]
for line in walk(tree, 0):
    print(line)
