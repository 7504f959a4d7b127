# str(e), repr(e), e.args and type(e).__name__ of exception instances.
cases = [
    ValueError(),
    ValueError("message"),
    ValueError("two", 2),
    ValueError(""),
    ValueError(None),
    ValueError(42),
    ValueError(["a", 1]),
    KeyError("k"),
    KeyError(),
    KeyError(1),
    KeyError("k", "j"),
    KeyError("it's"),
    KeyError('say "hi"'),
    IndexError("list index out of range"),
    StopIteration(),
    StopIteration(5),
    StopIteration("v"),
    GeneratorExit(),
    RuntimeError("it's \"quoted\""),
    Exception("line\nbreak"),
    Exception("tab\there"),
    BaseException("base"),
    LookupError("é ünïcode"),
]
for e in cases:
    print(type(e).__name__, "| str:", str(e), "| repr:", repr(e), "| args:", e.args)

print(StopIteration(5).value, StopIteration().value, StopIteration(1, 2).value)

# print(e) shows str(e); containers show repr of exceptions
print(ValueError("shown by print"))
print(KeyError("shown by print"))
print([ValueError("in a list"), KeyError("k")])
print({"error": IndexError(3)})
print("%s / %r" % (KeyError("k"), KeyError("k")))
print("{} / {!r}".format(ValueError("v"), ValueError("v")))

try:
    {"a": 1}["b"]
except KeyError as e:
    print("dict lookup:", str(e), "|", repr(e), "|", e.args)
