// Command pageprofile summarizes a V8 CPU profile (a .cpuprofile file, Chrome
// DevTools' format, as `make profile` writes for the kernel's Web Worker):
// the time sampled, the functions with the most self time, and the share of
// the time in a few groups (allocation, garbage collection, the interpreter,
// coroutine switches, maps, the worker idle, ...).
//
// A function's share is its share of the samples, and its time that share of
// the profile's span. (DevTools weighs each sample by the gap to the next;
// on a busy machine V8's sampler thread can wait 20 ms for a core, and those
// gaps would credit whole milliseconds to whatever was sampled last.) V8
// names a WebAssembly function by its name in main.wasm, with '/', '(', '*',
// ')', '[' and ']' written as '_': go.starlark.net/starlark.(*Function).Call
// is go.starlark.net_starlark.__Function_.Call, and the groups' patterns are
// spelled that way. The summary shortens a generic function's type arguments
// to [...].
//
// Usage:
//
//	go run ./internal/pageprofile [-top 30] build/profile-seed.cpuprofile
package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
)

// Profile is a V8 CPU profile: a call tree, and for each sample the node
// on top of the stack, with the gaps between samples (µs).
type Profile struct {
	Nodes      []Node  `json:"nodes"`
	StartTime  float64 `json:"startTime"`
	EndTime    float64 `json:"endTime"`
	Samples    []int64 `json:"samples"`
	TimeDeltas []int64 `json:"timeDeltas"`
}

// Node is one node of the call tree: a function at one place in the tree.
type Node struct {
	ID        int64 `json:"id"`
	CallFrame struct {
		FunctionName string `json:"functionName"`
		URL          string `json:"url"`
		LineNumber   int64  `json:"lineNumber"`
	} `json:"callFrame"`
}

// Function is one function and the samples that found it on top of the
// stack, wherever it was in the call tree.
type Function struct {
	Name    string // V8's name; a generic's type arguments shortened
	Script  string // the file it came from (main.wasm, worker.js), or "" for V8's own
	Line    int64  // 0-based, for JavaScript
	Samples int
}

// wasm reports whether f is Go code (from a .wasm file).
func (f Function) wasm() bool { return strings.HasSuffix(f.Script, ".wasm") }

// String is f's name, with the script and line for JavaScript.
func (f Function) String() string {
	if f.Script == "" || f.wasm() {
		return f.Name
	}
	name := f.Name
	if name == "" {
		name = "(anonymous)"
	}
	return fmt.Sprintf("%s %s:%d", name, f.Script, f.Line+1)
}

func main() {
	top := flag.Int("top", 30, "how many functions to list")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pageprofile [-top N] FILE.cpuprofile")
		os.Exit(2)
	}
	p, err := readProfile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "pageprofile:", err)
		os.Exit(1)
	}
	writeSummary(os.Stdout, flag.Arg(0), p, *top)
}

func readProfile(name string) (*Profile, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var p Profile
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: not a V8 CPU profile: %w", name, err)
	}
	if len(p.Samples) != len(p.TimeDeltas) {
		return nil, fmt.Errorf("%s: %d samples but %d time deltas", name, len(p.Samples), len(p.TimeDeltas))
	}
	return &p, nil
}

// selfSamples is every sampled function with its self samples, most first.
func selfSamples(p *Profile) []Function {
	nodes := make(map[int64]*Node, len(p.Nodes))
	for i := range p.Nodes {
		nodes[p.Nodes[i].ID] = &p.Nodes[i]
	}
	byName := map[string]*Function{}
	for _, id := range p.Samples {
		n := nodes[id]
		if n == nil {
			continue
		}
		f := functionOf(n)
		key := f.String()
		if byName[key] == nil {
			byName[key] = &f
		}
		byName[key].Samples++
	}
	funcs := make([]Function, 0, len(byName))
	for _, f := range byName {
		funcs = append(funcs, *f)
	}
	slices.SortFunc(funcs, func(a, b Function) int {
		return cmp.Or(cmp.Compare(b.Samples, a.Samples), strings.Compare(a.String(), b.String()))
	})
	return funcs
}

// functionOf is the function of the node n, without samples.
func functionOf(n *Node) Function {
	f := Function{Name: shortGeneric(n.CallFrame.FunctionName)}
	if u := n.CallFrame.URL; u != "" {
		f.Script = path.Base(u)
	}
	if f.Script != "" && !f.wasm() {
		f.Line = n.CallFrame.LineNumber
	}
	return f
}

