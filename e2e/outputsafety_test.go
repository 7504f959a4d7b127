//go:build browser

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What a notebook shows stays inside its output box: it cannot restyle the page, take
// the page's element ids, or make the browser ask another site for anything.

// thirdParty is a server on another origin (another port) that counts the requests it
// gets; it answers every one with a notebook and lets any origin read it.
type thirdParty struct {
	url string // base URL, no trailing slash
	mu  sync.Mutex
	got []string
}

func newThirdParty(t *testing.T) *thirdParty {
	t.Helper()
	tp := &thirdParty{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tp.mu.Lock()
		tp.got = append(tp.got, r.URL.Path)
		tp.mu.Unlock()
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, notebookJSON(t, codeCell("remote", `print("from elsewhere")`)))
	}))
	t.Cleanup(srv.Close)
	tp.url = srv.URL
	return tp
}

// requests are the paths the third party was asked for.
func (tp *thirdParty) requests() []string {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return append([]string(nil), tp.got...)
}

type cell map[string]any

func codeCell(id, source string, outputs ...map[string]any) cell {
	if outputs == nil {
		outputs = []map[string]any{}
	}
	return cell{"cell_type": "code", "id": id, "metadata": map[string]any{}, "execution_count": nil, "source": source, "outputs": outputs}
}

func markdownCell(id, source string) cell {
	return cell{"cell_type": "markdown", "id": id, "metadata": map[string]any{}, "source": source}
}

// shown is a display_data output of one MIME type.
func shown(mime, value string) map[string]any {
	return map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{mime: value}}
}

func notebookJSON(t *testing.T, cells ...cell) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"nbformat": 4, "nbformat_minor": 5, "metadata": map[string]any{}, "cells": cells})
	require.NoError(t, err)
	return string(b)
}

// serveNotebook serves the site with the notebook at /unsafe.ipynb and returns the
// page's URL that opens it.
func serveNotebook(t *testing.T, notebook string) string {
	t.Helper()
	base := serveWrapped(t, siteDir(t), func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/unsafe.ipynb" {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, notebook)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	return base + "?notebook=unsafe.ipynb"
}

// requestLog records the page's network requests and the browser's log (where CSP
// violations are reported) from the moment it is made.
type requestLog struct {
	mu      sync.Mutex
	urls    map[network.RequestID]string
	blocked map[network.RequestID]string // why the browser did not send it
	logs    []string
}

func watchRequests(t *testing.T, p *page) *requestLog {
	t.Helper()
	rl := &requestLog{urls: map[network.RequestID]string{}, blocked: map[network.RequestID]string{}}
	require.NoError(t, chromedp.Listen(p.ctx, func(ev any) {
		rl.mu.Lock()
		defer rl.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			rl.urls[e.RequestID] = e.Request.URL
		case *network.EventLoadingFailed:
			if e.BlockedReason != "" {
				rl.blocked[e.RequestID] = string(e.BlockedReason)
			}
		case *log.EventEntryAdded:
			rl.logs = append(rl.logs, fmt.Sprintf("%s (%s:%d)", e.Entry.Text, e.Entry.URL, e.Entry.LineNumber))
		}
	}))
	return rl
}

// sentElsewhere lists the requests the page sent to an origin other than base's (those
// the browser blocked before sending are not).
func (rl *requestLog) sentElsewhere(base string) []string {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	var out []string
	for id, u := range rl.urls {
		if strings.HasPrefix(u, base) || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		if _, ok := rl.blocked[id]; !ok {
			out = append(out, u)
		}
	}
	return out
}

// violations are the Content-Security-Policy violations the browser reported.
func (rl *requestLog) violations() []string {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	var out []string
	for _, l := range rl.logs {
		if strings.Contains(l, "Content Security Policy") {
			out = append(out, l)
		}
	}
	return out
}

