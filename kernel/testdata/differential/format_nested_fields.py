# Width, precision and fill given by nested replacement fields inside a spec.
# (Index and key lookups in a field, "{0[0]}" and "{0[name]}", are not used:
# Starlark's str.format rejects that element syntax by design.)
print("[{0:>{1}}]".format("x", 6))
print("[{:{}}]".format("y", 4))
print("{:.{}f}".format(3.14159, 2))
print("[{:{fill}^{width}}]".format("mid", fill="*", width=9))
print("[{0:{1}{2}{3}}]".format(42, "0", ">", 5))
