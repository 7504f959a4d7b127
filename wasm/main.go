//go:build js && wasm

package main

import (
	"fmt"
	"os"

	"github.com/hack-pad/safejs"
)

func main() {
	b := newBridge()
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
