package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/partnerdocs/partnerdocs/internal/urlsafe"
)

// Resolver decides, at render time, where each link goes and what each
// shortcode shows. Implementations must be safe for concurrent use.
type Resolver interface {
	// Link returns the destination to write for dest. keep=false drops the
	// address and keeps the text: the target is not part of this build.
	Link(dest string, kind LinkKind) (out string, keep bool)
	// Shortcode returns the HTML of a shortcode.
	Shortcode(sc *Shortcode) []byte
}

var resolverKey = parser.NewContextKey()

type rewriteTransformer struct{ raw *rawPolicy }

func (t rewriteTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	r, _ := pc.Get(resolverKey).(Resolver)
	if r == nil {
		return
	}
	applyResolver(doc, reader.Source(), r, t.raw)
}

// applyResolver rewrites every link, image, shortcode and raw HTML node of
// doc through r.
func applyResolver(doc ast.Node, src []byte, r Resolver, rp *rawPolicy) {
	var unwrap []ast.Node
	var raw []ast.Node
	var unsafeAuto []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out, keep := r.Link(string(n.Destination), KindLink)
			if !keep {
				unwrap = append(unwrap, n)
			} else {
				n.Destination = []byte(out)
			}
		case *ast.Image:
			out, keep := r.Link(string(n.Destination), KindImage)
			if !keep {
				unwrap = append(unwrap, n)
			} else {
				n.Destination = []byte(out)
			}
		case *ast.AutoLink:
			// goldmark writes an autolink's address as it is: one that
			// could run script (<javascript:...>) becomes its text.
			if urlsafe.Dangerous(string(n.URL(src)), false) {
				unsafeAuto = append(unsafeAuto, n)
			}
		case *Shortcode:
			n.HTML = r.Shortcode(n)
		case *ast.RawHTML, *ast.HTMLBlock:
			raw = append(raw, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range raw {
		text, _ := rawText(n, src)
		var out []byte
		switch rp.mode {
		case HTMLDrop:
		case HTMLSafe:
			// Sanitised first, with the addresses as written (an iframe's
			// host is checked), then rewritten like Markdown links.
			out = rewriteHTML(rp.san.Sanitize(text), r)
		default:
			out = rewriteHTML(text, r)
		}
		var repl ast.Node = &rawHTMLOut{html: out}
		if n.Type() == ast.TypeBlock {
			repl = &rawHTMLBlockOut{html: out}
		}
		n.Parent().ReplaceChild(n.Parent(), n, repl)
	}
	for _, n := range unsafeAuto {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// Render converts body to HTML, asking r about every link and shortcode.
func (e *Engine) Render(body []byte, r Resolver) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(body) * 2)
	ctx := newContext()
	ctx.Set(resolverKey, r)
	if err := e.md.Convert(body, &buf, parser.WithContext(ctx)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// marker resolves every link to a numbered placeholder and records the
// original, so a page is parsed and rendered once, in the resolve stage,
// before the site's addresses are known; Finalize then swaps the
// placeholders for addresses. Parsing each page twice was a third of the
// render time.
type marker struct {
	dests []string
	kinds []LinkKind
	codes []*Shortcode
}

const (
	linkMark = "pdlnk:"
	codeMark = "<!--pdsc:"
)

func (m *marker) Link(dest string, kind LinkKind) (string, bool) {
	m.dests = append(m.dests, dest)
	m.kinds = append(m.kinds, kind)
	return linkMark + strconv.Itoa(len(m.dests)-1), true
}

func (m *marker) Shortcode(sc *Shortcode) []byte {
	m.codes = append(m.codes, sc)
	return []byte(codeMark + strconv.Itoa(len(m.codes)-1) + "-->")
}

// Finalize returns the page's HTML with every placeholder replaced: links
// by the addresses r gives (a link r drops keeps its text and loses its
// href or src), shortcodes by their HTML.
func (e *Engine) Finalize(d *Doc, r Resolver) []byte {
	h := d.HTML
	var out bytes.Buffer
	out.Grow(len(h) + len(h)/8)
	for {
		li := bytes.Index(h, []byte(linkMark))
		ci := bytes.Index(h, []byte(codeMark))
		if li < 0 && ci < 0 {
			out.Write(h)
			return out.Bytes()
		}
		if ci >= 0 && (li < 0 || ci < li) {
			end := bytes.Index(h[ci:], []byte("-->"))
			n, err := strconv.Atoi(string(h[ci+len(codeMark) : ci+end]))
			out.Write(h[:ci])
			if err == nil && n < len(d.marks.codes) {
				out.Write(r.Shortcode(d.marks.codes[n]))
			}
			h = h[ci+end+3:]
			continue
		}
		j := li + len(linkMark)
		k := j
		for k < len(h) && h[k] >= '0' && h[k] <= '9' {
			k++
		}
		n, err := strconv.Atoi(string(h[j:k]))
		if err != nil || n >= len(d.marks.dests) {
			out.Write(h[:k])
			h = h[k:]
			continue
		}
		dest, keep := r.Link(d.marks.dests[n], d.marks.kinds[n])
		if keep {
			out.Write(h[:li])
			out.Write(util.EscapeHTML(util.URLEscape([]byte(dest), true)))
			h = h[k:]
			continue
		}
		// Dropped: remove the whole attribute, ` href="pdlnk:N"`.
		start := bytes.LastIndexByte(h[:li], ' ')
		if start < 0 || k >= len(h) {
			out.Write(h[:li])
			h = h[k:]
			continue
		}
		out.Write(h[:start])
		h = h[k+1:] // past the closing quote
	}
}
