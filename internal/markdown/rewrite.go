package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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

type rewriteTransformer struct{}

func (rewriteTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	r, _ := pc.Get(resolverKey).(Resolver)
	if r == nil {
		return
	}
	var unwrap []ast.Node
	var raw []ast.Node
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
		case *Shortcode:
			n.HTML = r.Shortcode(n)
		case *ast.RawHTML, *ast.HTMLBlock:
			raw = append(raw, n)
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, n := range raw {
		text, _ := rawText(n, src)
		out := rewriteHTML(text, r)
		var repl ast.Node = &rawHTMLOut{html: out}
		if n.Type() == ast.TypeBlock {
			repl = &rawHTMLBlockOut{html: out}
		}
		n.Parent().ReplaceChild(n.Parent(), n, repl)
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
