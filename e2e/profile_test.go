//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// profileCell is a cell `make profile` can profile: setup runs first, then
// run once to warm up (V8 compiles hot WebAssembly functions again,
// optimized, in the background), then run again under the profiler; its
// output must contain want.
type profileCell struct {
	setup, run, want string
}

// profileCells are the cells by the name PROFILE_CELL gives.
var profileCells = map[string]profileCell{
	// The seed's In [206] as the seed writes it (@coroutine, data = (yield)),
	// with sinks that count, driven by a loop in a cell.
	"seed": {setup: `
from seed import coroutine, co_process, co_filter, co_split

counts = {}

@coroutine
def co_count(name):
    n = 0
    try:
        while True:
            data = (yield)
            n += 1
    except GeneratorExit:
        counts[name] = n
`, run: `pipeline = co_process(co_filter(co_split(co_count("first"), co_count("display")), co_count("second")))
for i in range(20000):
    pipeline.send(i)
pipeline.close()
print(counts["first"], counts["display"], counts["second"])`, want: "13334 6667 6666"},
	// In [206] from the kernel's built-in stages, as BenchmarkPageBuiltinStages runs it.
	"builtin": {setup: `
import stages
from stages import push, process, split, counter, add, negate, multiple_of
head = process(add(100), stages.filter(negate(multiple_of(3)), split(counter("first"), counter("display")), counter("second")))
`, run: "push(range(1000000), head, block=256)"},
	"loop":  {run: "s = 0\nfor i in range(300000):\n    s += i % 7"},
	"print": {run: "for i in range(8000):\n    print(\"line\", i)", want: "line 7999"},
}

// profileSamplingInterval is the sampling interval asked of the profiler,
// in µs. V8 keeps it loosely in a worker (a median gap of about 180 µs on a
// 2-core machine, and gaps of milliseconds when the machine is busy).
const profileSamplingInterval = 100

// TestProfileWorker is a tool, not a test: with PROFILE_CELL set (make
// profile), it runs the named cell in the page by Run, once to warm up and
// once while V8's CPU profiler samples the kernel's Web Worker, and writes the profile in
// Chrome DevTools' format to $PROFILE_OUT/profile-NAME.cpuprofile (by
// default ../build/). go run ./internal/pageprofile summarizes it.
func TestProfileWorker(t *testing.T) {
	name := os.Getenv("PROFILE_CELL")
	if name == "" {
		t.Skip("a tool, not a test: make profile PROFILE_CELL=" + profileCellNames())
	}
	cell, ok := profileCells[name]
	if !ok {
		t.Fatalf("PROFILE_CELL=%q: want one of %s", name, profileCellNames())
	}
	p := newPage(t)
	base := serve(t, siteDir(t))
	p.open(base + "?notebook=testdata/basics.ipynb")
	p.waitIdle(kernelStart)
	if cell.setup != "" {
		p.runCellChecked(p.appendCell(cell.setup), "", time.Minute)
	}
	warmup := p.runCellChecked(p.appendCell(cell.run), cell.want, 5*time.Minute)
	worker := p.attachWorker(base)
	id := p.appendCell(cell.run)
	call(t, worker, profiler.Enable, cdp.Empty{})
	call(t, worker, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: profileSamplingInterval})
	call(t, worker, profiler.Start, cdp.Empty{})
	took := p.runCellChecked(id, cell.want, 5*time.Minute)
	res := call(t, worker, profiler.Stop, cdp.Empty{})
	require.NotNil(t, res.Profile, "Profiler.stop returned no profile")

	path := writeCPUProfile(t, name, res.Profile)
	t.Logf("PROFILE_CELL=%s: Run to idle took %s in the page (warm-up run: %s); %d samples in %s",
		name, took.Round(time.Millisecond), warmup.Round(time.Millisecond), len(res.Profile.Samples), path)
}

// writeCPUProfile writes prof as $PROFILE_OUT/profile-NAME.cpuprofile (by
// default ../build/) and returns the file's path.
func writeCPUProfile(t *testing.T, name string, prof *profiler.Profile) string {
	t.Helper()
	out := os.Getenv("PROFILE_OUT")
	if out == "" {
		out = filepath.Join("..", "build")
	}
	path := filepath.Join(out, "profile-"+name+".cpuprofile")
	data, err := json.Marshal(prof)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(out, 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func profileCellNames() string {
	names := make([]string, 0, len(profileCells))
	for n := range profileCells {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, "|")
}

// runCellChecked runs the cell with id by the page's Run, waits up to
// timeout for the page to show the kernel idle, fails the test if the cell
// shows an error or its text lacks want, and returns how long the page took
// from Run to idle.
func (p *page) runCellChecked(id, want string, timeout time.Duration) time.Duration {
	p.tb.Helper()
	// Resolved by the page as soon as it shows the kernel idle, so the
	// profiler stops a moment after the cell ends, not a poll later.
	run := fmt.Sprintf(`new Promise((resolve) => {
		const idle = () => document.querySelector("#kernel-state").dataset.state === "idle" && !document.querySelector(".cell.running, .cell.queued");
		const t0 = performance.now();
		pushbookApp.runFrom(%s, "stay");
		const observer = new MutationObserver(() => {
			if (!idle()) return;
			observer.disconnect();
			resolve(performance.now() - t0);
		});
		observer.observe(document.body, {subtree: true, attributes: true, attributeFilter: ["class", "data-state"]});
	})`, jsString(id))
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](run, chromedp.EvalAwaitPromise))
	require.NoError(p.tb, err, "running the cell %s (waited at most %s)", id, timeout)
	failed := eval[bool](p, fmt.Sprintf(`!!document.querySelector('.cell[data-id=%s] .output-error')`, jsString(id)))
	text := p.cellText(id)
	require.False(p.tb, failed, "the cell failed:\n%s", text)
	require.Contains(p.tb, text, want, "the cell's text")
	return time.Duration(ms * float64(time.Millisecond))
}

// attachWorker returns a context attached (flat session) to the page's
// kernel worker: the target of type "worker" whose script is base's
// worker.js.
func (p *page) attachWorker(base string) context.Context {
	p.tb.Helper()
	infos, err := chromedp.Targets(p.ctx)
	require.NoError(p.tb, err, "listing targets")
	for _, info := range infos {
		if info.Type == "worker" && info.URL == base+"worker.js" {
			ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
			p.tb.Cleanup(cancel)
			require.NoError(p.tb, chromedp.Do(ctx), "attaching to the worker %s", info.URL)
			return ctx
		}
	}
	var seen []string
	for _, info := range infos {
		seen = append(seen, info.Type+" "+info.URL)
	}
	p.tb.Fatalf("no worker target for %sworker.js among:\n%s", base, strings.Join(seen, "\n"))
	return nil
}

// call runs one DevTools command in the target of ctx, failing the test on
// error.
func call[P, R any](tb testing.TB, ctx context.Context, c cdp.Command[P, R], params P) R {
	tb.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.Action[R](func(ctx context.Context, t *chromedp.Target) (R, error) {
		return cdp.Call(ctx, t, c, params)
	}))
	require.NoError(tb, err, c.Method)
	return res
}
