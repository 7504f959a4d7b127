//go:build js && wasm

package main

import (
	"fmt"
	"os"

	"github.com/hack-pad/safejs"
)

// init runs after every package this program imports has initialized, so the mark it
// sets ends the Go runtime's start and the packages' init work (the worker marks
// pushbook-go-run just before it starts the program).
func init() {
	mark("pushbook-go-inits-done")
}

func main() {
	b := newBridge()
	mark("pushbook-go-session")
	if err := b.install(safejs.Global()); err != nil {
		fmt.Fprintln(os.Stderr, "pushbook: cannot install the kernel:", err)
		os.Exit(1)
	}
	if ready, err := safejs.Global().Get("pushbookReady"); err == nil && ready.Type() == safejs.TypeFunction {
		if _, err := ready.Invoke(); err != nil {
			fmt.Fprintln(os.Stderr, "pushbook: pushbookReady failed:", err)
		}
	}
	select {} // serve callbacks forever
}

// mark sets performance.mark(name) on the worker's timeline, a start-up step the worker
// sends the page with ready (web/PROTOCOL.md, Starting fast); without a performance
// object (Node's tests run this too) it does nothing.
func mark(name string) {
	perf, err := safejs.Global().Get("performance")
	if err != nil || perf.Type() != safejs.TypeObject {
		return
	}
	_, _ = perf.Call("mark", name)
}
