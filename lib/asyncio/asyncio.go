// Package asyncio is the module cells import as asyncio. It answers the seed's question ("is asyncio useful for
// us, or are we computation dominated?") in a cell:
//
//	import asyncio, time
//	from functools import partial
//	def fetch(name):
//	    asyncio.sleep(0.05)         # simulated I/O latency
//	    return name
//	def crunch(name):
//	    t = 0
//	    for i in range(200000):     # pure computation
//	        t += i
//	    return name
//	t0 = time.perf_counter()
//	asyncio.gather(partial(fetch, "a"), partial(fetch, "b"))
//	print(time.perf_counter() - t0) # about 0.05 s: the waits overlap
//	t0 = time.perf_counter()
//	asyncio.gather(partial(crunch, "a"), partial(crunch, "b"))
//	print(time.perf_counter() - t0) # about twice one crunch: computing does not
//
// gather runs its callables as tasks of an event loop modelled on
// asyncio's: each task runs on a goroutine of its own with its own Starlark
// thread (kernel.NewThread: the cell's print routing, step budget and
// Interrupt reach it), but only one task runs at a time. A task gives the
// loop back only when it waits (sleep, an io_source event, a nested gather),
// as an asyncio coroutine does only at an await. So waits overlap and
// computation does not, natively on many cores exactly as in the browser,
// where Go's goroutines share the page's one thread.
//
// The loop follows asyncio's BaseEventLoop._run_once: tasks whose wait is
// over become ready in order of deadline (ties in the order they began to
// wait), and each round runs the tasks that were ready at its start, in the
// order they became ready. Tasks start in argument order. Output order is
// therefore the same on every platform, as far as asyncio's own is.
package asyncio

import (
	"container/heap"
	"fmt"
	"math"
	"pushbook/kernel"
	"sync"
	"time"
	"unsafe"

	"go.starlark.net/starlark"
)

// pollInterval is how often Go code waiting out a sleep checks whether its
// cell was stopped; it bounds how late Interrupt ends a sleep.
const pollInterval = 10 * time.Millisecond

// loopSlot holds the event loop of a session running a gather: one at
// most, since a session runs one cell at a time and nested gathers share
// their outermost one's loop. It is the session's kernel.SessionValue.
type loopSlot struct {
	sync.Mutex
	l *eventLoop
}

type loopKey struct{}

func slotOf(thread *starlark.Thread) *loopSlot {
	v, _ := kernel.SessionValue(thread, loopKey{}, func() any { return &loopSlot{} }).(*loopSlot)
	return v
}

func (s *loopSlot) get() *eventLoop {
	s.Lock()
	defer s.Unlock()
	return s.l
}

func (s *loopSlot) set(l *eventLoop) {
	s.Lock()
	defer s.Unlock()
	s.l = l
}

// eventLoop is the loop of one outermost gather. Its fields are touched
// only by whoever holds the loop's one turn: the driver (the goroutine of
// the outermost gather) while no task runs, else the running task. Turns
// pass over the unbuffered channels yielded and task.wake, which order
// every access.
type eventLoop struct {
	thread  *starlark.Thread // the outermost gather's: its cell's stop ends the loop
	ready   []*task
	timers  timerHeap
	seq     uint64        // orders waits begun at the same instant
	current *task         // the task that holds the turn, nil while the driver does
	yielded chan struct{} // a running task gives the turn back to the driver
	stopped error         // why the cell was stopped, once it was
	root    *taskGroup    // the outermost gather's tasks
	running sync.WaitGroup
}

type taskState int

const (
	taskNew      taskState = iota // not started: no goroutine yet
	taskReady                     // in ready, to run in a coming round
	taskRunning                   // holds the turn
	taskSleeping                  // in timers
	taskWaiting                   // in a nested gather, waiting for its group
	taskDone
)

// task is one callable of a gather, run on its own goroutine and thread.
type task struct {
	loop      *eventLoop
	group     *taskGroup
	index     int // position in its gather, from 0
	name      string
	fn        starlark.Callable
	thread    *starlark.Thread
	state     taskState
	wake      chan error // the driver gives the turn: nil, or why the task was cancelled
	cancelErr error      // set once the task is cancelled; every later wait returns it
	sleepSeq  uint64     // the seq of the task's current timer; older timers are void
	child     *taskGroup // the nested gather a waiting task waits for
	result    starlark.Value
}

func (t *task) label() string { return fmt.Sprintf("task %d (%s)", t.index+1, t.name) }

// taskGroup is the tasks of one gather call.
type taskGroup struct {
	tasks  []*task
	left   int   // tasks not done
	waiter *task // the task that called a nested gather; nil for the driver's
	err    error // the first failure, naming its task
}

