// Command forkbench measures what our go.starlark.net fork (third_party/starlark)
// costs against the upstream version go.mod pins: it builds upstream's
// starlark package tests from the module cache and the fork's, runs their
// interpreter benchmarks alternately (the machine is shared and noisy, so
// only an interleaved comparison means anything), and prints, per
// benchmark, the median fork/upstream time ratio as a benchmark line that
// internal/benchreport reads:
//
//	BenchmarkForkVsUpstream/bench_gauss 1 1.02 fork/upstream
//
// Usage (from the repository root; `make bench` runs it):
//
//	go run ./internal/forkbench [-rounds 6] [-bench REGEXP] [-benchtime 300ms]
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	rounds := flag.Int("rounds", 6, "interleaved runs of each side")
	bench := flag.String("bench", `BenchmarkStarlark/bench_(calling|gauss|int$|mix|range_iteration)`, "benchmarks to compare")
	benchtime := flag.String("benchtime", "300ms", "-test.benchtime of each run")
	flag.Parse()
	if err := run(*rounds, *bench, *benchtime); err != nil {
		fmt.Fprintln(os.Stderr, "forkbench:", err)
		os.Exit(1)
	}
}

func run(rounds int, bench, benchtime string) error {
	upstream, err := upstreamDir()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "forkbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fork, err := filepath.Abs("third_party/starlark")
	if err != nil {
		return err
	}
	bins := map[string]string{"upstream": filepath.Join(tmp, "upstream.test"), "fork": filepath.Join(tmp, "fork.test")}
	for side, dir := range map[string]string{"upstream": upstream, "fork": fork} {
		if out, err := command(dir, "go", "test", "-c", "-o", bins[side], "./starlark").CombinedOutput(); err != nil {
			return fmt.Errorf("building %s's tests: %v\n%s", side, err, out)
		}
	}
	times := map[string]map[string][]float64{"upstream": {}, "fork": {}}
	for range rounds {
		for _, side := range []string{"upstream", "fork"} {
			// Both run in the fork's package directory, for testdata/benchmark.star.
			out, err := command(filepath.Join(fork, "starlark"), bins[side], "-test.run", "^$", "-test.bench", bench, "-test.benchtime", benchtime).Output()
			if err != nil {
				return fmt.Errorf("running %s's benchmarks: %v", side, err)
			}
			for name, ns := range parse(out) {
				times[side][name] = append(times[side][name], ns)
			}
		}
	}
	names := make([]string, 0, len(times["fork"]))
	for name := range times["fork"] {
		if len(times["upstream"][name]) > 0 {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return fmt.Errorf("no benchmark matched %q on both sides", bench)
	}
	for _, name := range names {
		ratio := median(times["fork"][name]) / median(times["upstream"][name])
		fmt.Printf("BenchmarkForkVsUpstream/%s \t1\t%.3f fork/upstream\n", strings.TrimPrefix(name, "BenchmarkStarlark/"), ratio)
	}
	return nil
}

// upstreamDir returns the module cache directory of the go.starlark.net
// version that go.mod requires (and replaces with the fork), downloading it
// through the module proxy if needed.
func upstreamDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-json", "go.starlark.net").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m go.starlark.net: %v", err)
	}
	var mod struct{ Path, Version string }
	if err := json.Unmarshal(out, &mod); err != nil {
		return "", err
	}
	out, err = exec.Command("go", "mod", "download", "-json", mod.Path+"@"+mod.Version).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %v", mod.Path, mod.Version, err)
	}
	var dl struct{ Dir, Error string }
	if err := json.Unmarshal(out, &dl); err != nil {
		return "", err
	}
	if dl.Error != "" || dl.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", mod.Path, mod.Version, dl.Error)
	}
	return dl.Dir, nil
}

func command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	return cmd
}

// parse returns ns/op by benchmark name (without its -GOMAXPROCS suffix).
func parse(out []byte) map[string]float64 {
	res := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || f[3] != "ns/op" {
			continue
		}
		ns, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i]
		}
		res[name] = ns
	}
	return res
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
