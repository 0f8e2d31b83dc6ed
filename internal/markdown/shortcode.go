package markdown

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Arg is one argument of a shortcode: named (name="value") or
// positional (Name is "").
type Arg struct {
	Name, Value string
	Offset      int // byte offset of the value in the body
	NameOffset  int // byte offset of the name in the body (the value's, when positional)
	// Where the value and the name are (see Link.Line).
	Line, Col, NameLine, NameCol int
}

// Shortcode is one call of a shortcode, in Hugo's syntax: {{< name args >}}
// (its output is HTML) or {{% name args %}} (its inner content is
// Markdown), self-closing or paired with {{< /name >}} around inner
// content. A call alone on its lines is a block; elsewhere it is inline.
type Shortcode struct {
	Name    string
	Args    []Arg
	Offset  int  // byte offset of the name in the body
	Percent bool // {{% %}}
	// Paired is set when a closing tag follows: the inner content lies
	// between the two, and is rendered as the page's Markdown.
	Paired bool
	// Line, Col is where the name is (see Link.Line).
	Line, Col int
	// Block is set on a call alone on its lines: its output stands as a
	// block, and text it writes is a paragraph.
	Block bool
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

// Get returns a named argument, or a positional one by its index ("0",
// "1"), as Hugo's .Get does.
func (s *Shortcode) Get(key string) (string, bool) {
	if v, ok := s.Arg(key); ok {
		return v, true
	}
	n := 0
	for _, c := range key {
		if c < '0' || c > '9' {
			return "", false
		}
		n = n*10 + int(c-'0')
	}
	if key == "" {
		return "", false
	}
	for _, a := range s.Args {
		if a.Name == "" {
			if n == 0 {
				return a.Value, true
			}
			n--
		}
	}
	return "", false
}

// ShortcodeError is a malformed shortcode: an unclosed tag, a closing tag
// without its opening one, bad quoting. Offset is in the body.
type ShortcodeError struct {
	Offset    int
	Line, Col int
	Message   string
}

// KindShortcodeNode is the AST kind of a shortcode tag.
var KindShortcodeNode = ast.NewNodeKind("Shortcode")

// scNode is a shortcode tag in the syntax tree: an opening (or
// self-contained) call, a closing tag (Opener set), a literal, or a
// malformed tag (Err set), which renders as nothing.
type scNode struct {
	ast.BaseInline
	block  bool
	SC     *Shortcode
	Opener *scNode // set on closing tags once paired
	close  bool    // a closing tag
	name   string  // of a closing tag
	off    int     // body offset of a closing tag's name
	Err    *ShortcodeError
	HTML   []byte // what the node renders, set by applyResolver
}

// scBlock holds a shortcode tag that stands alone on its lines.
type scBlock struct {
	ast.BaseBlock
	node *scNode
	end  int // body offset just past the tag
}

// Kind implements ast.Node.
func (s *scNode) Kind() ast.NodeKind { return KindShortcodeNode }

// Dump implements ast.Node.
func (s *scNode) Dump(src []byte, level int) { ast.DumpHelper(s, src, level, nil, nil) }

// KindShortcodeBlock is the AST kind of a shortcode alone on its lines.
var KindShortcodeBlock = ast.NewNodeKind("ShortcodeBlock")

// Kind implements ast.Node.
func (s *scBlock) Kind() ast.NodeKind { return KindShortcodeBlock }

// IsRaw keeps goldmark from parsing the tag's lines as inline text.
func (s *scBlock) IsRaw() bool { return true }

// Dump implements ast.Node.
func (s *scBlock) Dump(src []byte, level int) { ast.DumpHelper(s, src, level, nil, nil) }

// newTagNode turns a parsed tag at body offset off into a node.
func newTagNode(t *tag, off int) ast.Node {
	if t.literal != nil {
		return ast.NewString(t.literal)
	}
	n := &scNode{close: t.closing, name: t.name, off: off + t.nameAt}
	if t.closing {
		return n
	}
	sc := &Shortcode{Name: t.name, Offset: off + t.nameAt, Percent: t.percent}
	for _, a := range t.args {
		arg := Arg{Name: a.name, Value: a.value, Offset: off + a.valAt, NameOffset: off + a.valAt}
		if a.name != "" {
			arg.NameOffset = off + a.nameAt
		}
		sc.Args = append(sc.Args, arg)
	}
	n.SC = sc
	return n
}

func errNode(off int, e *tagError) *scNode {
	return &scNode{Err: &ShortcodeError{Offset: off + e.at, Message: e.msg}}
}

// tagOf returns the shortcode tag of a node (inline, or kept by a block).
func tagOf(n ast.Node) (*scNode, bool) {
	switch n := n.(type) {
	case *scNode:
		return n, true
	case *scBlock:
		return n.node, true
	}
	return nil, false
}

// isTagStart reports whether b starts a shortcode tag.
func isTagStart(b []byte) bool {
	return len(b) >= 3 && b[0] == '{' && b[1] == '{' && (b[2] == '<' || b[2] == '%')
}

type shortcodeBlockParser struct{}

func (shortcodeBlockParser) Trigger() []byte { return []byte{'{'} }

// Open takes a tag that starts a line and ends one, possibly lines later
// (arguments on several lines, as Hugo allows).
func (shortcodeBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if !isTagStart(line) {
		return nil, parser.NoChildren
	}
	src := reader.Source()[seg.Start:]
	t, n, err := parseTag(src)
	if err != nil {
		return nil, parser.NoChildren // reported by the inline parser
	}
	rest := src[n:]
	eol := bytes.IndexByte(rest, '\n')
	if eol < 0 {
		eol = len(rest)
	}
	if len(bytes.TrimSpace(rest[:eol])) != 0 {
		return nil, parser.NoChildren // text follows on its line: inline
	}
	node := newTagNode(t, seg.Start)
	sn, ok := node.(*scNode)
	if !ok {
		return nil, parser.NoChildren // a literal: part of a paragraph
	}
	sn.block = true
	if sn.SC != nil {
		sn.SC.Block = true
	}
	// The tag is kept beside the block, not as its child: goldmark walks
	// a block's children as blocks while it parses.
	b := &scBlock{node: sn, end: seg.Start + n}
	b.Lines().Append(seg)
	reader.Advance(seg.Len() - 1)
	return b, parser.NoChildren
}

// Continue takes the further lines of a tag written over several lines.
func (shortcodeBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	b := node.(*scBlock)
	_, seg := reader.PeekLine()
	if seg.Start >= b.end {
		return parser.Close
	}
	b.Lines().Append(seg)
	reader.Advance(seg.Len() - 1)
	return parser.Continue | parser.NoChildren
}

func (shortcodeBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (shortcodeBlockParser) CanInterruptParagraph() bool { return true }

func (shortcodeBlockParser) CanAcceptIndentedLine() bool { return false }

type shortcodeInlineParser struct{}

func (shortcodeInlineParser) Trigger() []byte { return []byte{'{'} }

// Parse takes a tag inside a line; it must close on the same line. A
// malformed tag becomes an error node covering the rest of the line, so
// that its text never reaches the page.
func (shortcodeInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !isTagStart(line) {
		return nil
	}
	t, n, err := parseTag(line)
	if err != nil {
		block.Advance(len(bytes.TrimRight(line, "\n")))
		return errNode(seg.Start, err)
	}
	block.Advance(n)
	return newTagNode(t, seg.Start)
}

// pairShortcodes matches closing tags with their opening tags, in
// document order, and records what does not match.
func pairShortcodes(doc ast.Node) []*scNode {
	var stack, all []*scNode
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		sn, ok := tagOf(n)
		if !entering || !ok || sn.Err != nil {
			return ast.WalkContinue, nil
		}
		all = append(all, sn)
		if !sn.close {
			stack = append(stack, sn)
			return ast.WalkContinue, nil
		}
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].SC.Name == sn.name {
				// Openers above it were self-contained after all.
				stack[i].SC.Paired = true
				sn.Opener = stack[i]
				stack = stack[:i]
				return ast.WalkContinue, nil
			}
		}
		sn.Err = &ShortcodeError{Offset: sn.off, Message: fmt.Sprintf("{{< /%s >}} closes no open %s shortcode", sn.name, sn.name)}
		return ast.WalkContinue, nil
	})
	return all
}

