// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compile

// This file compiles the Python statements the pushbook fork adds (FORK.md):
// try/except/else/finally, raise, yield, decorators and import statements.
//
// A try statement compiles to ordinary blocks plus an exception table: each
// block records the handler that errors raised by its instructions go to
// (block.handler), and the interpreter looks a failing pc up in
// Funcode.Handlers only when an error happens, so the hot loop is untouched.
// A handler starts with the exception as the only operand and, like CPython
// since 3.9, finally bodies are compiled inline on every way out of the
// try: falling off its end, return, break, continue, and an exception
// (which the finally copy re-raises). Hidden locals hold the exception being
// handled (for a bare raise and for except matching) and a return value
// while finally bodies run.

import (
	"go.starlark.net/resolve"
	"go.starlark.net/syntax"
)

// A handler is where errors go from the blocks it covers.
type handler struct {
	block *block // entered with the exception on the operand stack
	iters int    // for loops open at the try statement
}

// tries is the state fcomp keeps while compiling try statements.
type tries struct {
	handler   *handler   // innermost handler of the code being compiled; nil: none
	handlers  []*handler // every handler of the function, for layout
	iters     int        // for loops enclosing the code being compiled
	finallies []finally  // finally bodies enclosing the code being compiled, innermost last
	excLocals []uint32   // hidden locals of the exceptions being handled, innermost last
	retLocal  int        // hidden local for a return value while finally bodies run; 0: none yet

	chainLocal int // 1 + hidden local for a chained comparison's middle operand; 0: none yet
}

// A finally is a finally body that return, break and continue must run.
type finally struct {
	body    []syntax.Stmt
	loops   int      // len(fcomp.loops) at the try: break/continue of deeper loops don't leave it
	handler *handler // the handler outside the try, active while the body runs
}

// hiddenLocal adds a local variable that no source name refers to.
func (fcomp *fcomp) hiddenLocal(name string) uint32 {
	fcomp.fn.Locals = append(fcomp.fn.Locals, Binding{Name: name, Pos: fcomp.fn.Pos})
	return uint32(len(fcomp.fn.Locals) - 1)
}

// newHandler makes a handler block for code compiled from now on; the
// handler's own code runs under the handler active now.
func (fcomp *fcomp) newHandler() *handler {
	h := &handler{block: fcomp.newBlock(), iters: fcomp.iters}
	fcomp.handlers = append(fcomp.handlers, h)
	return h
}

// enter continues compilation in a new block covered by h.
func (fcomp *fcomp) enter(h *handler) {
	fcomp.handler = h
	b := fcomp.newBlock()
	fcomp.jump(b)
	fcomp.block = b
}

func (fcomp *fcomp) tryStmt(stmt *syntax.TryStmt) {
	outer := fcomp.handler
	done := fcomp.newBlock()

	var fin *handler
	if stmt.Finally != nil {
		fin = fcomp.newHandler()
		fcomp.finallies = append(fcomp.finallies, finally{body: stmt.Finally, loops: len(fcomp.loops), handler: outer})
		fcomp.enter(fin)
	}

	if len(stmt.Excepts) > 0 {
		fcomp.tryExcept(stmt)
	} else {
		fcomp.stmts(stmt.Body)
	}

	if fin != nil {
		fcomp.finallies = fcomp.finallies[:len(fcomp.finallies)-1]
		fcomp.handler = outer
		if fcomp.block != nil {
			// Fell off the end: run the finally body on the way out.
			fcomp.enter(outer)
			fcomp.stmts(stmt.Finally)
			fcomp.jump(done)
		}
		// An exception: run the finally body and raise it again.
		fcomp.block = fin.block
		exc := fcomp.hiddenLocal("<finally exception>")
		fcomp.setPos(stmt.FinallyPos)
		fcomp.emit1(SETLOCAL, exc)
		fcomp.stmts(stmt.Finally)
		fcomp.emit1(LOCAL, exc)
		fcomp.setPos(stmt.FinallyPos)
		fcomp.emit(RAISE)
		fcomp.block = fcomp.newBlock() // dead code
	} else if fcomp.block != nil {
		fcomp.jump(done)
	}
	fcomp.block = done
}

