# repr of ints (arbitrary precision) and finite floats (shortest round-trip).
print(0, -0, 7, -7, 1000000, 123456789012345678901234567890)
big = 1
for _ in range(100):
    big = big * 2
print(big, -big, big // 3, big % 1000007)
print(0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3)
print(1e15, 1e16, 1e17, 123456789.0, 1234567890123456789.0)
print(1e-4, 1e-5, 0.0001, 0.00001, 1.5e-10, 2.5e300)
print(10 / 2, 10 / 4, 7 / 7, -1 / 8)
print(float(7), float("1.5"), int(3.9), int(-3.9), int("42"), int("-17"))
print(3 * 1.1, 100.0 / 3.0)
print(1.23456789e-300)
print([0.5, 1e100, -2.0], {"x": 3.0})
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 7.5 // 2, 7.5 % 2)
print(abs(-3), abs(-2.5), min(3, 1, 2), max([1.5, 2, -1]))
print(1 == 1.0, 2 > 1.5)
