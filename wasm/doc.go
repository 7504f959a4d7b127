//go:build js && wasm

// Command wasm is pushbook's kernel compiled to WebAssembly (GOOS=js GOARCH=wasm). It is
// the only place Go meets JavaScript, and it is deliberately thin: everything worth
// testing lives in kernel/, pipeline/ and flatten/ and is tested natively.
//
// Loaded in a Web Worker next to Go's wasm_exec.js, main defines
//
//	globalThis.pushbook = {
//	  execute(code, onOutput) -> Promise<string>, // one cell; rejected while one runs
//	  interrupt(),                                // stop the running cell
//	  restart(),                                  // fresh session, counts from 1
//	  addFile(name, bytes) -> number,             // a dropped data file (Uint8Array)
//	  removeFile(name) -> bool,
//	  files() -> string[],                        // dropped files' names, sorted
//	  setBase(url),                               // where other names are fetched from
//	  exportTable(id, format) -> string,          // a shown table as "csv" or "jsonl"
//	  version,                                    // Go version of the build
//	}
//
// and calls globalThis.pushbookReady() when it exists. onOutput receives each nbformat
// output as a JSON string as it happens; the promise resolves with
// {"execution_count": n, "status": "ok"|"error"|"aborted"} as JSON.
//
// One cell at a time, and no queue: execute while a cell runs (or while restart replaces
// the session) returns a rejected promise at once and runs nothing. The page holds the
// cells waiting to run (web/src/runqueue.js) and sends the next after this one's result.
// The kernel's own Session.Execute lock is only a guard; the bridge never waits on it.
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
// Cells read data files by name (from files import read_events, read_table, read_text):
// first among the files the page sent with addFile, else by fetching the name relative
// to the URL given to setBase (the notebook's location), same origin only. The fetch goes
// through the host's fetch; the cell's goroutine waits on a channel while the promise
// settles, so the event loop runs meanwhile, and Stop aborts the fetch. Files and base
// outlive restart.
//
// A call that fails returns a rejected promise carrying the message instead of its
// value, so callers await every call.
//
// All JavaScript access goes through github.com/hack-pad/safejs. Every callback
// recovers panics: a panic while running a cell becomes an error output and the kernel
// lives on.
package main
