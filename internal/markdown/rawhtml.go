package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Raw HTML is passed through only when the site allows it; its href and
// src attributes are then checked and rewritten like Markdown links, so a
// hand-written <a href="../terms/mdf.md"> works and is validated.

// KindRawHTMLOut is the AST kind of raw HTML whose links were rewritten.
var KindRawHTMLOut = ast.NewNodeKind("RawHTMLOut")

// rawHTMLOut replaces a raw HTML node at render time.
type rawHTMLOut struct {
	ast.BaseInline
	html []byte
}

func (n *rawHTMLOut) Kind() ast.NodeKind { return KindRawHTMLOut }
func (n *rawHTMLOut) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// KindRawHTMLBlockOut is the block form.
var KindRawHTMLBlockOut = ast.NewNodeKind("RawHTMLBlockOut")

type rawHTMLBlockOut struct {
	ast.BaseBlock
	html []byte
}

func (n *rawHTMLBlockOut) Kind() ast.NodeKind { return KindRawHTMLBlockOut }
func (n *rawHTMLBlockOut) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// rawSegments returns the source of a raw HTML node and the body offset
// of each of its pieces.
func rawText(n ast.Node, src []byte) (text []byte, starts []int) {
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			starts = append(starts, seg.Start)
			text = append(text, seg.Value(src)...)
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			starts = append(starts, seg.Start)
			text = append(text, seg.Value(src)...)
		}
		if n.HasClosure() {
			seg := n.ClosureLine
			starts = append(starts, seg.Start)
			text = append(text, seg.Value(src)...)
		}
	}
	return text, starts
}

// htmlLinks finds href and src values in a raw HTML node with their body
// offsets. The node's pieces are read as one text (a tag may span the
// lines of an HTML block).
func htmlLinks(n ast.Node, src []byte) []Link {
	text, toBody := rawPieces(n, src)
	out := linksIn(text, 0)
	for i := range out {
		out[i].Offset = toBody(out[i].Offset)
	}
	return out
}

// htmlAnchors are the ids of raw HTML elements, and the names of its <a>
// elements, which links may name as fragments.
func htmlAnchors(n ast.Node, src []byte) []string {
	text, _ := rawPieces(n, src)
	if !bytes.Contains(text, []byte("id")) && !bytes.Contains(text, []byte("name")) {
		return nil
	}
	var out []string
	eachAttr(text, func(a tagAttr) {
		if (a.Name == "id" || a.Name == "name" && a.Tag == "a") && a.End > a.Start {
			out = append(out, html.UnescapeString(string(text[a.Start:a.End])))
		}
	})
	return out
}

// rawPieces is a raw HTML node's text with the body offset of each of its
// offsets.
func rawPieces(n ast.Node, src []byte) ([]byte, func(int) int) {
	text, starts := rawText(n, src)
	return text, func(off int) int {
		pos := 0
		for i, st := range starts {
			end := len(text)
			if i+1 < len(starts) {
				end = pos + segLen(n, src, i)
			}
			if off < end {
				return st + off - pos
			}
			pos = end
		}
		if len(starts) == 0 {
			return 0
		}
		return starts[len(starts)-1]
	}
}

// linksIn lists the href and src values of b's start tags, at base plus
// their offset in b. src is an image's, as the render reads it
// (rewriteHTML): check and render agree on what a data:image/ address may
// be. data-href and the like are not links.
func linksIn(b []byte, base int) []Link {
	var out []Link
	eachAttr(b, func(a tagAttr) {
		if kind, ok := linkAttr(a.Name); ok {
			out = append(out, Link{Kind: kind, Dest: string(b[a.Start:a.End]), Offset: base + a.Start})
		}
	})
	return out
}

// linkAttr says whether an attribute holds an address, and of what kind.
func linkAttr(name string) (LinkKind, bool) {
	switch name {
	case "href":
		return KindHTML, true
	case "src":
		return KindImage, true
	}
	return 0, false
}

