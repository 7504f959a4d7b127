// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

import "go.starlark.net/internal/forklog"

// panicf reports an internal error as log.Panicf does. eval.go and
// unpack.go call it instead of log.Panicf (this package's own tests import
// log, so it cannot declare a stand-in named log), so that the log package
// stays out of pushbook's main.wasm (pushbook fork, FORK.md).
func panicf(format string, args ...any) { forklog.Logger{}.Panicf(format, args...) }
