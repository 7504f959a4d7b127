package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/notebook"
)

func TestTerminalTextKeepsColoursAndEscapesOtherControls(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "héllo\tworld\n", "héllo\tworld\n"},
		{"sgr colours", "\x1b[0;31mError\x1b[0m \x1b[38:2:1:2:3m", "\x1b[0;31mError\x1b[0m \x1b[38:2:1:2:3m"},
		{"osc 52 clipboard", "\x1b]52;c;cm0gLXJm\x07", `\x1b]52;c;cm0gLXJm\a`},
		{"osc 0 title", "\x1b]0;pwned\x1b\\", `\x1b]0;pwned\x1b\`},
		{"clear screen", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"cursor move", "\x1b[10;5H\x1b[1A", `\x1b[10;5H\x1b[1A`},
		{"carriage return and bell", "ok\rfake\a", `ok\rfake\a`},
		{"c1 csi", "\u009b2J", `\u009b2J`},
		{"invalid utf-8", "a\x9b2Jb", `a\x9b2Jb`},
		{"unterminated sgr", "\x1b[31", `\x1b[31`},
		{"del", "x\x7f", `x\x7f`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, terminalText(tc.in), "terminalText(%q)", tc.in)
		})
	}
}

// hostile prints, displays and raises text with terminal escape sequences.
const hostile = `print("\x1b]52;c;cm0gLXJm\x07\x1b]0;title\x07\x1b[2J\x1b[H\x1b[31mred\x1b[0m")`

func TestRunAndCheckPrintNoEscapesButColours(t *testing.T) {
	in := writeNotebook(t,
		notebook.NewCode(hostile),
		notebook.NewCode(`"\x1b]0;result\x07"`),
		notebook.NewCode(`fail("\x1b]0;error\x07")`),
	)
	code, stdout, stderr := invoke("run", in)
	assert.Equal(t, 1, code)
	assert.Equal(t, `\x1b]52;c;cm0gLXJm\a\x1b]0;title\a\x1b[2J\x1b[H`+"\x1b[31mred\x1b[0m\n"+`'\x1b]0;result\x07'`+"\n", stdout)
	assert.Contains(t, stderr, "\x1b[0;31m", "tracebacks keep their colours")
	assert.Contains(t, stderr, `failed: Exception: fail: \x1b]0;error\a`)

	stored := notebook.NewCode(hostile)
	stored.Outputs = []notebook.Output{notebook.NewStream("stdout", "\x1b]0;stored\x07\n")}
	code, stdout, _ = invoke("check", writeNotebook(t, stored))
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, `-\x1b]0;stored\a`)
	for _, out := range []string{stdout, stderr} {
		require.NotContains(t, out, "\x1b]", "no OSC sequence reaches the terminal")
		require.NotContains(t, out, "\x1b[2J", "no clear screen reaches the terminal")
		require.NotContains(t, out, "\x07")
	}
	assert.False(t, strings.ContainsAny(stdout, "\r\x07"))
}