// rewriteHTML replaces href and src values through the resolver; a link to
// a page left out of the build loses its address (the attribute is
// emptied) exactly as Markdown links do. A bare value is written quoted.
func rewriteHTML(b []byte, r linker) []byte {
	var out bytes.Buffer
	last := 0
	eachAttr(b, func(a tagAttr) {
		kind, ok := linkAttr(a.Name)
		if !ok {
			return
		}
		// The attribute's value as a browser reads it (&amp; is &).
		dest, keep := r.Link(html.UnescapeString(string(b[a.Start:a.End])), kind)
		if !keep {
			dest = ""
		}
		out.Write(b[last:a.Start])
		if a.Quoted {
			out.WriteString(htmlAttrEscape(dest))
		} else {
			out.WriteString(`"` + htmlAttrEscape(dest) + `"`)
		}
		last = a.End
	})
	if last == 0 {
		return b
	}
	out.Write(b[last:])
	return out.Bytes()
}

// htmlAttrEscape escapes s for an attribute value, byte by byte: what is
// not markup (broken UTF-8 included) is written as it came.
func htmlAttrEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// rawHTMLRenderer writes raw HTML as applyResolver left it: sanitised in
// safe mode, nothing in drop mode, as written in unsafe mode.
type rawHTMLRenderer struct{}

func (rr rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRawHTMLOut, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*rawHTMLOut).html)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindRawHTMLBlockOut, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*rawHTMLBlockOut).html)
		}
		return ast.WalkSkipChildren, nil
	})
}

// rawPolicy is an engine's mode for raw HTML, with its sanitiser in safe
// mode.
type rawPolicy struct {
	mode string
	san  *Sanitizer
}

// RawDrop is something of raw HTML that the mode removes, at its byte
// offset in the body (Line and Col as for links).
type RawDrop struct {
	Offset    int
	Line, Col int
	What      string
}

// drops lists what the mode removes from a raw HTML node, at body offsets.
func (rp *rawPolicy) drops(n ast.Node, src []byte) []RawDrop {
	if rp.mode == HTMLUnsafe {
		return nil
	}
	text, bodyOff := rawPieces(n, src)
	if len(text) == 0 {
		return nil
	}
	if rp.mode == HTMLDrop {
		if bytes.HasPrefix(bytes.TrimSpace(text), []byte("<!--")) {
			return nil // a comment shows nothing either way
		}
		return []RawDrop{{Offset: bodyOff(0), What: "raw HTML is dropped (markdown.html: drop)"}}
	}
	var out []RawDrop
	for _, d := range rp.san.Drops(text) {
		out = append(out, RawDrop{Offset: bodyOff(d.Offset), What: d.What})
	}
	return out
}

// segLen is the length of the i-th piece of a raw HTML node.
func segLen(n ast.Node, src []byte, i int) int {
	switch n := n.(type) {
	case *ast.RawHTML:
		seg := n.Segments.At(i)
		return seg.Stop - seg.Start
	case *ast.HTMLBlock:
		if i < n.Lines().Len() {
			seg := n.Lines().At(i)
			return seg.Stop - seg.Start
		}
		return n.ClosureLine.Stop - n.ClosureLine.Start
	}
	return 0
}

// Linker resolves one address of a page's output.
type Linker interface {
	Link(dest string, kind LinkKind) (string, bool)
}

// RewriteLinks writes every href and src of an HTML fragment (a site
// template's output) through l, as raw HTML in Markdown is: a dropped
// address becomes empty.
func RewriteLinks(b []byte, l Linker) []byte { return rewriteHTML(b, l) }

// HTMLLinks lists the href and src addresses of an HTML fragment, as a
// browser reads them.
func HTMLLinks(b []byte) []Link {
	var out []Link
	for _, l := range linksIn(b, 0) {
		l.Dest = html.UnescapeString(l.Dest)
		out = append(out, l)
	}
	return out
}
