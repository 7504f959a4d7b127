// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

import (
	"fmt"
	"os"
)

// panicf reports an internal error as log.Panicf does: the message on
// standard error (without log's timestamp), then a panic with it. eval.go
// and unpack.go call it instead of log.Panicf, so that the log package
// stays out of pushbook's main.wasm (pushbook fork, FORK.md).
func panicf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	fmt.Fprintln(os.Stderr, s)
	panic(s)
}
