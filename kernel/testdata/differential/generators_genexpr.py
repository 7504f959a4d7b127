# Generator expressions: lazy, their first operand evaluated at once, usable
# as a call's only argument; a generator pipeline written with them.
log = []


def source(n):
    log.append("source starts")
    for i in range(n):
        log.append("source yields " + str(i))
        yield i


evens = (x for x in source(6) if x % 2 == 0)
squares = (x * x for x in evens)
print("made, nothing ran:", log)
print("first:", next(squares), log)
print("rest:", list(squares))
print(max(len(w) for w in ["push", "pull", "coroutine"]))
print(sorted((c for c in [3, 1, 2]), reverse=True))
print(list(a + b for a in [1, 2] for b in [10, 20] if a != b))

k = 5
scaled = list(k * i for i in range(3))
print(scaled)

g = (i for i in range(2))
print(next(g), next(g), next(g, "exhausted"))
