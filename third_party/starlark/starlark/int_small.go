// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !wasm

package starlark

// This file (pushbook fork, FORK.md) gives the native Int representations
// (int_generic.go, int_posix64.go) the names that int_wasm.go defines for
// its wider small values: on these platforms the small values are the
// int32s, as upstream has them.

import "math"

const (
	smallIntBits = 32
	smallIntMin  = math.MinInt32
	smallIntMax  = math.MaxInt32
)

// smallValue returns the value of i if it is small.
func (i Int) smallValue() (int64, bool) {
	small, big := i.get()
	return small, big == nil
}
