package kernel

import (
	"fmt"
	"maps"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"go.starlark.net/starlark"

	"pushbook/notebook"
)

// stepChunk is the most steps a thread runs between two visits to the
// cell's shared accounting. It bounds how far a cell overshoots its budget
// (per live thread) and how long a thread made by NewThread runs on after
// Interrupt.
const stepChunk = 1024

// maxCallDepth is how deep a cell's calls may nest before RecursionError:
// the same natively and in the page, so a notebook's outputs do not depend
// on where it ran, and well below the 5,000-10,000 Starlark calls at which
// a browser's call stack (about 1 MB in V8) ends a WebAssembly program.
// Python's default is 1,000.
const maxCallDepth = 2000

// cell is the state of one running cell, shared by all of its threads.
type cell struct {
	session  *Session
	n        int    // the execution count; 0 for an exercise's check
	check    bool   // an exercise's check (Session.ExecuteCheck), not a cell
	name     string // how messages name it: "cell In [3]", "the exercise's check"
	filename string
	main     *starlark.Thread

	used      atomic.Uint64         // steps run by all threads, accounted in chunks
	nextYield atomic.Uint64         // used-count at which OnYield is next due
	nextHeap  atomic.Uint64         // used-count at which the heap is next measured
	abort     atomic.Pointer[error] // first reason the cell was stopped

	out       sync.Mutex   // serialises emit and guards the counters below
	emitFn    func(Output) // nil once the cell has ended: later output goes nowhere
	lines     int
	bytes     int
	truncated bool
	dropLines int
	dropBytes int
	dropRich  int
}

// threadState is what the kernel knows about one thread of a cell.
type threadState struct {
	cell      *cell
	accounted uint64         // the thread's steps already added to cell.used
	locals    map[string]any // inherited by threads made from this one
	body      *body          // the generator body running on the thread, if any
}

func newCell(s *Session, n int, emit func(Output)) *cell {
	if emit == nil {
		emit = func(Output) {}
	}
	c := &cell{session: s, n: n, name: fmt.Sprintf("cell In [%d]", n), filename: fmt.Sprintf("<cell %d>", n), emitFn: emit}
	c.nextYield.Store(s.opts.YieldEvery)
	c.main = c.newThread(fmt.Sprintf("In [%d]", n), s.locals)
	return c
}

// newCheck returns the k-th exercise check of session s (see
// Session.ExecuteCheck): a cell without an execution count, whose file is
// "<check k>" (shown as "Exercise check" in tracebacks).
func newCheck(s *Session, k int, emit func(Output)) *cell {
	if emit == nil {
		emit = func(Output) {}
	}
	c := &cell{session: s, check: true, name: "the exercise's check", filename: fmt.Sprintf("<check %d>", k), emitFn: emit}
	c.nextYield.Store(s.opts.YieldEvery)
	c.main = c.newThread("check", s.locals)
	return c
}

func (c *cell) newThread(name string, locals map[string]any) *starlark.Thread {
	ts := &threadState{cell: c, locals: maps.Clone(locals)}
	t := &starlark.Thread{Name: name, Print: c.print, PrintText: c.printText, Load: c.session.loadModule, Generators: generators{}}
	t.OnMaxSteps = func(t *starlark.Thread) { ts.cell.account(t, ts) } // ts.cell changes when a coroutine is adopted by a later cell
	t.Host = ts
	t.MaxCallDepth = maxCallDepth
	for k, v := range ts.locals {
		t.SetLocal(k, v)
	}
	t.SetMaxExecutionSteps(c.chunk())
	if err := c.aborted(); err != nil {
		t.Cancel(err.Error())
	}
	return t
}

// account adds the steps thread t ran since its last visit to the cell's
// total; cancels t when the cell was stopped or the budget is spent; calls
// the yield hook when it is due; and lets t run one more chunk.
func (c *cell) account(t *starlark.Thread, ts *threadState) {
	delta := t.Steps - ts.accounted
	ts.accounted = t.Steps
	defer func() { t.SetMaxExecutionSteps(t.Steps + c.chunk()) }()
	if err := c.charge(delta); err != nil {
		t.Cancel(err.Error())
	}
}

