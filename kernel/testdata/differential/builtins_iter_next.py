# iter and next are Python's: iter(x) is an iterator over lists, tuples,
# strings, dicts, sets and ranges; a generator (or an iterator) is its own
# iterator; next takes a default; an exhausted iterator raises StopIteration.


def report(what, f):
    try:
        print(what, "->", repr(f()))
    except Exception as e:
        print(what, "!!", type(e).__name__, e)


# --- over lists, tuples, strings, dicts, sets, ranges ---------------------
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "end"), next(it, None))
report("next after the end", lambda: next(it))
it = iter("héllo")
print(next(it), next(it), list(it))
it = iter((10, 20))
print(list(it), list(it))
it = iter({"a": 1, "b": 2})
print(next(it), list(it))
it = iter(set([5]))
print(next(it), next(it, "no more"))
it = iter(range(3, 12, 4))
print(list(it))
it = iter(range(10000000000))
print(next(it), next(it))
print(next(iter(""), "empty string"), next(iter([]), "empty list"))

# --- iterators share their position -----------------------------------
it = iter(range(6))
for x in it:
    if x == 2:
        break
print("after break:", next(it), list(it))
it = iter([1, 2, 3, 4])
print(list(zip(it, it)))
it = iter("abcdef")
print([c + next(it) for c in it])
it = iter([3, 1, 2])
print(iter(it) == it, sorted(it), list(it))

# --- a list may grow while an iterator reads it -------------------------
xs = [1, 2]
it = iter(xs)
print(next(it))
xs.append(3)
print(list(it))
xs.append(4)
print(list(it), "stays exhausted")

# --- generators -------------------------------------------------------------


def gen(n):
    for i in range(n):
        yield i * i
    return "done"


g = gen(3)
print(iter(g) == g)
print(next(g), next(iter(g)), list(g))
print(next(g, "exhausted"))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", repr(str(e)))
g = gen(5)
print(next(g), [x for x in iter(g)])

# --- iter(callable, sentinel) ----------------------------------------------
box = [5, 4, 3, 2, 1]
print(list(iter(lambda: box.pop(), 2)))
print(box)

# --- next over what is not an iterator, and other errors -------------------
report("next of a list", lambda: next([1]))
report("next of a str", lambda: next("ab"))
report("next of a dict", lambda: next({}))
report("next of None", lambda: next(None))
report("next()", lambda: next())
report("iter()", lambda: iter())
report("iter of an int", lambda: iter(5))
report("iter of None", lambda: iter(None))
report("iter(1, 2)", lambda: iter(1, 2))
report("next(iter([]))", lambda: next(iter([])))
report("next(iter([]), default)", lambda: next(iter([]), 0))


def failing():
    yield "one"
    raise KeyError("two")


g = failing()
print(next(g))
try:
    next(g)
except KeyError as e:
    print("next raised", type(e).__name__, e)
print(next(g, "finished after raising"))
it = iter(failing())
print(next(it))
report("list of the rest", lambda: list(it))
print(next(it, "finished"))
