# Exceptions inside loops and comprehensions: continue and break from
# handlers, errors in a comprehension caught outside it, while/else.
def parse(xs):
    out = []
    for x in xs:
        try:
            out.append(int(x))
        except ValueError:
            out.append(None)
            continue
        finally:
            out.append("|")
        if len(out) > 6:
            break
    return out


print(parse(["1", "x", "2", "3", "y", "4"]))

try:
    print([10 // x for x in [5, 2, 0]])
except ZeroDivisionError as e:
    print("comprehension raised", type(e).__name__)

try:
    print({k: {"a": 1}[k] for k in ["a", "b"]})
except KeyError as e:
    print("dict comprehension raised", repr(e))

i = 0
found = None
while i < 5:
    try:
        if i == 3:
            raise IndexError(i)
    except IndexError as e:
        found = e.args[0]
        break
    finally:
        i += 1
print("stopped at", found, "i is", i)

attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 4:
            raise RuntimeError("retry %d" % attempts)
        print("succeeded after", attempts)
        break
    except RuntimeError as e:
        print(e)

total = 0
for row in [[1, 2], [3, "x"], [4, 5]]:
    for v in row:
        try:
            total += v
        except TypeError:
            print("bad value", repr(v), "skips the rest of row", row)
            break
print("total", total)
