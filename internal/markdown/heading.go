package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings with a permalink after their text, as
// documentation sites do: terms pages are read and cited clause by clause,
// and a reader copies a clause's address from its heading.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Heading)
		level := strconv.Itoa(n.Level)
		if entering {
			_, _ = w.WriteString("<h" + level)
			if n.Attributes() != nil {
				html.RenderAttributes(w, n, html.HeadingAttributeFilter)
			}
			_ = w.WriteByte('>')
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok && len(b) > 0 {
				_, _ = w.WriteString(`<a class="heading-anchor" href="#`)
				_, _ = w.Write(util.EscapeHTML(b))
				_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
			}
		}
		_, _ = w.WriteString("</h" + level + ">\n")
		return ast.WalkContinue, nil
	})
}
