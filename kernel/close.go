package kernel

import (
	"go.starlark.net/starlark"

	"pushbook/pipeline"
)

// Every coroutine or generator a cell makes holds a suspended goroutine
// (its iter.Pull body) until it finishes or is closed. The session keeps a
// list of them so that Close can end the ones a notebook left open, as
// Python finalises generators when the interpreter exits.

// trackStage remembers a coroutine stage for Close; finished ones are
// dropped from the list from time to time so it does not grow without end.
func (s *Session) trackStage(st *pipeline.Stage[starlark.Value]) {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	if len(s.live.stages) >= 2*s.live.kept+64 {
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
	s.live.stages = append(s.live.stages, st)
}

// Close ends the session: every coroutine stage still open is closed, most
// recent first, so that no goroutine outlives the session. Their clean-up
// code runs with its output discarded. Call it when a session is replaced
// (a restart) or done with (the end of a headless run), never while a cell
// runs. The session must not be used afterwards.
func (s *Session) Close() {
	s.exec.Lock()
	defer s.exec.Unlock()
	s.live.mu.Lock()
	stages := s.live.stages
	s.live.stages = nil
	s.live.mu.Unlock()
	for i := len(stages) - 1; i >= 0; i-- {
		_ = stages[i].Close()
	}
}
