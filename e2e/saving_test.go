//go:build browser

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openNotebookFile writes text to a file called name and opens it with Open…,
// then waits until the browser's copy of it is written and returns the
// page's save status.
func openNotebookFile(p *page, name, text string) string {
	p.tb.Helper()
	path := filepath.Join(p.tb.TempDir(), name)
	require.NoError(p.tb, os.WriteFile(path, []byte(text), 0o644))
	p.do("open "+name, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{path}))
	p.waitFor(`document.querySelector("#nb-name").textContent === `+jsString(name), "the page to show "+name, 20*time.Second)
	return eval[string](p, `pushbookApp.saving.then(() => document.querySelector("#save-state").textContent)`)
}

// reload reloads the page and waits for its cells.
func (p *page) reload() {
	p.tb.Helper()
	p.do("reload", chromedp.Reload())
	p.waitFor(`document.readyState === "complete" && document.querySelector(".cell")`, "the page after reload", 20*time.Second)
}

// savedLength is the length of the notebook text IndexedDB holds under key, or -1.
func savedLength(p *page, key string) int {
	p.tb.Helper()
	return eval[int](p, `new Promise((resolve, reject) => {
		const open = indexedDB.open("pushbook");
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const get = open.result.transaction("entries").objectStore("entries").get(`+jsString("nb:"+key)+`);
			get.onerror = () => reject(get.error);
			get.onsuccess = () => resolve(get.result ? get.result.text.length : -1);
		};
	})`)
}

// downloadNotebook clicks selector (a Download button) and returns the file the page saved.
func downloadNotebook(p *page, selector string) savedFile {
	p.tb.Helper()
	captureDownloads(p)
	p.click(selector)
	p.waitFor(`window.savedFiles.length === 1`, "the download", 20*time.Second)
	return eval[savedFile](p, `window.savedFiles[0]`)
}

const protoNotebook = `{
 "nbformat": 4, "nbformat_minor": 5,
 "metadata": {"__proto__": {"polluted": true}, "tags": {"__proto__": "kept"}},
 "cells": [{"cell_type": "code", "id": "proto", "source": "1 + 1", "execution_count": null,
   "metadata": {"__proto__": "cell"},
   "outputs": [{"output_type": "display_data", "metadata": {"__proto__": 3},
     "data": {"__proto__": "mime", "text/plain": "2"}}]}]
}`

func TestProtoMetadataKeysSurviveAReloadAndDownload(t *testing.T) {
	p := newPage(t)
	p.open(serve(t, siteDir(t)) + "?notebook=testdata/basics.ipynb")
	require.Contains(t, openNotebookFile(p, "proto.ipynb", protoNotebook), "Saved in this browser")
	p.reload()
	require.Equal(t, "proto.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`), "the opened file comes back after reload")

	file := downloadNotebook(p, "#download")
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(file.Text), &got), "the download is JSON: %.300s", file.Text)
	meta := got["metadata"].(map[string]any)
	assert.Equal(t, map[string]any{"polluted": true}, meta["__proto__"], "notebook metadata __proto__ in %.500s", file.Text)
	assert.Equal(t, "kept", meta["tags"].(map[string]any)["__proto__"])
	cell := got["cells"].([]any)[0].(map[string]any)
	assert.Equal(t, "cell", cell["metadata"].(map[string]any)["__proto__"], "cell metadata __proto__")
	out := cell["outputs"].([]any)[0].(map[string]any)
	assert.Equal(t, float64(3), out["metadata"].(map[string]any)["__proto__"], "output metadata __proto__")
	assert.Equal(t, "mime", out["data"].(map[string]any)["__proto__"], "output data __proto__")
	assert.False(t, eval[bool](p, `"polluted" in {}`), "Object.prototype is untouched")
}

func TestMetadata5000DeepIsSavedSurvivesAReloadAndDownloads(t *testing.T) {
	const depth = 5000
	deep := strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)
	text := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"deep": ` + deep + `},
	 "cells": [{"cell_type": "code", "id": "c", "source": "print(1)", "metadata": {}, "outputs": [], "execution_count": null}]}`
	depthOf := `(() => { let v = pushbookApp.notebook.model.metadata.deep, d = 0; while (v && typeof v === "object") { v = v.a; d++; } return d; })()`

	p := newPage(t)
	p.open(serve(t, siteDir(t)) + "?notebook=testdata/basics.ipynb")
	require.Contains(t, openNotebookFile(p, "deep.ipynb", text), "Saved in this browser")
	p.reload()
	require.Equal(t, "deep.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`), "the deep notebook comes back after reload")
	assert.Equal(t, depth, eval[int](p, depthOf), "metadata depth after reload")
	assert.False(t, eval[bool](p, `!document.querySelector("#banner").hidden`), "no error: %s", p.visibleText())

	file := downloadNotebook(p, "#download")
	eval[chromedp.Void](p, `void (pushbookApp.notebook.model.metadata = JSON.parse(window.savedFiles[0].text).metadata)`)
	assert.Equal(t, depth, eval[int](p, depthOf), "metadata depth in the download (%d characters)", len(file.Text))
	assert.Equal(t, "deep.ipynb", file.Name)
}

