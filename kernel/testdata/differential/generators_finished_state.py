# A finished generator (returned, raised, or closed) answers every call the
# same way: next/send raise StopIteration with value None, close is quiet.
def once():
    yield "only"
    return "ret"


def raises():
    yield 1
    raise KeyError("k")


def show(label, g):
    for attempt in ["next", "send", "next default"]:
        try:
            if attempt == "next":
                v = next(g)
            elif attempt == "send":
                v = g.send(None)
            else:
                v = next(g, "the default")
            print(label, attempt, "->", v)
        except StopIteration as e:
            print(label, attempt, "-> StopIteration, value", e.value)
    print(label, "close ->", g.close())


g = once()
print(list(g))
show("returned", g)

g = raises()
next(g)
try:
    next(g)
except KeyError as e:
    print("raised", repr(e))
show("raised", g)

g = once()
next(g)
g.close()
show("closed", g)

g = once()
g.close()
show("closed unstarted", g)

g = once()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("first stop carries", e.value)
try:
    next(g)
except StopIteration as e:
    print("second stop carries", e.value)
