// Package e2e holds the browser tests of pushbook: headless Chromium, driven
// with chromedp, loads the real page (build/site: the bundle, the worker and
// the real kernel compiled to WebAssembly) from a loopback server and checks
// what a user sees. They carry the build tag "browser" and need a built site:
//
//	make site
//	go test -tags browser -count=1 -v ./e2e/
//
// Chromium is found at $CHROMIUM or /usr/bin/chromium (Debian: apt-get
// install chromium). Without it the tests skip, except when CI=true, where a
// missing browser is a failure. PUSHBOOK_SITE points them at another built
// site; PUSHBOOK_SHOTS=DIR saves light and dark screenshots of the page
// after Run all, math-traceback-{1280-light,1280-dark,390-light}.png (testdata/math.ipynb
// run to its traceback), pipeline-dark.png, the seed's pipeline graph in the dark
// theme, and exercise-*.png, testdata/exercise.ipynb's exercise wrong, with
// hints, solved (light and dark, 1280 and 390 px wide) and with its solution
// shown, and {seed,events}-{1280-light,1280-dark,390-light}.png, the two
// notebooks after Run all (pageux_test.go). The server also serves this package's testdata/ under /testdata/, so
// testdata/data/readings.ipynb reads the readings.jsonl beside it.
//
// The benchmarks measure what the issues set targets for: navigation to
// kernel-ready with a cold cache (ms-to-ready) and on a second visit
// (ms-warm-ready), the first output under ?run=all, main.wasm's size gzipped,
// as main.wasm.br and as Chromium received it from our server (wasm-gzip-MB,
// wasm-br-MB, wasm-chromium-MB) and everything the page loads (page-MB),
// built-in stages and the seed's coroutines in the page (events/s), a pure
// loop (ms/run), and 8,000 prints against one print of the same lines.
// TestProfileWorker (make profile PROFILE_CELL=...) is a tool, not a test:
// it writes a V8 CPU profile of the worker running a named cell.
//
//	go test -tags browser -run '^$' -bench . ./e2e/
package e2e
