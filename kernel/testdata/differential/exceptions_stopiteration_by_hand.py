# StopIteration is an ordinary exception outside generators: raised and
# caught by hand, it carries its value; next() on exhausted generators
# raises it, or returns the default.
try:
    raise StopIteration
except StopIteration as e:
    print("bare class:", repr(e), e.value, e.args)

try:
    raise StopIteration("done")
except StopIteration as e:
    print("with value:", repr(e), e.value, e.args)

try:
    raise StopIteration(1, 2)
except Exception as e:
    print("two args:", repr(e), e.value, e.args)


def empty():
    return
    yield


def drain(g):
    n = 0
    while True:
        try:
            next(g)
            n += 1
        except StopIteration:
            return n


def three():
    yield 1
    yield 2
    yield 3


print(drain(three()), drain(empty()))
print(next(empty(), "dflt"), next(empty(), None), next(three(), "unused"))


def manual_iterator(xs):
    state = {"i": 0}
    def step():
        if state["i"] >= len(xs):
            raise StopIteration
        state["i"] += 1
        return xs[state["i"] - 1]
    return step


step = manual_iterator(["a", "b"])
while True:
    try:
        print(step())
    except StopIteration:
        print("manual iterator done")
        break
