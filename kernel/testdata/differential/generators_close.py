# close() raises GeneratorExit at the paused yield; the generator may catch it
# to clean up. Closing an unstarted or finished generator does nothing.
def worker(name):
    print(name, "started")
    try:
        while True:
            x = yield
            print(name, "got", x)
    except GeneratorExit:
        print(name, "cleaning up")


w = worker("w")
next(w)
w.send(1)
w.close()
print("closed once")
w.close()
print("closed twice")
try:
    next(w)
except StopIteration:
    print("next after close: StopIteration")
try:
    w.send(2)
except StopIteration:
    print("send after close: StopIteration")

# never started: close does not run the body at all
u = worker("u")
u.close()
print("unstarted closed")
try:
    next(u)
except StopIteration:
    print("unstarted then next: StopIteration")


def finite():
    yield 1
    print("finite ends")


f = finite()
print(list(f))
f.close()
print("finished closed")


def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("finally on close")


h = with_finally()
print(next(h))
h.close()
print("after close")


def uncaught():
    print("uncaught starts")
    yield 1
    print("never printed")


g = uncaught()
next(g)
g.close()
print("GeneratorExit not caught is fine")


def catches_base():
    try:
        yield 1
    except BaseException as e:
        print("caught", type(e).__name__, "args", e.args)


g = catches_base()
next(g)
g.close()


def exception_does_not_catch_exit():
    try:
        try:
            yield 1
        except Exception:
            print("wrong: Exception caught GeneratorExit")
    except GeneratorExit:
        print("GeneratorExit is not an Exception")
        raise


g = exception_does_not_catch_exit()
next(g)
g.close()
print("done")
