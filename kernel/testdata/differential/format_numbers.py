# str.format with number fields: precision, grouping, zero padding, signs,
# bases and exponents.
for x in [0, 1, -1, 3.14159, -2.5, 1234.5, 0.000123, 100]:
    print("{:.3f}|{:08.2f}|{:+.1f}|{:10.4f}|{:<10.1f}|".format(x, x, x, x, x))
for n in [0, 7, -7, 1234, -1234567, 1000000, 12345678901234567890]:
    print("{:,}|{:5d}|{:<5d}|{:^7d}|{:08d}|{:+d}|{: d}|".format(n, n, n, n, n, n, n))
for n in [0, 10, 255, -255, 65536]:
    print("{:x}|{:X}|{:#x}|{:o}|{:#o}|{:b}|{:#b}|{:08b}|".format(n, n, n, n, n, n, n, n))
for x in [1234.5678, 0.0001234, 1e20, -3.0, 0.0]:
    print("{:e}|{:.2e}|{:E}|{:g}|{:.3g}|{:G}|".format(x, x, x, x, x, x))
for x in [0.5, 0.125, 1.0, 0.0]:
    print("{:%}|{:.1%}|{:.0%}|".format(x, x, x))
print("{:,.2f}".format(1234567.891))
print("{:,}".format(1234567.25))
print("{:>12,}".format(9876543))
print("{:012,.2f}".format(-1234.5))
print("{:=+8d}|{:=8.1f}".format(42, -3.25))
print("{:.0f} {:.0f} {:.0f} {:.0f}".format(0.5, 1.5, 2.5, -0.5))
print("{:.2f}".format(2.675))
print("{:d}".format(5))
print("{} {} {} {}".format(1.0, 0.1, 1e16, 1.5e-7))
print("{}".format(10 / 4), "{}".format(7 // 2), "{}".format(-7 // 2), "{}".format(-7 % 3))