// timer is a sleeping task's deadline.
type timer struct {
	deadline time.Time
	seq      uint64
	task     *task
}

// timerHeap orders timers by deadline, then by seq.
type timerHeap []timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].deadline.Equal(h[j].deadline) {
		return h[i].deadline.Before(h[j].deadline)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// live reports whether the timer still wakes its task: a cancelled sleep
// leaves its timer behind.
func (tm timer) live() bool { return tm.task.state == taskSleeping && tm.task.sleepSeq == tm.seq }

// newGroup makes the tasks of one gather and schedules them, in order, at
// the end of the ready queue (asyncio.gather wraps each in a task the same
// way). Each task's thread is made now, from the calling thread.
func (l *eventLoop) newGroup(caller *starlark.Thread, fns []starlark.Callable, waiter *task) (*taskGroup, error) {
	g := &taskGroup{left: len(fns), waiter: waiter}
	for i, fn := range fns {
		t := &task{loop: l, group: g, index: i, name: fn.Name(), fn: fn, wake: make(chan error)}
		t.thread = kernel.NewThread(caller, "gather "+t.label())
		if t.thread == nil {
			return nil, kernel.NotInCell("gather: " + t.label())
		}
		g.tasks = append(g.tasks, t)
	}
	l.ready = append(l.ready, g.tasks...)
	return g, nil
}

// run drives the loop until group g (the outermost gather's) is done, then
// waits for every task goroutine to end.
func (l *eventLoop) run(g *taskGroup) error {
	defer l.running.Wait()
	for g.left > 0 {
		if err := kernel.Stopped(l.thread); err != nil {
			l.stop(err)
		}
		l.dropVoidTimers()
		if len(l.ready) == 0 {
			if len(l.timers) == 0 {
				return starlark.Errorf(kernel.InternalError, "gather: %d tasks neither ready nor sleeping", g.left)
			}
			if err := pauseUntil(l.thread, l.timers[0].deadline); err != nil {
				l.stop(err)
				continue
			}
		}
		for now := time.Now(); len(l.timers) > 0 && !l.timers[0].deadline.After(now); {
			if tm := heap.Pop(&l.timers).(timer); tm.live() {
				tm.task.state = taskReady
				l.ready = append(l.ready, tm.task)
			}
		}
		round := l.ready
		l.ready = nil // tasks made ready during this round run in the next
		for _, t := range round {
			l.step(t)
		}
	}
	return nil
}

func (l *eventLoop) dropVoidTimers() {
	for len(l.timers) > 0 && !l.timers[0].live() {
		heap.Pop(&l.timers)
	}
}

// step gives the turn to t, starting it if new, and takes it back when t
// waits or ends. Tasks cancelled before they started are done already.
func (l *eventLoop) step(t *task) {
	l.current = t
	switch t.state {
	case taskNew:
		t.state = taskRunning
		l.running.Add(1)
		go t.run()
	case taskReady:
		t.state = taskRunning
		t.wake <- t.cancelErr
	default:
		l.current = nil
		return
	}
	<-l.yielded
	l.current = nil
}

// run is a task's goroutine: call the function, record the outcome, give
// the turn back for the last time.
func (t *task) run() {
	defer t.loop.running.Done()
	result, err := t.call()
	t.finish(result, err)
	t.loop.yielded <- struct{}{}
}

func (t *task) call() (result starlark.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, kernel.PanicError(t.label(), r)
		}
	}()
	return starlark.Call(t.thread, t.fn, nil, nil)
}

// yield gives the turn back to the driver and waits for it to come back;
// it returns why the task was cancelled meanwhile, if it was.
func (t *task) yield() error {
	t.loop.yielded <- struct{}{}
	return <-t.wake
}

// finish records a task's outcome in its group. The group's first failure
// cancels the group's other tasks (as asyncio.TaskGroup does: no task of a
// failed gather runs on unseen); the group's last task wakes its waiter.
func (t *task) finish(result starlark.Value, err error) {
	l, g := t.loop, t.group
	t.state, t.result = taskDone, result
	g.left--
	if err != nil && g.err == nil {
		g.err = taskError(t, err)
		if l.stopped == nil {
			why := starlark.Errorf(kernel.CancelledError, "%s failed", t.label())
			for _, other := range g.tasks {
				l.cancel(other, fmt.Errorf("%s was cancelled: %w", other.label(), why))
			}
		}
	}
	if g.left == 0 && g.waiter != nil {
		g.waiter.state = taskReady
		l.ready = append(l.ready, g.waiter)
	}
}

