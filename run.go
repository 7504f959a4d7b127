package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.starlark.net/starlark"

	"pushbook/kernel"
	"pushbook/lib"
	"pushbook/notebook"
)

func init() {
	commands["run"] = command{
		usage: "run IN.ipynb [-o OUT.ipynb] [--timeout D] [--max-steps N] [--max-memory MiB] [--solutions]",
		summary: "Execute every code cell in order, print the text outputs and, with -o, write the executed notebook.\n" +
			"--timeout limits each cell (e.g. 10s; 0 = none); --max-steps is each cell's Starlark step budget.\n" +
			"Exits 1 if a cell fails, unless the cell is tagged raises-exception. An exercise cell\n" +
			"(metadata.pushbook.exercise) is followed by its check, and the verdict is printed: solved, or what is\n" +
			"not right yet (not a failure).\n" +
			"--solutions runs each exercise's reference solution instead of its starting code, as check does, and\n" +
			"leaves exercise cells without outputs, so -o writes the outputs check compares the other cells with.",
		run: runCommand,
	}
}

// execOptions are the flags run and check share.
type execOptions struct {
	timeout   time.Duration
	maxSteps  uint64
	maxMemory uint64 // MiB
	dir       string // the notebook's folder: cells read data files from it and below
	solutions bool   // exercise cells run their reference solution, not the learner's source
}

func (o *execOptions) register(fs *flag.FlagSet) {
	fs.DurationVar(&o.timeout, "timeout", 0, "stop a cell that runs longer than `D` (0 = no limit)")
	fs.Uint64Var(&o.maxSteps, "max-steps", kernel.DefaultMaxSteps, "Starlark step budget per cell")
	fs.Uint64Var(&o.maxMemory, "max-memory", kernel.DefaultMaxMemory>>20, "memory budget of the kernel, in `MiB`: a cell that grows it further stops with a MemoryError")
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, which it returns.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts execOptions
	opts.register(fs)
	out := fs.String("o", "", "write the executed notebook to `OUT.ipynb`")
	fs.BoolVar(&opts.solutions, "solutions", false, "run each exercise's reference solution instead of its starting code")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(paths) != 1 {
		fmt.Fprintln(stderr, "usage: go run . run IN.ipynb [-o OUT.ipynb] [--timeout D] [--max-steps N] [--max-memory MiB] [--solutions]")
		return 2
	}
	nb, err := readNotebook(paths[0], stderr)
	if err != nil {
		fmt.Fprintln(stderr, terminalText("run: "+err.Error()))
		return 1
	}
	opts.dir = filepath.Dir(paths[0])
	failures, _, err := executeNotebook(nb, opts, &textPrinter{stdout: stdout, stderr: stderr})
	if err != nil {
		fmt.Fprintln(stderr, terminalText(fmt.Sprintf("run: %s: %s", paths[0], strings.ReplaceAll(err.Error(), "\n", "\nrun: "+paths[0]+": "))))
		return 1
	}
	code := 0
	for _, f := range failures {
		fmt.Fprintln(stderr, terminalText(fmt.Sprintf("run: %s: %s", paths[0], f)))
		code = 1
	}
	if *out != "" {
		if opts.solutions {
			for _, c := range nb.Cells {
				if ex, _ := c.Exercise(); ex != nil { // the solution's outputs would give it away
					c.Outputs, c.ExecutionCount = nil, 0
				}
			}
		}
		if err := notebook.Write(*out, nb); err != nil {
			fmt.Fprintf(stderr, "run: %v\n", err)
			return 1
		}
	}
	return code
}

// cellFailure describes a cell that failed without the raises-exception tag.
type cellFailure struct {
	index, count int
	ename        string
	evalue       string
}

func (f cellFailure) String() string {
	return fmt.Sprintf("cell %d (In [%d]) failed: %s: %s", f.index, f.count, f.ename, f.evalue)
}

// checkResult is how an exercise's check went (see notebook.Exercise).
type checkResult struct {
	index    int    // the cell's number, from 1
	title    string // the exercise's
	ran      bool   // false: the cell failed, so its check did not run
	status   string // the check's kernel status
	feedback string // the AssertionError's message, if the check raised one
	ename    string // the check's error otherwise, if it failed
	evalue   string
}

func (r checkResult) passed() bool { return r.ran && r.status == kernel.StatusOK }

// verdict says in words how the check went, for the learner: "solved", or
// what is not right yet.
func (r checkResult) verdict() string {
	switch {
	case !r.ran:
		return "check not run: the cell failed"
	case r.passed():
		return "solved"
	case r.feedback != "":
		return "not solved yet: " + r.feedback
	default:
		return fmt.Sprintf("the check failed: %s: %s", r.ename, r.evalue)
	}
}

func (r checkResult) String() string {
	return fmt.Sprintf("cell %d, exercise %q: %s", r.index, r.title, r.verdict())
}

