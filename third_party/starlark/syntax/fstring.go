// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package syntax

// This file parses f-strings (pushbook fork, FORK.md; issue #13).
//
// The scanner reads an f-string as one FSTRING token, as it reads any string
// literal: like Python 3.11 (before PEP 701), an expression inside cannot
// use the f-string's own quote, a backslash or '#'. The parser then splits
// the token's text into literal text and replacement fields, and parses
// each field's expression with a scanner of its own placed at the
// expression's line and column, so that errors inside point into the
// f-string.

import "strings"

// fstringPrefix returns the length of the f-string prefix that b begins
// with (f or F, alone or with r or R in either order) if a quote follows
// it, or else 0.
func fstringPrefix(b []byte) int {
	isF := func(c byte) bool { return c == 'f' || c == 'F' }
	isR := func(c byte) bool { return c == 'r' || c == 'R' }
	isQuote := func(i int) bool { return len(b) > i && (b[i] == '"' || b[i] == '\'') }
	switch {
	case len(b) > 0 && isF(b[0]) && isQuote(1):
		return 1
	case len(b) > 1 && (isF(b[0]) && isR(b[1]) || isR(b[0]) && isF(b[1])) && isQuote(2):
		return 2
	}
	return 0
}

// parseFString parses the FSTRING token.
func (p *parser) parseFString() Expr {
	raw, pos := p.tokval.raw, p.tokval.pos
	n := fstringPrefix([]byte(raw))
	q := raw[n]
	qlen := 1
	if len(raw) >= n+6 && raw[n+1] == q && raw[n+2] == q {
		qlen = 3
	}
	fs := &fstringParser{
		p:     p,
		body:  raw[n+qlen : len(raw)-qlen],
		start: pos.add(raw[:n+qlen]),
		raw:   strings.ContainsAny(raw[:n], "rR"),
	}
	parts := fs.parts(0, false)
	p.nextToken() // consume FSTRING
	return &FStringExpr{TokenPos: pos, Raw: raw, Parts: parts}
}

type fstringParser struct {
	p     *parser
	body  string   // the text between the quotes
	i     int      // offset of the next byte of body to read
	start Position // position of body[0]
	raw   bool     // an rf-string: backslashes are literal
}

func (fs *fstringParser) pos(i int) Position { return fs.start.add(fs.body[:i]) }

func (fs *fstringParser) errorf(i int, msg string) {
	fs.p.in.error(fs.pos(i), msg)
}