// taskError names the task in front of its failure; the exception raised
// is the task's own, as asyncio.gather re-raises it.
func taskError(t *task, err error) error {
	return fmt.Errorf("%s: %w", t.label(), err)
}

// cancel stops t at its next wait with err; a task not yet started ends at
// once, and a task in a nested gather has that gather's tasks cancelled.
// The task's thread is cancelled too, so Starlark code after a wait that
// could not report the error (an io_source loop that just ends) stops.
func (l *eventLoop) cancel(t *task, err error) {
	if t.state == taskDone || t.cancelErr != nil {
		return
	}
	t.cancelErr = err
	t.thread.Cancel(err.Error())
	switch t.state {
	case taskNew:
		t.finish(nil, err)
	case taskSleeping:
		t.state = taskReady
		l.ready = append(l.ready, t)
	case taskWaiting:
		for _, c := range t.child.tasks {
			l.cancel(c, err)
		}
	}
}

// stop cancels every task because the cell was stopped.
func (l *eventLoop) stop(err error) {
	if l.stopped != nil {
		return
	}
	l.stopped = err
	for _, t := range l.root.tasks {
		l.cancel(t, err)
	}
}

// outcome is what gather returns: the results in argument order, or the
// group's first failure.
func (g *taskGroup) outcome() (starlark.Value, error) {
	if g.err != nil {
		return nil, g.err
	}
	results := make([]starlark.Value, len(g.tasks))
	for i, t := range g.tasks {
		results[i] = t.result
	}
	return starlark.NewList(results), nil
}

// pauseUntil sleeps until deadline, returning early with the reason when
// the cell of thread is stopped.
func pauseUntil(thread *starlark.Thread, deadline time.Time) error {
	for {
		if err := kernel.Stopped(thread); err != nil {
			return err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil
		}
		time.Sleep(min(left, pollInterval))
	}
}

// sleepFor is sleep(seconds) for Go code on thread, a thread of the
// running cell: inside a gather task it gives the loop's turn away for d;
// elsewhere it just sleeps. Either way it ends early when the cell is
// stopped, and in a cancelled task it returns the cancellation at once.
func sleepFor(thread *starlark.Thread, d time.Duration) error {
	slot := slotOf(thread)
	if slot == nil {
		return kernel.NotInCell("sleep")
	}
	l := slot.get()
	if l == nil || l.current == nil {
		return pauseUntil(thread, time.Now().Add(d))
	}
	t := l.current
	if t.cancelErr != nil {
		return t.cancelErr
	}
	if err := kernel.Stopped(thread); err != nil {
		return err
	}
	l.seq++
	t.sleepSeq = l.seq
	if d <= 0 {
		t.state = taskReady // asyncio.sleep(0): to the back of the ready queue
		l.ready = append(l.ready, t)
	} else {
		t.state = taskSleeping
		heap.Push(&l.timers, timer{deadline: time.Now().Add(d), seq: l.seq, task: t})
	}
	return t.yield()
}

// gatherCallables runs fns as tasks and returns their results in order.
// Called outside a task it makes the session's loop and drives it; called
// from a task it adds a group to that loop and waits, giving its turn away,
// as `await asyncio.gather(...)` does.
func gatherCallables(thread *starlark.Thread, fns []starlark.Callable) (starlark.Value, error) {
	slot := slotOf(thread)
	if slot == nil {
		return nil, kernel.NotInCell("gather")
	}
	if l := slot.get(); l != nil {
		return l.nested(thread, fns)
	}
	l := &eventLoop{thread: thread, yielded: make(chan struct{})}
	g, err := l.newGroup(thread, fns, nil)
	if err != nil {
		return nil, err
	}
	l.root = g
	slot.set(l)
	defer slot.set(nil)
	if err := l.run(g); err != nil {
		return nil, err
	}
	if l.stopped != nil {
		return nil, l.stopped
	}
	return g.outcome()
}

// nested is gather called by the running task of l.
func (l *eventLoop) nested(thread *starlark.Thread, fns []starlark.Callable) (starlark.Value, error) {
	w := l.current
	if w == nil {
		return nil, starlark.Errorf(starlark.RuntimeError, "gather: called outside the tasks of the gather already running")
	}
	if w.cancelErr != nil {
		return nil, w.cancelErr
	}
	g, err := l.newGroup(thread, fns, w)
	if err != nil {
		return nil, err
	}
	w.state, w.child = taskWaiting, g
	err = w.yield()
	w.child = nil
	if err != nil {
		return nil, err
	}
	return g.outcome()
}

