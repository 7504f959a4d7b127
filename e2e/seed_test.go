//go:build browser

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// seedTranscript is one of the seed's outputs (in206.txt, in207.txt) as the
// Python notebook printed it, without the final newline; the kernel's tests
// use the same files.
func seedTranscript(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "kernel", "testdata", name))
	if err != nil {
		t.Fatalf("the seed's transcript: %v", err)
	}
	return strings.TrimSuffix(string(data), "\n")
}

// seedPath is the seed notebook the lead writes; make site copies it into
// the site's examples/.
const seedPath = "../examples/seed.ipynb"

func hasSeed() bool {
	_, err := os.Stat(seedPath)
	return err == nil
}

// requireSeed fails (never skips) when the seed notebook is missing from the
// repository or from the built site.
func requireSeed(t *testing.T, site string) {
	t.Helper()
	if !hasSeed() {
		t.Fatalf("examples/seed.ipynb is missing: the seed notebook (In [206]/[207] transcripts) must exist for this test; write it, then run make site")
	}
	if _, err := os.Stat(filepath.Join(site, "examples", "seed.ipynb")); err != nil {
		t.Fatalf("%s has no examples/seed.ipynb: run make site again after adding examples/seed.ipynb", site)
	}
}

// assertTranscript checks that want's lines appear, one after another, in
// the page's visible text.
func assertTranscript(t *testing.T, name, want, text string) {
	t.Helper()
	got := strings.Join(lines(text), "\n")
	assert.Contains(t, got, want, "%s transcript not found as consecutive lines in the page's text", name)
}

// runSeed opens base (whose default notebook is the seed) with ?run=all and
// waits for the In [207] transcript's last line.
func runSeed(t *testing.T, p *page, base string) string {
	t.Helper()
	p.open(base + "?run=all")
	assert.Equal(t, "seed.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`))
	p.waitFor(`document.body.innerText.includes("pushdata: Something asked me to stop!")`, "the In [207] transcript", 30*time.Second)
	p.waitIdle(30 * time.Second)
	return p.visibleText()
}

func TestSeedNotebookOpensByDefaultWithTheKernelReady(t *testing.T) {
	dir := siteDir(t)
	requireSeed(t, dir)
	p := newPage(t)
	p.open(serve(t, dir))
	assert.Equal(t, "seed.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`))
	p.waitIdle(kernelStart)
	assert.Contains(t, eval[string](p, `document.querySelector("#kernel-state").textContent`), "idle")
	assert.Contains(t, eval[[]string](p, `[...document.querySelectorAll("#examples option")].map(o => o.value)`), "examples/seed.ipynb")
}

func TestRunAllReproducesTheSeedTranscripts(t *testing.T) {
	dir := siteDir(t)
	requireSeed(t, dir)
	p := newPage(t)
	text := runSeed(t, p, serve(t, dir))
	assertTranscript(t, "In [206]", seedTranscript(t, "in206.txt"), text)
	assertTranscript(t, "In [207]", seedTranscript(t, "in207.txt"), text)
	// Cells tagged raises-exception fail on purpose and do not stop Run all.
	prompts := eval[[]string](p, `[...document.querySelectorAll(".code-cell .in-prompt")].map(e => e.textContent)`)
	for i, prompt := range prompts {
		assert.Equal(t, fmt.Sprintf("In [%d]:", i+1), prompt, "code cell %d after Run all", i+1)
	}
	// The pipeline's graph is drawn inline, and the record array append_fields
	// makes at the end is shown as its repr.
	assert.True(t, eval[bool](p, `!!document.querySelector(".output-svg svg.pushbook-picture")`), "no pipeline graph after Run all")
	assert.Contains(t, text, "rec.array([([1.0, 2.0, 3.0], 2, 3.0, 100), ([1.0, 2.0, 3.0], 5, 6.0, 100)]", "the seed's last output")
	assert.False(t, eval[bool](p, `!!document.querySelector(".output-html script, .output-html [onerror], .output-html [onclick]")`), "unsafe HTML in outputs")
	p.screenshot("seed-run-all.png")
}

func TestDistFromASubPathOnAPlainStaticServerRunsTheSeed(t *testing.T) {
	dir := siteDir(t)
	requireSeed(t, dir)
	root := t.TempDir()
	copyTree(t, dir, filepath.Join(root, "some", "sub", "path"))
	base := plainServer(t, root) + "some/sub/path/"
	p := newPage(t)
	text := runSeed(t, p, base)
	assertTranscript(t, "In [206]", seedTranscript(t, "in206.txt"), text)
	assertTranscript(t, "In [207]", seedTranscript(t, "in207.txt"), text)
}
