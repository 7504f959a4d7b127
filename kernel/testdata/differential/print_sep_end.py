# print's sep and end, as learners write a row of values on one line.
for i in range(5):
    print(i, end=" ")
print()
print("a", "b", "c", sep=", ", end=".\n")
print("no newline", end="")
print(" -> continued")
