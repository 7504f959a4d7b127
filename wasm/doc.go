//go:build js && wasm

// Command wasm is pushbook's kernel compiled to WebAssembly (GOOS=js GOARCH=wasm). It is
// the only place Go meets JavaScript, and it is deliberately thin: everything worth
// testing lives in kernel/, pipeline/ and flatten/ and is tested natively.
//
// Loaded in a Web Worker next to Go's wasm_exec.js, main defines
//
//	globalThis.pushbook = {
//	  execute(code, onOutput) -> Promise<string>, // one call per cell
//	  interrupt(),                                // stop the running cell
//	  restart(),                                  // fresh session, counts from 1
//	  version,                                    // Go version of the build
//	}
//
// and calls globalThis.pushbookReady() when it exists. onOutput receives each nbformat
// output as a JSON string as it happens; the promise resolves with
// {"execution_count": n, "status": "ok"|"error"|"aborted"} as JSON.
//
// A cell runs on its own goroutine. Go on js/wasm has one thread and no preemption, so
// a busy cell would keep the worker's event loop from ever seeing an interrupt message.
// The kernel therefore calls back every few thousand Starlark steps; when more than
// yieldInterval has passed since the last pause, the bridge posts a message to itself
// through a MessageChannel and parks the cell's goroutine until it arrives. While it is
// parked the Go runtime returns to JavaScript, the worker's queued messages (interrupt
// among them) run, and then the cell resumes. No SharedArrayBuffer, so no COOP/COEP
// headers are needed: it works on any static host.
//
// All JavaScript access goes through github.com/hack-pad/safejs. Every callback
// recovers panics: a panic while running a cell becomes an error output and the kernel
// lives on.
package main