// parts parses literal text and fields up to the end of the body or, in a
// format spec, up to the '}' that ends the spec, which it leaves. nested
// counts the fields that enclose the text.
func (fs *fstringParser) parts(nested int, inSpec bool) []FStringPart {
	var parts []FStringPart
	var text strings.Builder // the current literal text, escapes unprocessed
	textStart := fs.i
	flush := func() {
		if text.Len() > 0 {
			parts = append(parts, FStringPart{Text: fs.unquote(text.String(), textStart)})
			text.Reset()
		}
	}
	b := fs.body
	for fs.i < len(b) {
		c := b[fs.i]
		switch {
		case c == '\\' && !fs.raw:
			// An escape sequence: keep it whole for unquote. Python takes \{
			// as a backslash and a field, with a warning; Starlark rejects
			// escapes it does not know.
			if fs.i+1 < len(b) && (b[fs.i+1] == '{' || b[fs.i+1] == '}') {
				fs.errorf(fs.i, `f-string: invalid escape sequence \`+b[fs.i+1:fs.i+2]+`: write \\ for a backslash, {{ or }} for a brace`)
			}
			text.WriteString(b[fs.i:min(fs.i+2, len(b))])
			fs.i += 2
		case c == '{':
			if !inSpec && fs.i+1 < len(b) && b[fs.i+1] == '{' {
				text.WriteString(`{`)
				fs.i += 2
				continue
			}
			flush()
			if nested >= 2 {
				fs.errorf(fs.i, "f-string: expressions nested too deeply")
			}
			parts = append(parts, fs.field(nested+1)...)
			textStart = fs.i
		case c == '}':
			if inSpec {
				flush()
				return parts
			}
			if fs.i+1 < len(b) && b[fs.i+1] == '}' {
				text.WriteString(`}`)
				fs.i += 2
				continue
			}
			fs.errorf(fs.i, "f-string: single '}' is not allowed")
		default:
			text.WriteByte(c)
			fs.i++
		}
	}
	if inSpec {
		fs.errorf(fs.i, "f-string: expecting '}'")
	}
	flush()
	return parts
}

// unquote processes the escape sequences of literal text, as in a string
// literal of the same rawness.
func (fs *fstringParser) unquote(text string, at int) string {
	// Wrap the text in a quote that differs from its first byte, so that
	// unquote cannot take it for a triple-quoted literal.
	q := `"`
	if strings.HasPrefix(text, q) {
		q = `'`
	}
	prefix := ""
	if fs.raw {
		prefix = "r"
	}
	s, _, _, err := unquote(prefix + q + text + q)
	if err != nil {
		fs.errorf(at, err.Error())
	}
	return s
}

// field parses the replacement field that starts at fs.i ('{') and the
// '}' that ends it. A debug field {x=} is two parts: the text "x=" and
// the field.
func (fs *fstringParser) field(level int) []FStringPart {
	b := fs.body
	open := fs.i
	fs.i++ // consume '{'
	exprStart := fs.i
	end := fs.exprEnd()
	text := b[exprStart:end]
	if strings.TrimSpace(text) == "" {
		fs.errorf(open, "f-string: empty expression not allowed")
	}
	var out []FStringPart
	debug := false
	if end < len(b) && b[end] == '=' {
		debug = true
		end++
		for end < len(b) && (b[end] == ' ' || b[end] == '\t' || b[end] == '\n') {
			end++
		}
		out = append(out, FStringPart{Text: b[exprStart:end]})
	}
	f := FStringPart{X: fs.parseExpr(text, exprStart)}
	fs.i = end
	if fs.i < len(b) && b[fs.i] == '!' {
		fs.i++
		switch {
		case fs.i < len(b) && (b[fs.i] == 's' || b[fs.i] == 'r'):
			f.Conv = b[fs.i : fs.i+1]
			fs.i++
		case fs.i < len(b) && b[fs.i] == 'a':
			fs.errorf(fs.i-1, "f-string: !a is not supported in pushbook cells: use !r")
		default:
			fs.errorf(fs.i-1, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
		}
	}
	if fs.i < len(b) && b[fs.i] == ':' {
		fs.i++
		f.HasSpec = true
		f.Spec = fs.parts(level, true)
	}
	if fs.i >= len(b) || b[fs.i] != '}' {
		fs.errorf(open, "f-string: expecting '}'")
	}
	fs.i++ // consume '}'
	if debug && f.Conv == "" && !f.HasSpec {
		f.Conv = "r"
	}
	return append(out, f)
}

// exprEnd returns the offset of the end of the expression that starts at
// fs.i: the '}', '!', ':' or '=' (of a debug field) outside brackets and
// strings that follows it, or len(body).
func (fs *fstringParser) exprEnd() int {
	b := fs.body
	depth := 0
	for i := fs.i; i < len(b); i++ {
		switch c := b[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']':
			depth--
			if depth < 0 {
				fs.errorf(i, "f-string: unmatched '"+string(c)+"'")
			}
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		case '\'', '"':
			// A string literal inside the expression (of the other quote).
			q := b[i : i+1]
			if strings.HasPrefix(b[i:], strings.Repeat(q, 3)) {
				q = strings.Repeat(q, 3)
			}
			j := strings.Index(b[i+len(q):], q)
			if j < 0 {
				fs.errorf(i, "f-string: unterminated string")
			}
			if k := strings.IndexByte(b[i:i+len(q)+j], '\\'); k >= 0 {
				fs.errorf(i+k, "f-string expression part cannot include a backslash")
			}
			i += len(q) + j + len(q) - 1
		case '\\':
			fs.errorf(i, "f-string expression part cannot include a backslash")
		case '#':
			fs.errorf(i, "f-string expression part cannot include '#'")
		case '!':
			if depth == 0 && !strings.HasPrefix(b[i+1:], "=") {
				return i
			}
		case ':':
			if depth == 0 {
				return i
			}
		case '=':
			if depth == 0 && !strings.HasPrefix(b[i+1:], "=") && (i == 0 || !strings.ContainsRune("=!<>", rune(b[i-1]))) {
				return i
			}
		}
	}
	return len(b)
}

// parseExpr parses text, the expression of a field at offset at of the
// body, as if it were in parentheses (so it may span lines), with
// positions in the enclosing file.
func (fs *fstringParser) parseExpr(text string, at int) Expr {
	pos := fs.pos(at)
	in, err := newScanner(pos.Filename(), FilePortion{Content: []byte(text), FirstLine: pos.Line, FirstCol: pos.Col}, false)
	if err != nil {
		fs.errorf(at, err.Error())
	}
	in.pos = pos // share the file name
	in.depth = 1 // inside brackets: newlines are spaces
	in.lineStart = false
	defer func() {
		switch e := recover().(type) {
		case nil:
		case Error: // say where the error is: "f-string: got ..."
			if !strings.HasPrefix(e.Msg, "f-string") {
				e.Msg = "f-string: " + e.Msg
			}
			panic(e)
		default:
			panic(e)
		}
	}()
	sub := parser{options: fs.p.options, in: in, depth: fs.p.depth}
	sub.nextToken()
	x := sub.parseExpr(true) // f"{a, b}" is a tuple, as in parentheses
	if sub.tok != EOF {
		sub.explainKeyword(false)
		sub.in.errorf(sub.tokval.pos, "f-string: got %#v after the expression, want }", sub.tok)
	}
	return x
}
