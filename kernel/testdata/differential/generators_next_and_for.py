# A def containing yield is a generator: next() runs it to the next yield,
# for consumes it, and exhaustion raises StopIteration (or gives next's default).
def count_up(n):
    print("start")
    i = 0
    while i < n:
        print("before yield", i)
        yield i
        print("after yield", i)
        i += 1
    print("end")


g = count_up(2)
print("created")
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
try:
    next(g)
except StopIteration:
    print("still exhausted")
print(next(g, "default"))
print(next(count_up(0), None))

for v in count_up(3):
    print("for got", v)

print(list(count_up(2)))
print(sorted(count_up(3)))
