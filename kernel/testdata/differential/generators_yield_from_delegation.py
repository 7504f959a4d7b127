# yield from passes send, throw and close through to the inner generator.
def inner():
    print("inner starts")
    try:
        while True:
            try:
                x = yield "inner ready"
                print("inner got", x)
            except ValueError as e:
                print("inner handled", type(e).__name__, str(e))
                yield "inner recovered"
    except GeneratorExit:
        print("inner closing")
        raise
    finally:
        print("inner finally")


def outer():
    try:
        r = yield from inner()
        print("never: inner does not return", r)
    except GeneratorExit:
        print("outer closing")
        raise
    except KeyError as e:
        print("outer handled", repr(e))
        yield "outer recovered"


g = outer()
print(next(g))
print(g.send("hello"))
print(g.send(42))
print(g.throw(ValueError("v")))
print(next(g))
g.close()
print("closed")

# an exception the inner generator does not handle comes out to the outer one
g = outer()
next(g)
print(g.throw(KeyError("missing")))
try:
    next(g)
except StopIteration:
    print("outer finished")


def inner_returning():
    x = yield "give me something"
    return "inner saw %s" % x


def outer_returning():
    r = yield from inner_returning()
    return "outer: " + r


g = outer_returning()
print(next(g))
try:
    g.send("data")
except StopIteration as e:
    print(e.value)


# throw into yield from an inner generator that has already finished
def short():
    yield 1


def after_short():
    yield from short()
    try:
        yield 2
    except ValueError:
        print("outer caught it after inner finished")
        yield 3


g = after_short()
print(next(g), next(g))
print(g.throw(ValueError))

# yield from a list: send(None) goes through, throw reaches the outer body
def over_list():
    try:
        yield from [1, 2, 3]
    except IndexError:
        print("list delegation interrupted")
        yield "recovered"


g = over_list()
print(next(g))
print(g.send(None))
print(g.throw(IndexError))
