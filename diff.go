package main

import (
	"fmt"
	"strings"
)

// maxDiffCells bounds the table the line diff builds; larger inputs are
// shown as all removed then all added.
const maxDiffCells = 4_000_000

// unifiedDiff returns the unified diff of want and got with context lines
// of context around each change, hunk headers included.
func unifiedDiff(want, got []string, context int) string {
	ops := diffOps(want, got)
	var b strings.Builder
	for start := 0; start < len(ops); {
		// Find the next change and the extent of its hunk.
		first := start
		for first < len(ops) && ops[first].kind == ' ' {
			first++
		}
		if first == len(ops) {
			break
		}
		lo := max(first-context, start)
		hi := first
		for gap := 0; hi < len(ops) && gap <= 2*context; hi++ {
			if ops[hi].kind == ' ' {
				gap++
			} else {
				gap = 0
			}
		}
		hi = min(hi, len(ops))
		for hi > lo && ops[hi-1].kind == ' ' && trailingContext(ops[lo:hi]) > context {
			hi--
		}
		w0, g0, wn, gn := ops[lo].wantLine, ops[lo].gotLine, 0, 0
		for _, op := range ops[lo:hi] {
			if op.kind != '+' {
				wn++
			}
			if op.kind != '-' {
				gn++
			}
		}
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", w0+1, wn, g0+1, gn)
		for _, op := range ops[lo:hi] {
			fmt.Fprintf(&b, "%c%s\n", op.kind, op.text)
		}
		start = hi
	}
	return b.String()
}

func trailingContext(ops []diffOp) int {
	n := 0
	for i := len(ops) - 1; i >= 0 && ops[i].kind == ' '; i-- {
		n++
	}
	return n
}

// diffOp is one line of a diff: ' ' kept, '-' only in want, '+' only in got.
type diffOp struct {
	kind              byte
	text              string
	wantLine, gotLine int // 0-based positions before this line
}

// diffOps aligns want and got by a longest common subsequence.
func diffOps(want, got []string) []diffOp {
	n, m := len(want), len(got)
	var ops []diffOp
	if n*m > maxDiffCells {
		for i, l := range want {
			ops = append(ops, diffOp{'-', l, i, 0})
		}
		for j, l := range got {
			ops = append(ops, diffOp{'+', l, n, j})
		}
		return ops
	}
	// lcs[i][j] is the LCS length of want[i:] and got[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && want[i] == got[j]:
			ops = append(ops, diffOp{' ', want[i], i, j})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', want[i], i, j})
			i++
		default:
			ops = append(ops, diffOp{'+', got[j], i, j})
			j++
		}
	}
	return ops
}
