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
		usage: "run IN.ipynb [-o OUT.ipynb] [--timeout D] [--max-steps N] [--max-memory MiB]",
		summary: "Execute every code cell in order, print the text outputs and, with -o, write the executed notebook.\n" +
			"--timeout limits each cell (e.g. 10s; 0 = none); --max-steps is each cell's Starlark step budget.\n" +
			"Exits 1 if a cell fails, unless the cell is tagged raises-exception.",
		run: runCommand,
	}
}

// execOptions are the flags run and check share.
type execOptions struct {
	timeout   time.Duration
	maxSteps  uint64
	maxMemory uint64 // MiB
	dir       string // the notebook's folder: cells read data files from it and below
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
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(paths) != 1 {
		fmt.Fprintln(stderr, "usage: go run . run IN.ipynb [-o OUT.ipynb] [--timeout D] [--max-steps N] [--max-memory MiB]")
		return 2
	}
	nb, err := readNotebook(paths[0], stderr)
	if err != nil {
		fmt.Fprintln(stderr, terminalText("run: "+err.Error()))
		return 1
	}
	opts.dir = filepath.Dir(paths[0])
	failures := executeNotebook(nb, opts, &textPrinter{stdout: stdout, stderr: stderr})
	code := 0
	for _, f := range failures {
		fmt.Fprintln(stderr, terminalText(fmt.Sprintf("run: %s: %s", paths[0], f)))
		code = 1
	}
	if *out != "" {
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

// executeNotebook runs nb's code cells in one new session, replacing each
// cell's outputs and execution count, and passes each output to show as it
// happens. Cells tagged nbval-skip are not run. It returns the failures
// of cells not tagged raises-exception; like Jupyter with --allow-errors it
// goes on after a failure, so the written notebook shows every cell.
func executeNotebook(nb *notebook.Notebook, opts execOptions, show outputSink) []cellFailure {
	files := &dataFiles{dir: opts.dir}
	s := kernel.NewSession(kernel.Options{MaxSteps: opts.maxSteps, MaxMemory: opts.maxMemory << 20, ReadFile: files.read, Modules: lib.Modules()})
	defer s.Close()
	var failures []cellFailure
	for i, c := range nb.Cells {
		if c.CellType != notebook.CodeCell || c.HasTag("nbval-skip") {
			continue
		}
		c.Outputs = nil
		res := executeCell(s, files, i+1, c.Source, opts.timeout, func(o kernel.Output) {
			c.Outputs = notebook.AppendOutput(c.Outputs, o)
			show.output(o)
		})
		c.ExecutionCount = res.ExecutionCount
		if res.Status != kernel.StatusOK && !c.HasTag("raises-exception") {
			f := cellFailure{index: i + 1, count: res.ExecutionCount, ename: starlark.ClassOf(res.Err).Name(), evalue: res.Err.Error()}
			if n := len(c.Outputs); n > 0 && c.Outputs[n-1].OutputType == notebook.ErrorOutput {
				f.ename, f.evalue = c.Outputs[n-1].EName, c.Outputs[n-1].EValue
			}
			failures = append(failures, f)
		}
	}
	return failures
}

// executeCell runs one cell; when timeout > 0 and the cell runs longer, it
// is cancelled with a TimeoutError naming the cell, as is a data file read
// in progress (see dataFiles).
func executeCell(s *kernel.Session, files *dataFiles, index int, code string, timeout time.Duration, emit func(kernel.Output)) kernel.Result {
	if timeout <= 0 {
		files.setCell(context.Background())
		return s.Execute(code, emit)
	}
	ctx, cancel := context.WithTimeoutCause(context.Background(), timeout,
		starlark.Errorf(starlark.TimeoutError, "cell %d ran longer than --timeout %s", index, timeout))
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
	res := s.Execute(code, emit)
	mu.Lock()
	done = true
	mu.Unlock()
	stop()
	return res
}

// outputSink receives outputs as cells produce them.
type outputSink interface{ output(kernel.Output) }

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

// discard is an outputSink that drops everything.
type discard struct{}

func (discard) output(kernel.Output) {}
