# Operations fail with Python's classes. Messages differ between CPython and
# pushbook for most of these, so only the class is printed, except for
# KeyError, whose str() is the repr of the missing key in both.
def cls_of(f):
    try:
        f()
    except Exception as e:
        return type(e).__name__
    return "no error"


def empty():
    return
    yield


def one_arg(x):
    return x


not_callable = 1
cases = [
    ("1 // 0", lambda: 1 // 0),
    ("1 % 0", lambda: 1 % 0),
    ("1 / 0", lambda: 1 / 0),
    ("1.0 / 0", lambda: 1.0 / 0),
    ("{}['k']", lambda: {}["k"]),
    ("[][0]", lambda: [][0]),
    ("'abc'[5]", lambda: "abc"[5]),
    ("(1, 2)[2]", lambda: (1, 2)[2]),
    ("int('x')", lambda: int("x")),
    ("float('x')", lambda: float("x")),
    ("'a' + 1", lambda: "a" + 1),
    ("1 + None", lambda: 1 + None),
    ("len(5)", lambda: len(5)),
    ("[1].index(2)", lambda: [1].index(2)),
    ("'ab'.index('z')", lambda: "ab".index("z")),
    ("[].pop()", lambda: [].pop()),
    ("{}.pop('k')", lambda: {}.pop("k")),
    ("sorted([1, 'a'])", lambda: sorted([1, "a"])),
    ("next(empty())", lambda: next(empty())),
    ("one_arg(1, 2)", lambda: one_arg(1, 2)),
    ("one_arg()", lambda: one_arg()),
    ("not_callable()", lambda: not_callable()),
    ("'x'.nope", lambda: "x".nope),
    ("{[]: 1}", lambda: {[]: 1}),
]
for text, f in cases:
    print(text, "->", cls_of(f))

for key in ["k", 1, (1, 2), "it's"]:
    try:
        {"other": 0}[key]
    except KeyError as e:
        print("missing", repr(key), "str:", str(e), "args:", e.args)
