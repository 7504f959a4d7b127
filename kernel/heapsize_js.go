//go:build js

package kernel

import "runtime"

// heapObjectBytes returns the bytes of heap objects, live or not yet
// collected (runtime.MemStats.HeapAlloc). In WebAssembly, with one thread,
// runtime.ReadMemStats costs no more than runtime/metrics (about 20 µs
// either way), and leaving runtime/metrics out of main.wasm spares every
// page load its init (a description per GODEBUG setting, about 10 ms of
// start-up, most of it compiling that code). (heapsize.go is the native
// kernel's.)
func heapObjectBytes() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
