package kernel

import (
	"runtime"

	"go.starlark.net/starlark"

	"pushbook/pipeline"
)

// Every coroutine or generator a cell makes holds a suspended goroutine
// (its iter.Pull body) until it finishes or is closed. The session keeps a
// list of them so that Close can end the ones a notebook left open, as
// Python finalises generators when the interpreter exits.

// MaxOpenGenerators is how many generators (coroutines included) a session
// may hold open at once. Each holds a suspended goroutine and its Starlark
// thread until it ends or is closed: about 10 KB each, 20 MB at this limit.
// Generators nobody refers to any more are closed as Python's garbage
// collector closes them (closeUnreachable), so only ones a notebook still
// holds count against it.
const MaxOpenGenerators = 2000

// closeWhenUnreachable arranges for g's stage to be closed once the garbage
// collector finds that nothing refers to g: its body's goroutine refers
// only to the body (see body), not to g. The closing itself happens on a
// cell's goroutine, in closeUnreachable, so the body's clean-up prints into
// the cell that runs next.
func (s *Session) closeWhenUnreachable(g *Stage) {
	runtime.AddCleanup(g, func(st *pipeline.Stage[starlark.Value]) {
		s.live.mu.Lock()
		s.live.unreachable = append(s.live.unreachable, st)
		s.live.mu.Unlock()
	}, g.st)
}

// closeUnreachable closes the generators the garbage collector found
// unreachable since it last ran, oldest first. It runs on the goroutine of
// the cell that is running: at its start, and when MaxOpenGenerators is
// reached.
func (s *Session) closeUnreachable() {
	s.live.mu.Lock()
	stages := s.live.unreachable
	s.live.unreachable = nil
	s.live.mu.Unlock()
	for _, st := range stages {
		_ = st.Close() // its errors belong to nobody; Python ignores them too ("Exception ignored in")
	}
}

// trackStage remembers a coroutine stage for Close; finished ones are
// dropped from the list from time to time so it does not grow without end.
// It refuses a stage beyond MaxOpenGenerators open ones.
func (s *Session) trackStage(st *pipeline.Stage[starlark.Value]) error {
	s.live.mu.Lock()
	full := len(s.live.stages) >= MaxOpenGenerators
	s.live.mu.Unlock()
	if full {
		// Let the collector find the generators nobody holds, and close them.
		runtime.GC()
		for range 100 { // cleanups run on a goroutine of their own
			runtime.Gosched()
		}
		s.closeUnreachable()
	}
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	if len(s.live.stages) >= 2*s.live.kept+64 || len(s.live.stages) >= MaxOpenGenerators {
		open := s.live.stages[:0]
		for _, x := range s.live.stages {
			if x.State() == pipeline.Open {
				open = append(open, x)
			}
		}
		clear(s.live.stages[len(open):])
		s.live.stages = open
		s.live.kept = len(open)
	}
	if len(s.live.stages) >= MaxOpenGenerators {
		return starlark.Errorf(starlark.RuntimeError, "%d generators are open (suspended, or not started) and still referred to: close() the ones you are done with, or run them to their end", MaxOpenGenerators)
	}
	s.live.stages = append(s.live.stages, st)
	return nil
}

// Close ends the session: every coroutine stage still open is closed, most
// recent first, so that no goroutine outlives the session. Their clean-up
// code runs with its output discarded. Call it when a session is replaced
// (a restart) or done with (the end of a headless run), never while a cell
// runs. The session must not be used afterwards.
func (s *Session) Close() {
	s.exec.Lock()
	defer s.exec.Unlock()
	s.graphs.forget()
	s.live.mu.Lock()
	stages := s.live.stages
	s.live.stages = nil
	s.live.mu.Unlock()
	for i := len(stages) - 1; i >= 0; i-- {
		_ = stages[i].Close()
	}
}
