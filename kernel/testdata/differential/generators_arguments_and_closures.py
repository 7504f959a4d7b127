# Generator functions take defaults, *args and **kwargs like any def; the
# body sees the arguments when it first runs, and closures see their
# enclosing variables' latest values.
def gen(a, b=2, *rest, **named):
    print("body starts with", a, b, rest, named)
    yield a + b
    for r in rest:
        yield r
    for k in sorted(named):
        yield k + "=" + str(named[k])


print(list(gen(1)))
print(list(gen(1, 5, 7, 8, z=1, y=2)))
print(list(gen(b=10, a=1)))

items = [1, 2]
g = gen(*items)
items.append(3)
print("created; items now", items)
print(list(g))


def make_multipliers():
    fs = []
    for i in range(3):
        fs.append(lambda x: x * i)
    return fs


print([f(10) for f in make_multipliers()])


def make_bound():
    fs = []
    for i in range(3):
        fs.append(lambda x, i=i: x * i)
    return fs


print([f(10) for f in make_bound()])


def outer(prefix):
    def inner_gen(xs):
        for x in xs:
            yield prefix[0] + str(x)
    return inner_gen


prefix = ["a:"]
ig = outer(prefix)
g = ig([1, 2])
print(next(g))
prefix[0] = "b:"
print(next(g))


def gen_of_gens(n):
    for i in range(n):
        yield gen(i, 0)


print([list(g) for g in gen_of_gens(3)])