type shortcodeRenderer struct{}

func (shortcodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcodeNode, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*scNode).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindShortcodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			sn := n.(*scBlock).node
			_, _ = w.Write(sn.HTML)
			if sn.close || (sn.SC != nil && sn.SC.Paired) {
				_ = w.WriteByte('\n') // the tags of a pair stand on their own lines
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

type shortcodeExtension struct{}

func (shortcodeExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(shortcodeBlockParser{}, 50)),
		parser.WithInlineParsers(util.Prioritized(shortcodeInlineParser{}, 50)),
	)
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

// refDestRe finds a ref or relref call written as a link's destination:
// [text]({{< relref "path#anchor" >}}), as Hugo sites write links by
// content path.
var refDestRe = regexp.MustCompile(`\]\(\{\{([<%])\s*(?:rel)?ref\s+(?:"([^"\n]*)"|` + "`([^`\\n]*)`" + `|([^\s"` + "`" + `>%]+))\s*[>%]\}\}`)

// refScheme is links.RefScheme (links imports this package).
const refScheme = "hugoref:"

// refDests rewrites each ref or relref call that is a link's destination
// into the path it names, padded with spaces to the call's length (a
// destination may be preceded by spaces), so the link is resolved and
// checked like any other and every offset in the body stays where it
// was. The body is copied when anything changes.
func refDests(body []byte) []byte {
	if !bytes.Contains(body, []byte("ref")) || !bytes.Contains(body, []byte("]({{")) {
		return body
	}
	ms := refDestRe.FindAllSubmatchIndex(body, -1)
	if ms == nil {
		return body
	}
	out := bytes.Clone(body)
	for _, m := range ms {
		var target []byte
		for g := 2; g <= 4; g++ {
			if m[2*g] >= 0 {
				target = body[m[2*g]:m[2*g+1]]
			}
		}
		start := m[0] + 2 // after "]("
		end := m[1]
		if bytes.ContainsAny(target, " \t()<>") || len(target) == 0 || start+len(refScheme)+len(target) > end {
			continue
		}
		// The padding goes before the destination: goldmark's autolink
		// scan misreads a scheme followed by spaces.
		pad := end - start - len(refScheme) - len(target)
		for i := start; i < start+pad; i++ {
			out[i] = ' '
		}
		n := copy(out[start+pad:], refScheme)
		copy(out[start+pad+n:], target)
	}
	return out
}
