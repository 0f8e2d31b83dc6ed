package markdown

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/partnerdocs/partnerdocs/internal/urlsafe"
)

// Resolver decides, at render time, where each link goes and what each
// shortcode shows. Implementations must be safe for concurrent use.
type Resolver interface {
	// Link returns the destination to write for dest. keep=false drops the
	// address and keeps the text: the target is not part of this build.
	Link(dest string, kind LinkKind) (out string, keep bool)
	// Shortcode returns the HTML of a shortcode call; inner is the
	// rendered content between a paired call's tags (nil otherwise).
	Shortcode(sc *Shortcode, inner []byte) []byte
}

// Restricter is a Resolver that can say more of a link it drops: that it
// leads to a page left out for its audience. The link is then written
// with the class link-restricted, the words for the reader in
// data-restricted ("Partners only"), and href, when not "", where the
// reader signs in.
type Restricter interface {
	Restricted(dest string, kind LinkKind) (words, href string, ok bool)
}

// linker is what rewriting raw HTML needs of a resolver.
type linker interface {
	Link(dest string, kind LinkKind) (string, bool)
}

// applyResolver rewrites every link, image, shortcode and raw HTML node of
// doc through r.
func applyResolver(doc ast.Node, src []byte, r *marker, rp *rawPolicy, rawCodes map[ast.Node][]rawCode) {
	var unwrap []ast.Node
	var raw []ast.Node
	var unsafeAuto, autos []*ast.AutoLink
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
			// could run script (<javascript:...>) becomes its text, and
			// one the resolver drops (a page of this site left out of
			// the build) becomes a link without an address.
			if urlsafe.Dangerous(string(n.URL(src)), false) {
				unsafeAuto = append(unsafeAuto, n)
			} else if n.AutoLinkType == ast.AutoLinkURL {
				autos = append(autos, n)
			}
		case *scNode, *scBlock:
			sn, _ := tagOf(n)
			switch {
			case sn.Err != nil:
				// Reported by check; its text never reaches the page.
			case sn.close && sn.Opener != nil:
				sn.HTML = r.close(sn.Opener.SC)
			case !sn.close:
				sn.HTML = r.open(sn.SC)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			raw = append(raw, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range raw {
		text, _ := rawText(n, src)
		codes := rawCodes[n]
		if codes != nil {
			text = withTokens(text, codes)
		}
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
		if codes != nil && rp.mode != HTMLDrop {
			out = placeTokens(out, codes, r)
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
	for _, n := range autos {
		// As a link with a placeholder address, so the render resolves
		// it like any other.
		out, _ := r.Link(string(n.URL(src)), KindAutolink)
		l := ast.NewLink()
		l.Destination = []byte(out)
		l.AppendChild(l, ast.NewString(n.Label(src)))
		n.Parent().ReplaceChild(n.Parent(), n, l)
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
	d, out := e.ScanAll(body)
	return e.Finalize(d, out.HTML, r), nil
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

// open is the placeholder of a call; a paired call's closing tag gets
// close, with the same number and a slash.
func (m *marker) open(sc *Shortcode) []byte {
	m.codes = append(m.codes, sc)
	return []byte(codeMark + strconv.Itoa(len(m.codes)-1) + "-->")
}

func (m *marker) close(sc *Shortcode) []byte {
	for i := len(m.codes) - 1; i >= 0; i-- {
		if m.codes[i] == sc {
			return []byte(codeMark + strconv.Itoa(i) + "/-->")
		}
	}
	return nil
}

// Finalize returns the page's HTML (its scan's Output.HTML) with every
// placeholder replaced: links
// by the addresses r gives (a link r drops keeps its text and loses its
// href or src), shortcodes by their HTML, a paired one given what lies
// between its tags. A nil r keeps every link as written and renders no
// shortcode (the Markdown floor benchmark renders without a site).
func (e *Engine) Finalize(d *Doc, html []byte, r Resolver) []byte {
	if r == nil {
		r = asWritten{}
	}
	var out bytes.Buffer
	out.Grow(len(html) + len(html)/8)
	finalize(&out, d, html, r)
	return out.Bytes()
}

func finalize(out *bytes.Buffer, d *Doc, h []byte, r Resolver) {
	for {
		li := bytes.Index(h, []byte(linkMark))
		ci := bytes.Index(h, []byte(codeMark))
		if li < 0 && ci < 0 {
			out.Write(h)
			return
		}
		if ci >= 0 && (li < 0 || ci < li) {
			end := bytes.Index(h[ci:], []byte("-->"))
			if end < 0 {
				out.Write(h)
				return
			}
			num := string(h[ci+len(codeMark) : ci+end])
			out.Write(h[:ci])
			h = h[ci+end+3:]
			n, err := strconv.Atoi(num)
			if err != nil || d.marks == nil || n >= len(d.marks.codes) {
				continue // a stray closing mark
			}
			sc := d.marks.codes[n]
			if !sc.Paired {
				out.Write(asBlock(sc, r.Shortcode(sc, nil)))
				continue
			}
			closeMark := []byte(codeMark + num + "/-->")
			k := bytes.Index(h, closeMark)
			if k < 0 {
				out.Write(r.Shortcode(sc, nil))
				continue
			}
			var inner bytes.Buffer
			finalize(&inner, d, h[:k], r)
			out.Write(r.Shortcode(sc, inner.Bytes()))
			h = h[k+len(closeMark):]
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
		if rr, ok := r.(Restricter); ok {
			if words, href, ok := rr.Restricted(d.marks.dests[n], d.marks.kinds[n]); ok {
				out.WriteString(` class="link-restricted" data-restricted="`)
				out.Write(util.EscapeHTML([]byte(words)))
				out.WriteByte('"')
				if href != "" {
					out.WriteString(` href="`)
					out.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
					out.WriteByte('"')
				}
			}
		}
	}
}

// asWritten is the Resolver of a page without a site.
type asWritten struct{}

func (asWritten) Link(dest string, _ LinkKind) (string, bool) { return dest, true }
func (asWritten) Shortcode(_ *Shortcode, _ []byte) []byte     { return nil }

// blockStart matches output that opens a block of its own.
var blockStart = regexp.MustCompile(`(?i)^\s*<(div|p|table|ul|ol|dl|figure|details|section|article|aside|nav|header|footer|h[1-6]|pre|blockquote|hr|iframe|form|video|audio|script|style|!--)[\s>/]`)

// asBlock makes a paragraph of the text a call alone on its lines writes
// (a {{< param >}} or a template that prints a sentence), as Markdown
// would for that text: otherwise it runs into the block before it.
func asBlock(sc *Shortcode, out []byte) []byte {
	if !sc.Block || len(bytes.TrimSpace(out)) == 0 || blockStart.Match(out) {
		return out
	}
	return append(append([]byte("<p>"), bytes.TrimSpace(out)...), "</p>\n"...)
}
