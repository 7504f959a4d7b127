# Sending a non-None value to a generator that has not started is a TypeError.
# CPython says "can't send non-None value to a just-started generator"; the
# message is not part of the contract, so only the class is printed.
def gen():
    print("body runs")
    x = yield 1
    print("received", x)
    yield 2


g = gen()
try:
    g.send("too early")
except TypeError as e:
    print("caught", type(e).__name__)

# the failed send did not start it: send(None) starts it now
print(g.send(None))
print(g.send("now"))

g2 = gen()
try:
    g2.send(0)
except TypeError as e:
    print("zero is not None either:", type(e).__name__)
print(next(g2))