// shortGeneric writes a generic function's type arguments, which V8 spells
// out in full (_go.shape.interface___Freeze____Hash...___), as [...].
func shortGeneric(name string) string {
	start := strings.Index(name, "_go.shape.")
	end := strings.LastIndex(name, "___")
	if start < 0 || end < start {
		return name
	}
	return name[:start] + "[...]" + name[end+3:]
}

// A group is a set of functions whose time the summary adds up.
type group struct {
	name     string
	patterns []string // function names; a trailing * matches any ending
	js       bool     // also every function not from a .wasm file
}

// groups are tried in order; a function counts in the first that matches.
var groups = []group{
	{name: "JS/idle", patterns: []string{"(idle)", "(program)", "(garbage collector)"}},
	{name: "allocation", patterns: []string{"runtime.malloc*", "runtime.newobject", "runtime.newarray",
		"runtime.writeHeapBits*", "runtime.__mspan_.writeHeapBits*", "runtime.gcWriteBarrier*", "runtime.wbBuf*",
		"runtime.nextFreeFast", "runtime.__mcache_.*", "runtime.__mcentral_.*", "runtime.__mheap_.alloc*"}},
	{name: "garbage collection", patterns: []string{"runtime.gc*", "runtime.__gc*", "runtime.scanobject", "runtime.scanObjects*",
		"runtime.scanblock", "runtime.markroot*", "runtime.greyobject", "runtime.tryDeferToSpanScan",
		"runtime.sweepone", "runtime.__sweepLocked_.*", "runtime.bgsweep"}},
	// In WebAssembly, runtime.gogo unwinds to wasm_pc_f_loop, which resumes the goroutine.
	{name: "coroutine switches", patterns: []string{"runtime.coroswitch*", "iter.Pull*", "runtime.gogo", "wasm_pc_f_loop"}},
	{name: "type assertions", patterns: []string{"runtime.typeAssert*", "runtime.assertE2I*", "runtime.getitab", "runtime.__itabTableType_.*"}},
	{name: "maps", patterns: []string{"runtime.map*", "internal_runtime_maps*", "runtime.memhash*"}},
	{name: "the interpreter", patterns: []string{"go.starlark.net_starlark.*"}},
	{name: "parse and compile", patterns: []string{"go.starlark.net_syntax.*", "go.starlark.net_resolve.*", "go.starlark.net_internal_compile.*"}},
	{name: "pushbook's Go", patterns: []string{"pushbook_*"}},
	{name: "other JavaScript", js: true},
}

// matches reports whether f belongs to g.
func (g group) matches(f Function) bool {
	if g.js && !f.wasm() {
		return true
	}
	for _, p := range g.patterns {
		if prefix, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix(f.Name, prefix) || f.Name == p {
			return true
		}
	}
	return false
}

// groupSamples is each group's samples, in the order of groups, and then
// the samples in no group.
func groupSamples(funcs []Function) []int {
	samples := make([]int, len(groups)+1)
	for _, f := range funcs {
		i := slices.IndexFunc(groups, func(g group) bool { return g.matches(f) })
		if i < 0 {
			i = len(groups)
		}
		samples[i] += f.Samples
	}
	return samples
}

// gaps is the median and the longest time between two samples, in µs.
func gaps(p *Profile) (median, longest int64) {
	if len(p.TimeDeltas) < 2 {
		return 0, 0
	}
	d := slices.Sorted(slices.Values(p.TimeDeltas[1:]))
	return d[len(d)/2], d[len(d)-1]
}

func writeSummary(w io.Writer, name string, p *Profile, top int) {
	funcs := selfSamples(p)
	n := max(len(p.Samples), 1)
	span := (p.EndTime - p.StartTime) / 1000 // ms
	row := func(samples int, what string) {
		fmt.Fprintf(w, "%9.1f  %5.1f%%  %s\n", span*float64(samples)/float64(n), 100*float64(samples)/float64(n), what)
	}
	median, longest := gaps(p)
	fmt.Fprintf(w, "%s: %.1f ms, %d samples (every %d µs; the longest gap %.1f ms)\n\n", name, span, len(p.Samples), median, float64(longest)/1000)
	fmt.Fprintf(w, "top %d functions by self time\n  self ms       %%  function\n", top)
	for _, f := range funcs[:min(top, len(funcs))] {
		row(f.Samples, f.String())
	}
	fmt.Fprintf(w, "\ngroups (the first that matches a function counts it; patterns in internal/pageprofile)\n  time ms       %%  group\n")
	samples := groupSamples(funcs)
	for i, g := range groups {
		row(samples[i], g.name)
	}
	row(samples[len(groups)], "other Go")
}
