# repr of strings: the quote CPython picks, and its escapes. (len() is not
# printed: a pushbook string's len counts UTF-8 bytes, Starlark's rule; and
# a \x escape above \x7f is written \u00XX: Starlark rejects it in a literal.)
cases = [
    "plain",
    "",
    "it's",
    'say "hi"',
    "both ' and \"",
    "back\\slash",
    "new\nline",
    "tab\there",
    "carriage\rreturn",
    "nul\x00byte",
    "bell\x07",
    "escape\x1b[0m",
    "del\x7f",
    "latin é ñ ü",
    "greek αβγ",
    "cjk 漢字",
    "emoji 🎉",
    "nbsp\u00a0here",
    "zero\u200bwidth",
    "line\u2028sep",
    "combining e\u0301",
    "soft\u00adhyphen",
]
for s in cases:
    print(repr(s))
print(cases[:3])
print(str(cases[2]), "|", cases[3])
print(repr(repr("x")))
