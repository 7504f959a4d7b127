# The seed's co_sink line, "{0:>10s} RECEIVED: {1}", with every kind of
# value the pipeline may carry: {1} shows str(value).
for name, data in [("first", 100), ("display", 2.5), ("second", "text"),
                   ("lists", [1, "a"]), ("dicts", {"k": "v", "n": None}),
                   ("tuples", ("x",)), ("nothing", None), ("truth", True),
                   ("exactlyten", -1), ("big", 12345678901234567890),
                   ("nested", {"a": [{"b": ("c", 1.0)}]})]:
    print("{0:>10s} RECEIVED: {1}".format(name, data))
print("{0:>10s} RECEIVED: {1!r}".format("repr", "quoted"))
print("{0:<10s}|{1:^10}|{2:>10}|".format("l", "c", "r"))
print("{:>10}|{:<10}|{:^10}|".format(1.5, -2, "s"))
print("{:>10}|".format("x"))
