package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/kernel"
)

func TestDiagnoseMarksPythonHabitsPushbookLacksAtTheirLine(t *testing.T) {
	cases := []struct {
		code      string
		line, col int
		says      string
	}{
		{"x = 1\nclass Sink:\n    pass", 2, 1, "classes are not supported"},
		{"def f():\n    with open('x') as f:\n        pass", 2, 5, "'with' statements are not supported"},
		{"async def f():\n    pass", 1, 1, "async"},
		{"load('stages', 'push')", 1, 1, "from stages import push"},
		{"for x in range(3)\n    print(x)", 2, 1, ""}, // the parser finds the missing colon at the next token
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			d := kernel.Diagnose(tc.code)
			require.Len(t, d, 1)
			assert.Equal(t, "SyntaxError", d[0].Name)
			assert.Equal(t, tc.line, d[0].Line)
			assert.Equal(t, tc.col, d[0].Col)
			assert.Contains(t, d[0].Message, tc.says)
		})
	}
	for _, ok := range []string{"", "import stages\nx = f'{1 + 1:>4}'", "def g():\n    x = (yield)\n    return x ** 2", "undefined_name_is_fine_here"} {
		assert.Empty(t, kernel.Diagnose(ok), "%q", ok)
	}
}