func TestSVGOutputStylesStayInsideTheImage(t *testing.T) {
	page := `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">` +
		`<style>body { display: none } .toolbar { visibility: hidden }</style>` +
		`<rect width="120" height="40" style="fill: rgb(0, 0, 255)"/></svg>`
	// Claims to be one of the kernel's pictures, so it is drawn inline: cleaned of styles.
	fake := `<svg xmlns="http://www.w3.org/2000/svg" class="pushbook-picture" width="40" height="40">` +
		`<style>main { display: none }</style><rect width="40" height="40" style="fill: red" id="notebook"/></svg>`
	url := serveNotebook(t, notebookJSON(t, codeCell("svg", "pass", shown("image/svg+xml", page), shown("image/svg+xml", fake))))
	p := newPage(t)
	p.open(url)
	p.waitFor(`document.querySelectorAll('.cell[data-id="svg"] .output-svg').length === 2`, "the two SVG outputs", 5*time.Second)

	assert.Equal(t, "block", eval[string](p, `getComputedStyle(document.body).display`), "an SVG's <style> hid the page")
	assert.Equal(t, "visible", eval[string](p, `getComputedStyle(document.querySelector(".toolbar")).visibility`), "an SVG's <style> hid the toolbar")
	assert.Equal(t, "block", eval[string](p, `getComputedStyle(document.querySelector("main")).display`), "a fake picture's <style> hid the notebook")
	assert.True(t, eval[bool](p, `document.querySelector("#run").getBoundingClientRect().height > 0`), "Run is on screen")
	// The page's own sizing of a kernel picture (picture.js, set through the CSSOM) is the
	// only style= allowed.
	assert.Zero(t, eval[int](p, `document.querySelectorAll("#notebook style, #notebook svg [id]").length + [...document.querySelectorAll("#notebook [style]")].filter(e => e.getAttribute("style").replace(/--picture-(min-)?width: *[0-9.]+px;? */g, "").trim() !== "").length`), "styles or ids reached the page")
	assert.Equal(t, "DIV", eval[string](p, `document.getElementById("notebook").tagName`))

	// Inside the image, the SVG's own styles still apply: its rectangle is blue.
	p.waitFor(`document.querySelector('.cell[data-id="svg"] .output-svg img')?.complete`, "the SVG output as a loaded image", 5*time.Second)
	pixel := eval[[]int](p, `(() => {
		const img = document.querySelector('.cell[data-id="svg"] .output-svg img');
		const c = document.createElement("canvas");
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext("2d");
		g.drawImage(img, 0, 0);
		return [...g.getImageData(60, 20, 1, 1).data];
	})()`)
	assert.Equal(t, []int{0, 0, 255, 255}, pixel, "the image's centre pixel (RGBA)")
	assert.Equal(t, 120, eval[int](p, `document.querySelector('.cell[data-id="svg"] .output-svg img').naturalWidth`))
}

func TestOutputWithThePageIDsLeavesShareWorking(t *testing.T) {
	html := `<div id="share-dialog"><p id="share-link">taken</p></div>` +
		`<p id="share-size">fake</p><img name="share" src="data:,">`
	md := "# Shared\n\n[link](#share-dialog)"
	url := serveNotebook(t, notebookJSON(t, codeCell("ids", "pass", shown("text/html", html), shown("text/markdown", md))))
	p := newPage(t)
	p.open(url)
	p.waitFor(`document.querySelector('.cell[data-id="ids"] .output-html')`, "the HTML output", 5*time.Second)

	ids := eval[[]string](p, `[...document.querySelectorAll('.cell[data-id="ids"] [id], .cell[data-id="ids"] [name]')].map(e => e.id || e.getAttribute("name"))`)
	for _, id := range ids {
		assert.True(t, strings.HasPrefix(id, "user-content-"), "an output's id or name %q is not prefixed", id)
	}
	p.click("#share")
	p.waitFor(`document.getElementById("share-dialog").open && document.getElementById("share-link").value.includes("#nb=")`, "the page's share dialog with a link", 5*time.Second)
	assert.Equal(t, "DIALOG", eval[string](p, `document.getElementById("share-dialog").tagName`))
	assert.Equal(t, "share-dialog", eval[string](p, `document.getElementById("share-link").closest("dialog").id`))
}

