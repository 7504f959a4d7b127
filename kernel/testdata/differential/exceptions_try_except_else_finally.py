# try/except/else/finally: which clauses run, and in which order.
def attempt(x):
    print("attempt", repr(x))
    try:
        r = 10 // x
    except ZeroDivisionError:
        print("  except ZeroDivisionError")
    except TypeError as e:
        print("  except TypeError as", type(e).__name__)
    else:
        print("  else: result", r)
    finally:
        print("  finally")
    print("  after")


attempt(2)
attempt(0)
attempt("s")

try:
    print("no error")
except ValueError:
    print("not printed")
else:
    print("else runs")

try:
    int("x")
except:
    print("bare except catches ValueError")

try:
    {}["k"]
except (ValueError, KeyError) as e:
    print("tuple caught", type(e).__name__)

try:
    [][1]
except (ValueError, TypeError):
    print("wrong")
except (KeyError, IndexError) as e:
    print("second tuple caught", type(e).__name__)

errors = (ZeroDivisionError, KeyError)
try:
    1 // 0
except errors as e:
    print("tuple in a variable caught", type(e).__name__)

for exc in [ValueError, KeyError, IndexError, TypeError]:
    try:
        raise exc("m")
    except ValueError:
        print(exc.__name__, "-> ValueError clause")
    except LookupError:
        print(exc.__name__, "-> LookupError clause")
    except Exception:
        print(exc.__name__, "-> Exception clause")

try:
    try:
        raise ValueError("inner")
    finally:
        print("finally before the outer handler")
except ValueError as e:
    print("outer caught", str(e))

try:
    print("else may raise")
except ValueError:
    print("not from else")
else:
    try:
        raise KeyError("from else")
    except KeyError as e:
        print("else's own error", repr(e))
