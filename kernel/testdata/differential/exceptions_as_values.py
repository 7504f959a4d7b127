# Exception classes and instances are values: kept in lists and dicts,
# passed to functions, compared, raised later, raised again.
errors = {"v": ValueError, "k": KeyError, "i": IndexError}
for key in ["v", "k", "i"]:
    try:
        raise errors[key]("from the table: " + key)
    except LookupError as e:
        print("lookup", type(e).__name__, e.args)
    except Exception as e:
        print("other", type(e).__name__, e.args)

print(ValueError.__name__, KeyError.__name__, BaseException.__name__)
print(type(ValueError("x")) == ValueError, type(KeyError("x")) == LookupError)
print(isinstance(KeyError("x"), (ValueError, LookupError)), isinstance(ValueError(), (KeyError, IndexError)))
print(isinstance(StopIteration(), Exception), isinstance(1, Exception))


def raise_it(exc):
    raise exc


saved = []
for cls in [ValueError, TypeError]:
    try:
        raise_it(cls("saved " + cls.__name__))
    except Exception as e:
        saved.append(e)
print(saved, [str(e) for e in saved])

for e in saved:
    try:
        raise e
    except (ValueError, TypeError) as again:
        print("raised again:", repr(again), again.args)

shared = RuntimeError("raised twice")
for i in range(2):
    try:
        raise shared
    except RuntimeError as e:
        print(i, str(e))

e1 = ValueError("same")
e2 = ValueError("same")
print(e1 == e1, str(e1) == str(e2), e1.args == e2.args)


def maybe(flag):
    if flag:
        return KeyError("returned, not raised")
    return None


r = maybe(True)
print("a returned exception is just a value:", repr(r))
