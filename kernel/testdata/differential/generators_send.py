# send(v) resumes the generator with v as the value of the paused yield and
# returns the next yielded value; next(g) is send(None).
def echo():
    print("primed")
    received = []
    while True:
        x = (yield len(received))
        print("got", repr(x))
        received.append(x)
        if x == "stop":
            return received


g = echo()
print(g.send(None))
print(g.send("a"))
print(g.send(1))
print(next(g))
print(g.send([1, 2]))
try:
    g.send("stop")
except StopIteration as e:
    print("returned", e.value)


def accumulate():
    total = 0
    while True:
        v = yield total
        if v == None:
            print("None sent, total stays", total)
        else:
            total += v


acc = accumulate()
print(next(acc))
for v in [1, 2, 3]:
    print(acc.send(v))
print(next(acc))
print(acc.send(10))


def bare_yield_assignment():
    x = yield
    print("x is", x)
    y = yield
    print("y is", y)


b = bare_yield_assignment()
print(b.send(None))
print(b.send("first"))
try:
    b.send("second")
except StopIteration:
    print("finished")


def yield_in_expressions():
    print("sum", (yield 1) + (yield 2))
    print("list", [(yield "a"), (yield "b")])


e = yield_in_expressions()
print(next(e))
print(e.send(10))
print(e.send(20))
print(e.send("x"))
try:
    e.send("y")
except StopIteration:
    print("done")
