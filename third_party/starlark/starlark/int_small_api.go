// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

// Small returns i's value when it fits in an int32 and is held as a small
// value (pushbook fork, FORK.md), and false otherwise. It is the fast path
// for Go code doing arithmetic on Starlark ints: in WebAssembly it is a
// comparison and a conversion and inlines into its caller, where Int64 is
// two calls. Two Small results can be added or multiplied in an int64
// without overflow. A false result does not mean i is big: callers answer
// those ints by the general path.
func (i Int) Small() (int64, bool) {
	v, ok := i.smallValue()
	return v, ok && v == int64(int32(v))
}
