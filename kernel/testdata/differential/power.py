# The power operator and pow() (issue #13): precedence, exact ints, floats,
# **=, and the errors a learner meets.
print(-2**2, 2**3**2, 2**-1, (-2)**2, ~2**2, 2 * 3**2)
print(2**10, 2**64, (-3)**3, 3**40, 10**30, 7**0, 0**0)
print(2**-2, 10**-2, 1.5**2, 4**0.5, 2.0**3, 0.0**0)
n = 3
n **= 2
xs = [2]
xs[0] **= 10
print(n, xs)
print(pow(2, 10), pow(2, -1), pow(2, 3, 5), pow(2, -1, 5), pow(-2, 3, -5))
squares = [i**2 for i in range(6)]
print(squares, max([i**3 for i in range(4)]))
for expr in [lambda: 0**-1, lambda: 0.0**-2, lambda: 10.0**400, lambda: pow(2, 3, 0)]:
    try:
        expr()
    except (ZeroDivisionError, OverflowError, ValueError) as e:
        print(type(e).__name__, e)
