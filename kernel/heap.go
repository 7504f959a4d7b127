//go:build !js

package kernel

import "runtime/metrics"

// heapObjectBytes returns the bytes of heap objects, live or not yet
// collected, through runtime/metrics: about a microsecond, without
// stopping the world (heap_js.go reads the same figure in WebAssembly).
func heapObjectBytes() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}
