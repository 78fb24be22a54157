package exports

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// A small XML tree for the eForms notices: the schema fixes the order of
// every element, so a notice is built as a tree in that order and written
// once, indented with tabs as the SDK's examples are.

// xnode is an element with its attributes and either text or children.
type xnode struct {
	name     string
	attrs    [][2]string
	text     string
	children []*xnode
}

// el returns an element with children; nil children are left out, so
// that optional parts can be written inline.
func el(name string, children ...*xnode) *xnode {
	n := &xnode{name: name}
	for _, c := range children {
		if c != nil {
			n.children = append(n.children, c)
		}
	}
	return n
}

// txt returns an element with text and attributes given as name, value
// pairs.
func txt(name, text string, attrs ...string) *xnode {
	n := &xnode{name: name, text: text}
	for i := 0; i+1 < len(attrs); i += 2 {
		n.attrs = append(n.attrs, [2]string{attrs[i], attrs[i+1]})
	}
	return n
}

// add appends children (nil ones left out) and returns n.
func (n *xnode) add(children ...*xnode) *xnode {
	for _, c := range children {
		if c != nil {
			n.children = append(n.children, c)
		}
	}
	return n
}

// optTxt is txt, or nil when text is empty.
func optTxt(name, text string, attrs ...string) *xnode {
	if text == "" {
		return nil
	}
	return txt(name, text, attrs...)
}

// write writes n and its children at depth.
func (n *xnode) write(w *bufio.Writer, depth int) {
	indent := strings.Repeat("\t", depth)
	w.WriteString(indent)
	w.WriteByte('<')
	w.WriteString(n.name)
	for _, a := range n.attrs {
		w.WriteByte(' ')
		w.WriteString(a[0])
		w.WriteString(`="`)
		xml.EscapeText(w, []byte(a[1]))
		w.WriteByte('"')
	}
	switch {
	case len(n.children) > 0:
		w.WriteString(">\n")
		for _, c := range n.children {
			c.write(w, depth+1)
		}
		w.WriteString(indent)
	case n.text != "":
		w.WriteByte('>')
		xml.EscapeText(w, []byte(n.text))
	default:
		w.WriteString("/>\n")
		return
	}
	w.WriteString("</")
	w.WriteString(n.name)
	w.WriteString(">\n")
}

// writeXML writes the document with root n.
func writeXML(out io.Writer, n *xnode) error {
	w := bufio.NewWriterSize(out, 64<<10)
	w.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	n.write(w, 0)
	return w.Flush()
}

// eformsDate writes a calendar date as eForms does: the date with the
// offset of Europe/Amsterdam on it (2026-03-02+01:00).
func eformsDate(d contracts.Date) string {
	t := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, contracts.Amsterdam)
	return t.Format("2006-01-02-07:00")
}

// eformsTime writes the time of day of t in Europe/Amsterdam with its
// offset (10:00:00+01:00).
func eformsTime(t time.Time) string { return t.In(contracts.Amsterdam).Format("15:04:05-07:00") }

// eformsAmount writes cents as a decimal amount (1234.50), never through
// a float.
func eformsAmount(m contracts.Money) string {
	c := int64(m)
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
