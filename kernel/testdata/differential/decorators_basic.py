# @d above a def replaces the function with d(function).
def announce(f):
    print("decorating a function")
    def wrapper(*args, **kwargs):
        print("calling with", args, kwargs)
        result = f(*args, **kwargs)
        print("returned", repr(result))
        return result
    return wrapper


@announce
def add(a, b=10):
    return a + b


print(add(1))
print(add(1, 2))
print(add(a=5, b=6))


def replace_with_value(f):
    return "not a function any more"


@replace_with_value
def gone():
    return 1


print(gone)


def register_into(registry):
    def register(f):
        registry.append(f)
        return f
    return register


handlers = []


@register_into(handlers)
def first():
    return "first handler"


@register_into(handlers)
def second():
    return "second handler"


print(len(handlers), [h() for h in handlers])
print(first())
