# Exceptions: Python's classes and hierarchy, try/except/else/finally,
# raise, and finally on return, break and continue. cells_test.go runs this
# file as one cell in a fresh session; check() fails the cell, and the
# "# Output:" block at the end is what it must print.

def check(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))

def caught(f, *args):
    "the exception f(*args) raises, or None"
    try:
        f(*args)
    except Exception as e:
        return e
    return None

def name(f, *args):
    e = caught(f, *args)
    if e == None:
        return None
    return type(e).__name__

# --- the built-ins raise Python's classes -----------------------------------

check(name(lambda: {}["k"]), "KeyError", "a missing dict key")
check(name(lambda: [][1]), "IndexError", "a list index out of range")
check(name(lambda: 1 // 0), "ZeroDivisionError", "floor division by zero")
check(name(lambda: 1 / 0), "ZeroDivisionError", "division by zero")
check(name(lambda: 1 % 0), "ZeroDivisionError", "modulo by zero")
check(name(lambda: "a" + 1), "TypeError", "str + int")
check(name(len, 1), "TypeError", "len(int)")
check(name(int, "x"), "ValueError", "int('x')")
check(name(lambda: "a".nope), "AttributeError", "a missing attribute")
check(name(lambda: 1), None, "nothing raised")

# --- the hierarchy: an except clause catches subclasses ----------------------

def catches(exc, cls):
    try:
        raise exc
    except cls:
        return True
    except BaseException:
        return False

for exc, base in [
    (KeyError("k"), LookupError),
    (IndexError("i"), LookupError),
    (ZeroDivisionError("z"), ArithmeticError),
    (RecursionError("r"), RuntimeError),
    (NotImplementedError("n"), RuntimeError),
    (FileNotFoundError("f"), OSError),
    (ModuleNotFoundError("m"), ImportError),
    (StopIteration(), Exception),
    (ValueError("v"), Exception),
    (GeneratorExit(), BaseException),
    (KeyError("k"), (ValueError, LookupError)),
]:
    check(catches(exc, base), True, "%s caught by except %s" % (type(exc).__name__, base))
    check(isinstance(exc, base), True, "isinstance(%s, %s)" % (type(exc).__name__, base))

for exc, other in [
    (KeyError("k"), IndexError),
    (ValueError("v"), LookupError),
    (GeneratorExit(), Exception),
    (StopIteration(), LookupError),
]:
    check(catches(exc, other), False, "%s not caught by except %s" % (type(exc).__name__, other))
    check(isinstance(exc, other), False, "not isinstance(%s, %s)" % (type(exc).__name__, other))

# --- what an exception shows -----------------------------------------------

e = caught(lambda: {}["k"])
check(e.args, ("k",), "KeyError's args")
v = ValueError("bad", 2)
check(v.args, ("bad", 2), "args of ValueError('bad', 2)")
check(str(ValueError("msg")), "msg", "str(e)")
check(repr(ValueError("msg")), "ValueError('msg')", "repr(e)")
check(type(v) == ValueError, True, "type(e) == its class")
check(type(v) == TypeError, False, "type(e) != another class")
check(type(v).__name__, "ValueError", "type(e).__name__")
check(ValueError().args, (), "no arguments")

# --- raise, bare raise, raise a class --------------------------------------

def raises_class():
    raise KeyError

check(name(raises_class), "KeyError", "raise a class")
check(caught(raises_class).args, (), "raise a class: no args")

def reraise():
    try:
        {}["x"]
    except KeyError:
        raise

check(name(reraise), "KeyError", "a bare raise re-raises the handled exception")

def raise_in_handler():
    try:
        1 // 0
    except ZeroDivisionError:
        raise ValueError("from the handler")

e = caught(raise_in_handler)
check((type(e).__name__, str(e)), ("ValueError", "from the handler"), "an exception raised in a handler")

def first_matching_clause(x):
    try:
        if x == 0:
            raise KeyError("k")
        if x == 1:
            raise IndexError("i")
        if x == 2:
            raise ValueError("v")
        return "none"
    except KeyError:
        return "KeyError clause"
    except LookupError:
        return "LookupError clause"
    except (TypeError, ValueError) as err:
        return "tuple clause: " + str(err)

check([first_matching_clause(x) for x in range(4)],
      ["KeyError clause", "LookupError clause", "tuple clause: v", "none"], "the first matching clause runs")

def bare_except():
    try:
        [][0]
    except:
        return "bare"

check(bare_except(), "bare", "a bare except catches everything")

# --- else and finally ---------------------------------------------------------

def flow(fail):
    steps = []
    try:
        steps.append("try")
        if fail:
            raise ValueError("x")
    except ValueError:
        steps.append("except")
    else:
        steps.append("else")
    finally:
        steps.append("finally")
    steps.append("after")
    return steps

check(flow(False), ["try", "else", "finally", "after"], "try/else/finally without an exception")
check(flow(True), ["try", "except", "finally", "after"], "try/except/finally with one")

steps = []

def finally_on_return():
    try:
        steps.append("body")
        return "returned"
    finally:
        steps.append("finally")

check(finally_on_return(), "returned", "return through finally")
check(steps, ["body", "finally"], "finally runs on return")

def finally_overrides_return():
    try:
        return "try"
    finally:
        return "finally"

check(finally_overrides_return(), "finally", "return in finally wins")

def finally_in_loop():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out

check(finally_in_loop(), [0, "f0", "f1", 2, "f2", "f3"], "finally on continue and break")

def nested_finally():
    out = []
    try:
        try:
            raise KeyError("inner")
        finally:
            out.append("inner finally")
    except KeyError:
        out.append("outer except")
    finally:
        out.append("outer finally")
    return out

check(nested_finally(), ["inner finally", "outer except", "outer finally"], "finally before an outer handler")

def uncaught_passes_finally():
    try:
        raise IndexError("i")
    finally:
        print("finally runs as the exception passes")

check(name(uncaught_passes_finally), "IndexError", "an exception passes a finally")

def while_with_finally():
    n = 0
    out = []
    while True:
        n += 1
        try:
            if n < 3:
                continue
            break
        finally:
            out.append(n)
    return out

check(while_with_finally(), [1, 2, 3], "finally on continue and break in a while loop")

def handler_then_finally():
    try:
        raise ValueError("v")
    except ValueError:
        return "handler"
    finally:
        print("finally after a handler's return")

check(handler_then_finally(), "handler", "return from a handler")

# exceptions in a try inside a generator body
def guarded(xs):
    for x in xs:
        try:
            yield 10 // x
        except ZeroDivisionError:
            yield "inf"

check(list(guarded([1, 0, 5])), [10, "inf", 2], "a try in a generator body")

# Output:
# finally runs as the exception passes
# finally after a handler's return
