package plots_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

func TestStageShownAsResultDrawsItsPipeline(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.Import(t, s, "seed")
	_, outs := libtest.Stdout(t, s, `pipeline = co_process(co_filter(co_split(co_sink("first"), co_sink("display")), co_sink("second")))
pushdata(pipeline, 4)
pipeline`, kernel.StatusOK)
	res := libtest.Last(t, outs)
	require.Equal(t, "execute_result", res.OutputType)
	svg := res.Data["image/svg+xml"]
	assert.True(t, strings.HasPrefix(svg, "<svg"), "svg: %.80s", svg)
	for _, name := range []string{"co_process", "co_filter", "co_split", `co_sink(&#39;first&#39;)`, "otheroutput"} {
		assert.Contains(t, svg, name)
	}
	assert.Equal(t, `co_process [open] 4 in
└─ output (4) -> co_filter [open] 4 in
   ├─ output (3) -> co_split [open] 3 in
   │  ├─ output (3) -> co_sink('first') [open] 3 in
   │  └─ otheroutput (2) -> co_sink('display') [open] 2 in
   └─ otheroutput (1) -> co_sink('second') [open] 1 in
`, res.Data["text/plain"])
}

func TestPlotsAreSVGPictures(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.Stdout(t, s, `t = table([{"x": i, "y": i * i} for i in range(20)])`, kernel.StatusOK)
	for _, c := range []struct{ code, text string }{
		{`plot(t.y, x=t.x, title="squares")`, `<line plot "squares": 1 series, 20 points>`},
		{`plot([1, 2, 3], [3, 2, 1], names=["up", "down"])`, `<line plot "": 2 series, 6 points>`},
		{`hist(t.y, bins=5)`, `<histogram "": 20 values in 5 bins>`},
		{`scatter(t.x, t.y, title="xy")`, `<scatter plot "xy": 20 points>`},
		{`graph(take(3, collect()), counter("c"))`, "take(3) (take) [open] 0 in\n└─ out (0) -> collect (collect) [open] 0 in\nc (discard) [open] 0 in\n"},
	} {
		_, outs := libtest.Stdout(t, s, c.code, kernel.StatusOK)
		o := libtest.Last(t, outs)
		assert.Equal(t, c.text, o.Data["text/plain"], "cell %q", c.code)
		assert.Contains(t, o.Data["image/svg+xml"], "<svg", "cell %q", c.code)
	}
	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{`hist([])`, "ValueError", "no finite values"},
		{`hist([1, 2], bins=0)`, "ValueError", "bins"},
		{`plot(["a"])`, "TypeError", "plot: y1[0] is string, not a number"},
		{`plot([1, 2], x=[1])`, "ValueError", "x has 1 values but series 1 has 2"},
		{`scatter([1], [1, 2])`, "ValueError", "x has 1 values but y has 2"},
		{`graph(3)`, "TypeError", "graph: argument 1 is int, not a stage"},
		{`plot()`, "TypeError", "plot() needs at least one"},
	})

}

func TestGraphAnimateRecordsTheLastEvents(t *testing.T) {
	s := libtest.Session(kernel.Options{})
	libtest.Stdout(t, s, `import stages
head = process(add(100), stages.filter(lambda v: v % 3, stages.split(counter("first"), counter("display")), counter("second")))`, kernel.StatusOK)

	_, outs := libtest.Stdout(t, s, `graph(head, animate=True, last=2)`, kernel.StatusOK)
	res := libtest.Last(t, outs)
	assert.Contains(t, res.Data["text/plain"], "run the pipeline again to see its last events")
	assert.NotContains(t, res.Data, "application/vnd.pushbook.trace+json")
	assert.Contains(t, res.Data["image/svg+xml"], "<svg")

	libtest.Stdout(t, s, `push(range(5), head, block=256)`, kernel.StatusOK) // blocks go one by one while recording
	_, outs = libtest.Stdout(t, s, `graph(head, animate=True, last=2)`, kernel.StatusOK)
	res = libtest.Last(t, outs)
	assert.Equal(t, `The last 2 of 5 events recorded (recording goes on; graph(..., animate=True, last=0) stops it):
event 1 of 2: 3 into process(add(100))
1. process(add(100)) -> filter(lambda): 103
2. filter(lambda) -> split(every=2): 103
3. split(every=2) -> display: 103
4. split(every=2) -> first: 103
ended: display reached a sink; first reached a sink
event 2 of 2: 4 into process(add(100))
1. process(add(100)) -> filter(lambda): 104
2. filter(lambda) -> split(every=2): 104
3. split(every=2) -> first: 104
ended: first reached a sink
`, res.Data["text/plain"])
	js := res.Data["application/vnd.pushbook.trace+json"]
	assert.Contains(t, js, `"steps":9`)
	svg := res.Data["image/svg+xml"]
	assert.Contains(t, svg, `data-event="0" data-step="1" visibility="hidden"`, "earlier events are drawn hidden")
	assert.Contains(t, svg, `data-event="1" data-step="6">`, "the last is shown")

	// counts stay right, and last=0 stops recording
	libtest.Stdout(t, s, `graph(head, animate=True, last=0)
push(range(3), head)
print(head.received)`, kernel.StatusOK)
	_, outs = libtest.Stdout(t, s, `print(head.received)
graph(head, animate=True)`, kernel.StatusOK)
	assert.Equal(t, "8\n", libtest.Printed(outs))
	assert.Contains(t, libtest.Last(t, outs).Data["text/plain"], "nothing recorded yet")

	libtest.AssertCellErrors(t, s, []libtest.ErrorCase{
		{"graph(head, animate=True, last=-1)", "ValueError", "last must be between 0 and 100"},
	})
}
