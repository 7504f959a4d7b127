# Decorator factories with keyword arguments, decorators on nested defs,
# decorators that change the arity, and decorators applied by hand.
def prefix(text="", upper=False):
    def decorate(f):
        def wrapper(*args):
            r = text + f(*args)
            if upper:
                return r.upper()
            return r
        return wrapper
    return decorate


@prefix(text=">> ")
def greet(name):
    return "hello " + name


@prefix(upper=True)
def shout(name):
    return "hey " + name


@prefix()
def plain(name):
    return name


print(greet("ann"), "|", shout("bo"), "|", plain("cy"))


def partial_first(value):
    def decorate(f):
        def wrapper(*rest):
            return f(value, *rest)
        return wrapper
    return decorate


@partial_first(100)
def add3(a, b, c):
    return a + b + c


print(add3(1, 2))


def make_counter_funcs():
    log = []
    def logged(f):
        def wrapper(x):
            log.append(x)
            return f(x)
        return wrapper

    @logged
    def neg(x):
        return -x

    @logged
    @logged
    def ident(x):
        return x

    return neg, ident, log


neg, ident, log = make_counter_funcs()
print(neg(1), ident(2), log)


def twice(f):
    return lambda x: f(f(x))


def inc(x):
    return x + 1


by_hand = twice(twice(inc))


@twice
@twice
def decorated(x):
    return x + 1


print(by_hand(0), decorated(0))


def identity(f):
    return f


@identity
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


print(fact(20))
