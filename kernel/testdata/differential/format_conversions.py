# !r and !s conversions in format fields, and format(value, spec).
values = ["text", "it's", 'say "hi"', 42, 2.5, None, True, [1, "a"], {"k": "v"}, (1,), ""]
for v in values:
    print("{!r} | {!s} | {}".format(v, v, v))
print("[{!r:>10}]".format("x"))
print("[{0!r:<12}|{0!s:^9}]".format("mixed"))
print("{0!r} {0}".format("same arg twice"))

print(format(3.14159, ".2f"))
print(format(42, "5d") + "|")
print(format("x", "^5") + "|")
print(format(1234567, ","))
print(format(255, "#x"), format(255, "b"), format(0.5, "%"))
print(format(12.0), format("s"), format(7), format(-0.0))
print(format(1e-7, ".3g"), format(123456789.0, ".3e"))
