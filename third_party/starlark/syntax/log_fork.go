// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package syntax

import "go.starlark.net/internal/forklog"

// log stands in for the standard library's (pushbook fork, FORK.md).
var log forklog.Logger
