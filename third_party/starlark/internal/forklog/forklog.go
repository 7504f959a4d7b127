// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package forklog stands in for the standard library's log package in the
// parser, resolver and compiler (pushbook fork, FORK.md): each declares
// `var log forklog.Logger`, so their internal-error reports read as
// upstream's and the log package stays out of pushbook's main.wasm.
package forklog

import (
	"fmt"
	"os"
)

// Logger has the methods of *log.Logger the fork's packages call, with
// log's output: a line on standard error (log's timestamp left out).
type Logger struct{}

// Panicf writes the message and panics with it, as log.Panicf.
func (Logger) Panicf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	fmt.Fprintln(os.Stderr, s)
	panic(s)
}

// Printf writes the message, as log.Printf.
func (Logger) Printf(format string, args ...any) {
	fmt.Fprintln(os.Stderr, fmt.Sprintf(format, args...))
}

// Fatal writes the message and exits with status 1, as log.Fatal.
func (Logger) Fatal(args ...any) {
	fmt.Fprintln(os.Stderr, fmt.Sprint(args...))
	os.Exit(1)
}
