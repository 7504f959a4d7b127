// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build wasm

package starlark

// This file (pushbook fork, FORK.md) is the interpreter's per-instruction
// cancellation check for WebAssembly. Go's wasm backend has no atomic
// instructions: cancelReason.Load() is two calls (sync/atomic.LoadPointer,
// then the runtime's Loadp), a tenth of an arithmetic loop's time in a V8
// profile. WebAssembly runs one goroutine at a time, on one thread, and
// switches only at calls, so an ordinary load sees what Cancel stored.
// (The compiler cannot keep it in a register across instructions: each
// one stores thread.Steps first.)

import "unsafe"

// cancelled returns the reason given to Cancel, or nil: cancelReason.Load().
func (thread *Thread) cancelled() *string {
	// atomic.Pointer's only field with a size is its pointer, at offset 0;
	// TestCancel fails if that changes.
	return *(**string)(unsafe.Pointer(&thread.cancelReason))
}
