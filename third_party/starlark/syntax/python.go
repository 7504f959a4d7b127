// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package syntax

// This file holds the Python statements and expressions that the pushbook
// fork adds to Starlark (see FORK.md): decorators, try/except/else/finally,
// raise, and yield / yield from.

// A Decorator is an @expr line before a def.
type Decorator struct {
	commentsRef
	At Position
	X  Expr
}

func (x *Decorator) Span() (start, end Position) {
	_, end = x.X.Span()
	return x.At, end
}

// A TryStmt is Python's try statement:
//
//	try: Body
//	except Type as Name: ...   (zero or more clauses)
//	else: Else                 (optional; needs an except clause)
//	finally: Finally           (optional)
type TryStmt struct {
	commentsRef
	Try        Position
	Body       []Stmt
	Excepts    []*ExceptClause
	ElsePos    Position // zero if no else clause
	Else       []Stmt
	FinallyPos Position // zero if no finally clause
	Finally    []Stmt
}

func (x *TryStmt) Span() (start, end Position) {
	var last []Stmt
	switch {
	case x.Finally != nil:
		last = x.Finally
	case x.Else != nil:
		last = x.Else
	case len(x.Excepts) > 0:
		last = x.Excepts[len(x.Excepts)-1].Body
	default:
		last = x.Body
	}
	_, end = last[len(last)-1].Span()
	return x.Try, end
}

// An ExceptClause is one "except [Type [as Name]]: Body" of a TryStmt.
type ExceptClause struct {
	commentsRef
	Except Position
	Type   Expr   // nil for a bare except
	Name   *Ident // nil unless "as Name"
	Body   []Stmt
}

func (x *ExceptClause) Span() (start, end Position) {
	_, end = x.Body[len(x.Body)-1].Span()
	return x.Except, end
}

// A RaiseStmt is "raise X", or a bare "raise" (X == nil) that re-raises the
// exception being handled.
type RaiseStmt struct {
	commentsRef
	Raise Position
	X     Expr // may be nil
}

func (x *RaiseStmt) Span() (start, end Position) {
	if x.X == nil {
		return x.Raise, x.Raise.add("raise")
	}
	_, end = x.X.Span()
	return x.Raise, end
}

// A YieldExpr is "yield", "yield X" or "yield from X". A def whose body
// contains one (outside nested defs and lambdas) is a generator function.
type YieldExpr struct {
	commentsRef
	Yield Position
	From  bool
	X     Expr // may be nil unless From
}

func (x *YieldExpr) Span() (start, end Position) {
	if x.X == nil {
		return x.Yield, x.Yield.add("yield")
	}
	_, end = x.X.Span()
	return x.Yield, end
}

// A GenExpr is a generator expression, (Body for x in X ...), written in
// parentheses or as a call's only argument. It is a generator function of
// one parameter called at once with the first for clause's X, which is
// evaluated where the expression is, as Python does; the resolver makes the
// function (Function) from Comp's clauses with `yield Body` innermost.
type GenExpr struct {
	commentsRef
	Comp     *Comprehension // its Body and Clauses; Lbrack and Rbrack are the parentheses
	Function any            // a *resolve.Function, set by the resolver
}

func (x *GenExpr) Span() (start, end Position) { return x.Comp.Span() }

func (*GenExpr) expr()   {}
func (*TryStmt) stmt()   {}
func (*RaiseStmt) stmt() {}
func (*YieldExpr) expr() {}

// A ChainExpr is a chained comparison, X op1 Y1 op2 Y2 ..., such as
// a < b <= c or x is not None is not y: it is X op1 Y1 and Y1 op2 Y2 and
// ..., each operand evaluated at most once and from the left, stopping at
// the first false comparison. A single comparison stays a BinaryExpr; a
// ChainExpr has two links or more.
type ChainExpr struct {
	commentsRef
	X     Expr
	Links []ChainLink
}

// A ChainLink is one "op Y" of a ChainExpr.
type ChainLink struct {
	OpPos Position
	Op    Token // == != < > <= >= in, not in, is, is not
	Y     Expr
}

func (x *ChainExpr) Span() (start, end Position) {
	start, _ = x.X.Span()
	_, end = x.Links[len(x.Links)-1].Y.Span()
	return start, end
}

// An FStringExpr is an f-string literal, f"text {expr!r:spec} text": its
// parts, literal text and replacement fields, are concatenated.
type FStringExpr struct {
	commentsRef
	TokenPos Position
	Raw      string // the literal as written, prefix and quotes included
	Parts    []FStringPart
}

func (x *FStringExpr) Span() (start, end Position) {
	return x.TokenPos, x.TokenPos.add(x.Raw)
}

// An FStringPart is literal text (X == nil), or a replacement field
// {X!Conv:Spec}, whose value is X converted by Conv ("", "s" or "r") and
// then formatted by Spec as format(value, spec) does. A spec is itself
// literal text and fields: f"{x:>{width}}". The debug form {x=} is the
// literal text "x=" followed by the field {x!r}.
type FStringPart struct {
	Text    string
	X       Expr
	Conv    string
	HasSpec bool
	Spec    []FStringPart
}

func (*ChainExpr) expr()   {}
func (*FStringExpr) expr() {}