// tryExcept compiles try/except/else, under whatever handler the
// enclosing finally (if any) set.
func (fcomp *fcomp) tryExcept(stmt *syntax.TryStmt) {
	outer := fcomp.handler
	done := fcomp.newBlock()

	h := fcomp.newHandler()
	fcomp.enter(h)
	fcomp.stmts(stmt.Body)
	fcomp.handler = outer
	if fcomp.block != nil {
		fcomp.enter(outer)
		fcomp.stmts(stmt.Else)
		fcomp.jump(done)
	}

	// The handler: match each clause in turn; none matched: raise again.
	fcomp.block = h.block
	exc := fcomp.hiddenLocal("<exception>")
	fcomp.setPos(stmt.Excepts[0].Except)
	fcomp.emit1(SETLOCAL, exc)
	fcomp.excLocals = append(fcomp.excLocals, exc)
	for _, clause := range stmt.Excepts {
		body := fcomp.newBlock()
		next := fcomp.newBlock()
		if clause.Type != nil {
			fcomp.emit1(LOCAL, exc)
			fcomp.expr(clause.Type)
			fcomp.setPos(clause.Except)
			fcomp.emit(EXCMATCH)
			fcomp.condjump(CJMP, body, next)
		} else {
			fcomp.jump(body)
		}
		fcomp.block = body
		if clause.Name != nil {
			fcomp.emit1(LOCAL, exc)
			fcomp.set(clause.Name)
		}
		fcomp.stmts(clause.Body)
		if fcomp.block != nil {
			fcomp.jump(done)
		}
		fcomp.block = next
	}
	fcomp.excLocals = fcomp.excLocals[:len(fcomp.excLocals)-1]
	fcomp.emit1(LOCAL, exc)
	fcomp.emit(RAISE)
	fcomp.block = done
}

func (fcomp *fcomp) raiseStmt(stmt *syntax.RaiseStmt) {
	switch {
	case stmt.X != nil:
		fcomp.expr(stmt.X)
	case len(fcomp.excLocals) > 0:
		fcomp.emit1(LOCAL, fcomp.excLocals[len(fcomp.excLocals)-1])
	default:
		fcomp.emit(NONE) // RuntimeError: No active exception to reraise
	}
	fcomp.setPos(stmt.Raise)
	fcomp.emit(RAISE)
	fcomp.block = fcomp.newBlock() // dead code
}

// leaveTries runs the finally bodies that a break or continue of the loop
// at depth loops leaves, innermost first.
func (fcomp *fcomp) leaveTries(loops int) {
	fcomp.runFinallies(func(f finally) bool { return f.loops >= loops })
}

// returnThroughFinally runs every enclosing finally body before RETURN,
// keeping the return value (on the operand stack) in a hidden local
// meanwhile, since a handler in a finally body resets the operand stack.
func (fcomp *fcomp) returnThroughFinally() {
	if len(fcomp.finallies) == 0 {
		return
	}
	if fcomp.retLocal == 0 {
		fcomp.retLocal = int(fcomp.hiddenLocal("<return value>"))
	}
	fcomp.emit1(SETLOCAL, uint32(fcomp.retLocal))
	fcomp.runFinallies(func(finally) bool { return true })
	fcomp.emit1(LOCAL, uint32(fcomp.retLocal))
}

// runFinallies compiles, innermost first, the enclosing finally bodies
// that leave says are left, each under the handler outside its try.
func (fcomp *fcomp) runFinallies(leave func(finally) bool) {
	saved, savedHandler := fcomp.finallies, fcomp.handler
	for i := len(saved) - 1; i >= 0 && leave(saved[i]); i-- {
		f := saved[i]
		fcomp.finallies = saved[:i] // a return inside runs only the outer ones
		fcomp.enter(f.handler)
		fcomp.stmts(f.body)
		if fcomp.block == nil {
			fcomp.block = fcomp.newBlock() // the finally body itself returned: dead code
		}
	}
	fcomp.finallies = saved
	fcomp.enter(savedHandler)
}

func (fcomp *fcomp) yieldExpr(e *syntax.YieldExpr) {
	if e.X != nil {
		fcomp.expr(e.X)
	} else {
		fcomp.emit(NONE)
	}
	fcomp.setPos(e.Yield)
	if e.From {
		fcomp.emit(YIELD_FROM)
	} else {
		fcomp.emit(YIELD)
	}
}

// genExpr makes the generator function of a generator expression and calls
// it with its first for clause's operand, evaluated here (as Python does).
func (fcomp *fcomp) genExpr(e *syntax.GenExpr) {
	fcomp.function(e.Function.(*resolve.Function))
	fcomp.expr(e.Comp.Clauses[0].(*syntax.ForClause).X)
	fcomp.setPos(e.Comp.Lbrack)
	fcomp.emit1(CALL, 1<<8)
}

// decorate applies decorators, whose values are on the operand stack below
// the function, bottom-up: @a @b def f is f = a(b(f)).
func (fcomp *fcomp) decorate(decorators []*syntax.Decorator) {
	for i := len(decorators) - 1; i >= 0; i-- {
		fcomp.setPos(decorators[i].At)
		fcomp.emit1(CALL, 1<<8)
	}
}

