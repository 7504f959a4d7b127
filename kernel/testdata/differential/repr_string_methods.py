# String methods whose results are printed with repr.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print(repr("a,b,,c".split(",")), repr("a b  c".split()), repr("x".split(",")))
print(repr("k=v=w".split("=", 1)), repr("a.b.c".rsplit(".", 1)))
print(repr("line1\nline2\n".splitlines()), repr("".split(",")))
print("hello".find("l"), "hello".rfind("l"), "hello".find("z"), "hello".count("l"))
print(repr("hello".replace("l", "L", 1)), repr("abc".upper()), repr("ABC".lower()))
print(repr("hello world".capitalize()), repr("hello world".title()))
print("abc".startswith("ab"), "abc".endswith("bc"), "abc".isalpha(), "123".isdigit(), " ".isspace())
print(repr(", ".join(["a", "b"])), repr("".join([])), repr("-" * 5), repr("ab" * 0))
print(repr("%s=%r" % ("k", "v")), repr(str(1.5)), repr(str([1, "a"])))

print(repr("a" + "b"), "a" < "b", "B" < "a", "abc"[1], "abc"[-1], repr("abc"[1:]))
print(repr("Done: {}!".format("yes")), repr("{}".format("it's")), repr("{!r}".format("it's")))
