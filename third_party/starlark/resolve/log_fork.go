// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package resolve

// pushbook fork (FORK.md): the few internal-error reports of this package
// go through this stand-in for the standard library's log package, which
// is otherwise absent from pushbook's main.wasm.

import (
	"fmt"
	"os"
)

// logger has the methods of *log.Logger this package calls, with log's
// output (a line on standard error; log's timestamp left out).
type logger struct{}

var log logger

// Panicf writes the message and panics with it, as log.Panicf.
func (logger) Panicf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	fmt.Fprintln(os.Stderr, s)
	panic(s)
}

// Printf writes the message, as log.Printf.
func (logger) Printf(format string, args ...any) {
	fmt.Fprintln(os.Stderr, fmt.Sprintf(format, args...))
}

// Fatal writes the message and exits with status 1, as log.Fatal.
func (logger) Fatal(args ...any) {
	fmt.Fprintln(os.Stderr, fmt.Sprint(args...))
	os.Exit(1)
}
