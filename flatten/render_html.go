package flatten

import (
	"strconv"
	"strings"
)

// HTML renders the table as an HTML fragment for a notebook's text/html
// output: a <table> with a header row of names and a row of dtypes, the
// rows abbreviated as Text abbreviates them, and a "N rows × M columns"
// caption. Every name and value is HTML-escaped. Numeric cells carry
// class "num" so a stylesheet can right-align them.
func (t *Table) HTML(opts TextOptions) string {
	var b strings.Builder
	b.WriteString(`<div class="pushbook-table"><table>` + "\n<thead>\n<tr>")
	for _, c := range t.cols {
		b.WriteString("<th>" + escapeHTML(c.name) + "</th>")
	}
	b.WriteString("</tr>\n<tr class=\"dtype\">")
	for _, c := range t.cols {
		b.WriteString("<th>" + escapeHTML(c.dtype.String()) + "</th>")
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, r := range opts.shownRows(t.rows) {
		if r < 0 {
			b.WriteString(`<tr class="ellipsis">`)
		} else {
			b.WriteString("<tr>")
		}
		for _, c := range t.cols {
			text := "..."
			if r >= 0 {
				text = opts.cell(c, r)
			}
			if c.dtype.Kind == String {
				b.WriteString("<td>")
			} else {
				b.WriteString(`<td class="num">`)
			}
			b.WriteString(escapeHTML(text) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n<p>" + strconv.Itoa(t.rows) + " rows × " + strconv.Itoa(len(t.cols)) + " columns</p></div>\n")
	return b.String()
}

// htmlEscaper escapes the five characters html.EscapeString does. The html
// package is not imported because its entity table would add about 30 KB
// (gzip) to the WebAssembly kernel.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

func escapeHTML(s string) string { return htmlEscaper.Replace(s) }
