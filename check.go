package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"pushbook/notebook"
)

func init() {
	commands["check"] = command{
		usage: "check NB.ipynb... [--timeout D] [--max-steps N]",
		summary: "Re-execute each notebook and compare every code cell's outputs with the stored ones, like nbval;\n" +
			"print a diff per differing cell and exit 1 on any difference. Compared: output type, stream name\n" +
			"and text, every MIME type except binary images, error ename and evalue. Ignored: execution counts,\n" +
			"output metadata, tracebacks. Cells tagged nbval-skip are not run, nbval-ignore-output not compared.\n" +
			"An exercise cell (metadata.pushbook.exercise) runs its reference solution instead of its starting code,\n" +
			"then its check; a check that fails, or a malformed exercise, fails the notebook. Exercise cells'\n" +
			"stored outputs are not compared (the starting code's vary).",
		run: checkCommand,
	}
}

func checkCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts execOptions
	opts.register(fs)
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "usage: go run . check NB.ipynb... [--timeout D] [--max-steps N]")
		return 2
	}
	code := 0
	for _, path := range paths {
		if !checkNotebook(path, opts, stdout, stderr) {
			code = 1
		}
	}
	return code
}

// checkNotebook re-executes the notebook at path and reports whether every
// compared cell's outputs match the stored ones.
func checkNotebook(path string, opts execOptions, stdout, stderr io.Writer) bool {
	nb, err := readNotebook(path, stderr)
	if err != nil {
		fmt.Fprintln(stderr, terminalText("check: "+err.Error()))
		return false
	}
	stored := make([][]notebook.Output, len(nb.Cells))
	for i, c := range nb.Cells {
		stored[i] = c.Outputs
	}
	opts.dir = filepath.Dir(path)
	opts.solutions = true
	_, checks, err := executeNotebook(nb, opts, discard{})
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(stdout, terminalText(fmt.Sprintf("%s: %s", path, line)))
		}
		fmt.Fprintf(stdout, "%s: FAIL: malformed exercise\n", path)
		return false
	}
	exercise := map[int]bool{}
	broken := 0
	for _, r := range checks {
		exercise[r.index] = true
		if r.passed() {
			continue
		}
		broken++
		why := r.verdict()
		switch {
		case !r.ran:
			why = "the reference solution fails (see the cell's error)"
			if o := lastError(nb.Cells[r.index-1].Outputs); o != nil {
				why = fmt.Sprintf("the reference solution fails: %s: %s", o.EName, o.EValue)
			}
		case r.feedback != "":
			why = "the check fails with the reference solution: " + r.feedback
		default:
			why = fmt.Sprintf("the check fails with the reference solution: %s: %s", r.ename, r.evalue)
		}
		fmt.Fprint(stdout, terminalText(fmt.Sprintf("%s: cell %d, exercise %q: %s\n", path, r.index, r.title, why)))
	}
	differing, compared := 0, 0
	for i, c := range nb.Cells {
		if c.CellType != notebook.CodeCell || c.HasTag("nbval-skip") || c.HasTag("nbval-ignore-output") || exercise[i+1] {
			continue
		}
		compared++
		want, got := comparableLines(stored[i]), comparableLines(c.Outputs)
		if slices.Equal(want, got) {
			continue
		}
		differing++
		fmt.Fprint(stdout, terminalText(fmt.Sprintf("%s: cell %d (In [%d]) outputs differ:\n--- stored\n+++ re-executed\n%s",
			path, i+1, c.ExecutionCount, unifiedDiff(want, got, 3))))
	}
	var problems []string
	if differing > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d code cells differ", differing, compared))
	}
	if broken > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d exercises fail their check", broken, len(checks)))
	}
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "%s: FAIL: %s\n", path, strings.Join(problems, "; "))
		return false
	}
	if len(checks) > 0 {
		fmt.Fprintf(stdout, "%s: ok (%s, %s)\n", path, count(compared, "code cell"), count(len(checks), "exercise"))
		return true
	}
	fmt.Fprintf(stdout, "%s: ok (%d code cells)\n", path, compared)
	return true
}

// lastError is the error output among outs, which is always the last, or nil.
func lastError(outs []notebook.Output) *notebook.Output {
	if n := len(outs); n > 0 && outs[n-1].OutputType == notebook.ErrorOutput {
		return &outs[n-1]
	}
	return nil
}

// comparableLines renders outputs as the lines check compares: a header
// per output naming its kind, then its content. Consecutive streams of the
// same name are merged first, so how prints were split does not matter.
func comparableLines(outs []notebook.Output) []string {
	var merged []notebook.Output
	for _, o := range outs {
		merged = notebook.AppendOutput(merged, o)
	}
	var lines []string
	add := func(header, text string) {
		lines = append(lines, header)
		lines = append(lines, strings.Split(strings.TrimSuffix(text, "\n"), "\n")...)
	}
	for _, o := range merged {
		switch o.OutputType {
		case notebook.StreamOutput:
			add("[stream "+o.Name+"]", o.Text)
		case notebook.ErrorOutput:
			lines = append(lines, "[error] "+o.EName+": "+o.EValue)
		default:
			for _, mime := range slices.Sorted(maps.Keys(o.Data)) {
				if isBinaryImage(mime) {
					continue
				}
				add("["+o.OutputType+" "+mime+"]", comparable(mime, o.Data[mime]))
			}
		}
	}
	return lines
}

// comparable is an output's data as check compares it: JSON (stored as a
// JSON value, written by the kernel as compact text) indented one way, so
// that only its content counts; any other type as it is.
func comparable(mime, data string) string {
	if !notebook.IsJSONMIME(mime) {
		return data
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber() // numbers as written, not rounded to float64
	if dec.Decode(&v) != nil {
		return data
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "->" and "\u003e" are the same JSON
	enc.SetIndent("", " ")
	if enc.Encode(v) != nil {
		return data
	}
	return b.String()
}

// isBinaryImage reports whether mime is a raster image, whose bytes vary
// between encoders and are not compared.
func isBinaryImage(mime string) bool {
	return strings.HasPrefix(mime, "image/") && mime != "image/svg+xml"
}

// count is "1 exercise", "2 exercises".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
