//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/hack-pad/safejs"

	"pushbook/kernel"
	"pushbook/lib"
	"pushbook/notebook"
)

// yieldEvery is how many Starlark steps pass between the kernel's calls to the
// bridge's hook; the hook only parks the goroutine when yieldInterval has passed, so the
// check itself costs one clock read per yieldEvery steps.
const (
	yieldEvery    = 20_000
	yieldInterval = 20 * time.Millisecond
)

// bridge owns the session, the data files and the JavaScript functions that
// reach them.
type bridge struct {
	// busy is held while a cell runs and while the session is replaced. execute
	// only tries it: a cell sent while another runs is refused at once, never
	// held, because the page keeps the one queue of cells (web/src/runqueue.js)
	// and sends the next only after the previous one's result. restart waits for
	// it, after interrupting the running cell.
	busy    sync.Mutex
	session atomic.Pointer[kernel.Session]
	yielder *yielder
	files   dataFiles
	funcs   []safejs.Func // kept alive for the life of the worker

	stopMu sync.Mutex
	stop   chan struct{} // closed by interrupt; a new one for every cell
}

func newBridge() *bridge {
	b := &bridge{yielder: newYielder(yieldInterval), stop: make(chan struct{})}
	b.session.Store(b.newSession())
	return b
}

func (b *bridge) newSession() *kernel.Session {
	return kernel.NewSession(kernel.Options{
		YieldEvery: yieldEvery,
		OnYield:    b.yielder.maybeYield,
		ReadFile:   b.readFile,
		Modules:    lib.Modules(),
		LiveGraphs: true, // the page asks for shown graphs again (pushbook.graph)
	})
}

// readFile serves the cells' data files: dropped files first, then the page's
// site; a Stop ends a fetch at once.
func (b *bridge) readFile(name string) ([]byte, error) {
	b.stopMu.Lock()
	stop := b.stop
	b.stopMu.Unlock()
	return b.files.read(name, stop)
}

// armStop gives the cell about to run a fresh stop channel.
func (b *bridge) armStop() {
	b.stopMu.Lock()
	defer b.stopMu.Unlock()
	b.stop = make(chan struct{})
}

// fireStop closes the running cell's stop channel, once.
func (b *bridge) fireStop() {
	b.stopMu.Lock()
	defer b.stopMu.Unlock()
	select {
	case <-b.stop:
	default:
		close(b.stop)
	}
}

// install defines globalThis.pushbook on global.
func (b *bridge) install(global safejs.Value) error {
	api, err := safejs.Global().Get("Object")
	if err != nil {
		return err
	}
	obj, err := api.New()
	if err != nil {
		return err
	}
	for name, fn := range map[string]func(safejs.Value, []safejs.Value) (any, error){
		"execute":     b.execute,
		"check":       b.check,
		"interrupt":   b.interrupt,
		"restart":     b.restart,
		"addFile":     b.addFile,
		"removeFile":  b.removeFile,
		"files":       b.listFiles,
		"setBase":     b.setBase,
		"exportTable": b.exportTable,
		"complete":    b.complete,
		"diagnose":    b.diagnose,
		"graph":       b.graph,
	} {
		f, err := safejs.FuncOf(guard(name, fn))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		b.funcs = append(b.funcs, f)
		if err := obj.Set(name, f.Value()); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := obj.Set("version", runtime.Version()); err != nil {
		return err
	}
	return global.Set("pushbook", obj)
}

// guard turns a panic or an error in a callback into a thrown JavaScript Error rather
// than a dead Go runtime (safejs guards calls into JavaScript, not callbacks from it).
func guard(name string, fn func(safejs.Value, []safejs.Value) (any, error)) func(safejs.Value, []safejs.Value) any {
	return func(this safejs.Value, args []safejs.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				result = jsError(fmt.Sprintf("pushbook.%s: internal error: %v", name, r))
			}
		}()
		v, err := fn(this, args)
		if err != nil {
			return jsError(fmt.Sprintf("pushbook.%s: %v", name, err))
		}
		return v
	}
}

// jsError builds a rejected promise so callers' await throws with the message.
func jsError(msg string) any {
	promise, err := safejs.Global().Get("Promise")
	if err != nil {
		return nil
	}
	errCtor, err := safejs.Global().Get("Error")
	if err != nil {
		return nil
	}
	e, err := errCtor.New(msg)
	if err != nil {
		return nil
	}
	rejected, err := promise.Call("reject", e)
	if err != nil {
		return nil
	}
	return rejected
}