func TestTwelveMiBOfOutputsAreSavedInIndexedDBAndSurviveAReload(t *testing.T) {
	line := strings.Repeat("x", 1023) + "\n"
	output := strings.Repeat(line, 12*1024) // 12 MiB
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "metadata": map[string]any{},
		"cells": []any{map[string]any{
			"cell_type": "code", "id": "big", "source": "big()", "metadata": map[string]any{}, "execution_count": 1,
			"outputs": []any{map[string]any{"output_type": "stream", "name": "stdout", "text": output}},
		}},
	}
	text, err := json.Marshal(nb)
	require.NoError(t, err)

	p := newPage(t)
	p.open(serve(t, siteDir(t)) + "?notebook=testdata/basics.ipynb")
	require.Contains(t, openNotebookFile(p, "big.ipynb", string(text)), "Saved in this browser", "visible text: %s", p.visibleText())
	assert.Greater(t, savedLength(p, "file:big.ipynb"), len(output), "IndexedDB holds the whole notebook")
	assert.Equal(t, 0, eval[int](p, `Object.keys(localStorage).filter(k => k.startsWith("pushbook:")).length`), "nothing in localStorage")
	p.reload()
	require.Equal(t, "big.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`))
	assert.Equal(t, len(output), eval[int](p, `pushbookApp.notebook.cell("big").outputs[0].text.length`), "the output after reload")
}

func TestCopiesInLocalStorageMoveToIndexedDB(t *testing.T) {
	p := newPage(t)
	base := serve(t, siteDir(t))
	p.do("open a page of the site", chromedp.Navigate(base+"no-such-page"))
	old := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "hello", "source": "# saved by the old page", "metadata": {}, "outputs": [], "execution_count": null}]}`
	eval[chromedp.Void](p, `void (localStorage.setItem("pushbook:nb:file:old.ipynb", JSON.stringify({savedAt: 1, text: `+jsString(old)+`})), localStorage.setItem("pushbook:last", "file:old.ipynb"))`)
	p.open(base)
	assert.Equal(t, "old.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`), "the last notebook opens from the moved copy")
	assert.Contains(t, p.cellText("hello"), "# saved by the old page")
	assert.Greater(t, savedLength(p, "file:old.ipynb"), 0, "the copy is in IndexedDB")
	assert.Equal(t, 0, eval[int](p, `Object.keys(localStorage).filter(k => k.startsWith("pushbook:")).length`), "and no longer in localStorage")
}

func TestWhenSavingFailsThePageSaysSoOffersDownloadAndLosesNothing(t *testing.T) {
	p := newPage(t)
	p.open(serve(t, siteDir(t)) + "?notebook=testdata/basics.ipynb")
	eval[chromedp.Void](p, `void pushbookApp.notebook.setSource("hello", "# saved edit")`)
	require.Contains(t, eval[string](p, `pushbookApp.saveNow().then(() => document.querySelector("#save-state").textContent)`), "Saved in this browser")

	// The browser's storage is full from now on.
	eval[chromedp.Void](p, `void (IDBObjectStore.prototype.put = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); })`)
	eval[chromedp.Void](p, `void pushbookApp.notebook.setSource("hello", "# edit that cannot be saved")`)
	p.waitFor(`document.querySelector("#save-state").textContent === "Not saved"`, "the failed autosave", 5*time.Second)
	assert.Equal(t, "Could not save this notebook in the browser (browser storage is full) — Download it to keep it",
		eval[string](p, `document.querySelector("#banner-text").textContent`))
	assert.Contains(t, p.cellText("hello"), "# edit that cannot be saved", "the page keeps the notebook")

	file := downloadNotebook(p, "#banner-download")
	assert.Equal(t, "basics.ipynb", file.Name)
	assert.Contains(t, file.Text, "# edit that cannot be saved", "the download holds the unsaved edit")

	p.reload() // a fresh page: the storage works again
	assert.Contains(t, p.cellText("hello"), "# saved edit", "the last good copy survives the failed save")
}
