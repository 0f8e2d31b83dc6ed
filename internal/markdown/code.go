package markdown

import (
	"bytes"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code with chroma, emitting CSS classes
// (the theme's stylesheet colours them). It replaces goldmark-highlighting,
// which builds a new chroma formatter for every block, and with it compiles
// a style sheet for every block: a sixth of a 10,000-page build's CPU.
// One formatter is shared; chroma's formatter is safe for concurrent use.
type codeRenderer struct{}

var (
	codeFormatterOnce sync.Once
	codeFormatter     *chromahtml.Formatter
	codeStyle         *chroma.Style
)

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

func renderFencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := n.Language(source)
	var lexer chroma.Lexer
	if lang != nil {
		lexer = lexers.Get(string(lang))
	}
	if lexer != nil {
		var code bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			code.Write(seg.Value(source))
		}
		if it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String()); err == nil {
			codeFormatterOnce.Do(func() {
				codeFormatter = chromahtml.New(chromahtml.WithClasses(true))
				codeStyle = styles.Get("github")
			})
			if err := codeFormatter.Format(w, codeStyle, it); err == nil {
				return ast.WalkContinue, nil
			}
		}
	}
	// Unknown language: plain, escaped, with the language as a class.
	_, _ = w.WriteString("<pre><code")
	if lang != nil {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_, _ = w.WriteString(`"`)
	}
	_ = w.WriteByte('>')
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}
