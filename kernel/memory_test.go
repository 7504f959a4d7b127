package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// A cell cannot take the kernel's memory: one operation too big is a
// MemoryError before it allocates (catchable, as Python's is), and a cell
// that grows past the session's budget a little at a time is stopped with a
// MemoryError at a checkpoint. Either way the next cell runs.
func TestMemoryIsBudgeted(t *testing.T) {
	cases := []struct {
		name, code, status, want string
	}{
		{"list of a huge range", "list(range(1000000000))", kernel.StatusError, "list of 1000000000 elements is too large"},
		{"sorted of a huge range", "sorted(range(1000000000))", kernel.StatusError, "too large"},
		{"a huge repeat", "[0] * 1000000000", kernel.StatusError, "excessive repeat"},
		{"a string doubled 40 times", "s = 'ab'\nfor i in range(40):\n    s = s + s", kernel.StatusError, "string of"},
		{"growth a little at a time", "x = []\nwhile True:\n    x.append([0] * 1000)", kernel.StatusAborted, "past its budget of 64 MB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := kernel.NewSession(kernel.Options{MaxMemory: 64 << 20})
			defer s.Close()
			_, outs := libtest.Stdout(t, s, c.code, c.status)
			require.NotEmpty(t, outs)
			last := outs[len(outs)-1]
			assert.Equal(t, "MemoryError", last.EName)
			assert.Contains(t, last.EValue, c.want)
			got, _ := libtest.Stdout(t, s, "x = None\nprint('next cell')", kernel.StatusOK)
			assert.Equal(t, "next cell\n", got)
		})
	}
	s := kernel.NewSession(kernel.Options{})
	got, _ := libtest.Stdout(t, s, "try:\n    list(range(1000000000))\nexcept MemoryError as e:\n    print('caught', type(e).__name__)", kernel.StatusOK)
	assert.Equal(t, "caught MemoryError\n", got)
}
