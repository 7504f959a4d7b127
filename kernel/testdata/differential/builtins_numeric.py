# sum, round, abs, divmod, min and max are Python's: exact ints, floats,
# mixing, bools as ints, banker's rounding, key= and default=, and Python's
# errors.


def report(what, f):
    try:
        print(what, "->", repr(f()))
    except Exception as e:
        print(what, "!!", type(e).__name__, e)


# --- sum ------------------------------------------------------------------------
report("sum([])", lambda: sum([]))
report("sum of ints", lambda: sum([1, 2, 3]))
report("sum with start", lambda: sum([1, 2, 3], 10))
report("sum with start=", lambda: sum([1, 2], start=100))
report("sum of big ints", lambda: sum([18446744073709551616, 18446744073709551616, -1]))
report("sum of floats", lambda: sum([0.1, 0.2, 0.3]))
report("sum mixed", lambda: sum([1, 2.5, 3]))
report("sum of bools", lambda: sum([True, True, False]))
report("sum of a range", lambda: sum(range(101)))
report("sum of a tuple", lambda: sum((1.5, 2.5)))
report("sum of a set", lambda: sum(set([1, 2, 3])))
report("sum of dict keys", lambda: sum({1: "a", 2: "b"}))
report("sum of lists", lambda: sum([[1], [2, 3]], []))
report("sum of tuples", lambda: sum([(1,), (2,)], ()))
report("sum of a generator expression", lambda: sum(x * x for x in range(4)))
report("sum of strings", lambda: sum(["a", "b"]))
report("sum with a str start", lambda: sum(["a", "b"], ""))
report("sum with start='' keyword", lambda: sum([], start=""))
report("sum with a bytes start", lambda: sum([], b""))
report("sum of lists without start", lambda: sum([[1]]))
report("sum of None", lambda: sum([1, None]))
report("sum of an int", lambda: sum(5))
report("sum()", lambda: sum())
report("sum of inf and -inf", lambda: sum([float("inf"), float("-inf")]))


def gen():
    yield 1
    yield 2.5
    yield True


report("sum of a generator", lambda: sum(gen()))

# --- round ------------------------------------------------------------------------
for x in [0.5, 1.5, 2.5, -0.5, -1.5, 3.5, 2.675, 0.125, 1e20, -2.5, 7.0]:
    print("round", x, "->", repr(round(x)), repr(round(x, 0)), repr(round(x, 1)), repr(round(x, 2)))
report("round(2.675, 2)", lambda: round(2.675, 2))
report("round(1.005, 2)", lambda: round(1.005, 2))
report("round(0.125, 2)", lambda: round(0.125, 2))
report("round(0.375, 2)", lambda: round(0.375, 2))
report("round(1234.5678, -2)", lambda: round(1234.5678, -2))
report("round(1250.0, -2)", lambda: round(1250.0, -2))
report("round(1350.0, -2)", lambda: round(1350.0, -2))
report("round(-0.4)", lambda: round(-0.4))
report("round(-0.4, 0)", lambda: round(-0.4, 0))
report("round(5)", lambda: round(5))
report("round(5, 2)", lambda: round(5, 2))
report("round(15, -1)", lambda: round(15, -1))
report("round(25, -1)", lambda: round(25, -1))
report("round(-25, -1)", lambda: round(-25, -1))
report("round(-35, -1)", lambda: round(-35, -1))
report("round(123456789, -4)", lambda: round(123456789, -4))
report("round(1000000000000000000000000000000 + 5, -1)", lambda: round(1000000000000000000000000000000 + 5, -1))
report("round(True)", lambda: round(True))
report("round(2.5, None)", lambda: round(2.5, None))
report("round(x, ndigits=1)", lambda: round(3.14159, ndigits=3))
report("round(1e300, 2)", lambda: round(1e300, 2))
report("round(0.1, 400)", lambda: round(0.1, 400))
report("round(123.4, -400)", lambda: round(123.4, -400))
report("round(inf)", lambda: round(float("inf")))
report("round(nan)", lambda: round(float("nan")))
report("round(inf, 2)", lambda: round(float("inf"), 2))
report("round('x')", lambda: round("x"))
report("round(None)", lambda: round(None))
report("round(1.5, 1.0)", lambda: round(1.5, 1.0))
report("round(1180591620717411303424 + 0.0)", lambda: round(1180591620717411303424.0))

