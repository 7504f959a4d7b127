# A generator that yields after GeneratorExit makes close() raise
# RuntimeError (CPython: "generator ignored GeneratorExit"; the message is
# not part of the contract, so only the class is printed). An exception
# raised while handling GeneratorExit comes out of close().
def stubborn():
    try:
        yield "value"
    except GeneratorExit:
        print("ignoring GeneratorExit")
    yield "again"
    print("stubborn ends")


g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("close raised", type(e).__name__)
# CPython leaves g paused at its second yield, so next(g) would resume it;
# pushbook's generator is finished once it ignored GeneratorExit (README,
# "Where a cell differs"), so the case stops here.


def raises_other():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("cleanup failed")


g = raises_other()
next(g)
try:
    g.close()
except ValueError as e:
    print("close raised", type(e).__name__, str(e))
try:
    next(g)
except StopIteration:
    print("and the generator is finished")


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        print("returning on exit")
        return "ignored"


g = returns_on_exit()
next(g)
g.close()
print("close after a return is quiet")
