# Decorators: @expr lines before a def, evaluated top-down, applied
# bottom-up after the def, as Python does (PEP 318); the seed's @coroutine.
# cells_test.go runs this file as one cell in a fresh session; check() fails
# the cell, and the "# Output:" block at the end is what it must print.

def check(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))

order = []

def tag(label):
    order.append("make " + label)
    def decorate(f):
        order.append("apply " + label)
        def wrapped(*args, **kwargs):
            return label + "(" + f(*args, **kwargs) + ")"
        return wrapped
    return decorate

@tag("outer")
@tag("inner")
def hello(who, punct="!"):
    return "hello " + who + punct

check(order, ["make outer", "make inner", "apply inner", "apply outer"],
      "decorator expressions run top-down, then apply bottom-up")
check(hello("you"), "outer(inner(hello you!))", "stacked decorators wrap inside out")
check(hello("all", punct="?"), "outer(inner(hello all?))", "keyword arguments pass through")

def twice(f):
    def run(x):
        return f(f(x))
    return run

@twice
@twice
def inc(x):
    return x + 1

check(inc(0), 4, "@twice twice")

# a decorator that registers and returns the function unchanged
registry = []

def register(f):
    registry.append(f)
    return f

@register
def plain():
    return "plain"

check(len(registry), 1, "@register ran once")
check(registry[0] == plain, True, "a decorator may return the function itself")
check(plain(), "plain", "and the function works as defined")

# a decorator may replace the function with anything
def constant(f):
    return 42

@constant
def gone():
    return "never"

check(gone, 42, "the name is bound to what the decorator returned")

# decorator expressions: a call, a name from a dict, a lambda's result
decorators = {"double": lambda f: lambda x: 2 * f(x)}
double = decorators["double"]

@double
def ident(x):
    return x

check(ident(21), 42, "a decorator held in a variable")

# the seed's In [81]: prime a coroutine, so it has run to its first (yield)
def coroutine(func):
    def start(*args, **kwargs):
        cr = func(*args, **kwargs)
        cr.send(None)
        return cr
    return start

@coroutine
def co_sink(name):
    print("Init sink", name)
    try:
        while True:
            data = (yield)
            print("{0:>10s} RECEIVED: {1}".format(name, data))
    except GeneratorExit:
        print("CLOSING SINK", name)

s = co_sink("first")
s.send(1)
s.send("two")
s.close()

def counted(f):
    calls = [0]
    def wrapper(*args):
        calls[0] += 1
        return f(*args)
    wrapper_calls.append(calls)
    return wrapper

wrapper_calls = []

@counted
@coroutine
def averager():
    total, n = 0.0, 0
    while True:
        x = yield (total / n if n else None)
        total += x
        n += 1

a = averager()
check(wrapper_calls[0], [1], "@counted over @coroutine: the wrapper ran once")
check([a.send(2), a.send(4)], [2.0, 3.0], "a primed generator from stacked decorators")

# a decorated generator function inside a function: closures work
def make_ticker(step):
    @coroutine
    def ticker():
        n = 0
        while True:
            got = yield n
            n += step if got == None else got
    return ticker()

t = make_ticker(5)
check([t.send(None), t.send(None), t.send(1)], [5, 10, 11], "a decorated def inside a def")

# Output:
# Init sink first
#      first RECEIVED: 1
#      first RECEIVED: two
# CLOSING SINK first