# --- abs ------------------------------------------------------------------------
report("abs(-3)", lambda: abs(-3))
report("abs(3)", lambda: abs(3))
report("abs(-2.5)", lambda: abs(-2.5))
report("abs(-0.0)", lambda: abs(-0.0))
report("abs(-1267650600228229401496703205376)", lambda: abs(-1267650600228229401496703205376))
report("abs(True)", lambda: abs(True))
report("abs(False)", lambda: abs(False))
report("abs(-inf)", lambda: abs(float("-inf")))
report("abs('x')", lambda: abs("x"))
report("abs(None)", lambda: abs(None))
report("abs([1])", lambda: abs([1]))

# --- divmod ------------------------------------------------------------------------
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (7.5, 2), (-7.5, 2), (7, 0.5), (True, 2), (1180591620717411303424, 3)]:
    print("divmod", a, b, "->", divmod(a, b))
report("divmod(1, 0)", lambda: divmod(1, 0))
report("divmod(1.0, 0)", lambda: divmod(1.0, 0))
report("divmod(1, 0.0)", lambda: divmod(1, 0.0))
report("divmod(1, False)", lambda: divmod(1, False))
report("divmod('a', 1)", lambda: divmod("a", 1))
report("divmod(1, None)", lambda: divmod(1, None))

# --- min and max ------------------------------------------------------------------------
report("max(1, 2, 3)", lambda: max(1, 2, 3))
report("min(3, 1, 2)", lambda: min(3, 1, 2))
report("max([1, 5, 2])", lambda: max([1, 5, 2]))
report("min('hello')", lambda: min("hello"))
report("max('hello')", lambda: max("hello"))
report("max of mixed numbers", lambda: max(1, 2.5, True))
report("max with key", lambda: max(["apple", "fig", "banana"], key=len))
report("min with key", lambda: min(["apple", "fig", "banana"], key=len))
report("max with key over args", lambda: max(-3, 2, -1, key=abs))
report("max ties: the first", lambda: max([(1, "a"), (1, "b")], key=lambda t: t[0]))
report("min ties: the first", lambda: min([(1, "a"), (1, "b")], key=lambda t: t[0]))
report("max key=None", lambda: max([1, 3, 2], key=None))
report("max([])", lambda: max([]))
report("min([])", lambda: min([]))
report("max([], default=0)", lambda: max([], default=0))
report("min((), default=None)", lambda: min((), default=None))
report("max([4], default=0)", lambda: max([4], default=0))
report("max([], key=len, default='none')", lambda: max([], key=len, default="none"))
report("max(1, 2, default=0)", lambda: max(1, 2, default=0))
report("max()", lambda: max())
report("min(1)", lambda: min(1))
report("max of a dict", lambda: max({"a": 2, "b": 1}))
report("max of a dict by value", lambda: max({"a": 2, "b": 1}.items(), key=lambda kv: kv[1]))
report("max of a set", lambda: max(set([3, 9, 4])))
report("max of a range", lambda: max(range(10)))
report("min of an empty range", lambda: min(range(0), default="empty"))
report("min of a generator", lambda: min(x * x - 4 * x for x in range(10)))
report("max of lists", lambda: max([[1, 2], [1, 3], [0, 9]]))
report("max with a failing key", lambda: max([1, 0], key=lambda x: 1 // x if x else {}["k"]))
report("max of an int and a str", lambda: max(1, "a"))
report("min of a str and None", lambda: min(["a", None]))
report("max of False and 0", lambda: max(False, 0))
report("max of 0 and False", lambda: max(0, False))
report("max with a bad keyword", lambda: max([1], reverse=True))
