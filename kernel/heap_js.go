package kernel

import "runtime"

// heapObjectBytes returns the bytes of heap objects, live or not yet
// collected (MemStats.HeapAlloc, the figure heap.go reads through
// runtime/metrics). In js/wasm, ReadMemStats costs about 4 µs against
// runtime/metrics' 1 µs (a heap check comes every heapCheckEvery steps, a
// millisecond or more of a cell's time), and leaving runtime/metrics out
// makes main.wasm 22 KB smaller (7 KB with gzip -9 or brotli).
func heapObjectBytes() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
