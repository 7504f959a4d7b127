# An exception raised in a generator's body comes out of next()/send() and
# finishes the generator; later next() calls raise StopIteration.
def fails_after_one():
    yield 1
    raise ValueError("body failed")
    yield 2


g = fails_after_one()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught", type(e).__name__, str(e))
try:
    next(g)
except StopIteration:
    print("finished")


def divides(xs):
    for x in xs:
        yield 10 // x


try:
    for v in divides([5, 2, 0, 1]):
        print("got", v)
except ZeroDivisionError as e:
    print("for loop raised", type(e).__name__)


def guarded(xs):
    for x in xs:
        try:
            v = 10 // x
        except ZeroDivisionError:
            print("skipping", x)
            continue
        yield v


print(list(guarded([5, 0, 2])))


def already_running():
    yield next(me)


me = already_running()
try:
    next(me)
except ValueError as e:
    # CPython: "generator already executing"; only the class is compared
    print("re-entered:", type(e).__name__)
