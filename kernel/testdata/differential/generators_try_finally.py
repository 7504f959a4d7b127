# try/except/finally around yields inside loops: finally runs when the
# generator ends normally, when it returns early, and when it is closed.
def guarded(n, stop_at):
    for i in range(n):
        try:
            if i == stop_at:
                print("returning at", i)
                return "early"
            yield i
        finally:
            print("finally", i)
    print("loop done")


print(list(guarded(3, -1)))
print(list(guarded(3, 1)))
g = guarded(5, -1)
print(next(g), next(g))
g.close()


def breaks():
    for i in range(5):
        try:
            if i == 2:
                break
            if i == 0:
                continue
            yield i
        finally:
            print("finally at", i)
    yield "after loop"


print(list(breaks()))


def nested():
    try:
        try:
            yield "inner"
        finally:
            print("inner finally")
        yield "between"
    finally:
        print("outer finally")


g = nested()
print(next(g))
g.close()
g = nested()
print(list(g))


def except_else():
    for x in [1, 0, 2]:
        try:
            r = 6 // x
        except ZeroDivisionError:
            yield "error for %d" % x
        else:
            yield "ok %d" % r
        finally:
            yield "finally %d" % x


print(list(except_else()))
