package picture

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var renderDir = flag.String("render", "", "write sample pictures as .svg files into this directory, to look at")

// TestRenderSamples writes the pictures of the seed's pipelines and of each
// plot kind for a person to look at; it runs only with -render DIR.
func TestRenderSamples(t *testing.T) {
	if *renderDir == "" {
		t.Skip("no -render directory given")
	}
	require.NoError(t, os.MkdirAll(*renderDir, 0o755))
	write := func(name, svg string) {
		require.NoError(t, os.WriteFile(filepath.Join(*renderDir, name+".svg"), []byte(svg), 0o644))
	}
	for _, s := range sampleGraphs() {
		write(s.name, PipelineSVG(s.g))
	}
	for _, s := range samplePlots(t) {
		write(s.name, s.svg)
	}
}
