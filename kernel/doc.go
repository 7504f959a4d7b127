// Package kernel runs notebook cells written in Python (on our fork of
// go.starlark.net) and turns every result into Jupyter outputs. It is the core
// the browser worker (through wasm/) and the headless runner (go run . run/check) drive.
//
// # Sessions and cells
//
// A [Session] is one notebook kernel. [Session.Execute] runs one cell: it
// parses the code with the Python-like file options (while loops,
// recursion, if/for/while at top level, reassignable globals, set) and runs
// it with starlark.ExecREPLChunk against the session's globals, which are
// never frozen, so a later cell sees and may change what an earlier one
// defined. Cells run one at a time and are numbered 1, 2, 3 ... like
// Jupyter's In [n]; a cell that fails still takes a number and keeps the
// globals it assigned before failing.
//
// # Outputs
//
// Everything a cell shows is an [Output] (nbformat 4), passed to Execute's
// emit callback as it happens:
//
//   - print(...) gives a "stream" output named "stdout".
//   - A final bare expression whose value is not None gives an
//     "execute_result" (Out[n]). Its data is a MIME bundle: the value's
//     [Displayable] bundle if it has one, and always text/plain (the
//     Starlark repr, e.g. {"a": 1}).
//   - display(v, ...) gives one "display_data" per non-None value, by the
//     same rule. Go builtins emit outputs with [Emit] and [DisplayData].
//   - A failure gives one "error" output, always the cell's last, with a
//     Python-like ename, the message as evalue and an IPython-style
//     traceback (ANSI colours, "Cell In[n], line L, column C" and the source
//     lines around each frame; syntax errors show the line with a caret).
//
// # Error names
//
// Every error a cell sees carries its Python exception class as a Go value:
// it is, or wraps, a *starlark.Exception (the fork's exceptions.go). The
// interpreter and library raise Python's classes; kernel builtins return
// starlark.Errorf(starlark.ValueError, ...), starlark.Wrap(...) and the
// like, choosing the class Python would (a bad argument is a TypeError or
// ValueError, a missing data file a FileNotFoundError, an exhausted
// generator StopIteration). The ename is the class of the first exception
// in the error's chain, however deeply Starlark or fmt.Errorf("%w") wraps
// it; the evalue is its message, after the context wrappers put in front
// (a stage's name and event number: `map "f": event 3: bad`). A class is
// never guessed from message text; an error with no class shows as
// Python's base class, Exception (fail(...) raises one). Only compile
// errors are named by the syntax and resolve packages: SyntaxError, or
// NameError for an undefined name.
//
// The kernel adds host classes Python lacks, in the same tree:
// [InternalError] (below RuntimeError) is a Go panic inside a predeclared
// or module builtin, after which the session lives on; [CancelledError]
// (below BaseException, as asyncio's) is what the other tasks of a failed
// gather get; [StepLimitError] ends a cell that spent its step budget
// ([ErrStepBudget]).
//
// A stopped cell is cancelled, not raised into: no except clause, bare or
// not, catches [ErrInterrupted] (KeyboardInterrupt, from
// [Session.Interrupt]), the StepLimitError, or the reason given to
// [Session.Cancel]; its class and message are only shown.
//
// # Limits
//
// Each cell has a step budget ([Options].MaxSteps, shared by all the
// cell's threads), an output cap (MaxOutputLines, MaxOutputBytes: output
// beyond it is dropped and one stderr notice at the end of the cell says how
// much) and can be stopped from any goroutine with [Session.Interrupt]. A
// memory budget ([Options].MaxMemory) is checked against the heap at the
// cell's checkpoints, and one operation may make at most starlark.AllocLimit
// elements (a MemoryError before it allocates). Calls nest at most 2,000
// deep (RecursionError, its traceback shortened as Python's is). At most
// [MaxOpenGenerators] generators stay open; one that nothing refers to any
// more is closed at the next cell's start, as Python's garbage collector
// would. Go code that runs long for a cell (tables, plots, file decoding,
// sleep) calls [Checkpoint], so Stop and the budgets reach it.
// [Options].OnYield is called about every YieldEvery steps on the goroutine
// running the cell; in the browser it lets the event loop run so that a
// Stop button works without SharedArrayBuffer. A stopped cell ends with an
// error output and status "aborted"; the next cell runs normally.
//
// # Extending the session
//
// [Session.Predeclare] adds builtins and values; [Session.AddModule] makes
// load("name", "member") work, loading each module once per session. A
// builtin that must run Starlark code on another goroutine (a coroutine or
// generator body) makes a thread with [NewThread]: it shares the cell's
// print routing, output cap, step budget, yield hook, cancellation, load
// and thread locals. [Stopped] tells long-running Go code that the cell was
// stopped.
//
// # Coroutines, generators and stages
//
// Cells write Python's generators: the fork compiles a def containing
// yield as a generator function, and the session is its
// starlark.GeneratorHost (generator.go). Calling one makes a [Stage]: a
// pipeline.RawCoroutine whose body runs the function on its own thread
// (NewThread) inside iter.Pull; yield hands a value out and waits (the
// seed's @coroutine primes it with send(None)); close raises GeneratorExit
// at the paused yield; throw raises what it is given there; yield from
// delegates. Stage arguments are the stage's outputs, so close (down,
// fan-in counted) and stop (up, as StopIteration, as Python 3.4 did) follow
// the pipeline package. A body resumed by a later cell is adopted by it: it
// prints into that cell and counts against its budget. The stage library
// (stages.go, sinks.go) wraps pipeline's Go stages; push() is a Go source
// that reports its work to the step budget and yield hook through
// [Checkpoint]. The seed notebook's functions are a module in the seed's
// own Python (seed.star), loaded with load("seed", ...). Builtins that
// iterate (list, sorted, ...) raise a generator's error from their call
// (iterfailure.go); a for loop raises it where the loop is.
//
// # Tables
//
// tables.go adapts Starlark dicts and lists to the flatten package without
// copying them into Go maps, and wraps flatten.Table as a value that shows
// as text/plain and text/html: table(events), array(rows, dtype),
// append_fields, flatten_dict and the table_sink stage.
//
// # Random numbers, files, asyncio, pictures
//
// random(seed=...) is a PCG stream (math/rand/v2), identical natively and
// in WebAssembly. read_events, read_table and read_text read data files
// through Options.ReadFile. gather, sleep, clock, partial and io_source are
// an asyncio-style loop: each task has a goroutine, one runs at a time, and
// a task gives the turn away only while it waits, so waits overlap and
// computation does not, on every platform. A stage shown as a result, and
// graph, plot, hist and scatter, are SVG pictures from the picture package.
//
// # Python features
//
// Cells are Python as far as generators, coroutines and exceptions need,
// on our fork of go.starlark.net (third_party/starlark, FORK.md): yield,
// yield from, decorators, try/except/else/finally, raise, Python's
// exception classes, str.format with format specs, and Python's repr
// (starlark.PythonRepr, set in this package's init). The README's "The
// cell language" lists what a cell accepts and where it differs from
// Python.
package kernel
