# The % operator with widths, flags, precisions and mapping keys.
print("%5d|%-5d|%05d|%+d" % (42, 42, 42, 42))
print("%.2f|%10.3f|%-10.1f|" % (3.14159, 2.5, 1.25))
print("%.2e|%.3g" % (0.000123, 1234567.0))
print("%s|%5s|%-5s|%.2s" % ("x", "y", "z", "abc"))
print("%(name)s is %(age)d" % {"name": "Bo", "age": 3})
