package kernel

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"sync/atomic"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"pushbook/notebook"
	"pushbook/pipeline"
)

// Output is one nbformat 4 output. It is the notebook package's type, so
// outputs go into a saved .ipynb unchanged; json.Marshal gives nbformat's
// shape with plain strings.
type Output = notebook.Output

// Limits used when the corresponding Options field is zero.
const (
	DefaultMaxSteps       = 1_000_000_000 // about 10-20 s of Starlark natively, longer in WebAssembly
	DefaultMaxMemory      = 1 << 30       // 1 GiB: what a browser tab can spare
	DefaultMaxOutputLines = 10_000
	DefaultMaxOutputBytes = 1 << 20
)

// Options configures a Session. The zero value gives the defaults above and
// no yield hook.
type Options struct {
	// MaxSteps is the step budget of one cell, shared by all of the cell's
	// threads (see NewThread). 0 means DefaultMaxSteps.
	MaxSteps uint64
	// MaxMemory is the memory budget, in bytes of live Go heap, that a
	// cell may grow the process to; it is checked at the cell's
	// checkpoints, and beyond it the cell stops with a MemoryError. A single
	// operation that would make more than starlark.AllocLimit elements at
	// once fails before it allocates. 0 means DefaultMaxMemory.
	MaxMemory uint64
	// MaxOutputLines and MaxOutputBytes cap the output of one cell; output
	// beyond either is dropped and counted in one notice at the end of the
	// cell. 0 means the default.
	MaxOutputLines int
	MaxOutputBytes int
	// YieldEvery calls OnYield each time the cell's threads together have run
	// about this many more steps. 0 means never.
	YieldEvery uint64
	// ReadFile returns the contents of a data file a cell asks for by name
	// (read_events, read_table, read_text). The browser serves files dropped
	// on the page and files from the page's own site; the headless runner
	// reads files next to the notebook. nil: cells cannot read files. Its
	// error shows as a FileNotFoundError unless it is a *starlark.Exception,
	// whose class stays.
	ReadFile func(name string) ([]byte, error)
	// Modules are the modules cells may import, by name.
	Modules []Module
	// LiveGraphs keeps every stage a cell shows as a graph, for Graph to
	// draw again as it is now, and tags its output with the graph's id
	// (metadata.pushbook.graph). The browser sets it; the headless runner
	// does not, so the notebooks it writes carry no ids that nothing can
	// answer (and do not change from run to run).
	LiveGraphs bool
	// OnYield runs on the goroutine executing Starlark code. It may block
	// briefly (the browser lets its event loop run here, so that a Stop
	// message can call Interrupt).
	OnYield func()
}

// Status values of a Result.
const (
	StatusOK      = "ok"      // the cell ran to completion
	StatusError   = "error"   // the cell failed: syntax error, runtime error, panic in a builtin
	StatusAborted = "aborted" // the cell was stopped: Interrupt, Cancel or the step budget
)

// Result describes how one Execute call ended.
type Result struct {
	ExecutionCount int
	Status         string
	Err            error // nil when Status is "ok"; otherwise names the cell and wraps the cause
}

// Session is one notebook kernel: the globals that cells share, the
// execution counter and the limits. Execute may be called from any
// goroutine, but cells run one at a time: a second call waits for the first.
// Interrupt and Cancel are safe from any goroutine at any time.
type Session struct {
	opts Options

	exec sync.Mutex // held while a cell runs

	mu      sync.Mutex // guards count and checks
	count   int
	checks  int                  // exercise checks run, for their file names
	current atomic.Pointer[cell] // the running cell, nil between cells

	globals     starlark.StringDict // user globals and predeclared names, shared by all cells
	predeclared starlark.StringDict
	modules     map[string]*module
	locals      map[string]any
	sources     map[string]string // cell file name -> source, for tracebacks
	exports     exports           // tables shown, for download
	graphs      graphs            // pipeline graphs shown, for re-drawing (graphs.go)
	valuesMu    sync.Mutex
	values      map[any]any // SessionValue's

	modulesBound atomic.Pointer[map[string]starlark.Value] // global name -> module, as the last cell left them (complete.go)
	iterFailure  iterFailure                               // a generator's error met by a builtin that iterates it
	live         struct {
		mu          sync.Mutex
		stages      []*pipeline.Stage[starlark.Value] // coroutine stages, for Close
		kept        int                               // open ones after the last pruning
		unreachable []*pipeline.Stage[starlark.Value] // to close: see closeUnreachable
	}
}

// fileOptions are the Starlark dialect of cells: Python-like, with while
// loops, recursion, top-level control flow, reassignable globals and sets.
// Loads bind globally so a name loaded in one cell is visible in the next.
var fileOptions = &syntax.FileOptions{
	Set:               true,
	While:             true,
	TopLevelControl:   true,
	GlobalReassign:    true,
	Recursion:         true,
	LoadBindsGlobally: true,
}

