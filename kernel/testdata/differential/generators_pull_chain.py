# Pull chains: each generator pulls from the one before it with next() or for.
def numbers(n):
    for i in range(n):
        print("numbers yields", i)
        yield i


def only_odd(source):
    for x in source:
        if x % 2 == 1:
            yield x


def squared(source):
    for x in source:
        yield x * x


def take(n, source):
    taken = 0
    while taken < n:
        try:
            v = next(source)
        except StopIteration:
            print("take: source ran dry")
            return
        yield v
        taken += 1


for v in take(2, squared(only_odd(numbers(10)))):
    print("result", v)
print(list(take(5, squared(only_odd(numbers(4))))))


def pairs(source):
    while True:
        a = next(source, None)
        b = next(source, None)
        if a == None:
            return
        yield (a, b)


print(list(pairs(numbers(5))))


def independent():
    yield "x"
    yield "y"


a = independent()
b = independent()
print(next(a), next(a), next(b))


def counter(start, step):
    while True:
        yield start
        start += step


c = counter(10, -3)
print([next(c) for _ in range(5)])
