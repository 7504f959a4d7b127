# A generator's return value travels in StopIteration.value; a bare return or
# falling off the end gives None.
def returns(v):
    yield 1
    return v


def falls_off():
    yield 1


def bare_return():
    yield 1
    return


for make in [lambda: returns(42), lambda: returns("done"), lambda: returns([1, 2]), falls_off, bare_return]:
    g = make()
    print("first", next(g))
    try:
        next(g)
    except StopIteration as e:
        print("value", repr(e.value), "args", e.args, "str", repr(str(e)))


def returns_none():
    yield 1
    return None


g = returns_none()
next(g)
try:
    next(g)
except StopIteration as e:
    print("explicit None:", e.value)

# the return value is dropped by for and list
print(list(returns(7)))
for x in returns(8):
    print("for", x)


def no_yield_reached(flag):
    if flag:
        return "early"
    yield "never"


try:
    next(no_yield_reached(True))
except StopIteration as e:
    print("early return value", e.value)
print(list(no_yield_reached(False)))
