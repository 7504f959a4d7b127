# throw(E) raises E at the paused yield: with a class or an instance. A
# generator that catches it and yields again hands that value to throw();
# one that does not lets it out of throw() and is finished.
def resilient():
    n = 0
    while True:
        try:
            yield n
        except ValueError as e:
            print("resilient caught", type(e).__name__, repr(str(e)), e.args)
            n += 100
        n += 1


g = resilient()
print(next(g))
print(g.throw(ValueError))
print(g.throw(ValueError("boom")))
print(g.throw(ValueError("two", 2)))
print(next(g))

err = KeyError("k")
try:
    g.throw(err)
except KeyError as e:
    print("not caught inside:", repr(e), "same object args", e.args)
try:
    next(g)
except StopIteration:
    print("finished after uncaught throw")


def fresh():
    print("fresh body ran")
    yield 1


# throw into an unstarted generator raises at its start: the body never runs
g = fresh()
try:
    g.throw(IndexError("early"))
except IndexError as e:
    print("unstarted throw:", str(e))
print(next(g, "exhausted"))

# throw into a finished generator just raises
g = fresh()
print(list(g))
try:
    g.throw(ZeroDivisionError("late"))
except ZeroDivisionError as e:
    print("finished throw:", str(e))


def throw_then_return():
    try:
        yield 1
    except LookupError as e:
        print("caught as LookupError:", type(e).__name__)
        return "handled"


g = throw_then_return()
next(g)
try:
    g.throw(IndexError)
except StopIteration as e:
    print("throw ended it with value", e.value)


def throw_then_finally():
    try:
        yield 1
    finally:
        print("finally runs on throw")


g = throw_then_finally()
next(g)
try:
    g.throw(TypeError("t"))
except TypeError as e:
    print("propagated", type(e).__name__, e)


def throw_generator_exit():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit thrown explicitly")
        yield 2


g = throw_generator_exit()
next(g)
print(g.throw(GeneratorExit))
