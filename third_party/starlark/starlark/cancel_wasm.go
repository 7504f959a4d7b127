// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build wasm

package starlark

// This file (pushbook fork, FORK.md) is how the interpreter's loop looks at
// the step budget and at cancellation in WebAssembly: with one comparison
// per instruction, Steps >= stepLimit. stepLimit is maxSteps until Cancel,
// Uncancel or SetMaxExecutionSteps sets it to 0; the next instruction
// then makes upstream's checks (the budget, then cancelReason) and, if the
// thread was not cancelled, sets it back to maxSteps. Natively
// (cancel_other.go) the loop compares with maxSteps and loads cancelReason
// atomically, as upstream does, since Cancel may run on another thread.
//
// WebAssembly runs one goroutine at a time, on one thread: a plain load
// sees what Cancel stored, and Go's wasm backend has no atomic
// instructions (cancelReason.Load() is two calls, sync/atomic's and the
// runtime's, a tenth of an arithmetic loop's time in a V8 profile). The
// compiler cannot keep stepLimit in a register across instructions: each
// one stores thread.Steps first.

import "unsafe"

// stepCheckLimit is the step count at which the loop makes its checks.
func (thread *Thread) stepCheckLimit() uint64 { return thread.stepLimit }

// cancelPending is false: Cancel lowers stepLimit instead.
func (thread *Thread) cancelPending() bool { return false }

// recheckSteps makes the next instruction check the budget and cancellation.
func (thread *Thread) recheckSteps() { thread.stepLimit = 0 }

// stepsChecked follows checks that found the thread not cancelled. Nothing
// can call Cancel between them: cancelled is a load, not a call.
func (thread *Thread) stepsChecked() { thread.stepLimit = thread.maxSteps }

// cancelled returns the reason given to Cancel, or nil: cancelReason.Load().
func (thread *Thread) cancelled() *string {
	// atomic.Pointer's only field with a size is its pointer, at offset 0;
	// TestCancel fails if that changes.
	return *(**string)(unsafe.Pointer(&thread.cancelReason))
}
