package kernel

import (
	"errors"

	"go.starlark.net/syntax"
)

// A Diagnostic is a problem found in a cell's code without running it: a
// SyntaxError at a 1-based line and column, with the message the cell
// would show (for a Python construct pushbook lacks, what to write
// instead).
type Diagnostic struct {
	Name    string `json:"name"` // "SyntaxError"
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// Diagnose parses code as a cell and returns its syntax errors (at most
// one: the parser stops at the first), for the editor to mark as the
// learner types. It runs nothing and needs no session.
func Diagnose(code string) []Diagnostic {
	f, err := fileOptions.Parse("<cell>", code, 0)
	if err == nil {
		err = noLoad(f)
	}
	var syn syntax.Error
	if !errors.As(err, &syn) {
		return nil
	}
	return []Diagnostic{{Name: "SyntaxError", Line: int(syn.Pos.Line), Col: max(int(syn.Pos.Col), 1), Message: syn.Msg}}
}
