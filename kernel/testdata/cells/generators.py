# Generators: next, send, throw, close, StopIteration.value, yield from,
# for loops and list() over a generator, as Python defines them (PEP 255,
# 342, 380). cells_test.go runs this file as one cell in a fresh session;
# check() fails the cell, and the "# Output:" block at the end is what it
# must print.

def check(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))

def raised(f, *args):
    "the class name of the exception f(*args) raises, or None"
    try:
        f(*args)
    except Exception as e:
        return type(e).__name__
    return None

log = []

# --- next, exhaustion, next's default ---------------------------------------

def count_up(n):
    log.append("start")
    for i in range(n):
        yield i
    log.append("end")

g = count_up(2)
check(log, [], "calling a generator function runs nothing of its body")
check(next(g), 0, "first next")
check(next(g), 1, "second next")
check(log, ["start"], "the body waits at its yield")
check(raised(next, g), "StopIteration", "next on an ended generator")
check(log, ["start", "end"], "the body ran on to its end")
check(raised(next, g), "StopIteration", "next again: still ended")
check(next(g, "default"), "default", "next's default once ended")
check(next(count_up(0), None), None, "a generator with nothing to yield")

# --- for, list, comprehensions, enumerate, sorted ----------------------------

check(list(count_up(3)), [0, 1, 2], "list(g)")
check([x * 10 for x in count_up(3)], [0, 10, 20], "a comprehension over g")
check([(i, v) for i, v in enumerate(count_up(2))], [(0, 0), (1, 1)], "enumerate(g)")
check(sorted(count_up(3), reverse=True), [2, 1, 0], "sorted(g)")
seen = []
for v in count_up(4):
    if v == 2:
        break
    seen.append(v)
check(seen, [0, 1], "break out of a for over g")

def pairs():
    yield 1, "a"
    yield 2, "b"

check(list(pairs()), [(1, "a"), (2, "b")], "yield a, b yields a tuple")

def nothing():
    return
    yield

check(list(nothing()), [], "a def with an unreachable yield is still a generator")

# --- send ---------------------------------------------------------------------

def echo():
    got = []
    while True:
        x = yield len(got)
        got.append(x)
        if x == "stop":
            return got

e = echo()
check(raised(e.send, "early"), "TypeError", "send(non-None) to a just-started generator")
check(e.send(None), 0, "send(None) starts it and returns the first yield")
check(e.send("a"), 1, "send returns the next yield")
check(next(e), 2, "next(g) sends None")
stop = None
try:
    e.send("stop")
except StopIteration as s:
    stop = s
check(stop.value, ["a", None, "stop"], "return v is StopIteration.value")
check(stop.args, (["a", None, "stop"],), "and StopIteration.args")
check(raised(e.send, 1), "StopIteration", "send to a generator that returned")

def falls_off():
    yield 1

f = falls_off()
next(f)
try:
    next(f)
except StopIteration as s:
    check(s.value, None, "a body that falls off its end: StopIteration.value is None")

# the seed's running_avg: yield both receives and replies
def running_avg():
    total = float((yield))
    count = 1
    while True:
        i = yield total / count
        count += 1
        total += i

r = running_avg()
r.send(None)
check([r.send(10), r.send(100), r.send(100)], [10.0, 55.0, 70.0], "running_avg replies")

# --- throw ------------------------------------------------------------------

def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as err:
            log.append("caught " + str(err))
            yield "handled"

c = catcher()
check(next(c), "ready", "catcher starts")
check(c.throw(ValueError("bad")), "handled", "throw returns the body's next yield")
check(log[-1], "caught bad", "the body caught the thrown exception")
check(next(c), "ready", "the body goes on after its handler")
check(c.throw(ValueError), "handled", "throw takes a class too")
check(raised(c.throw, KeyError("k")), "KeyError", "an exception the body does not catch comes back out")
check(raised(next, c), "StopIteration", "and the generator has ended")

fresh = catcher()
check(raised(fresh.throw, ValueError("x")), "ValueError", "throw into an unstarted generator raises at once")
check(raised(next, fresh), "StopIteration", "and ends it without running the body")
check(raised(fresh.throw, 42), "TypeError", "throw needs an exception")

# --- close and GeneratorExit -------------------------------------------------

def worker(name):
    print(name, "started")
    try:
        while True:
            x = (yield)
            print(name, "got", x)
    except GeneratorExit:
        print(name, "cleaning up")

w = worker("w")
next(w)
w.send(1)
check(w.close(), None, "close returns None")
w.close()  # a second close does nothing
print("closed twice")
check(raised(next, w), "StopIteration", "next after close")
check(raised(w.send, 2), "StopIteration", "send after close")

unstarted = worker("never")
unstarted.close()
check(raised(next, unstarted), "StopIteration", "closing an unstarted generator ends it; its body never runs")

def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("finally on close")

wf = with_finally()
next(wf)
wf.close()

def uncaught():
    yield 1
    print("never printed")

u = uncaught()
next(u)
u.close()
print("GeneratorExit not caught ends the body quietly")

def reports_exit():
    try:
        yield
    except GeneratorExit as ge:
        log.append(type(ge).__name__)
        log.append(isinstance(ge, Exception))
        log.append(isinstance(ge, BaseException))

re = reports_exit()
next(re)
re.close()
check(log[-3:], ["GeneratorExit", False, True], "GeneratorExit is a BaseException, not an Exception")

# a body that yields after close: RuntimeError
def stubborn():
    while True:
        try:
            yield "again"
        except GeneratorExit:
            print("stubborn ignores GeneratorExit")

st = stubborn()
next(st)
msg = ""
try:
    st.close()
except RuntimeError as err:
    msg = str(err)
check("ignored GeneratorExit" in msg, True, "close of a body that yields again: RuntimeError, got %r" % msg)

# --- yield from -----------------------------------------------------------

def inner():
    x = yield "i1"
    log.append("inner got %s" % x)
    try:
        yield "i2"
    except KeyError:
        log.append("inner caught KeyError")
        yield "i3"
    return "inner result"

def outer():
    r = yield from inner()
    log.append("outer got %s" % r)
    yield from [10, 20]
    yield "o1"

o = outer()
check(next(o), "i1", "yield from: the inner's first value")
check(o.send("s"), "i2", "send passes through yield from")
check(log[-1], "inner got s", "the inner generator got the sent value")
check(o.throw(KeyError), "i3", "throw passes through yield from")
check(next(o), 10, "the inner's return value, then yield from a list")
check(log[-2:], ["inner caught KeyError", "outer got inner result"], "yield from's value is what the inner returned")
check(list(o), [20, "o1"], "the rest")

def closing_inner():
    try:
        yield "a"
        yield "b"
    finally:
        print("inner closed")

def delegator():
    try:
        yield from closing_inner()
    finally:
        print("delegator closed")

d = delegator()
next(d)
d.close()

def chain(*gens):
    for gen in gens:
        yield from gen

check(list(chain(count_up(2), [7], pairs())), [0, 1, 7, (1, "a"), (2, "b")], "yield from in a loop")

# Output:
# w started
# w got 1
# w cleaning up
# closed twice
# finally on close
# GeneratorExit not caught ends the body quietly
# stubborn ignores GeneratorExit
# inner closed
# delegator closed