// exceptionTable records, for the laid-out blocks, the pc ranges each
// handler covers.
func (fcomp *fcomp) exceptionTable(blocks []*block) {
	code := uint32(len(fcomp.fn.Code))
	var table []Handler
	for i, b := range blocks {
		if b.handler == nil {
			continue
		}
		end := code
		if i+1 < len(blocks) {
			end = blocks[i+1].addr
		}
		target := b.handler.block.addr
		if n := len(table); n > 0 && table[n-1].End == b.addr && table[n-1].Target == target {
			table[n-1].End = end
			continue
		}
		table = append(table, Handler{Start: b.addr, End: end, Target: target, Iters: uint32(b.handler.iters)})
	}
	fcomp.fn.Handlers = table
}

// importStmt compiles an import statement as "get the module (or member),
// then store it into the name", like an assignment, so that it binds in
// whatever scope the resolver chose: a global at top level, a local in a
// def. Every instruction carries the statement's position.
//
//	import a.b as c     IMPORT<a.b> SET c
//	import a.b          IMPORT_TOP<a.b> SET a
//	from a.b import x   IMPORT<a.b> IMPORT_FROM<x> SET x ... POP
//	from a.b import *   IMPORT<a.b> IMPORT_STAR
func (fcomp *fcomp) importStmt(stmt *syntax.ImportStmt) {
	fcomp.setPos(stmt.Import)
	if stmt.From == nil {
		for _, name := range stmt.Names {
			module := fcomp.pcomp.nameIndex(syntax.DottedName(name.Path))
			if name.As == nil && len(name.Path) > 1 {
				fcomp.emit1(IMPORT_TOP, module)
			} else {
				fcomp.emit1(IMPORT, module)
			}
			fcomp.set(name.Bound())
		}
		return
	}
	fcomp.emit1(IMPORT, fcomp.pcomp.nameIndex(syntax.DottedName(stmt.From)))
	if stmt.Star.IsValid() {
		fcomp.emit(IMPORT_STAR)
		return
	}
	for _, name := range stmt.Names {
		fcomp.emit1(IMPORT_FROM, fcomp.pcomp.nameIndex(name.Path[0].Name))
		fcomp.set(name.Bound())
	}
	fcomp.emit(POP)
}

// chainExpr compiles a chained comparison, a < b < c: each middle operand is
// kept in a hidden local while its left comparison runs, then loaded again
// as the left operand of the next; the first false comparison ends it. One
// local serves every chain of the function, as it is loaded again before
// any other operand is evaluated.
func (fcomp *fcomp) chainExpr(e *syntax.ChainExpr) {
	if fcomp.chainLocal == 0 {
		fcomp.chainLocal = int(fcomp.hiddenLocal("<comparison>")) + 1
	}
	tmp := uint32(fcomp.chainLocal - 1)
	done := fcomp.newBlock()
	fcomp.expr(e.X)
	last := len(e.Links) - 1
	for i, link := range e.Links {
		fcomp.expr(link.Y)
		if i == last {
			fcomp.binop(link.OpPos, link.Op)
			break
		}
		fcomp.emit(DUP)
		fcomp.emit1(SETLOCAL, tmp)
		fcomp.binop(link.OpPos, link.Op)
		fcomp.emit(DUP)
		next := fcomp.newBlock()
		fcomp.condjump(CJMP, next, done)
		fcomp.block = next
		fcomp.emit(POP)
		fcomp.emit1(LOCAL, tmp)
	}
	fcomp.jump(done)
	fcomp.block = done
}

// fstring compiles an f-string: each part is pushed as a string (a
// constant, or a field's value through FORMAT_VALUE) and BUILD_STRING
// joins them.
func (fcomp *fcomp) fstring(e *syntax.FStringExpr) {
	switch n := fcomp.fstringParts(e.Parts); n {
	case 0:
		fcomp.emit1(CONSTANT, fcomp.pcomp.constantIndex(""))
	case 1:
		// a constant, or FORMAT_VALUE's string
	default:
		fcomp.setPos(e.TokenPos)
		fcomp.emit1(BUILD_STRING, uint32(n))
	}
}

// fstringParts pushes the strings of parts and returns how many.
func (fcomp *fcomp) fstringParts(parts []syntax.FStringPart) int {
	n := 0
	for _, part := range parts {
		if part.X == nil {
			if part.Text != "" {
				fcomp.emit1(CONSTANT, fcomp.pcomp.constantIndex(part.Text))
				n++
			}
			continue
		}
		fcomp.expr(part.X)
		var arg uint32
		switch part.Conv {
		case "s":
			arg = 1
		case "r":
			arg = 2
		}
		if k := fcomp.fstringParts(part.Spec); k > 0 {
			if k > 1 {
				fcomp.emit1(BUILD_STRING, uint32(k))
			}
			arg |= 4
		}
		fcomp.setPos(syntax.Start(part.X))
		fcomp.emit1(FORMAT_VALUE, arg)
		n++
	}
	return n
}
