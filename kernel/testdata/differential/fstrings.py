# f-strings (issue #13): conversions, format specs, nested fields, escapes,
# the debug form and expressions of every kind.
name = "first"
data = [1, "two", 3.5]
width = 12
print(f"{name:>10s} RECEIVED: {data}")
print(f"{name!r} {name!s} {name!r:>9}|")
print(f"{3.14159:.2f}|{42:05d}|{255:#x}|{1234567:,}|{0.256:.0%}|{1e16}|{2**70}")
print(f"{name:{width}}|{name:>{width}}|{3.14159:{width}.{3}f}|{'ab':*^8}")
print(f"{{}} {{{len(data)}}} it's \"quoted\"\ttab")
print(rf"\d{name}\n", fr"\w{width}", F"{width}")
print(f"""multi
line {name}""")
d = {"k": [10, 20], "name": name}
print(f"{d['k'][1]} {d['name'].upper()} {'big' if width > 10 else 'small'} {len(name) * 2}")
print(f"{[i * i for i in range(5)]} {(lambda x: x + 1)(width)} { {'a': 1}['a'] } {width, name}")
print(f"{width=} {name=} {name = } {width=:>5} {name=!s}")
print(f"{None} {True} {False} {None!r} {[None, True]}")
print(f"{1 < width < 20} {name is not None} {width**2}")
for i in range(3):
    print(f"row {i:02d}: {'#' * i}")
try:
    print(f"{name:d}")
except ValueError as e:
    print("ValueError:", e)
try:
    print(f"{1 // 0}")
except ZeroDivisionError:
    print("ZeroDivisionError")
