# Decorators applied to generator functions: the seed's priming @coroutine,
# and wrappers that drive or transform what a generator yields.
def coroutine(func):
    def start(*args, **kwargs):
        cr = func(*args, **kwargs)
        cr.send(None)
        return cr
    return start


@coroutine
def collector(name, out=None):
    print(name, "primed")
    items = [] if out == None else out
    try:
        while True:
            x = yield
            items.append(x)
            print(name, "collected", x)
    except GeneratorExit:
        print(name, "closing with", items)


c = collector("c")
c.send(1)
c.send("two")
c.close()

store = []
k = collector(name="k", out=store)
k.send(3)
k.close()
print("store", store)


def doubled(genfunc):
    def wrapper(*args):
        for v in genfunc(*args):
            yield v * 2
    return wrapper


def labelled(label):
    def decorate(genfunc):
        def wrapper(*args):
            result = yield from genfunc(*args)
            print(label, "inner returned", result)
            return result
        return wrapper
    return decorate


@labelled("L")
@doubled
def numbers(n):
    for i in range(n):
        yield i
    return "ignored by doubled"


print(list(numbers(3)))


@labelled("R")
def with_return(n):
    yield n
    return n * 10


g = with_return(4)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration.value", e.value)


@coroutine
def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        x = yield avg
        total += x
        count += 1
        avg = total / count


a = averager()
print(a.send(10), a.send(20), a.send(0))