// Cells show values as Python does ('a', not "a"): learners compare what a
// cell prints with Python's output.
func init() {
	starlark.PythonRepr = true
	// One operation makes at most 32 M elements (512 MB of list, or 32 MB of
	// string): a list(range(10**9)) is a MemoryError, not 16 GB.
	starlark.AllocLimit = 1 << 25
}

// NewSession returns a session with no cells run yet. Its predeclared names
// are Starlark's universe plus display and isinstance (see the package doc).
func NewSession(opts Options) *Session {
	if opts.MaxSteps == 0 {
		opts.MaxSteps = DefaultMaxSteps
	}
	if opts.MaxMemory == 0 {
		opts.MaxMemory = DefaultMaxMemory
	}
	if opts.MaxOutputLines <= 0 {
		opts.MaxOutputLines = DefaultMaxOutputLines
	}
	if opts.MaxOutputBytes <= 0 {
		opts.MaxOutputBytes = DefaultMaxOutputBytes
	}
	s := &Session{
		opts:        opts,
		globals:     starlark.StringDict{},
		predeclared: starlark.StringDict{},
		modules:     map[string]*module{},
		locals:      map[string]any{},
		sources:     map[string]string{},
		values:      map[any]any{},
	}
	for name, v := range builtins() {
		s.Predeclare(name, v)
	}
	for _, name := range iteratingBuiltins {
		s.Predeclare(name, s.raisingIteratorErrors(starlark.Universe[name].(*starlark.Builtin)))
	}
	for _, m := range opts.Modules {
		s.addModule(m)
	}
	return s
}

// Predeclare makes v visible to every later cell as name, like a builtin.
// Go builtins are wrapped so that a panic inside them becomes an error
// output instead of ending the session. A cell may rebind the name; the
// rebinding lasts, as rebinding a builtin does in Python. Call Predeclare
// between cells or from a builtin on the cell's goroutine.
func (s *Session) Predeclare(name string, v starlark.Value) {
	v = recoverBuiltin(v)
	s.predeclared[name] = v
	s.globals[name] = v
}

// SetThreadLocal sets a thread-local value (starlark.Thread.Local) on the
// thread of every later cell and on every thread made by NewThread.
func (s *Session) SetThreadLocal(key string, value any) {
	s.locals[key] = value
}

// ExecutionCount returns the count of the last cell started, 0 before any.
func (s *Session) ExecutionCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

// Globals returns a copy of the names the cells have defined, without the
// predeclared names they have not rebound.
func (s *Session) Globals() starlark.StringDict {
	s.exec.Lock()
	defer s.exec.Unlock()
	g := maps.Clone(s.globals)
	maps.DeleteFunc(g, func(name string, v starlark.Value) bool {
		p, ok := s.predeclared[name]
		return ok && p == v
	})
	return g
}

// Interrupt stops the running cell, as Jupyter's interrupt does: every
// Starlark thread of the cell stops within a bounded number of steps, and
// the cell ends with a KeyboardInterrupt error output and status "aborted".
// Interrupt does nothing when no cell is running.
func (s *Session) Interrupt() { s.Cancel(ErrInterrupted) }

// Cancel stops the running cell like Interrupt, with err as the reason: the
// cell's error output takes its class and message from err (made by
// starlark.Errorf(starlark.TimeoutError, ...), say), and Result.Err wraps
// err. No except clause in the cell catches it. Only the first reason
// given to a cell counts.
func (s *Session) Cancel(err error) {
	if c := s.current.Load(); c != nil {
		c.abortWith(err)
	}
}

// failure stops a cell because of an error raised where Go code cannot
// return one (inside a starlark.Iterator): the cell ends as failed, not
// stopped, with the error's class and message.
type failure struct{ err error }

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// Execute runs one cell of Starlark code. emit receives each output as it
// happens: a stream output per print, display_data from display(), the
// execute_result of a final bare expression whose value is not None, and
// at most one error output, which is always the last. emit is called on the
// goroutine running the cell's Starlark code, never concurrently.
//
// Globals assigned by the cell stay even when it fails (except after a
// panic that escaped a builtin the session did not wrap). Execute never
// panics because of the code it runs.
func (s *Session) Execute(code string, emit func(Output)) Result {
	s.exec.Lock()
	defer s.exec.Unlock()
	s.mu.Lock()
	s.count++
	n := s.count
	c := newCell(s, n, emit)
	s.current.Store(c)
	s.mu.Unlock()
	defer s.current.Store(nil)
	return s.runCell(c, code)
}

