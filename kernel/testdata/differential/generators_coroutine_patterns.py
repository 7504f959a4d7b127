# Coroutine patterns from the seed's world: a state machine driven by send,
# a router, and a coroutine that replies to each send.
def coroutine(func):
    def start(*args, **kwargs):
        cr = func(*args, **kwargs)
        cr.send(None)
        return cr
    return start


@coroutine
def printer(name):
    while True:
        x = yield
        print("{0:>6s}: {1}".format(name, x))


@coroutine
def router(routes, default):
    while True:
        event = yield
        target = routes.get(event["type"], default)
        target.send(event["value"])


clicks = printer("click")
keys = printer("key")
other = printer("other")
r = router({"click": clicks, "key": keys}, other)
for e in [{"type": "click", "value": (1, 2)}, {"type": "key", "value": "a"},
          {"type": "scroll", "value": -3}, {"type": "key", "value": "b"}]:
    r.send(e)


@coroutine
def parser():
    state = "idle"
    while True:
        token = yield state
        if state == "idle" and token == "(":
            state = "open"
        elif state == "open" and token == ")":
            state = "idle"
        elif state == "open":
            state = "open"
        else:
            state = "error"


p = parser()
print([p.send(t) for t in ["(", "x", ")", ")", "("]])


@coroutine
def grep(pattern, target):
    print("looking for", repr(pattern))
    try:
        while True:
            line = yield
            if pattern in line:
                target.send(line)
    except GeneratorExit:
        print("grep done")
        target.close()


@coroutine
def sink():
    got = []
    try:
        while True:
            got.append((yield))
    except GeneratorExit:
        print("sink got", got)


head = grep("py", sink())
for line in ["python", "go", "pypy", "rust", "happy"]:
    head.send(line)
head.close()