// errBusy refuses a cell sent while another runs or the session is replaced.
var errBusy = errors.New("a cell is already running (or the session is restarting): send the next cell after this one's result; the page keeps the queue")

// execute(code, onOutput) runs one cell on a new goroutine and returns a promise of
// its result; outputs reach onOutput as JSON strings while the cell runs. While a
// cell runs it returns a rejected promise (errBusy) and runs nothing.
func (b *bridge) execute(_ safejs.Value, args []safejs.Value) (any, error) {
	return b.start("execute", args, (*kernel.Session).Execute)
}

// check(code, onOutput) runs an exercise's check (kernel.Session.ExecuteCheck) as
// execute runs a cell: after the cell it checks, never while a cell runs. It takes no
// execution number: its result's execution_count is null.
func (b *bridge) check(_ safejs.Value, args []safejs.Value) (any, error) {
	return b.start("check", args, (*kernel.Session).ExecuteCheck)
}

// start runs code with run (Execute or ExecuteCheck) on a new goroutine, for the
// function name(code, onOutput), and returns a promise of its result JSON.
func (b *bridge) start(name string, args []safejs.Value, run func(*kernel.Session, string, func(kernel.Output)) kernel.Result) (any, error) {
	if len(args) < 1 || args[0].Type() != safejs.TypeString {
		return nil, fmt.Errorf("%s(code, onOutput): code must be a string", name)
	}
	code, err := args[0].String()
	if err != nil {
		return nil, err
	}
	var onOutput safejs.Value
	if len(args) > 1 && args[1].Type() == safejs.TypeFunction {
		onOutput = args[1]
	}
	if !b.busy.TryLock() {
		return nil, errBusy
	}
	p, err := newPromise(func(resolve, reject safejs.Value) {
		go func() {
			res := b.run(code, onOutput, run, name == "check")
			b.busy.Unlock() // the next cell may come as soon as this one's result is out
			if _, err := resolve.Invoke(res); err != nil {
				_, _ = reject.Invoke(err.Error())
			}
		}()
	})
	if err != nil {
		b.busy.Unlock()
	}
	return p, err
}

// run executes code in the current session with exec (Execute or ExecuteCheck); a
// panic anywhere below becomes an error output and an "error" status, and the session
// lives on. The caller holds b.busy.
func (b *bridge) run(code string, onOutput safejs.Value, exec func(*kernel.Session, string, func(kernel.Output)) kernel.Result, check bool) (result string) {
	send := func(out kernel.Output) {
		if onOutput.Type() != safejs.TypeFunction {
			return
		}
		data, err := json.Marshal(out)
		if err != nil {
			data, _ = json.Marshal(notebook.NewError("InternalError", err.Error(), nil))
		}
		_, _ = onOutput.Invoke(string(data))
	}
	// Consecutive stream outputs are joined and handed over when the
	// JavaScript event loop gets its turn (or another kind of output
	// comes, or the cell ends): a print per event costs one output per
	// turn, not one JSON encoding and one call into JavaScript per line.
	var held streamJoiner
	emit := func(out kernel.Output) {
		if !held.add(out) {
			held.flush(send)
			send(out)
		}
	}
	b.yielder.before = func() { held.flush(send) }
	defer func() {
		b.yielder.before = nil
		held.flush(send)
		if r := recover(); r != nil {
			send(notebook.NewError("InternalError", fmt.Sprint(r), []string{string(debug.Stack())}))
			count := b.session.Load().ExecutionCount()
			if check {
				count = 0 // a check has no number
			}
			result = resultJSON(count, "error")
		}
	}()
	b.yielder.reset()
	b.armStop()
	res := exec(b.session.Load(), code, emit)
	return resultJSON(res.ExecutionCount, res.Status)
}

// streamJoiner holds consecutive stream outputs of one name as one.
type streamJoiner struct {
	name string
	text strings.Builder
}

// maxHeldStream bounds what a joiner holds before it must hand it over.
const maxHeldStream = 1 << 16

// add takes out if it is a stream that can join what is held, reporting
// whether it did.
func (j *streamJoiner) add(out kernel.Output) bool {
	if out.OutputType != notebook.StreamOutput || (j.text.Len() > 0 && (out.Name != j.name || j.text.Len() >= maxHeldStream)) {
		return false
	}
	j.name = out.Name
	j.text.WriteString(out.Text)
	return true
}

