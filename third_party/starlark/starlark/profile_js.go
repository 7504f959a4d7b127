// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build js

package starlark

// This file (pushbook fork, FORK.md) stands in for profile.go in js/wasm
// builds. The profiler writes gzipped pprof, so it brings compress/gzip,
// compress/flate and hash/crc32 into every program that links this
// package, and pushbook's browser kernel, which never profiles Starlark,
// paid for them in the bytes each visitor downloads. Here StartProfile and
// StopProfile fail with ErrProfilerUnavailable and the interpreter's span
// hooks do nothing.

import (
	"errors"
	"io"
)

// ErrProfilerUnavailable is the error of StartProfile and StopProfile in
// js/wasm builds, which leave the profiler out.
var ErrProfilerUnavailable = errors.New("starlark: the profiler is not built into js/wasm programs")

// StartProfile would start the profiler (profile.go); in js/wasm it
// returns ErrProfilerUnavailable and writes nothing to w.
func StartProfile(w io.Writer) error { return ErrProfilerUnavailable }

// StopProfile returns ErrProfilerUnavailable in js/wasm.
func StopProfile() error { return ErrProfilerUnavailable }

func (thread *Thread) beginProfSpan() {}

func (thread *Thread) endProfSpan() {}
