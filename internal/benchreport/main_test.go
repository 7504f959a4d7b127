package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
goarch: amd64
cpu: Some CPU
BenchmarkSeedPipeline-2   	12345	       8.1 ns/op	 123400000 events/s	       0 B/op	       0 allocs/op
BenchmarkCoroutineStage-2 	 1000	     400.0 ns/op	 95.5 ns/hop	  2500000 events/s
PASS
ok  	pushbook/pipeline	3.2s
`

func TestParseBenchReadsNamesAndMetrics(t *testing.T) {
	results, header, err := parseBench(strings.NewReader(sample))
	require.NoError(t, err)
	require.Len(t, results, 2)
	assert.Equal(t, []string{"goos: linux", "goarch: amd64", "cpu: Some CPU"}, header)
	assert.Equal(t, "BenchmarkSeedPipeline", results[0].Name)
	assert.Equal(t, 123400000.0, results[0].Metrics["events/s"])
	assert.Equal(t, []string{"ns/op", "ns/hop", "events/s"}, results[1].Units)
}

func TestReportMarksTargetsMetAndMissed(t *testing.T) {
	results, _, err := parseBench(strings.NewReader(sample))
	require.NoError(t, err)
	targets, err := parseTargets(targetsTSV)
	require.NoError(t, err)
	var out strings.Builder
	report(&out, nil, results, targets)
	lines := strings.Split(out.String(), "\n")
	find := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), prefix) {
				return l
			}
		}
		return ""
	}
	assert.Contains(t, find("SeedPipeline "), "123.40M")
	assert.Contains(t, find("SeedPipeline "), " ok ")
	assert.Contains(t, find("CoroutineStage "), "MISSED", "95.5 ns/hop is over the 80 ns target")
	assert.Contains(t, find("FlattenSeedEvents "), "not run")
}

func TestHumanFigures(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{152.3e6, "152.30M"}, {2.5e9, "2.50G"}, {45000, "45.0k"}, {80, "80"}, {1.3, "1.3"}} {
		assert.Equal(t, c.want, human(c.in), "human(%v)", c.in)
	}
}

func TestParseTargetsRejectsBadLines(t *testing.T) {
	_, err := parseTargets("BenchmarkX\tevents/s\t>\t1\t#2\twhat")
	assert.ErrorContains(t, err, `op ">"`)
	_, err = parseTargets("BenchmarkX\tevents/s")
	assert.ErrorContains(t, err, "want 6")
}
