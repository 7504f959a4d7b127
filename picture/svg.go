package picture

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The colours data is drawn in: mid-saturation, so each reads on a white
// page and on a dark one (Tableau 10's first four).
var palette = []string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7"}

// defaultColor is what currentColor means when nothing outside the picture
// says otherwise: a standalone viewer (GitHub shows image/svg+xml as an
// <img>) draws text, axes and box outlines dark on light.
const defaultColor = "#222"

// fontFamily is the font every picture asks for; the text widths below are
// estimates for it.
const fontFamily = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"

// charWidth is the advance of one character of fontFamily at 1px font
// size: monospace faces advance 0.6em, so 7.2px per character at 12px. Every
// rune counts as one character; wide (CJK) text is underestimated.
const charWidth = 0.6

// textWidth estimates how many pixels s takes at the given font size.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * charWidth * size
}

// num formats a coordinate with at most two decimals and no trailing zeros,
// so the same picture always prints byte for byte the same.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// escape makes s safe as XML character data and as a quoted attribute.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\t', '\n', '\r':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
				b.WriteRune('\uFFFD') // not allowed in XML 1.0
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// canvas accumulates one SVG document. Attributes are written in the order
// given, so output is deterministic.
type canvas struct {
	b strings.Builder
}

// open starts the root element of a width×height picture titled title
// (shown as a tooltip and read by screen readers).
func (c *canvas) open(width, height float64, title string) {
	c.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="pushbook-picture" role="img"`)
	c.attrs("width", num(width), "height", num(height), "viewBox", "0 0 "+num(width)+" "+num(height),
		"color", defaultColor, "font-family", fontFamily, "font-size", "12")
	c.b.WriteString(">\n")
	c.b.WriteString("<title>" + escape(title) + "</title>\n")
}

// close ends the document and returns it.
func (c *canvas) close() string {
	c.b.WriteString("</svg>\n")
	return c.b.String()
}

// attrs writes name="value" pairs; values are escaped here.
func (c *canvas) attrs(pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		c.b.WriteString(" " + pairs[i] + `="` + escape(pairs[i+1]) + `"`)
	}
}

// element writes an empty element <name attrs.../>.
func (c *canvas) element(name string, pairs ...string) {
	c.b.WriteString("<" + name)
	c.attrs(pairs...)
	c.b.WriteString("/>\n")
}

// text writes a <text> element holding s at (x, y).
func (c *canvas) text(x, y float64, s string, pairs ...string) {
	c.b.WriteString("<text")
	c.attrs("x", num(x), "y", num(y))
	c.attrs(pairs...)
	c.b.WriteString(">" + escape(s) + "</text>\n")
}

// group opens a <g> with shared attributes; end it with endGroup.
func (c *canvas) group(pairs ...string) {
	c.b.WriteString("<g")
	c.attrs(pairs...)
	c.b.WriteString(">\n")
}

// endGroup closes the innermost <g>.
func (c *canvas) endGroup() { c.b.WriteString("</g>\n") }

// raw writes already-formed markup.
func (c *canvas) raw(s string) { c.b.WriteString(s) }
