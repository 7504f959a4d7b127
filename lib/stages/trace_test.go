package stages_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
	"pushbook/picture"
)

// seed206 is the seed's In [206] from the seed module's coroutines.
const seed206 = `pipeline = co_process(co_filter(co_split(co_sink("first"), co_sink("display")), co_sink("second")))
`

// traceJSON is what the tests read of application/vnd.pushbook.trace+json.
type traceJSON struct {
	Version int `json:"version"`
	Steps   int `json:"steps"`
	Events  []struct {
		Value string `json:"value"`
		Hops  []struct {
			Step  int    `json:"step"`
			Order int    `json:"order"`
			From  *int   `json:"from"`
			To    int    `json:"to"`
			Edge  *int   `json:"edge"`
			Label string `json:"label"`
			Value string `json:"value"`
		} `json:"hops"`
		Ends []struct {
			Name    string `json:"name"`
			Outcome string `json:"outcome"`
			Error   string `json:"error"`
		} `json:"ends"`
	} `json:"events"`
}

func TestTrace(t *testing.T) {
	for _, c := range []struct {
		name, setup, trace string
		printed            string // what the cell prints, "" for nothing
		text               string // the text/plain output
		ends               []string
	}{
		{
			name: "seed In [206]: depth-first, display before first", setup: seed206, trace: "stages.trace(pipeline, 0)",
			printed: "   display RECEIVED: 100\n     first RECEIVED: 100\n",
			text: `0 into co_process
1. co_process -> co_filter: 100
2. co_filter -> co_split: 100
3. co_split -> co_sink('display'): 100
4. co_split -> co_sink('first'): 100
ended: co_sink('display') reached a sink; co_sink('first') reached a sink
`,
			ends: []string{"co_sink('display') sink", "co_sink('first') sink"},
		},
		{
			name: "a value filtered out", setup: `keep = stages.collect("kept")
head = process(add(100), stages.filter(greater(200), keep))
`, trace: "stages.trace(head, 3)",
			text: `3 into process(add(100))
1. process(add(100)) -> filter(greater(200)): 103
ended: filter(greater(200)) filtered out (received it and sent nothing on)
`,
			ends: []string{"filter(greater(200)) filtered"},
		},
		{
			name: "fan-in: two upstreams into one sink", setup: `both = stages.collect("both")
a = process(add(1), both, name="a")
b = process(add(2), both, name="b")
stages.trace(a, 10)
`, trace: "stages.trace(b, 20)",
			text: `20 into b
1. b -> both: 22
ended: both reached a sink
`,
			ends: []string{"both sink"},
		},
		{
			name: "stopif stops", setup: `head = process(add(3), stopif(greater(5), printer("out")))
`, trace: "stages.trace(head, 4)",
			text: `4 into process(add(3))
1. process(add(3)) -> stopif(greater(5)): 7
ended: stopif(greater(5)) stopped (StopIteration reaches the source); process(add(3)) stopped too, as stopif(greater(5)) below it stopped
`,
			ends: []string{"stopif(greater(5)) stopped", "process(add(3)) stopped below"},
		},
		{
			name: "a cell coroutine that returns", setup: `@coroutine
def once(out):
    v = (yield)
    print("once got", v)
    out.send(v * 2)
    return "done"
c = once(co_sink("end"))
`, trace: "stages.trace(c, 5)",
			printed: "once got 5\n       end RECEIVED: 10\nCLOSING SINK end\n",
			text: `5 into once
1. once -> co_sink('end'): 10
ended: co_sink('end') reached a sink; once stopped (StopIteration reaches the source)
`,
			ends: []string{"co_sink('end') sink", "once stopped"},
		},
		{
			name: "an error in a stage", setup: `def check(v):
    if v > 1:
        raise ValueError("too big: %d" % v)
    return v
head = process(add(1), process(check, printer("out")))
`, trace: "stages.trace(head, 5)",
			text: `5 into process(add(1))
1. process(add(1)) -> process(check): 6
ended: process(check) error: ValueError: too big: 6; process(add(1)) stopped too, as process(check) below it failed
`,
			ends: []string{"process(check) failed", "process(add(1)) failed below"},
		},
		{
			name: "a stopped stage refuses", setup: `head = stopif(greater(0), printer("p"))
push([1], head)
`, trace: "stages.trace(head, 7)",
			text: `7 into stopif(greater(0))
ended: stopif(greater(0)) refused the value: it has stopped
`,
			ends: []string{"stopif(greater(0)) refused"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := libtest.Session(kernel.Options{})
			libtest.Import(t, s, "seed")
			libtest.Stdout(t, s, "import stages\n"+c.setup, kernel.StatusOK)
			printed, outs := libtest.Stdout(t, s, c.trace, kernel.StatusOK)
			res := libtest.Last(t, outs)
			require.Equal(t, "execute_result", res.OutputType)
			if strings.Contains(c.name, "cell coroutine") {
				assert.Contains(t, printed, "once got 5\n")
			}
			if c.printed != "" {
				assert.Equal(t, c.printed, printed)
			}
			assert.Equal(t, c.text, res.Data["text/plain"])
			assert.Equal(t, map[string]any{"pushbook": map[string]any{"kind": "trace"}}, res.Metadata)
			var tj traceJSON
			require.NoError(t, json.Unmarshal([]byte(res.Data[picture.TraceMIME]), &tj))
			require.Len(t, tj.Events, 1)
			var ends []string
			for _, e := range tj.Events[0].Ends {
				ends = append(ends, e.Name+" "+e.Outcome)
			}
			assert.Equal(t, c.ends, ends)
			svg := res.Data["image/svg+xml"]
			assert.True(t, strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" class="pushbook-picture"`))
			for _, bad := range []string{"<script", "<style", " id=", "href", "url("} {
				assert.NotContains(t, svg, bad)
			}
		})
	}
}

// TestTraceSeedJSONAndSVG checks the player's data and the picture's
// numbered edges for the seed's In [206].
func TestTraceSeedJSONAndSVG(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.Import(t, s, "seed")
	libtest.Stdout(t, s, "import stages\n"+seed206, kernel.StatusOK)
	_, outs := libtest.Stdout(t, s, "stages.trace(pipeline, 2)", kernel.StatusOK)
	res := libtest.Last(t, outs)
	var tj traceJSON
	require.NoError(t, json.Unmarshal([]byte(res.Data[picture.TraceMIME]), &tj))
	assert.Equal(t, 1, tj.Version)
	ev := tj.Events[0]
	assert.Equal(t, "2", ev.Value)
	require.Len(t, ev.Hops, 3) // 2 in, 102 to co_filter, 102 to co_sink('second')
	assert.Nil(t, ev.Hops[0].From)
	assert.Nil(t, ev.Hops[0].Edge)
	for i, h := range ev.Hops {
		assert.Equal(t, i, h.Order)
		assert.Equal(t, i, h.Step)
	}
	assert.Equal(t, "102", ev.Hops[1].Value)
	assert.Equal(t, "output", ev.Hops[1].Label)
	assert.Equal(t, "otheroutput", ev.Hops[2].Label)
	assert.Equal(t, 3, tj.Steps)

	svg := res.Data["image/svg+xml"]
	// every edge and stage is marked for the player; taken edges are numbered
	assert.Len(t, regexp.MustCompile(`data-edge="\d+"`).FindAllString(svg, -1), 5)
	assert.Len(t, regexp.MustCompile(`data-node="\d+"`).FindAllString(svg, -1), 6)
	numbers := regexp.MustCompile(`<circle [^>]*/>\n<text [^>]*>(\d+)</text>`).FindAllStringSubmatch(svg, -1)
	require.Len(t, numbers, 2)
	assert.Equal(t, "1", numbers[0][1])
	assert.Equal(t, "2", numbers[1][1])
	assert.Contains(t, svg, `data-event="0" data-step="1"`)
	assert.Contains(t, svg, "2 -&gt; 102")
}

func TestTraceArguments(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{"import stages\nstages.trace(1, 2)", "TypeError", "head"},
		{"import stages\nstages.trace(stages.counter('c'))", "TypeError", "value"},
	})
}
