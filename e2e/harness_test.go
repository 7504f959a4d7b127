//go:build browser

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"pushbook/site"
)

// The browser is started once, when the first test needs it, and shared: each
// test gets its own browser context (fresh storage and cache) in it.
var browser struct {
	once    sync.Once
	ctx     context.Context
	cancel  func()
	profile string
	missing string // why there is no browser, if there is none
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
		os.RemoveAll(browser.profile)
	}
	os.Exit(code)
}

// chromiumPath is $CHROMIUM, else Debian's /usr/bin/chromium.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

func startBrowser() {
	path := chromiumPath()
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		browser.missing = fmt.Sprintf("no Chromium at %s: install it (apt-get install chromium) or set CHROMIUM to its path", path)
		return
	}
	profile, err := os.MkdirTemp("", "pushbook-chromium-")
	if err != nil {
		browser.err = fmt.Errorf("chromium profile: %w", err)
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1200, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
		browser.err = fmt.Errorf("starting %s: %w", path, err)
		return
	}
	browser.ctx, browser.profile = ctx, profile
	browser.cancel = func() { cancelCtx(); cancelAlloc() }
}

// needBrowser returns the shared browser's context, skipping the test when
// Chromium is missing (failing it when CI=true).
func needBrowser(tb testing.TB) context.Context {
	tb.Helper()
	browser.once.Do(startBrowser)
	if browser.missing != "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("browser tests need Chromium in CI: %s", browser.missing)
		}
		tb.Skip(browser.missing)
	}
	require.NoError(tb, browser.err)
	return browser.ctx
}

// siteDir is the built site under test: $PUSHBOOK_SITE or ../build/site.
func siteDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("PUSHBOOK_SITE")
	if dir == "" {
		dir = filepath.Join("..", "build", "site")
	}
	abs, err := filepath.Abs(dir)
	require.NoError(tb, err)
	for _, f := range []string{"index.html", "app.js", "worker.js", "main.wasm", "wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(abs, f)); err != nil {
			tb.Fatalf("the site in %s is not built (%s missing): run make site first", abs, f)
		}
	}
	return abs
}

// serve starts a loopback server for the site in dir, with this package's
// testdata/ notebooks under /testdata/, and returns its base URL (ending in /).
func serve(tb testing.TB, dir string) string {
	tb.Helper()
	return serveWrapped(tb, dir, func(h http.Handler) http.Handler { return h })
}

// serveWrapped is serve with the site's handler wrapped by wrap (to delay or
// count some of its responses).
func serveWrapped(tb testing.TB, dir string, wrap func(http.Handler) http.Handler) string {
	tb.Helper()
	h, err := site.NewHandler(dir)
	require.NoError(tb, err)
	require.NoError(tb, h.Precompress())
	mux := http.NewServeMux()
	mux.Handle("/", wrap(h))
	mux.Handle("/testdata/", http.StripPrefix("/testdata/", http.FileServerFS(os.DirFS("testdata"))))
	srv := httptest.NewServer(mux)
	tb.Cleanup(func() {
		srv.Close()
		h.Close()
	})
	return srv.URL + "/"
}

