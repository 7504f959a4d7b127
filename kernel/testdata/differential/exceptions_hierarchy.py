# Python's exception hierarchy decides which except clause catches what.
def which(make):
    try:
        make()
    except ZeroDivisionError:
        return "ZeroDivisionError"
    except ArithmeticError:
        return "ArithmeticError"
    except KeyError:
        return "KeyError"
    except LookupError:
        return "LookupError"
    except StopIteration:
        return "StopIteration"
    except Exception:
        return "Exception"
    except BaseException:
        return "BaseException"


def raiser(cls):
    def r():
        raise cls("x")
    return r


for cls in [ZeroDivisionError, ArithmeticError, KeyError, IndexError, LookupError,
            StopIteration, ValueError, TypeError, RuntimeError, AttributeError,
            NameError, RecursionError, NotImplementedError, OverflowError,
            UnboundLocalError, Exception, GeneratorExit, KeyboardInterrupt, BaseException]:
    print(cls.__name__, "->", which(raiser(cls)))


def catches(exc, cls):
    try:
        raise exc
    except cls:
        return True
    except BaseException:
        return False


pairs = [
    (KeyError, LookupError), (IndexError, LookupError), (KeyError, IndexError),
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
    (UnboundLocalError, NameError), (StopIteration, Exception),
    (GeneratorExit, Exception), (GeneratorExit, BaseException),
    (KeyboardInterrupt, Exception), (ValueError, BaseException),
    (TypeError, ValueError), (FileNotFoundError, OSError), (TimeoutError, OSError),
    (ModuleNotFoundError, ImportError), (UnicodeError, ValueError),
    (AssertionError, Exception), (MemoryError, Exception), (SystemExit, Exception),
    (SystemExit, BaseException),
]
for exc, cls in pairs:
    print("except", cls.__name__, "catches", exc.__name__ + ":", catches(exc, cls))

print(isinstance(KeyError("k"), LookupError), isinstance(KeyError("k"), ValueError))
print(isinstance(GeneratorExit(), Exception), isinstance(GeneratorExit(), BaseException))
