# Edge cases of try/except/else/finally with loops, returns, generators and
# decorators, checked against CPython.
def f1():
    log = []
    for i in range(4):
        try:
            if i == 2:
                raise ValueError(i)
            log.append(i)
        except ValueError as e:
            log.append("ve" + str(e))
            break
        finally:
            log.append("fin")
    return log
print(f1())

def f2():
    try:
        try:
            raise KeyError("a")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", repr(e))
f2()

def f3():
    try:
        pass
    except ValueError:
        print("no")
    else:
        try:
            raise IndexError("from else")
        except IndexError as e:
            print("else handled", e)
    finally:
        print("f3 finally")
f3()

def f4():
    try:
        try:
            raise ValueError("x")
        except ValueError:
            raise TypeError("y")
        finally:
            print("f4 inner finally")
    except TypeError as e:
        print("f4 got", type(e).__name__, e)
f4()

def gen():
    try:
        yield 1
        yield 2
        return "done"
    finally:
        print("gen finally")

g = gen()
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("stop value", e.value)

def f5():
    out = []
    for i in range(3):
        try:
            out.append([x * 2 for x in range(i)])
            if i == 1:
                continue
            out.append("after")
        finally:
            out.append("f")
    return out
print(f5())

def f6(n):
    try:
        return n * 2
    finally:
        print("f6 finally", n)
print(f6(5))

def f7():
    for i in range(3):
        try:
            try:
                if i == 1:
                    return "ret" + str(i)
            finally:
                print("f7 inner", i)
        finally:
            print("f7 outer", i)
print(f7())

def deco(tag):
    def wrap(fn):
        def inner(*a):
            print("call", tag)
            return fn(*a)
        return inner
    return wrap

@deco("x")
def gen2(n):
    for i in range(n):
        yield i * i
print(list(gen2(4)))

def chain():
    yield from gen2(3)
    yield from [10, 11]
print(list(chain()))

def catches_all():
    try:
        {}["z"]
    except Exception as e:
        print("caught", type(e).__name__, e.args)
catches_all()

try:
    raise StopIteration
except StopIteration as e:
    print("plain stop", e.args, e.value)

def errors_in_generator_expression():
    try:
        return [1 // x for x in [1, 0]]
    except ZeroDivisionError:
        return "zde"
print(errors_in_generator_expression())
