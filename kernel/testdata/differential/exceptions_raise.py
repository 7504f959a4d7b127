# raise with a class, with an instance, with a stored instance; bare raise
# re-raises the exception being handled.
try:
    raise ValueError
except ValueError as e:
    print("class:", type(e).__name__, repr(str(e)), e.args)

try:
    raise ValueError("message")
except ValueError as e:
    print("instance:", type(e).__name__, str(e), e.args)

saved = KeyError("saved")
try:
    raise saved
except KeyError as e:
    print("stored:", repr(e))


def reraise():
    try:
        {}["inner"]
    except KeyError:
        print("reraise: logging and re-raising")
        raise


try:
    reraise()
except LookupError as e:
    print("re-raised:", type(e).__name__, str(e))


def reraise_as_other():
    try:
        [][0]
    except IndexError:
        raise ValueError("converted")


try:
    reraise_as_other()
except ValueError as e:
    print("converted:", str(e))
except IndexError:
    print("wrong")


def reraise_after_nested_handling():
    try:
        raise KeyError("outer")
    except KeyError:
        try:
            raise ValueError("inner")
        except ValueError:
            print("inner handled")
        raise


try:
    reraise_after_nested_handling()
except KeyError as e:
    print("bare raise re-raised the outer:", repr(e))
except ValueError as e:
    print("wrong: re-raised the inner", repr(e))


def raise_in_else():
    try:
        pass
    except ValueError:
        print("wrong")
    else:
        raise TypeError("from else")


try:
    raise_in_else()
except TypeError as e:
    print("else raised:", str(e))

for cls in [ValueError, KeyError, IndexError, RuntimeError, StopIteration]:
    try:
        raise cls("via loop")
    except Exception as e:
        print(type(e).__name__, str(e))


def pick(name):
    if name == "value":
        return ValueError
    return KeyError


try:
    raise pick("value")("picked")
except ValueError as e:
    print("raised from a call:", repr(e))