// charge adds work steps to the cell's total, stops the cell when the
// budget is spent, calls the yield hook when it is due, and returns why the
// cell was stopped, if it was.
func (c *cell) charge(work uint64) error {
	used := c.used.Add(work)
	if used >= c.session.opts.MaxSteps {
		c.abortWith(starlark.Errorf(StepLimitError, "%s ran more than %d steps: %w", c.name, c.session.opts.MaxSteps, ErrStepBudget))
	}
	if due := c.nextHeap.Load(); used >= due && c.nextHeap.CompareAndSwap(due, used+heapCheckEvery) {
		if heap, over := overBudget(c.session.opts.MaxMemory); over {
			c.abortWith(starlark.Errorf(starlark.MemoryError, "%s grew the kernel's memory to %d MB, past its budget of %d MB", c.name, heap>>20, c.session.opts.MaxMemory>>20))
		}
	}
	if every := c.session.opts.YieldEvery; every > 0 && c.session.opts.OnYield != nil && c.abort.Load() == nil {
		due := c.nextYield.Load()
		if used >= due && c.nextYield.CompareAndSwap(due, used-used%every+every) {
			c.session.opts.OnYield()
		}
	}
	return c.aborted()
}

// chunk is how many steps a thread may run before its next accounting.
func (c *cell) chunk() uint64 {
	n := uint64(stepChunk)
	if every := c.session.opts.YieldEvery; every > 0 && every < n {
		n = every
	}
	if used, max := c.used.Load(), c.session.opts.MaxSteps; used < max && max-used < n {
		n = max - used
	}
	return n
}

// abortWith stops the cell for reason err; the first reason wins. The main
// thread is cancelled at once; other threads notice at their next chunk.
func (c *cell) abortWith(err error) {
	if c.abort.CompareAndSwap(nil, &err) {
		c.main.Cancel(err.Error())
	}
}

func (c *cell) aborted() error {
	if p := c.abort.Load(); p != nil {
		return *p
	}
	return nil
}

func (c *cell) print(_ *starlark.Thread, msg string) {
	c.emit(notebook.NewStream("stdout", msg+"\n"))
}

// printText is what print(..., end=...) writes, its end included.
func (c *cell) printText(_ *starlark.Thread, text string) {
	c.emit(notebook.NewStream("stdout", text))
}

// emit passes o on unless the cell's output cap is reached. Streams are cut
// at a line boundary; a rich output that does not fit is dropped whole.
func (c *cell) emit(o Output) {
	c.out.Lock()
	defer c.out.Unlock()
	if c.emitFn == nil {
		return // the cell has ended (a generator closed by Session.Close prints into no cell)
	}
	max := c.session.opts
	if o.OutputType == notebook.StreamOutput {
		kept := 0
		for _, line := range strings.SplitAfter(o.Text, "\n") {
			if line == "" {
				continue
			}
			if c.truncated || c.lines+1 > max.MaxOutputLines || c.bytes+len(line) > max.MaxOutputBytes {
				c.truncated = true
				c.dropLines++
				c.dropBytes += len(line)
				continue
			}
			c.lines++
			c.bytes += len(line)
			kept += len(line)
		}
		if kept > 0 {
			o.Text = o.Text[:kept]
			c.emitFn(o)
		}
		return
	}
	lines, size := 1+strings.Count(o.Data["text/plain"], "\n"), 0
	for _, v := range o.Data {
		size += len(v)
	}
	if c.truncated || c.lines+lines > max.MaxOutputLines || c.bytes+size > max.MaxOutputBytes {
		c.truncated = true
		c.dropRich++
		return
	}
	c.lines += lines
	c.bytes += size
	c.emitFn(o)
}

// end makes later output of the cell's threads go nowhere: once Execute
// has returned, its emit callback is the caller's no more.
func (c *cell) end() {
	c.out.Lock()
	defer c.out.Unlock()
	c.emitFn = nil
}

// emitAlways passes o on regardless of the output cap.
func (c *cell) emitAlways(o Output) {
	c.out.Lock()
	defer c.out.Unlock()
	if c.emitFn != nil {
		c.emitFn(o)
	}
}

// flushTruncation emits the one notice saying how much output was dropped.
func (c *cell) flushTruncation() {
	c.out.Lock()
	truncated := c.truncated
	msg := fmt.Sprintf("[output truncated: %d more lines (%d bytes) and %d rich outputs dropped; the limit per cell is %d lines or %d bytes]\n",
		c.dropLines, c.dropBytes, c.dropRich, c.session.opts.MaxOutputLines, c.session.opts.MaxOutputBytes)
	c.out.Unlock()
	if truncated {
		c.emitAlways(notebook.NewStream("stderr", msg))
	}
}

// heapCheckEvery is how many steps a cell runs between two looks at the
// heap: reading it costs about a microsecond.
const heapCheckEvery = 1 << 16

// overBudget reports the heap's size and whether it is over budget after a
// collection (garbage is not counted against a cell).
func overBudget(budget uint64) (uint64, bool) {
	if heap := heapObjectBytes(); heap <= budget {
		return heap, false
	}
	runtime.GC()
	heap := heapObjectBytes()
	return heap, heap > budget
}
