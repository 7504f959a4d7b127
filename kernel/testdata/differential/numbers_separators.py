# Number literals with digit separators, as Python 3.6+ allows (decimal ones).
print(10_000, 1_000.25, 2 * 1_000_000)
