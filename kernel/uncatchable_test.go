package kernel_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// Stop and the step budget end a cell whatever it catches: no except
// clause, not even a bare one, and no finally block runs after them, in the
// cell or in a generator body it drives. The next cell runs normally.
func TestStopAndTheStepBudgetCannotBeCaught(t *testing.T) {
	const loopInTry = "try:\n    while True:\n        pass\nexcept:\n    print('caught')\nfinally:\n    print('finally')\n"
	const loopInBody = `
def spin():
    try:
        while True:
            yield 1
    except BaseException:
        print("caught in body")
    finally:
        print("finally in body")
try:
    for x in spin():
        pass
except:
    print("caught")
`
	cases := []struct {
		name, code string
		ename      string
		stop       func(s *kernel.Session)
	}{
		{"budget, bare except and finally", loopInTry, "StepLimitError", nil},
		{"budget, inside a generator body", loopInBody, "StepLimitError", nil},
		{"interrupt, bare except and finally", loopInTry, "KeyboardInterrupt", func(s *kernel.Session) { s.Interrupt() }},
		{"interrupt, inside a generator body", loopInBody, "KeyboardInterrupt", func(s *kernel.Session) { s.Interrupt() }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := kernel.Options{MaxSteps: 200_000}
			if c.stop != nil {
				opts.MaxSteps = 1 << 62
			}
			s := kernel.NewSession(opts)
			if c.stop != nil {
				timer := time.AfterFunc(50*time.Millisecond, func() { c.stop(s) })
				defer timer.Stop()
			}
			out, outs := libtest.Stdout(t, s, c.code, kernel.StatusAborted)
			assert.Empty(t, out, "nothing may be printed by a handler or finally block")
			require.NotEmpty(t, outs)
			assert.Equal(t, c.ename, outs[len(outs)-1].EName)
			again, _ := libtest.Stdout(t, s, "print('next cell')", kernel.StatusOK)
			assert.Equal(t, "next cell\n", again)
		})
	}
}
