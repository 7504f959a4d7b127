package kernel_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// graphID is the id in a pipeline graph output's metadata.pushbook.graph.
func graphID(t *testing.T, o kernel.Output) string {
	t.Helper()
	pb, ok := o.Metadata["pushbook"].(map[string]any)
	require.True(t, ok, "metadata.pushbook: %v", o.Metadata)
	assert.Equal(t, "pipeline", pb["kind"])
	id, ok := pb["graph"].(string)
	require.True(t, ok, "metadata.pushbook.graph is a string: %v", pb)
	return id
}

// live are the options of a session that keeps the graphs it shows, as the browser's does.
var live = kernel.Options{LiveGraphs: true}

const pipelineCell = "head = process(add(100), counter('sink'))\nhead"

func TestAShownGraphIsRedrawnWithTheCountsAsTheyAreNow(t *testing.T) {
	s := libtest.Session(live)
	res, outs := libtest.Run(s, pipelineCell)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	shown := libtest.Last(t, outs)
	assert.Contains(t, shown.Data["text/plain"], "[open] 0 in")
	id := graphID(t, shown)

	same, ok := s.Graph(id)
	require.True(t, ok)
	assert.Equal(t, shown.Data, same, "nothing was pushed: the same picture")

	res, _ = libtest.Run(s, "push(range(5), head)")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	now, ok := s.Graph(id)
	require.True(t, ok)
	assert.Contains(t, now["text/plain"], "[open] 5 in")
	assert.Contains(t, now["image/svg+xml"], ">5<", "the edge's count in the picture")
	assert.NotEqual(t, shown.Data["image/svg+xml"], now["image/svg+xml"])

	res, _ = libtest.Run(s, "head.close()")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	now, _ = s.Graph(id)
	assert.Contains(t, now["text/plain"], "closed", "states are current too")
}

func TestDisplayedGraphsGetIdsToo(t *testing.T) {
	s := libtest.Session(live)
	res, outs := libtest.Run(s, "a = counter('a')\ndisplay(a, 1)\ndisplay(a)")
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	require.Len(t, outs, 3)
	first, second := graphID(t, outs[0]), graphID(t, outs[2])
	assert.NotEqual(t, first, second, "every showing has its own id")
	assert.Nil(t, outs[1].Metadata, "only stages are registered")
	libtest.Run(s, "push([1, 2], a)")
	for _, id := range []string{first, second} {
		now, ok := s.Graph(id)
		require.True(t, ok)
		assert.Contains(t, now["text/plain"], "[open] 2 in")
	}
}

func TestGraphIdsAreUnknownToOtherSessionsAndForgottenPastTheLimit(t *testing.T) {
	s := libtest.Session(live)
	_, outs := libtest.Run(s, pipelineCell)
	id := graphID(t, libtest.Last(t, outs))

	other := libtest.Session(live)
	_, outs = libtest.Run(other, pipelineCell)
	otherID := graphID(t, libtest.Last(t, outs))
	assert.NotEqual(t, id, otherID, "ids are unique across sessions")
	assert.Equal(t, strings.SplitN(id, "-", 2)[1], strings.SplitN(otherID, "-", 2)[1], "the same number, a different session nonce")
	_, ok := other.Graph(id)
	assert.False(t, ok, "a session does not answer for another's graph (a restarted kernel's predecessor)")

	for _, unknown := range []string{"", "1", "nonsense", "x-1", id + "0", strings.SplitN(id, "-", 2)[0] + "-99"} {
		_, ok := s.Graph(unknown)
		assert.False(t, ok, "%q", unknown)
	}

	// The newest 64 are kept: the first of 65 more is gone.
	libtest.Run(s, "for i in range(65):\n    display(head)")
	_, ok = s.Graph(id)
	assert.False(t, ok, "the oldest graph is forgotten")
	n := strings.SplitN(id, "-", 2)[0]
	_, ok = s.Graph(fmt.Sprintf("%s-%d", n, 66))
	assert.True(t, ok, "the newest is kept")
	_, ok = s.Graph(fmt.Sprintf("%s-%d", n, 66-63))
	assert.True(t, ok, "the 64th newest is kept")

	s.Close()
	_, ok = s.Graph(fmt.Sprintf("%s-%d", n, 66))
	assert.False(t, ok, "a closed session draws nothing")
}

// While a cell runs the pipeline's counters change under it: Graph does not
// wait for the cell (it only tries the session's lock) and answers nothing.
func TestGraphAnswersNothingWhileACellRuns(t *testing.T) {
	s := libtest.Session(live)
	_, outs := libtest.Run(s, pipelineCell)
	id := graphID(t, libtest.Last(t, outs))

	done := make(chan kernel.Result)
	go func() {
		res, _ := libtest.Run(s, "while True:\n    push(range(10), head)")
		done <- res
	}()
	time.Sleep(50 * time.Millisecond)
	began := time.Now()
	_, ok := s.Graph(id)
	assert.False(t, ok, "busy")
	assert.Less(t, time.Since(began), 50*time.Millisecond, "at once")
	s.Interrupt()
	assert.Equal(t, kernel.StatusAborted, (<-done).Status)
	now, ok := s.Graph(id)
	require.True(t, ok, "between cells again")
	assert.NotContains(t, now["text/plain"], "] 0 in\n")
}

// Without Options.LiveGraphs (the headless runner) a graph's output is tagged as before,
// with no id, and the session keeps nothing.
func TestWithoutLiveGraphsOutputsCarryNoId(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	res, outs := libtest.Run(s, pipelineCell)
	require.Equal(t, kernel.StatusOK, res.Status, "%v", res.Err)
	assert.Equal(t, map[string]any{"pushbook": map[string]any{"kind": "pipeline"}}, libtest.Last(t, outs).Metadata)
}
