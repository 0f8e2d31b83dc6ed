package markdown

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindShortcode is the AST kind of a shortcode block.
var KindShortcodeNode = ast.NewNodeKind("Shortcode")

// Arg is one name="value" argument of a shortcode.
type Arg struct {
	Name, Value string
	Offset      int // byte offset of the value in the body
	NameOffset  int // byte offset of the name in the body
	// Where the value and the name are (see Link.Line).
	Line, Col, NameLine, NameCol int
}

// Shortcode is a `{{< name arg="value" >}}` line. Shortcodes are blocks:
// every shortcode partnerdocs has renders a table or a list, which cannot
// sit inside a paragraph.
type Shortcode struct {
	ast.BaseBlock
	Name   string
	Args   []Arg
	Offset int    // byte offset of the name in the body
	HTML   []byte // filled in at render time by the resolver
	// Line, Col is where the name is (see Link.Line).
	Line, Col int
}

// Kind implements ast.Node.
func (s *Shortcode) Kind() ast.NodeKind { return KindShortcodeNode }

// Dump implements ast.Node.
func (s *Shortcode) Dump(src []byte, level int) {
	ast.DumpHelper(s, src, level, map[string]string{"Name": s.Name}, nil)
}

// Arg returns the value of a named argument.
func (s *Shortcode) Arg(name string) (string, bool) {
	for _, a := range s.Args {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

var (
	shortcodeRe = regexp.MustCompile(`^\{\{<\s*([A-Za-z][A-Za-z0-9_-]*)((?:\s+[A-Za-z_][A-Za-z0-9_-]*\s*=\s*"[^"]*")*)\s*>\}\}\s*$`)
	argRe       = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*"([^"]*)"`)
)

type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := shortcodeRe.FindSubmatchIndex(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	sc := &Shortcode{Name: string(line[m[2]:m[3]]), Offset: seg.Start + m[2]}
	if m[4] >= 0 {
		argText := line[m[4]:m[5]]
		for _, am := range argRe.FindAllSubmatchIndex(argText, -1) {
			sc.Args = append(sc.Args, Arg{
				Name:       string(argText[am[2]:am[3]]),
				Value:      string(argText[am[4]:am[5]]),
				Offset:     seg.Start + m[4] + am[4],
				NameOffset: seg.Start + m[4] + am[2],
			})
		}
	}
	sc.Lines().Append(text.NewSegment(seg.Start, seg.Stop))
	reader.Advance(seg.Len() - 1)
	return sc, parser.NoChildren
}

func (shortcodeParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (shortcodeParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (shortcodeParser) CanInterruptParagraph() bool { return true }

func (shortcodeParser) CanAcceptIndentedLine() bool { return false }

type shortcodeRenderer struct{}

func (shortcodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcodeNode, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*Shortcode).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
}

type shortcodeExtension struct{}

func (shortcodeExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(shortcodeParser{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(shortcodeRenderer{}, 50), util.Prioritized(taskRenderer{}, 1)))
}

// taskRenderer replaces goldmark's task-list checkbox, which has no
// label: screen readers announce an unlabeled checkbox, and axe-core
// reports it as a critical violation.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*extast.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="Done" /> `)
		} else {
			_, _ = w.WriteString(`<input disabled="" type="checkbox" aria-label="Not done" /> `)
		}
		return ast.WalkContinue, nil
	})
}
