package flatten

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// TextOptions control how Text and HTML abbreviate a table. The zero value
// gives the defaults.
type TextOptions struct {
	// MaxRows is the most rows shown; a longer table shows its first and
	// last MaxRows/2 rows around a "..." row. 0 means 10; negative, all.
	MaxRows int
	// MaxArrayItems is the widest sub-array shown element by element; a
	// wider cell shows as "first .. last". 0 means 3.
	MaxArrayItems int
	// MaxCellWidth truncates longer cells with "...". 0 means 40.
	MaxCellWidth int
}

func (o TextOptions) maxRows() int      { return defaultInt(o.MaxRows, 10) }
func (o TextOptions) maxItems() int     { return defaultInt(o.MaxArrayItems, 3) }
func (o TextOptions) maxCellWidth() int { return max(defaultInt(o.MaxCellWidth, 40), 4) }

func defaultInt(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}

// shownRows lists the row indexes to show; -1 marks the "..." row.
func (o TextOptions) shownRows(n int) []int {
	limit := o.maxRows()
	if limit < 0 || n <= limit {
		limit = n
	}
	var out []int
	head := (limit + 1) / 2
	if limit == n {
		head = n
	}
	for i := range head {
		out = append(out, i)
	}
	if limit < n {
		out = append(out, -1)
		for i := n - limit/2; i < n; i++ {
			out = append(out, i)
		}
	}
	return out
}

// cell formats row i of c for display: Python-style numbers, "--" for
// null, "[1 2 3]" or "1 .. 5" for sub-arrays.
func (o TextOptions) cell(c *Column, i int) string {
	if c.IsNull(i) {
		return "--"
	}
	s := c.dtype.stride()
	var text string
	switch {
	case c.dtype.Shape > 0 && c.dtype.Shape <= o.maxItems():
		parts := make([]string, s)
		for j := range parts {
			parts[j] = scalarText(c, i*s+j)
		}
		text = "[" + strings.Join(parts, " ") + "]"
	case c.dtype.Shape > 0:
		text = scalarText(c, i*s) + " .. " + scalarText(c, i*s+s-1)
	default:
		text = scalarText(c, i)
	}
	return truncate(text, o.maxCellWidth())
}

// scalarText formats stored element at of c.
func scalarText(c *Column, at int) string {
	switch c.dtype.Kind {
	case Int64:
		return strconv.FormatInt(c.intAt(at), 10)
	case Float64:
		return displayFloat(c.floatAt(at))
	case Bool:
		if c.boolAt(at) {
			return "True"
		}
		return "False"
	case String:
		return c.stringAt(at)
	}
	return "--"
}

// truncate shortens s to width runes, marking the cut with "...", and
// makes control characters visible so that one cell stays on one line.
func truncate(s string, width int) string {
	if strings.ContainsAny(s, "\n\r\t") {
		s = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
	}
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return string(r[:width-3]) + "..."
}

// Text renders the table as plain text in the style of astropy and pandas:
// a header row of names, a row of dtypes, a rule, the rows (head ... tail
// when long), then a "[N rows x M columns]" line. Strings are
// left-aligned, everything else right-aligned.
func (t *Table) Text(opts TextOptions) string {
	rows := opts.shownRows(t.rows)
	grid := make([][]string, len(t.cols))
	widths := make([]int, len(t.cols))
	for k, c := range t.cols {
		col := []string{c.name, c.dtype.String(), ""}
		for _, r := range rows {
			if r < 0 {
				col = append(col, "...")
			} else {
				col = append(col, opts.cell(c, r))
			}
		}
		for _, s := range col {
			widths[k] = max(widths[k], utf8.RuneCountInString(s))
		}
		col[2] = strings.Repeat("-", widths[k])
		grid[k] = col
	}
	var b strings.Builder
	for line := range 3 + len(rows) {
		for k, c := range t.cols {
			if k > 0 {
				b.WriteByte(' ')
			}
			s, w := grid[k][line], widths[k]
			gap := strings.Repeat(" ", w-utf8.RuneCountInString(s))
			if c.dtype.Kind == String {
				b.WriteString(s + gap)
			} else {
				b.WriteString(gap + s)
			}
		}
		b.WriteByte('\n')
	}
	b.WriteString("[" + strconv.Itoa(t.rows) + " rows x " + strconv.Itoa(len(t.cols)) + " columns]\n")
	return b.String()
}

// String renders the table with the default TextOptions.
func (t *Table) String() string { return t.Text(TextOptions{}) }
