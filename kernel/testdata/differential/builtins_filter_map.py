# filter and map are Python's: lazy iterators that read their iterables
# only as far as someone asks, over lists, strings, generators and each
# other; errors come out of whatever reads them.


def report(what, f):
    try:
        print(what, "->", f())
    except Exception as e:
        print(what, "!!", type(e).__name__, e)


# --- the plain cases ----------------------------------------------------------
print(list(filter(lambda x: x > 1, [1, 2, 3])))
print(list(filter(None, [0, 1, "", "a", [], [0], None, False, True, 0.0, 2.5])))
print(list(map(lambda x: x * 10, [1, 2, 3])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))  # stops at the shortest
print(list(map(lambda a, b, c: (a, b, c), "ab", (1, 2, 3), [True, False, None])))
print(list(map(str, range(4))))
print(list(map(len, ["", "a", "bb"])))
print(list(filter(lambda c: c.isdigit(), "a1b22c3")))
print("".join(map(lambda c: c.upper(), "shout")))
print(list(map(abs, filter(lambda x: x % 2, range(-5, 5)))))
print(sorted(map(lambda kv: kv[1], {"a": 3, "b": 1}.items())))
print(sum(map(lambda x: x * x, range(5))))
print(max(map(len, ["one", "three", "two"])))
print(tuple(filter(lambda s: s.startswith("b"), ("ant", "bee", "bat"))))
print(dict(map(lambda k: (k, len(k)), ["x", "yy"])))
print(list(map(lambda x: x, [])), list(filter(None, [])))

# --- laziness: nothing runs until asked, each item read once ------------------
log = []


def noisy(x):
    log.append(x)
    return x * 2


m = map(noisy, [1, 2, 3])
print(log)
print(next(m), log)
print(list(m), log)
print(list(m), "is exhausted")
f = filter(lambda x: x > 0, [-1, 2, -3, 4])
for x in f:
    print("first positive", x)
    break
print("rest", list(f))

# --- over generators, including endless ones --------------------------------


def naturals():
    n = 0
    while True:
        yield n
        n += 1


evens = filter(lambda n: n % 2 == 0, naturals())
print([next(evens) for _ in range(5)])
squares = map(lambda n: n * n, naturals())
print(next(squares), next(squares), next(squares))
pairs = map(lambda a, b: (a, b), naturals(), "xyz")
print(list(pairs))


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    print("countdown done")


print(list(map(lambda x: -x, countdown(3))))
print(list(filter(lambda x: x != 2, countdown(4))))
print(list(map(lambda x: x + 1, map(lambda x: x * 2, filter(None, [0, 1, 2, 0, 3])))))

# --- the for loop and the comprehension -------------------------------------
for a, b in map(lambda x: (x, x * x), [2, 3]):
    print("pair", a, b)
print([x for x in filter(lambda x: x % 3 == 0, range(10))])
print(list(enumerate(map(str, [7, 8]))))
print(list(zip(map(str, [1, 2]), filter(None, [0, "a", "b"]))))

# --- types and truth ---------------------------------------------------------
print(bool(map(len, [])), bool(filter(None, [])))
print(isinstance(map(len, []), map), isinstance(filter(None, []), filter))
print(isinstance(map(len, []), filter))

# --- errors: when made and when read -----------------------------------------


def inverse(x):
    if x == 0:
        raise ZeroDivisionError("no inverse of 0")
    return 10 // x


report("map(len)", lambda: map(len))
report("map()", lambda: map())
report("filter(len)", lambda: filter(len))
report("map over an int", lambda: map(len, 5))
report("map of an int", lambda: list(map(1, [1])))
report("filter of a str", lambda: list(filter("f", [1])))
try:
    list(map(lambda a, b: a, [1]))
except TypeError as e:
    print("map with the wrong arity: TypeError")  # the messages differ
report("map's function raises", lambda: list(map(inverse, [1, 0])))
report("filter's function raises", lambda: list(filter(lambda x: {}[x], [1])))
report("map with a keyword", lambda: map(len, [1], strict=True))


def broken():
    yield 1
    raise ValueError("broken generator")


report("list(map over a failing generator)", lambda: list(map(lambda x: x, broken())))
report("sum(filter over a failing generator)", lambda: sum(filter(None, broken())))
m = map(inverse, [5, 0, 2])
print(next(m))
try:
    next(m)
except ZeroDivisionError as e:
    print("next raised", type(e).__name__, e)
print("and goes on with", next(m))
try:
    for x in map(inverse, [1, 0]):
        print("loop got", x)
except ZeroDivisionError as e:
    print("the for loop raised", type(e).__name__)
try:
    next(map(len, []))
except StopIteration as e:
    print("empty map:", type(e).__name__, repr(str(e)))
print(next(filter(None, [0, 0]), "default"))
