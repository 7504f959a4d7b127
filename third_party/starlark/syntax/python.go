// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package syntax

// This file holds the Python statements and expressions that the pushbook
// fork adds to Starlark (see FORK.md): decorators, try/except/else/finally,
// raise, yield / yield from, generator expressions and import statements,
// and the parser of import statements.

import "strings"

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

// An ImportStmt is one of Python's import statements:
//
//	import a.b.c, d as e            (From is nil)
//	from a.b import x, y as z       (From is a.b)
//	from a.b import (x,\n y,)
//	from a.b import *               (Star is set, Names is nil)
type ImportStmt struct {
	commentsRef
	Import Position      // 'import', or 'from' when From is set
	From   []*Ident      // the dotted module of a from-import, one Ident a part; nil for 'import'
	Names  []*ImportName // nil for 'from ... import *'
	Star   Position      // the '*' of 'from ... import *'; zero otherwise
	Rparen Position      // the ')' of a parenthesized name list; zero otherwise
}

func (x *ImportStmt) Span() (start, end Position) {
	switch {
	case x.Star.IsValid():
		end = x.Star.add("*")
	case x.Rparen.IsValid():
		end = x.Rparen.add(")")
	default:
		_, end = x.Names[len(x.Names)-1].Span()
	}
	return x.Import, end
}

// An ImportName is one 'a.b.c [as d]' of an import statement (Path is the
// dotted module), or one 'x [as y]' of a from-import (Path is the member x).
type ImportName struct {
	Path []*Ident
	As   *Ident // nil without 'as'
}

func (x *ImportName) Span() (start, end Position) {
	last := x.Path[len(x.Path)-1]
	if x.As != nil {
		last = x.As
	}
	_, end = last.Span()
	return x.Path[0].NamePos, end
}

// Bound returns the name that the import binds: the 'as' name, or else
// Path's first part (import a.b.c binds a, as Python's does).
func (x *ImportName) Bound() *Ident {
	if x.As != nil {
		return x.As
	}
	return x.Path[0]
}

// DottedName joins the parts of an import's path with dots: "numpy.lib".
func DottedName(path []*Ident) string {
	if len(path) == 1 {
		return path[0].Name
	}
	names := make([]string, len(path))
	for i, id := range path {
		names[i] = id.Name
	}
	return strings.Join(names, ".")
}

// import_stmt = 'import' dotted_as_name {',' dotted_as_name}
// from_stmt   = 'from' dotted_name 'import' ('*' | import_as_names | '(' import_as_names [','] ')')
// dotted_as_name = dotted_name ['as' IDENT]
// import_as_names = IDENT ['as' IDENT] {',' IDENT ['as' IDENT]}
func (p *parser) parseImportStmt() Stmt {
	if p.tok == FROM {
		stmt := &ImportStmt{Import: p.nextToken()} // consume FROM
		if p.tok == DOT {
			p.in.error(p.tokval.pos, "relative imports (from . import x) are not supported in pushbook cells: name the module, as in from numpy.lib import recfunctions")
		}
		stmt.From = p.parseDottedName()
		p.consume(IMPORT)
		switch p.tok {
		case STAR:
			stmt.Star = p.nextToken() // consume STAR
		case LPAREN:
			p.nextToken() // consume LPAREN
			if p.tok == STAR {
				p.in.error(p.tokval.pos, "import * cannot be in parentheses: write from m import *")
			}
			for {
				stmt.Names = append(stmt.Names, p.parseImportName(false))
				if p.tok != COMMA {
					break
				}
				p.nextToken() // consume COMMA
				if p.tok == RPAREN {
					break // trailing comma
				}
			}
			stmt.Rparen = p.consume(RPAREN)
		default:
			stmt.Names = p.parseImportNames(false)
		}
		return stmt
	}
	stmt := &ImportStmt{Import: p.nextToken()} // consume IMPORT
	stmt.Names = p.parseImportNames(true)
	return stmt
}

// parseImportNames parses a comma-separated list of import names without
// parentheses: dotted module names if dotted, else member names.
func (p *parser) parseImportNames(dotted bool) []*ImportName {
	var names []*ImportName
	for {
		names = append(names, p.parseImportName(dotted))
		if p.tok != COMMA {
			return names
		}
		comma := p.nextToken() // consume COMMA
		if terminatesExprList(p.tok) {
			p.in.error(comma, "trailing comma not allowed without surrounding parentheses")
		}
	}
}

func (p *parser) parseImportName(dotted bool) *ImportName {
	var name ImportName
	if dotted {
		name.Path = p.parseDottedName()
	} else {
		name.Path = []*Ident{p.parseIdent()}
	}
	if p.tok == AS {
		p.nextToken() // consume AS
		name.As = p.parseIdent()
	}
	return &name
}

// dotted_name = IDENT {'.' IDENT}
func (p *parser) parseDottedName() []*Ident {
	path := []*Ident{p.parseIdent()}
	for p.tok == DOT {
		p.nextToken() // consume DOT
		path = append(path, p.parseIdent())
	}
	return path
}

func (*GenExpr) expr()    {}
func (*TryStmt) stmt()    {}
func (*RaiseStmt) stmt()  {}
func (*YieldExpr) expr()  {}
func (*ImportStmt) stmt() {}

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
