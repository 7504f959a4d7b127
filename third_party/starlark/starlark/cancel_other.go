// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !wasm

package starlark

// The interpreter's checks of the step budget and of cancellation, as
// upstream makes them: Cancel may run on another thread, so cancelReason is
// loaded atomically at each instruction. (pushbook fork: cancel_wasm.go
// has the WebAssembly version, which makes one comparison.)

func (thread *Thread) stepCheckLimit() uint64 { return thread.maxSteps }
func (thread *Thread) cancelPending() bool    { return thread.cancelReason.Load() != nil }
func (thread *Thread) recheckSteps()          {}
func (thread *Thread) stepsChecked()          {}
func (thread *Thread) cancelled() *string     { return thread.cancelReason.Load() }
