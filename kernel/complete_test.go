package kernel_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/lib"
)

func TestCompleteOffersNamesModulesAndAttributesWithTheirDocs(t *testing.T) {
	s := kernel.NewSession(kernel.Options{Modules: lib.Modules()})
	defer s.Close()
	_, outs := libtest.Run(s, "import stages\nimport numpy as np\ncount_events = 3\ndef co_sink(name):\n    'prints what it receives'\n    yield")
	require.Empty(t, outs)
	cases := []struct {
		code      string
		want      string // a name that must be offered
		kind, doc string // its kind, and a part of its doc
		wantFrom  int    // where the completed word starts, -1: at len(code) minus the typed word
	}{
		{"pri", "print", "function", "print(*args", -1},
		{"count_", "count_events", "variable", "an integer", -1},
		{"co_s", "co_sink", "function", "prints what it receives", -1},
		{"x = fil", "filter", "function", "filter(", -1},
		{"wh", "while", "keyword", "", -1},
		{"Stop", "StopIteration", "class", "", -1},
		{"stages.pu", "push", "function", "push(source, head", -1},
		{"stages.", "printer", "function", "RECEIVED", -1},
		{"np.ar", "arange", "function", "", -1},
		{"np.lib.", "recfunctions", "module", "", -1},
		{"import sta", "stages", "module", "push pipeline stages", -1},
		{"import numpy.l", "lib", "module", "", -1},
		{"from col", "collections", "module", "", -1},
		{"from stages import pri", "printer", "function", "RECEIVED", -1},
		{"  for x in rang", "range", "function", "range(stop)", -1},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			from, items := s.Complete(tc.code, len(tc.code))
			var got *kernel.Completion
			for i := range items {
				if items[i].Name == tc.want {
					got = &items[i]
				}
				assert.True(t, strings.HasPrefix(items[i].Name, tc.code[from:]), "%q does not complete %q", items[i].Name, tc.code[from:])
			}
			require.NotNil(t, got, "%q not offered for %q: %v", tc.want, tc.code, items)
			assert.Equal(t, tc.kind, got.Kind)
			assert.Contains(t, got.Doc, tc.doc)
		})
	}
}

func TestCompleteIsSafeWhileACellRunsAndEvaluatesNothing(t *testing.T) {
	s := kernel.NewSession(kernel.Options{Modules: lib.Modules()})
	defer s.Close()
	libtest.Run(s, "import stages\ncalls = []\ndef f():\n    calls.append(1)\n    return 1")
	_, items := s.Complete("f().", 4)
	assert.Empty(t, items, "a call is not evaluated for completion")
	_, outs := libtest.Run(s, "print(len(calls))")
	assert.Equal(t, "0\n", libtest.Printed(outs))

	done := make(chan bool)
	go func() {
		libtest.Run(s, "while True:\n    pass")
		close(done)
	}()
	for s.ExecutionCount() < 3 {
	}
	_, items = s.Complete("pri", 3)
	assert.NotEmpty(t, items, "built-ins are offered while a cell runs")
	_, items = s.Complete("stages.pu", 9)
	require.Len(t, items, 1, "a module's members are offered while a cell runs")
	assert.Equal(t, "push", items[0].Name)
	s.Interrupt()
	<-done
}