// gather(*fns) is asyncio.gather: it runs each function (called with no
// arguments; use partial(fn, args...) or a lambda to pass some) as a task
// of one event loop and returns the list of their results in order. Tasks
// take turns: one runs until it waits (sleep, io_source, a nested gather).
// The first task to fail cancels the others and its error, naming the task,
// is gather's. Every task has ended when gather returns.
func gatherBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 {
		return nil, starlark.Errorf(starlark.TypeError, "%s: unexpected keyword argument %s", b.Name(), kwargs[0][0])
	}
	fns := make([]starlark.Callable, len(args))
	for i, a := range args {
		fn, ok := a.(starlark.Callable)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "%s: argument %d is %s, not a function (pass f, not f(): gather calls it)", b.Name(), i+1, a.Type())
		}
		fns[i] = fn
	}
	if len(fns) == 0 {
		return starlark.NewList(nil), nil
	}
	return gatherCallables(thread, fns)
}

// seconds converts a sleep length to a duration, rejecting what Python's
// time.sleep rejects.
func seconds(fn string, x float64) (time.Duration, error) {
	if math.IsNaN(x) || x < 0 {
		return 0, starlark.Errorf(starlark.ValueError, "%s: sleep length must be non-negative, got %g", fn, x)
	}
	if x > math.MaxInt64/float64(time.Second) {
		return math.MaxInt64, nil
	}
	return time.Duration(x * float64(time.Second)), nil
}

// sleep(seconds) waits, standing in for I/O latency: inside a gather task
// other tasks run meanwhile (asyncio.sleep); elsewhere it is time.sleep.
// A sleep ends within pollInterval of Stop, a timeout or a step budget
// spent by another thread of the cell.
func sleepBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x kernel.Number
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	d, err := seconds(b.Name(), float64(x))
	if err != nil {
		return nil, err
	}
	s := thread
	if s == nil {
		return nil, kernel.NotInCell(b.Name())
	}
	if err := sleepFor(s, d); err != nil {
		if stop := kernel.Checkpoint(thread, 0); stop != nil {
			return nil, stop // the cell was stopped: cancel thread too, so no except catches it
		}
		return nil, err
	}
	return starlark.None, nil
}

// ioSource is what io_source(n, latency, name) returns: an iterable of n
// events, each delivered after a simulated wait of latency seconds.
type ioSource struct {
	thread  *starlark.Thread // its own (kernel.NewThread), adopted by the cell that iterates it
	n       int
	latency time.Duration
	name    string
}

var _ starlark.Iterable = (*ioSource)(nil)

func (src *ioSource) String() string {
	return fmt.Sprintf("io_source(%d, latency=%g, name=%s)", src.n, src.latency.Seconds(), starlark.String(src.name))
}
func (src *ioSource) Type() string          { return "io_source" }
func (src *ioSource) Freeze()               {}
func (src *ioSource) Truth() starlark.Bool  { return src.n > 0 }
func (src *ioSource) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(src)) >> 3), nil }

// Iterate starts a fresh pass: each pass waits and delivers all n events.
func (src *ioSource) Iterate() starlark.Iterator { return &ioIterator{src: src} }

type ioIterator struct {
	src *ioSource
	seq int
}

// Next waits out the latency (giving the loop's turn away inside a task)
// and delivers {"source": name, "seq": i}. A stopped cell or cancelled
// task ends the iteration; its thread was cancelled too, so the code after
// the loop does not run on.
func (it *ioIterator) Next(p *starlark.Value) bool {
	if it.seq >= it.src.n {
		return false
	}
	kernel.Adopt(it.src.thread)
	if err := sleepFor(it.src.thread, it.src.latency); err != nil {
		return false
	}
	ev := starlark.NewDict(2)
	_ = ev.SetKey(starlark.String("source"), starlark.String(it.src.name))
	_ = ev.SetKey(starlark.String("seq"), starlark.MakeInt(it.seq))
	it.seq++
	*p = ev
	return true
}

func (it *ioIterator) Done() {}

// io_source(n, latency=0.01, name="io") is a source that waits: iterating
// it (a for loop, or push(io_source(...), head)) gives n events
// {"source": name, "seq": 0, 1, ...}, each after latency seconds of
// simulated I/O, during which other gather tasks run.
func ioSourceBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var n int
	latency := kernel.Number(0.01)
	name := "io"
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "n", &n, "latency?", &latency, "name?", &name); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, starlark.Errorf(starlark.ValueError, "%s: n must be at least 0, got %d", b.Name(), n)
	}
	d, err := seconds(b.Name(), float64(latency))
	if err != nil {
		return nil, err
	}
	t := kernel.NewThread(thread, b.Name())
	if t == nil {
		return nil, kernel.NotInCell(b.Name())
	}
	return &ioSource{thread: t, n: n, latency: d, name: name}, nil
}