func TestNotebookWithRemoteResourcesRequestsNothingFromAnotherOrigin(t *testing.T) {
	tp := newThirdParty(t)
	r := tp.url
	html := strings.NewReplacer("R", r).Replace(`<img src="R/img.png" alt="img">` +
		`<img srcset="R/srcset.png 2x" alt="srcset">` +
		`<picture><source srcset="R/source.png"><img alt="picture"></picture>` +
		`<video poster="R/poster.png" src="R/video.mp4" preload="auto"></video>` +
		`<audio src="R/audio.mp3" preload="auto" autoplay></audio>` +
		`<svg width="10" height="10"><image href="R/svg-image.png" width="10" height="10"/></svg>` +
		`<link rel="stylesheet" href="R/link.css"><style>@import url("R/import.css");</style>`)
	svg := strings.NewReplacer("R", r).Replace(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20">` +
		`<style>@import url("R/svg-import.css"); rect { fill: url("R/fill.svg#p") }</style>` +
		`<image xlink:href="R/svg-xlink.png" width="10" height="10"/><rect width="5" height="5"/></svg>`)
	picture := strings.NewReplacer("R", r).Replace(`<svg xmlns="http://www.w3.org/2000/svg" class="pushbook-picture" width="20" height="20">` +
		`<image href="R/picture-image.png" width="10" height="10"/><style>@import url("R/picture-import.css");</style></svg>`)
	nb := notebookJSON(t,
		markdownCell("md", fmt.Sprintf("![cell](%s/markdown-cell.png) and <img src=%q>", r, r+"/raw.png")),
		codeCell("remote", "pass",
			shown("text/html", html),
			shown("image/svg+xml", svg),
			shown("image/svg+xml", picture),
			shown("text/markdown", fmt.Sprintf("![output](%s/markdown-output.png)", r))))
	url := serveNotebook(t, nb)
	base := strings.TrimSuffix(url, "?notebook=unsafe.ipynb")
	p := newPage(t)
	rl := watchRequests(t, p)
	p.open(url)
	p.waitFor(`document.querySelectorAll('.cell[data-id="remote"] .output').length === 4`, "the four outputs", 5*time.Second)
	p.waitIdle(kernelStart)
	time.Sleep(500 * time.Millisecond) // let the images and media start loading

	assert.Empty(t, tp.requests(), "the other origin got requests")
	assert.Empty(t, rl.sentElsewhere(base), "the page sent requests to another origin")
	assert.NotEmpty(t, rl.violations(), "the policy blocked the remote loads (and said so)")
}

func TestNotebookURLFromAnotherOriginIsRefused(t *testing.T) {
	tp := newThirdParty(t)
	base := serve(t, siteDir(t))
	p := newPage(t)
	for _, ref := range []string{tp.url + "/remote.ipynb", strings.Replace(tp.url, "http:", "", 1) + "/remote.ipynb"} {
		p.open(base + "?notebook=" + ref)
		p.waitFor(`!document.querySelector("#banner").hidden`, "a message about "+ref, 5*time.Second)
		msg := eval[string](p, `document.querySelector("#banner-text").textContent`)
		assert.Contains(t, msg, "only notebooks from this site", "the message for ?notebook=%s", ref)
		assert.NotContains(t, p.visibleText(), `print("from elsewhere")`, "the remote notebook was opened for ?notebook=%s", ref)
		assert.NotEqual(t, "remote.ipynb", eval[string](p, `document.querySelector("#nb-name").textContent`))
	}
	assert.Empty(t, tp.requests(), "the other origin got requests")
}

func TestContentSecurityPolicyLetsThePageWork(t *testing.T) {
	p := newPage(t)
	rl := watchRequests(t, p)
	base := serve(t, siteDir(t))
	p.open(base + "?notebook=testdata/basics.ipynb&run=all")
	p.waitFor(`document.body.innerText.includes("line 499")`, "Run all's last output", kernelStart+10*time.Second)
	p.waitIdle(10 * time.Second)
	p.waitEditorCode()
	p.click(`.cell[data-id="hello"] .cm-content`)
	p.do("type an edit", chromedp.KeyEvent("\n# edited"))
	p.waitFor(`document.querySelector('.cell[data-id="hello"] .cm-content').textContent.includes("# edited")`, "the edit in the editor", 5*time.Second)
	id := p.appendCell(`print("after", 6 * 7)`)
	p.runCell(id)
	p.waitIdle(5 * time.Second)
	assert.Contains(t, p.cellText(id), "after 42")
	assert.Empty(t, rl.violations(), "the page's own code broke its Content-Security-Policy")
}
