package kernel

import (
	"errors"

	"go.starlark.net/starlark"
)

// errNotCellThread is returned for threads that no Session made.
var errNotCellThread = errors.New("thread does not belong to a running cell")

// notInCell is the RuntimeError of builtin what called on a thread that no
// running cell made (by a host, say, outside Session.Execute).
func NotInCell(what string) error {
	return starlark.Errorf(starlark.RuntimeError, "%s: %w", what, errNotCellThread)
}

func stateOf(thread *starlark.Thread) *threadState {
	ts, _ := thread.Host.(*threadState)
	return ts
}

// NewThread returns a new Starlark thread for the cell that parent belongs
// to, for a builtin that runs Starlark code on another goroutine (a
// coroutine or generator body inside iter.Pull, say). The new thread shares
// with parent: print routing and the output cap, the cell's step budget and
// yield hook (steps of all threads are summed), cancellation (Interrupt
// reaches it within a bounded number of steps; if the cell is already
// stopped it starts cancelled), load(), and the thread locals set through
// Session.SetThreadLocal or SetLocal. NewThread returns nil when parent is
// not a thread of a running cell.
//
// Like any starlark.Thread, the new thread must be used by one goroutine at
// a time. It should not outlive the cell: once Execute returns, its output
// goes nowhere.
func NewThread(parent *starlark.Thread, name string) *starlark.Thread {
	ts := stateOf(parent)
	if ts == nil {
		return nil
	}
	return ts.cell.newThread(name, ts.locals)
}

// SetLocal sets a thread-local value on thread that threads later made
// from it by NewThread inherit. Like starlark.Thread.SetLocal, it must not
// race with code reading the thread's locals.
func SetLocal(thread *starlark.Thread, key string, value any) {
	thread.SetLocal(key, value)
	if ts := stateOf(thread); ts != nil {
		if ts.locals == nil {
			ts.locals = map[string]any{}
		}
		ts.locals[key] = value
	}
}

// Emit sends an output (typically display_data) from a builtin running on a
// cell thread, subject to the cell's output cap.
func Emit(thread *starlark.Thread, out Output) error {
	ts := stateOf(thread)
	if ts == nil {
		return starlark.Wrap(starlark.RuntimeError, errNotCellThread)
	}
	ts.cell.emit(out)
	return nil
}

// Stopped returns why the cell that thread belongs to was stopped
// (Interrupt, Cancel or the step budget), or nil while it may go on. Go
// code that works for long without running Starlark steps should poll it.
func Stopped(thread *starlark.Thread) error {
	ts := stateOf(thread)
	if ts == nil {
		return nil
	}
	return ts.cell.aborted()
}

// adopt moves a thread made by NewThread to the session's running cell when
// it belongs to an earlier one: a coroutine made in one cell and sent to in
// a later one prints into, counts against and is stopped with the cell that
// resumed it. It is called each time a coroutine body resumes.
func Adopt(t *starlark.Thread) {
	ts := stateOf(t)
	if ts == nil {
		return
	}
	s := ts.cell.session
	cur := s.current.Load()
	if cur == nil || cur == ts.cell {
		return
	}
	ts.cell = cur
	ts.accounted = t.Steps
	t.Print, t.PrintText = cur.print, cur.printText
	t.Uncancel()
	if err := cur.aborted(); err != nil {
		t.Cancel(err.Error())
	}
	t.SetMaxExecutionSteps(t.Steps + cur.chunk())
}

// Checkpoint lets Go code that works for long without running Starlark
// steps (a built-in source pushing a million values, say) count work steps
// against the running cell's budget, reach the yield hook (so the browser
// can deliver Stop), and learn whether the cell was stopped. A stopped
// cell's reason is returned and thread is cancelled, so that no except
// clause catches the reason when the Go code returns it.
func Checkpoint(thread *starlark.Thread, work uint64) error {
	ts := stateOf(thread)
	if ts == nil {
		return nil
	}
	Adopt(thread)
	err := ts.cell.charge(work)
	if err != nil {
		thread.Cancel(err.Error())
	}
	return err
}

// itemsPerCheckpoint is how many items (values, events, rows, records) a Go
// loop of a builtin handles between two calls of Checkpoint (push, whose
// items cost more, checks every checkpointEvery).
const itemsPerCheckpoint = 1024

// loopCheckpoint is the checkpoint of item i (from 0) of a Go loop running
// for thread's cell: every itemsPerCheckpoint items it charges them, a step
// each, and returns why the cell was stopped, if it was. Between calls it
// costs a modulo.
func LoopCheckpoint(thread *starlark.Thread, i int) error {
	if i%itemsPerCheckpoint != itemsPerCheckpoint-1 {
		return nil
	}
	return Checkpoint(thread, itemsPerCheckpoint)
}

// printCurrent prints msg into whichever cell of the session is running,
// for Go stages (a printing sink) that outlive the cell that made them.
func (s *Session) printCurrent(msg string) {
	if c := s.current.Load(); c != nil {
		c.print(nil, msg)
	}
}