// flush hands what is held to send, if anything.
func (j *streamJoiner) flush(send func(kernel.Output)) {
	if j.text.Len() == 0 {
		return
	}
	out := notebook.NewStream(j.name, j.text.String())
	j.text.Reset()
	send(out)
}

// resultJSON is a result as execute and check resolve with; a count of 0 (a check's)
// is null.
func resultJSON(count int, status string) string {
	var n any = count
	if count == 0 {
		n = nil
	}
	data, _ := json.Marshal(map[string]any{"execution_count": n, "status": status})
	return string(data)
}

// interrupt stops the running cell; it runs while the cell's goroutine is parked in
// the yielder.
func (b *bridge) interrupt(safejs.Value, []safejs.Value) (any, error) {
	b.session.Load().Interrupt()
	b.fireStop()
	return nil, nil
}

// restart interrupts any running cell, closes the old session (ending the
// coroutines it left open) and starts a fresh one.
func (b *bridge) restart(safejs.Value, []safejs.Value) (any, error) {
	b.session.Load().Interrupt()
	b.fireStop()
	return newPromise(func(resolve, _ safejs.Value) {
		go func() {
			b.busy.Lock() // waits for the interrupted cell to finish
			b.session.Load().Close()
			b.session.Store(b.newSession())
			b.busy.Unlock()
			_, _ = resolve.Invoke()
		}()
	})
}

// newPromise returns new Promise(executor) where executor hands resolve and reject to
// start; start must not block.
func newPromise(start func(resolve, reject safejs.Value)) (any, error) {
	ctor, err := safejs.Global().Get("Promise")
	if err != nil {
		return nil, err
	}
	var executor safejs.Func
	executor, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer executor.Release()
		start(args[0], args[1])
		return nil
	})
	if err != nil {
		return nil, err
	}
	p, err := ctor.New(executor.Value())
	if err != nil {
		return nil, err
	}
	return p, nil
}

// addFile(name, bytes) keeps a dropped file (a Uint8Array or ArrayBuffer) for
// the cells to read by name; it replaces a file of the same name.
func (b *bridge) addFile(_ safejs.Value, args []safejs.Value) (any, error) {
	if len(args) < 2 || args[0].Type() != safejs.TypeString {
		return nil, fmt.Errorf("addFile(name, bytes): name must be a string")
	}
	name, err := args[0].String()
	if err != nil {
		return nil, err
	}
	if name == "" {
		return nil, fmt.Errorf("addFile(name, bytes): name is empty")
	}
	data, err := bytesOf(args[1])
	if err != nil {
		return nil, fmt.Errorf("addFile(%q, bytes): bytes must be a Uint8Array or ArrayBuffer: %w", name, err)
	}
	b.files.add(name, data)
	return len(data), nil
}

// removeFile(name) forgets a dropped file; it returns whether there was one.
func (b *bridge) removeFile(_ safejs.Value, args []safejs.Value) (any, error) {
	if len(args) < 1 || args[0].Type() != safejs.TypeString {
		return nil, fmt.Errorf("removeFile(name): name must be a string")
	}
	name, err := args[0].String()
	if err != nil {
		return nil, err
	}
	return b.files.remove(name), nil
}

// files() lists the dropped files' names, sorted.
func (b *bridge) listFiles(safejs.Value, []safejs.Value) (any, error) {
	names := b.files.names()
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
	}
	return list, nil
}

// setBase(url) sets the address that names of files not dropped are fetched
// relative to: the notebook's own URL, or the site's root.
func (b *bridge) setBase(_ safejs.Value, args []safejs.Value) (any, error) {
	if len(args) < 1 || args[0].Type() != safejs.TypeString {
		return nil, fmt.Errorf("setBase(url): url must be a string")
	}
	url, err := args[0].String()
	if err != nil {
		return nil, err
	}
	if url != "" {
		if _, err := resolveSameOrigin("./", url); err != nil {
			return nil, fmt.Errorf("setBase(%q): %w", url, err)
		}
	}
	b.files.setBase(url)
	return nil, nil
}

