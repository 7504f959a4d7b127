# Decorators that keep state in a closure (a dict or list, since cells have
# no nonlocal): counting calls, memoizing, tracing recursion.
def counted(f):
    calls = [0]
    def wrapper(*args):
        calls[0] += 1
        print("call", calls[0], "of", args)
        return f(*args)
    return wrapper


@counted
def square(x):
    return x * x


print(square(3), square(4))


hits = [0]


def memoize(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        else:
            hits[0] += 1
        return cache[n]
    return wrapper


@memoize
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(10), "hits", hits[0])
print(fib(90), "hits", hits[0])


def trace(f):
    depth = [0]
    def wrapper(n):
        print("  " * depth[0] + "fact(%d)" % n)
        depth[0] += 1
        try:
            r = f(n)
        finally:
            depth[0] -= 1
        print("  " * depth[0] + "= %d" % r)
        return r
    return wrapper


@trace
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


print(fact(5))
