// What the kernel's worker (src/worker.js) finds in its global scope: Go's wasm_exec.js
// (import() or importScripts) defines Go; the Go program (wasm/) sets pushbook and calls
// pushbookReady.

declare class Go {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

/** The kernel's functions, set by the Go program once it runs (wasm/main.go). */
declare var pushbook: Record<string, any> | undefined;

/** Called by the Go program once pushbook is set. */
declare var pushbookReady: (() => void) | undefined;