// executeNotebook runs nb's code cells in one new session, replacing each
// cell's outputs and execution count, and passes each output to show as it
// happens. Cells tagged nbval-skip are not run. It returns the failures
// of cells not tagged raises-exception; like Jupyter with --allow-errors it
// goes on after a failure, so the written notebook shows every cell.
//
// An exercise cell (notebook.Exercise) runs its source, or its reference
// solution when opts.solutions is set, and then, unless the cell failed,
// its check (kernel.Session.ExecuteCheck), whose outputs go to show too;
// checks lists how each went. A malformed exercise is an error, and
// nothing runs.
func executeNotebook(nb *notebook.Notebook, opts execOptions, show outputSink) (failures []cellFailure, checks []checkResult, err error) {
	exercises, err := nb.Exercises()
	if err != nil {
		return nil, nil, err
	}
	files := &dataFiles{dir: opts.dir}
	s := kernel.NewSession(kernel.Options{MaxSteps: opts.maxSteps, MaxMemory: opts.maxMemory << 20, ReadFile: files.read, Modules: lib.Modules()})
	defer s.Close()
	for i, c := range nb.Cells {
		if c.CellType != notebook.CodeCell || c.HasTag("nbval-skip") {
			continue
		}
		ex := exercises[i]
		source := c.Source
		if ex != nil && opts.solutions {
			source = ex.Solution
		}
		c.Outputs = nil
		res := executeCell(s, files, fmt.Sprintf("cell %d", i+1), opts.timeout, func(emit func(kernel.Output)) kernel.Result { return s.Execute(source, emit) }, func(o kernel.Output) {
			c.Outputs = notebook.AppendOutput(c.Outputs, o)
			show.output(o)
		})
		c.ExecutionCount = res.ExecutionCount
		failed := res.Status != kernel.StatusOK
		if failed && !c.HasTag("raises-exception") {
			f := cellFailure{index: i + 1, count: res.ExecutionCount, ename: starlark.ClassOf(res.Err).Name(), evalue: res.Err.Error()}
			if n := len(c.Outputs); n > 0 && c.Outputs[n-1].OutputType == notebook.ErrorOutput {
				f.ename, f.evalue = c.Outputs[n-1].EName, c.Outputs[n-1].EValue
			}
			failures = append(failures, f)
		}
		if ex == nil {
			continue
		}
		r := checkResult{index: i + 1, title: ex.Title}
		if !failed {
			r.ran = true
			r = runCheck(s, files, r, ex.Check, opts.timeout, show)
		}
		show.check(r)
		checks = append(checks, r)
	}
	return failures, checks, nil
}

// runCheck runs an exercise's check after its cell and fills in r. The
// check's outputs go to show, except the error output of an
// AssertionError, whose message is the verdict.
func runCheck(s *kernel.Session, files *dataFiles, r checkResult, check string, timeout time.Duration, show outputSink) checkResult {
	var last *kernel.Output
	res := executeCell(s, files, fmt.Sprintf("the check of cell %d", r.index), timeout, func(emit func(kernel.Output)) kernel.Result { return s.ExecuteCheck(check, emit) }, func(o kernel.Output) {
		if o.OutputType == notebook.ErrorOutput {
			last = &o // always the last output: shown below unless it is the feedback
			return
		}
		show.output(o)
	})
	r.status = res.Status
	if msg, ok := kernel.CheckFeedback(res); ok {
		r.feedback = msg
		return r
	}
	if last != nil {
		show.output(*last)
		r.ename, r.evalue = last.EName, last.EValue
	} else if res.Err != nil {
		r.ename, r.evalue = starlark.ClassOf(res.Err).Name(), res.Err.Error()
	}
	return r
}

// executeCell runs one cell (or check) with run; when timeout > 0 and it
// runs longer, it is cancelled with a TimeoutError naming what ran (e.g.
// "cell 3"), as is a data file read in progress (see dataFiles).
func executeCell(s *kernel.Session, files *dataFiles, what string, timeout time.Duration, run func(emit func(kernel.Output)) kernel.Result, emit func(kernel.Output)) kernel.Result {
	if timeout <= 0 {
		files.setCell(context.Background())
		return run(emit)
	}
	ctx, cancel := context.WithTimeoutCause(context.Background(), timeout,
		starlark.Errorf(starlark.TimeoutError, "%s ran longer than --timeout %s", what, timeout))
	defer cancel()
	files.setCell(ctx)
	var mu sync.Mutex
	done := false
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if !done {
			s.Cancel(context.Cause(ctx))
		}
	})
	res := run(emit)
	mu.Lock()
	done = true
	mu.Unlock()
	stop()
	return res
}

// outputSink receives outputs as cells produce them, and how each
// exercise's check went, after its outputs.
type outputSink interface {
	output(kernel.Output)
	check(checkResult)
}

// textPrinter prints outputs as a terminal shows them: streams as they
// are, rich outputs by their text/plain, errors as tracebacks (in colour)
// on stderr; all of it through terminalText.
type textPrinter struct{ stdout, stderr io.Writer }

func (p *textPrinter) output(o kernel.Output) {
	switch o.OutputType {
	case notebook.StreamOutput:
		w := p.stdout
		if o.Name == "stderr" {
			w = p.stderr
		}
		io.WriteString(w, terminalText(o.Text))
	case notebook.ExecuteResultOutput, notebook.DisplayDataOutput:
		fmt.Fprintln(p.stdout, terminalText(strings.TrimSuffix(o.Data["text/plain"], "\n")))
	case notebook.ErrorOutput:
		fmt.Fprintln(p.stderr, terminalText(strings.Join(o.Traceback, "\n")))
	}
}

// check prints an exercise's verdict: "solved", or what is not right yet.
func (p *textPrinter) check(r checkResult) {
	fmt.Fprintln(p.stdout, terminalText(fmt.Sprintf("Exercise %q (cell %d): %s", r.title, r.index, r.verdict())))
}

// discard is an outputSink that drops everything.
type discard struct{}

func (discard) output(kernel.Output) {}
func (discard) check(checkResult)    {}
