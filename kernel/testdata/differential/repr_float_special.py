# Python shows infinities and NaN as inf, -inf and nan. (nan == nan is not
# compared: Starlark orders floats totally, so there NaN equals itself.)
inf = float("inf")
print(inf, -inf, [inf], repr(-inf), str(inf))
nan = float("nan")
print(nan, [nan])
print(1e308 * 10)
print("{} {:f} {:.2f}".format(inf, inf, -inf))