// ExecuteCheck runs code as an exercise's check: the hidden code that runs
// after the learner's cell, in the same session, and says what is right and
// what is not (see notebook.Exercise). It runs as a cell does, against the
// session's globals, with the same limits (steps, memory, output, Stop), and
// emits its outputs the same way, with two differences: it takes no
// execution number (Result.ExecutionCount is 0 and the session's count does
// not move), and its frames in a traceback read "Exercise check, line L"
// instead of "Cell In[n]". A final bare expression is evaluated but not
// shown: a check speaks by printing and by raising. A check that raises
// AssertionError("what is wrong") ends with status "error"; [CheckFeedback]
// reads the message from its Result.
func (s *Session) ExecuteCheck(code string, emit func(Output)) Result {
	s.exec.Lock()
	defer s.exec.Unlock()
	s.mu.Lock()
	s.checks++
	c := newCheck(s, s.checks, emit)
	s.current.Store(c)
	s.mu.Unlock()
	defer s.current.Store(nil)
	return s.runCell(c, code)
}

// CheckFeedback returns the plain-words message of a check that failed by
// raising AssertionError (or a subclass), and whether it did; a check that
// passed, failed otherwise or was stopped gives "", false. The message is
// the error output's evalue, context and all.
func CheckFeedback(res Result) (string, bool) {
	if res.Status != StatusError || res.Err == nil {
		return "", false
	}
	var exc *starlark.Exception
	if !errors.As(res.Err, &exc) || !exc.Class.IsSubclassOf(starlark.AssertionError) {
		return "", false
	}
	_, msg := exceptionName(errors.Unwrap(res.Err)) // without the "the exercise's check: " in front
	return msg, true
}

// runCell runs c, a cell or a check, made current by the caller, who holds
// s.exec.
func (s *Session) runCell(c *cell, code string) Result {
	defer c.end()
	defer s.noteModules()
	n := c.n
	s.sources[c.filename] = code
	s.closeUnreachable() // their clean-up prints at the top of this cell
	err := c.run(code)
	c.flushTruncation()
	if err == nil {
		return Result{ExecutionCount: n, Status: StatusOK}
	}
	status := StatusError
	if abort := c.aborted(); abort != nil {
		var f *failure
		if errors.As(abort, &f) {
			// raised as the failure, with the frames of where the cell
			// stopped and then those of where the failure happened
			err = &stoppedBy{stack: err, failure: f.err}
		} else {
			err, status = abort, StatusAborted
		}
	}
	c.emitAlways(s.errorOutput(n, err))
	return Result{ExecutionCount: n, Status: status, Err: fmt.Errorf("%s: %w", c.name, err)}
}

// resultName is the hidden global that receives a cell's final expression.
const resultName = "_pushbook_result_"

// run parses and executes code on the cell's main thread, turning a panic
// that escaped a builtin into an error.
func (c *cell) run(code string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = PanicError("cell", r)
		}
	}()
	f, err := fileOptions.Parse(c.filename, code, 0)
	if err != nil {
		return err
	}
	if err := noLoad(f); err != nil {
		return err
	}
	hasResult := !c.check && captureFinalExpression(f)
	err = starlark.ExecREPLChunk(f, c.main, c.session.globals)
	if !hasResult {
		return err
	}
	v, ok := c.session.globals[resultName]
	delete(c.session.globals, resultName)
	if err == nil && ok && v != starlark.None {
		o := notebook.NewExecuteResult(c.n, bundle(v))
		o.Metadata = c.session.liveMetadata(v)
		c.emit(o)
	}
	return err
}

// noLoad refuses Starlark's load statement: cells import modules as
// Python does, and one way is easier to learn than two.
func noLoad(f *syntax.File) error {
	for _, stmt := range f.Stmts {
		if l, ok := stmt.(*syntax.LoadStmt); ok {
			names := make([]string, len(l.From))
			for i, n := range l.From {
				names[i] = n.Name
			}
			return syntax.Error{Pos: l.Load, Msg: fmt.Sprintf("load() is Starlark's; a cell imports as Python does: from %s import %s", l.ModuleName(), strings.Join(names, ", "))}
		}
	}
	return nil
}

// captureFinalExpression rewrites a final bare expression statement into an
// assignment to resultName, so that one execution both runs the cell and
// yields the value Jupyter shows as Out[n].
func captureFinalExpression(f *syntax.File) bool {
	if len(f.Stmts) == 0 {
		return false
	}
	last, ok := f.Stmts[len(f.Stmts)-1].(*syntax.ExprStmt)
	if !ok {
		return false
	}
	start, _ := last.X.Span()
	f.Stmts[len(f.Stmts)-1] = &syntax.AssignStmt{
		OpPos: start,
		Op:    syntax.EQ,
		LHS:   &syntax.Ident{NamePos: start, Name: resultName},
		RHS:   last.X,
	}
	return true
}

// ErrInterrupted is the reason Interrupt gives; a cell stopped by it ends
// with a KeyboardInterrupt error output, as in Jupyter. Like every reason
// for stopping a cell, no except clause catches it.
var ErrInterrupted = starlark.Errorf(starlark.KeyboardInterrupt, "execution interrupted")

// ErrStepBudget is wrapped by the error of a cell that ran out of steps, a
// StepLimitError.
var ErrStepBudget = errors.New("step budget exhausted")