// copyTree copies the directory src to dst (created), leaving out the
// slash-separated paths in skip.
func copyTree(tb testing.TB, src, dst string, skip ...string) {
	tb.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		for _, s := range skip {
			if filepath.ToSlash(rel) == s {
				return nil
			}
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	require.NoError(tb, err, "copy %s to %s", src, dst)
}

// page is one browser tab in its own browser context.
type page struct {
	tb  testing.TB
	ctx context.Context
}

// newPage opens a tab with fresh storage and an empty cache.
func newPage(tb testing.TB) *page {
	tb.Helper()
	root := needBrowser(tb)
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	tb.Cleanup(cancel)
	require.NoError(tb, chromedp.Do(ctx), "opening a tab")
	return &page{tb: tb, ctx: ctx}
}

// do runs actions with a time limit, failing the test on error.
func (p *page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	require.NoError(p.tb, chromedp.Do(ctx, actions...), what)
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into T.
func eval[T any](p *page, expr string) T {
	p.tb.Helper()
	v, err := tryEval[T](p, expr)
	require.NoError(p.tb, err, "evaluating %s", expr)
	return v
}

func tryEval[T any](p *page, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// waitFor polls a JavaScript expression until it is truthy, failing with
// what after timeout. Errors while the page navigates count as falsy.
func (p *page) waitFor(expr, what string, timeout time.Duration) {
	p.tb.Helper()
	if _, err := p.waitUntil(expr, timeout); err != nil {
		p.tb.Fatalf("waited %s for %s (%s): %v\nvisible text:\n%s", timeout, what, expr, err, p.visibleText())
	}
}

// waitUntil polls expr every 20 ms until it is truthy and returns how long
// that took.
func (p *page) waitUntil(expr string, timeout time.Duration) (time.Duration, error) {
	start := time.Now()
	var last error
	for {
		ok, err := tryEval[bool](p, "!!("+expr+")")
		if err == nil && ok {
			return time.Since(start), nil
		}
		if err != nil {
			last = err
		}
		if time.Since(start) > timeout {
			if last == nil {
				last = fmt.Errorf("still false")
			}
			return time.Since(start), last
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// open navigates to url and waits until the notebook shows its cells.
func (p *page) open(url string) {
	p.tb.Helper()
	p.do("navigate to "+url, chromedp.Navigate(url))
	p.waitFor(`document.readyState === "complete" && document.querySelector(".cell")`, "the page to show cells of "+url, 15*time.Second)
}

// kernelState is the state the page shows for the kernel.
func (p *page) kernelState() string {
	return eval[string](p, `document.querySelector("#kernel-state").dataset.state`)
}

// waitIdle waits until the page shows the kernel idle.
func (p *page) waitIdle(timeout time.Duration) {
	p.tb.Helper()
	p.waitFor(`document.querySelector("#kernel-state").dataset.state === "idle" && !document.querySelector(".cell.running, .cell.queued")`, "the kernel to be idle", timeout)
}

// visibleText is what a user can read on the page (document.body.innerText).
func (p *page) visibleText() string {
	s, err := tryEval[string](p, `document.body.innerText`)
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return s
}

// click clicks the element with the CSS selector, as a user would (a
// trusted mouse event at its centre).
func (p *page) click(selector string) {
	p.tb.Helper()
	p.do("click "+selector, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// appendCell adds a code cell with source at the end of the notebook and
// returns its id.
func (p *page) appendCell(source string) string {
	p.tb.Helper()
	return eval[string](p, fmt.Sprintf(`pushbookApp.notebook.insertCell(pushbookApp.notebook.cells.length, "code", %s).id`, jsString(source)))
}

// runCell runs the cell with id in place, as Ctrl+Enter does.
func (p *page) runCell(id string) {
	p.tb.Helper()
	eval[chromedp.Void](p, fmt.Sprintf(`void pushbookApp.runFrom(%s, "stay")`, jsString(id)))
}

// cellText is the visible text of the cell with id: prompt, source, outputs.
func (p *page) cellText(id string) string {
	p.tb.Helper()
	return eval[string](p, fmt.Sprintf(`document.querySelector('.cell[data-id=%s]').innerText`, jsString(id)))
}

// cellPrompt is the In [n]: prompt of the cell with id.
func (p *page) cellPrompt(id string) string {
	p.tb.Helper()
	return eval[string](p, fmt.Sprintf(`document.querySelector('.cell[data-id=%s] .in-prompt').textContent`, jsString(id)))
}

// key presses and releases one key with modifiers (input.Modifier bits:
// Alt 1, Ctrl 2, Meta 4, Shift 8) on whatever has the focus.
func (p *page) key(key, code string, keyCode int64, modifiers int64, text string) {
	p.tb.Helper()
	p.do("press "+key, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, WindowsVirtualKeyCode: keyCode, Modifiers: modifiers, Text: text}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: keyCode, Modifiers: modifiers}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	}))
}

// colorScheme emulates prefers-color-scheme ("light", "dark"; "" resets).
func (p *page) colorScheme(scheme string) {
	p.tb.Helper()
	params := emulation.SetEmulatedMediaParams{}
	if scheme != "" {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	p.do("emulate prefers-color-scheme "+scheme, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, params)
		return err
	}))
}

// screenshot saves a full-page PNG as name in $PUSHBOOK_SHOTS, if set.
func (p *page) screenshot(name string) {
	p.tb.Helper()
	dir := os.Getenv("PUSHBOOK_SHOTS")
	if dir == "" {
		return
	}
	// From the top, so the sticky toolbar is drawn where a user sees it.
	eval[chromedp.Void](p, `void window.scrollTo(0, 0)`)
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(p.tb, err, "screenshot %s", name)
	require.NoError(p.tb, os.MkdirAll(dir, 0o755))
	require.NoError(p.tb, os.WriteFile(filepath.Join(dir, name), png, 0o644))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// lines splits text into lines without trailing spaces.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		out = append(out, strings.TrimRight(l, " \u00a0"))
	}
	return out
}

// plainServer serves dir with net/http's FileServer and nothing else (no
// MIME fixes, no gzip), as a plain static host would; it returns the base URL.
func plainServer(tb testing.TB, dir string) string {
	tb.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	tb.Cleanup(srv.Close)
	return srv.URL + "/"
}
