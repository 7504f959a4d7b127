// Command benchreport turns `go test -bench` output into the report `make bench`
// prints: every benchmark's metrics, and for the ones the issues set a target for,
// the measured figure beside the target with "ok" or "MISSED".
//
// Usage:
//
//	go test -run '^$' -bench . ./... | go run ./internal/benchreport
package main

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

//go:embed targets.tsv
var targetsTSV string

// Target is one figure an issue asks a benchmark to reach.
type Target struct {
	Benchmark, Metric, Op string
	Value                 float64
	Issue, What           string
}

// Result is one benchmark line: its name without the -GOMAXPROCS suffix and its
// metrics by unit, in the order they were printed.
type Result struct {
	Name    string
	Units   []string
	Metrics map[string]float64
}

func main() {
	targets, err := parseTargets(targetsTSV)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(2)
	}
	results, header, err := parseBench(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(2)
	}
	report(os.Stdout, header, results, targets)
}

func parseTargets(text string) ([]Target, error) {
	var ts []Target
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("targets.tsv line %d: want 6 tab-separated fields, got %d", i+1, len(f))
		}
		v, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return nil, fmt.Errorf("targets.tsv line %d: target %q: %w", i+1, f[3], err)
		}
		if f[2] != ">=" && f[2] != "<=" {
			return nil, fmt.Errorf("targets.tsv line %d: op %q is neither >= nor <=", i+1, f[2])
		}
		ts = append(ts, Target{f[0], f[1], f[2], v, f[4], f[5]})
	}
	return ts, nil
}

// parseBench reads benchmark lines ("BenchmarkX-2  N  v unit  v unit ...") and the
// goos/goarch/cpu header lines; other lines are ignored.
func parseBench(r io.Reader) ([]Result, []string, error) {
	var results []Result
	var header []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		for _, h := range []string{"goos:", "goarch:", "cpu:"} {
			if strings.HasPrefix(line, h) {
				header = append(header, line)
			}
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		res := Result{Name: trimProcs(f[0]), Metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: metric %q is not a number", f[0], f[i])
			}
			res.Units = append(res.Units, f[i+1])
			res.Metrics[f[i+1]] = v
		}
		results = append(results, res)
	}
	return results, header, sc.Err()
}

func trimProcs(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}

func report(w io.Writer, header []string, results []Result, targets []Target) {
	fmt.Fprintln(w, "pushbook benchmarks")
	for _, h := range header {
		fmt.Fprintln(w, "  "+h)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Targets set by the issues:")
	fmt.Fprintf(w, "  %-30s %-10s %14s %14s  %-6s %s\n", "benchmark", "metric", "measured", "target", "", "issue: what")
	for _, t := range targets {
		measured, verdict := "not run", "-"
		for _, r := range results {
			if v, ok := r.Metrics[t.Metric]; ok && r.Name == t.Benchmark {
				measured = human(v)
				verdict = "ok"
				if (t.Op == ">=" && v < t.Value) || (t.Op == "<=" && v > t.Value) {
					verdict = "MISSED"
				}
			}
		}
		fmt.Fprintf(w, "  %-30s %-10s %14s %14s  %-6s %s: %s\n", strings.TrimPrefix(t.Benchmark, "Benchmark"),
			t.Metric, measured, t.Op+" "+human(t.Value), verdict, t.Issue, t.What)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "All benchmarks:")
	for _, r := range results {
		var parts []string
		for _, u := range r.Units {
			parts = append(parts, human(r.Metrics[u])+" "+u)
		}
		fmt.Fprintf(w, "  %-44s %s\n", strings.TrimPrefix(r.Name, "Benchmark"), strings.Join(parts, "  "))
	}
}

// human prints large figures with an SI suffix (152.3M) and small ones plainly.
func human(v float64) string {
	switch {
	case v >= 1e9:
		return strconv.FormatFloat(v/1e9, 'f', 2, 64) + "G"
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 2, 64) + "M"
	case v >= 1e4:
		return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k"
	case v == float64(int64(v)):
		return strconv.FormatInt(int64(v), 10)
	default:
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
}
