# callable, chr, ord, isinstance and print as Python has them.


def report(what, f):
    try:
        print(what, "->", repr(f()))
    except Exception as e:
        print(what, "!!", type(e).__name__, e)


def f():
    pass


report("callable(len)", lambda: callable(len))
report("callable(f)", lambda: callable(f))
report("callable(lambda)", lambda: callable(lambda: 1))
report("callable(ValueError)", lambda: callable(ValueError))
report("callable(1)", lambda: callable(1))
report("callable('f')", lambda: callable("f"))
report("callable([].append)", lambda: callable([].append))
report("callable()", lambda: callable())

report("chr(65)", lambda: chr(65))
report("chr(233)", lambda: chr(233))
report("chr(0x1F600)", lambda: chr(0x1F600))
report("chr(True)", lambda: chr(True))
report("chr(-1)", lambda: chr(-1))
report("chr(0x110000)", lambda: chr(0x110000))
report("chr('a')", lambda: chr("a"))
report("chr(1.5)", lambda: chr(1.5))
report("ord('A')", lambda: ord("A"))
report("ord('é')", lambda: ord("é"))
report("ord(b'a')", lambda: ord(b"a"))
report("ord('ab')", lambda: ord("ab"))
report("ord('')", lambda: ord(""))
report("ord(1)", lambda: ord(1))
print(list(map(ord, "hé!")), "".join([chr(i) for i in [104, 233, 33]]))

for x in [True, 1, 1.0, "s", None, [1], (1,), {}, b"x", range(1, 2)]:
    print(repr(x), isinstance(x, int), isinstance(x, bool), isinstance(x, float),
          isinstance(x, (str, list)), isinstance(x, (tuple, dict, bytes, range)))
print(isinstance(ValueError("x"), Exception), isinstance(KeyError("x"), (TypeError, LookupError)))
print(isinstance(map(len, []), map), isinstance(filter(None, []), filter))
report("isinstance(1, 1)", lambda: isinstance(1, 1))
report("isinstance(1, (int, 'x'))", lambda: isinstance(1, (str, "x")))

print("a", 1, None, [1, "b"], sep="|", end=".\n")
print()
print("no newline", end="")
print(" -- continued")
print(1, 2, 3, sep=", ")
print("x", "y", sep="")
