// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !wasm

package starlark

// cancelled returns the reason given to Cancel, or nil.
// (pushbook fork: cancel_wasm.go has the WebAssembly version.)
func (thread *Thread) cancelled() *string {
	return thread.cancelReason.Load()
}
