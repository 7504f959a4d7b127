# A decorator can catch what the function raises, convert it, or retry.
def safe(default):
    def decorate(f):
        def wrapper(*args):
            try:
                return f(*args)
            except (ZeroDivisionError, KeyError) as e:
                print("safe:", type(e).__name__, "->", repr(default))
                return default
        return wrapper
    return decorate


@safe(-1)
def ratio(a, b):
    return a // b


@safe("?")
def lookup(d, k):
    return d[k]


print(ratio(6, 3), ratio(1, 0))
print(lookup({"a": "A"}, "a"), lookup({}, "b"))


def converting(f):
    def wrapper(*args):
        try:
            return f(*args)
        except LookupError as e:
            raise ValueError("converted " + type(e).__name__)
    return wrapper


@converting
def first(xs):
    return xs[0]


try:
    first([])
except ValueError as e:
    print(str(e))


def retry(times):
    def decorate(f):
        def wrapper(attempts):
            for i in range(times):
                try:
                    return f(attempts)
                except RuntimeError as e:
                    print("attempt", i + 1, "failed:", e)
            raise RuntimeError("gave up after %d" % times)
        return wrapper
    return decorate


@retry(3)
def flaky(attempts):
    attempts.append(1)
    if len(attempts) < 3:
        raise RuntimeError("not yet")
    return "worked after %d" % len(attempts)


print(flaky([]))


@retry(2)
def broken(attempts):
    raise RuntimeError("never works")


try:
    broken([])
except RuntimeError as e:
    print(e)
