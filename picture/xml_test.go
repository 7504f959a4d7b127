package picture

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// element is an SVG element parsed back for checking.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []element  `xml:",any"`
	Text     string     `xml:",chardata"`
}

// parseSVG decodes svg, failing the test if it is not well-formed XML
// with an <svg> root in the SVG namespace.
func parseSVG(t *testing.T, svg string) element {
	t.Helper()
	var root element
	require.NoError(t, xml.Unmarshal([]byte(svg), &root), "not well-formed:\n%s", svg)
	require.Equal(t, "svg", root.XMLName.Local)
	require.Equal(t, "http://www.w3.org/2000/svg", root.XMLName.Space)
	return root
}

// attr returns an attribute's value, or "".
func (e element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns e and every element below it, in document order.
func (e element) all() []element {
	out := []element{e}
	for _, c := range e.Children {
		out = append(out, c.all()...)
	}
	return out
}

// count is how many elements below (and including) e have the name.
func (e element) count(name string) int {
	n := 0
	for _, x := range e.all() {
		if x.XMLName.Local == name {
			n++
		}
	}
	return n
}

// content is e's text with its children's, as a reader sees it.
func (e element) content() string {
	var b strings.Builder
	b.WriteString(e.Text)
	for _, c := range e.Children {
		if c.attr("dx") != "" {
			b.WriteString(" ")
		}
		b.WriteString(c.content())
	}
	return b.String()
}

// texts lists the content of every <text> element.
func (e element) texts() []string {
	var out []string
	for _, x := range e.all() {
		if x.XMLName.Local == "text" {
			out = append(out, x.content())
		}
	}
	return out
}

// withAttr lists the elements named name whose attribute key is value.
func (e element) withAttr(name, key, value string) []element {
	var out []element
	for _, x := range e.all() {
		if x.XMLName.Local == name && x.attr(key) == value {
			out = append(out, x)
		}
	}
	return out
}
