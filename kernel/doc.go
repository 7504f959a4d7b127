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
// # Exercise checks
//
// [Session.ExecuteCheck] runs an exercise's check (notebook.Exercise): the
// hidden code that runs after the learner's cell, in the same session, and
// raises AssertionError("what is wrong, in plain words") when the cell's
// work is not right. It runs as a cell does, with the same limits, but
// takes no execution number, shows no Out for a final expression, and its
// frames read "Exercise check, line L" in tracebacks. [CheckFeedback]
// returns the AssertionError's message from its Result.
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
// # Built-ins and modules
//
// A cell's namespace is Starlark's universe with Python's meaning
// (builtins.go: lazy filter and map, iter, next, sum, round, isinstance,
// ...; help and dir in help.go), the exception classes, and display. Every
// other name comes by import. The kernel knows no module: a host passes
// the modules it offers in [Options].Modules (pushbook's are the packages
// under lib/, listed by lib.Modules), and an import statement loads one
// through starlark.Thread.Load the first time a session's cell imports it
// (modules.go). A module is a [Module]: a name, a one-line doc, and a
// function that makes its members; [PythonModule] makes one from Python
// source. Go builtins are made with [NewBuiltin] so that help shows their
// one line ([DocOf]). The engine API a module uses is small: [NewThread],
// [Adopt], [Checkpoint], [LoopCheckpoint], [Stopped], [Emit],
// [DisplayData], [PrintCurrent], [SessionValue] for per-session state,
// [ReadFile] for data files, [RegisterExport] for tables the page
// downloads, [NewStage] and [Stage] for pipeline stages, [DescribeTrace] and
// [TracePicture] for a traced value's journey, [ExceptionName] for an error's
// Python class.
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
// prints into that cell and counts against its budget. Library stages
// (lib/stages) are Stages too, made with [NewStage] over pipeline's Go
// stages. A stage shown as a cell's result draws its pipeline graph
// (stagegraph.go). Builtins that iterate (list, sorted, ...) raise a
// generator's error from their call (iterfailure.go); a for loop raises it
// where the loop is.
//
// # Python features
//
// Cells are Python as far as generators, coroutines and exceptions need,
// on our fork of go.starlark.net (third_party/starlark, FORK.md): yield,
// yield from, decorators, try/except/else/finally, raise, Python's
// exception classes, str.format and f-strings with format specs, import,
// **, is, chained comparisons, and Python's repr
// (starlark.PythonRepr, set in this package's init). The README's "The
// cell language" lists what a cell accepts and where it differs from
// Python.
package kernel
