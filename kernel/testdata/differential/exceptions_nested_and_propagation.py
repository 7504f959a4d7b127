# Exceptions unwind through nested try statements and through calls; each
# finally on the way runs once, innermost first.
def level3(kind):
    try:
        print("  level3 raises", kind)
        if kind == "key":
            {}["k"]
        elif kind == "index":
            [][0]
        elif kind == "value":
            int("nope")
        return "level3 ok"
    finally:
        print("  level3 finally")


def level2(kind):
    try:
        return level3(kind)
    except IndexError as e:
        print("  level2 handled", type(e).__name__)
        return "level2 recovered"
    finally:
        print("  level2 finally")


def level1(kind):
    try:
        return level2(kind)
    except LookupError as e:
        print("  level1 handled", type(e).__name__, str(e))
        return "level1 recovered"


for kind in ["none", "index", "key", "value"]:
    print(kind)
    try:
        print(" ", level1(kind))
    except ValueError as e:
        print("  top handled", type(e).__name__)

try:
    try:
        try:
            raise KeyError("deep")
        except ValueError:
            print("wrong")
    except IndexError:
        print("wrong")
    finally:
        print("middle finally")
except KeyError as e:
    print("outermost caught", repr(e))


def recurse(n):
    try:
        if n == 0:
            raise RuntimeError("bottom")
        return recurse(n - 1)
    finally:
        print("unwinding", n)


try:
    recurse(3)
except RuntimeError as e:
    print("recursion unwound:", e)

results = []
for x in [1, 0, "a", 2]:
    try:
        try:
            results.append(10 // x)
        except ZeroDivisionError:
            results.append("div0")
            continue
        finally:
            results.append("f")
    except TypeError:
        results.append("type")
print(results)
