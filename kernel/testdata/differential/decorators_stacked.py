# Stacked decorators: the expressions are evaluated top to bottom, before the
# def's default values; they are applied bottom up; the outermost wrapper
# runs first when the function is called.
def tag(name):
    print("evaluating tag", name)
    def decorate(f):
        print("applying tag", name)
        def wrapper(x):
            print("enter", name)
            r = "<%s>%s</%s>" % (name, f(x), name)
            print("leave", name)
            return r
        return wrapper
    return decorate


def default(v):
    print("evaluating default", v)
    return v


@tag("b")
@tag("i")
@tag("u")
def text(x=default("dflt")):
    print("body", x)
    return x


print(text("hi"))


def twice(f):
    def wrapper(x):
        return f(f(x))
    return wrapper


def inc(f):
    def wrapper(x):
        return f(x) + 1
    return wrapper


@twice
@inc
def double(x):
    return x * 2


@inc
@twice
def double2(x):
    return x * 2


print(double(3), double2(3))
