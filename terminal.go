package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kernel output is untrusted text: a cell that prints "\x1b]52;c;...\a"
// would write the terminal's clipboard, "\x1b]0;...\a" its window title,
// "\x1b[2J" would clear the screen. run and check therefore pass every
// piece of kernel output they print through terminalText, whether or not
// they write to a terminal.

// terminalText returns s made safe to print: SGR colour sequences
// (ESC [ digits, ';' and ':' ... m), newlines and tabs stay; every other
// control character (C0, DEL, C1), and so every other escape sequence, is
// shown escaped as in a Go string ("\x1b]0;title\a"), and so is each byte
// of invalid UTF-8. It costs one pass over s.
func terminalText(s string) string {
	if isPlainText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		if n := sgrLength(s[i:]); n > 0 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t' || !unicode.IsControl(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// isPlainText reports whether s is valid UTF-8 without control characters
// other than newline and tab, which terminalText returns unchanged.
func isPlainText(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || (r != '\n' && r != '\t' && unicode.IsControl(r)) {
			return false
		}
	}
	return true
}

// sgrLength returns the length of the SGR sequence s begins with, or 0.
func sgrLength(s string) int {
	if len(s) < 3 || s[0] != '\x1b' || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c != ';' && c != ':' && (c < '0' || c > '9'):
			return 0
		}
	}
	return 0
}