// exportTable(id, format) returns the whole of a table an earlier cell showed,
// as "csv" or "jsonl" text; it is safe while a cell runs.
func (b *bridge) exportTable(_ safejs.Value, args []safejs.Value) (any, error) {
	if len(args) < 2 || args[0].Type() != safejs.TypeNumber || args[1].Type() != safejs.TypeString {
		return nil, fmt.Errorf("exportTable(id, format): id must be a number and format a string")
	}
	id, err := args[0].Int()
	if err != nil {
		return nil, err
	}
	format, err := args[1].String()
	if err != nil {
		return nil, err
	}
	return b.session.Load().ExportTable(id, format)
}

// complete(code, pos) returns, as JSON {"from": n, "items": [{name, kind, doc}]},
// the completions of the word that ends at pos (kernel.Session.Complete). pos and
// from count UTF-16 code units, as JavaScript strings do. It returns at once and is
// safe while a cell runs: the worker calls it from its message handler, which runs
// while the cell's goroutine is parked in the yielder, and Complete only tries the
// session's lock (a running cell leaves it the names that do not depend on the
// cell's globals). It never takes b.busy, so it neither waits for a cell nor holds
// one up.
func (b *bridge) complete(_ safejs.Value, args []safejs.Value) (any, error) {
	if len(args) < 2 || args[0].Type() != safejs.TypeString || args[1].Type() != safejs.TypeNumber {
		return nil, fmt.Errorf("complete(code, pos): code must be a string and pos a number")
	}
	code, err := args[0].String()
	if err != nil {
		return nil, err
	}
	pos, err := args[1].Int()
	if err != nil {
		return nil, err
	}
	from, items := b.session.Load().Complete(code, byteOffset(code, pos))
	if items == nil {
		items = []kernel.Completion{}
	}
	data, err := json.Marshal(map[string]any{"from": utf16Offset(code, from), "items": items})
	if err != nil {
		return nil, err
	}
	return string(data), nil
}

// diagnose(code) returns, as a JSON array of {name, line, col, message}, the
// syntax errors of code (kernel.Diagnose): parsing only, no session, safe at any
// time. line and col are 1-based; col counts UTF-16 code units.
func (b *bridge) diagnose(_ safejs.Value, args []safejs.Value) (any, error) {
	if len(args) < 1 || args[0].Type() != safejs.TypeString {
		return nil, fmt.Errorf("diagnose(code): code must be a string")
	}
	code, err := args[0].String()
	if err != nil {
		return nil, err
	}
	diags := kernel.Diagnose(code)
	if diags == nil {
		diags = []kernel.Diagnostic{}
	}
	lines := strings.Split(code, "\n")
	for i, d := range diags {
		if d.Line >= 1 && d.Line <= len(lines) {
			diags[i].Col = utf16Column(lines[d.Line-1], d.Col)
		}
	}
	data, err := json.Marshal(diags)
	if err != nil {
		return nil, err
	}
	return string(data), nil
}

// graph(id) returns, as JSON, the MIME bundle of the pipeline graph an earlier cell
// showed (the id in its output's metadata.pushbook.graph) drawn with the counts and
// states as they are now (kernel.Session.Graph), or "null": an id this session did not
// give out or no longer keeps, or a cell is running. Like complete it returns at once
// and never takes b.busy: the worker calls it from its message handler, and Graph only
// tries the session's lock.
func (b *bridge) graph(_ safejs.Value, args []safejs.Value) (any, error) {
	if len(args) < 1 || args[0].Type() != safejs.TypeString {
		return nil, fmt.Errorf("graph(id): id must be a string")
	}
	id, err := args[0].String()
	if err != nil {
		return nil, err
	}
	data, ok := b.session.Load().Graph(id)
	if !ok {
		return "null", nil
	}
	text, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	return string(text), nil
}

// byteOffset is the byte offset in s of the UTF-16 offset u (clamped to s).
func byteOffset(s string, u int) int {
	n := 0
	for i, r := range s {
		if n >= u {
			return i
		}
		n += utf16Len(r)
	}
	return len(s)
}

// utf16Offset is the UTF-16 offset in s of the byte offset i.
func utf16Offset(s string, i int) int {
	n := 0
	for _, r := range s[:max(0, min(i, len(s)))] {
		n += utf16Len(r)
	}
	return n
}

// utf16Column is the 1-based UTF-16 column in line of the 1-based rune column col.
func utf16Column(line string, col int) int {
	n := 1
	for _, r := range line {
		if col <= 1 {
			break
		}
		col--
		n += utf16Len(r)
	}
	return n + max(0, col-1) // past the end of the line: as many columns further
}

func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}
