package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// blockAttributes applies a line of attributes written after a block
// (`{.class #id style="…"}`) to that block, as Hugo's
// markup.goldmark.parser.attribute.block does: without it the line is
// shown as text. The line may end a paragraph, follow a table as its last
// row, or stand as a paragraph of its own after any block. In safe and
// drop modes only id, class, title, lang and dir are kept: an attribute
// is raw HTML by another name.
type blockAttributes struct{ unsafe bool }

var safeAttrs = map[string]bool{"id": true, "class": true, "title": true, "lang": true, "dir": true}

// attrLine parses a line that is an attribute list, or returns false.
func attrLine(line []byte) (parser.Attributes, bool) {
	line = bytes.TrimSpace(line)
	if len(line) < 3 || line[0] != '{' || line[len(line)-1] != '}' || bytes.Contains(line, []byte("{{")) {
		return nil, false
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(line))
	return attrs, ok && len(attrs) > 0
}

func (b blockAttributes) apply(n ast.Node, attrs parser.Attributes) {
	for _, a := range attrs {
		if b.unsafe || safeAttrs[string(a.Name)] {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

func (b blockAttributes) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			lines := n.Lines()
			if lines.Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			last := lines.At(lines.Len() - 1)
			attrs, ok := attrLine(last.Value(src))
			if !ok {
				return ast.WalkSkipChildren, nil
			}
			if lines.Len() == 1 {
				// A paragraph of its own: the block before it.
				if prev := n.PreviousSibling(); prev != nil && prev.Type() == ast.TypeBlock {
					b.apply(prev, attrs)
					drop = append(drop, n)
				}
				return ast.WalkSkipChildren, nil
			}
			// The paragraph's own last line: cut it and its text.
			for c := n.LastChild(); c != nil; {
				prev := c.PreviousSibling()
				t, ok := c.(*ast.Text)
				if !ok || t.Segment.Start < last.Start {
					break
				}
				n.RemoveChild(n, c)
				c = prev
			}
			if t, ok := n.LastChild().(*ast.Text); ok {
				t.SetSoftLineBreak(false)
			}
			lines.SetSliced(0, lines.Len()-1)
			b.apply(n, attrs)
			return ast.WalkSkipChildren, nil
		case *extast.Table:
			row, ok := n.LastChild().(*extast.TableRow)
			if !ok || row.ChildCount() == 0 {
				return ast.WalkSkipChildren, nil
			}
			// One cell of plain text (goldmark may cut it into several
			// text nodes).
			var line []byte
			for c := row.FirstChild().FirstChild(); c != nil; c = c.NextSibling() {
				t, ok := c.(*ast.Text)
				if !ok {
					return ast.WalkSkipChildren, nil
				}
				line = append(line, t.Segment.Value(src)...)
			}
			// goldmark pads the row to the header's columns: the other
			// cells are empty.
			for c := row.FirstChild().NextSibling(); c != nil; c = c.NextSibling() {
				if c.HasChildren() {
					return ast.WalkSkipChildren, nil
				}
			}
			if attrs, ok := attrLine(line); ok {
				b.apply(n, attrs)
				drop = append(drop, row)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
}
