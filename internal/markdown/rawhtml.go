package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Raw HTML is passed through only when the site allows it; its href and
// src attributes are then checked and rewritten like Markdown links, so a
// hand-written <a href="../terms/mdf.md"> works and is validated.

var attrRe = regexp.MustCompile(`(?i)\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')`)

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
// offsets.
func htmlLinks(n ast.Node, src []byte) []Link {
	var out []Link
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			out = append(out, linksIn(seg.Value(src), seg.Start)...)
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			out = append(out, linksIn(seg.Value(src), seg.Start)...)
		}
		if n.HasClosure() {
			out = append(out, linksIn(n.ClosureLine.Value(src), n.ClosureLine.Start)...)
		}
	}
	return out
}

func linksIn(b []byte, base int) []Link {
	var out []Link
	for _, m := range attrRe.FindAllSubmatchIndex(b, -1) {
		vs, ve := m[4], m[5]
		if vs < 0 {
			vs, ve = m[6], m[7]
		}
		kind := KindHTML
		out = append(out, Link{Kind: kind, Dest: string(b[vs:ve]), Offset: base + vs})
	}
	return out
}

// rewriteHTML replaces href and src values through the resolver; a link to
// a page left out of the build loses its address (the attribute is
// emptied) exactly as Markdown links do.
func rewriteHTML(b []byte, r Resolver) []byte {
	var out bytes.Buffer
	last := 0
	for _, m := range attrRe.FindAllSubmatchIndex(b, -1) {
		vs, ve := m[4], m[5]
		if vs < 0 {
			vs, ve = m[6], m[7]
		}
		kind := KindHTML
		if bytes.EqualFold(b[m[2]:m[3]], []byte("src")) {
			kind = KindImage
		}
		dest, keep := r.Link(string(b[vs:ve]), kind)
		if !keep {
			dest = ""
		}
		out.Write(b[last:vs])
		out.WriteString(htmlAttrEscape(dest))
		last = ve
	}
	out.Write(b[last:])
	return out.Bytes()
}

func htmlAttrEscape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type rawHTMLRenderer struct{ unsafe bool }

func (rr rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	write := func(w util.BufWriter, html []byte) {
		if rr.unsafe {
			_, _ = w.Write(html)
		} else {
			_, _ = w.WriteString("<!-- raw HTML omitted -->")
		}
	}
	reg.Register(KindRawHTMLOut, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			write(w, n.(*rawHTMLOut).html)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindRawHTMLBlockOut, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			write(w, n.(*rawHTMLBlockOut).html)
			if !rr.unsafe {
				_ = w.WriteByte('\n')
			}
		}
		return ast.WalkSkipChildren, nil
	})
}
