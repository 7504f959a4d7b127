//go:build browser

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// codeCacheEvents are the trace events that tell whether V8 handed Chromium main.wasm
// to cache: wasm.CompilationChunkFinished is V8's caching trigger, v8.wasm.compiledModule
// Blink's callback for it, v8.wasm.cachedModule a serialized module sent to the cache.
var codeCacheEvents = []string{"wasm.CompileLazy", "wasm.TopTierCompilation",
	"wasm.CompilationChunkFinished", "v8.wasm.compiledModule", "v8.wasm.cachedModule"}

// TestTraceWasmCodeCache is a tool, not a test: with TRACE_WASM_CACHE=1 it opens the
// seed under ?run=all in a Chromium of its own (an on-disk profile, as
// BenchmarkPageWarmKernelReady's first visit), traces V8's WebAssembly events until
// 8 s after the notebook is idle, and logs how many of codeCacheEvents came and which
// files the profile's Code Cache/wasm holds. PUSHBOOK_BENCH_JS_FLAGS passes V8 flags
// (--wasm-caching-timeout-ms=0 shows the entries V8's immediate trigger writes).
func TestTraceWasmCodeCache(t *testing.T) {
	if os.Getenv("TRACE_WASM_CACHE") == "" {
		t.Skip("a tool, not a test: TRACE_WASM_CACHE=1 go test -tags browser -run TestTraceWasmCodeCache -v ./e2e/")
	}
	base := serve(t, siteDir(t))
	profile := t.TempDir()
	ctx := profileBrowser(t, profile)
	var mu sync.Mutex
	counts := map[string]int{}
	complete := make(chan struct{})
	var once sync.Once
	chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			defer mu.Unlock()
			for _, raw := range e.Value {
				var event struct {
					Name string `json:"name"`
				}
				if json.Unmarshal(raw, &event) == nil && slices.Contains(codeCacheEvents, event.Name) {
					counts[event.Name]++
				}
			}
		case *tracing.EventTracingComplete:
			once.Do(func() { close(complete) })
		}
	})
	_, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{
			IncludedCategories: []string{"v8.wasm", "disabled-by-default-devtools.timeline"},
			ExcludedCategories: []string{"*"},
		},
	})
	require.NoError(t, err, "starting the trace")
	p := &page{tb: t, ctx: ctx}
	kernelReadyMs(p, base+"?run=all")
	p.waitIdle(30 * time.Second)
	time.Sleep(8 * time.Second) // V8's delayed trigger is due 2 s after the last TurboFan compile
	_, err = chromedp.Call(ctx, tracing.End, cdp.Empty{})
	require.NoError(t, err, "ending the trace")
	<-complete
	mu.Lock()
	for _, name := range codeCacheEvents {
		t.Logf("%-32s %5d", name, counts[name])
	}
	mu.Unlock()
	entries, _ := os.ReadDir(filepath.Join(profile, "Default", "Code Cache", "wasm"))
	var files []string
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "index" {
			files = append(files, e.Name())
		}
	}
	t.Logf("Code Cache/wasm entries: %d %s", len(files), strings.Join(files, " "))
}
