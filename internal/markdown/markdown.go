package markdown

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/textpos"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure an Engine.
type Options struct {
	// HTML is the raw HTML mode: HTMLSafe (the default when empty),
	// HTMLDrop or HTMLUnsafe.
	HTML string
	// IFrameHosts are the hosts whose iframes safe mode keeps.
	IFrameHosts []string
	// Unsafe is the older form of HTML: HTMLUnsafe.
	Unsafe bool
	// NoHTML makes Scan skip rendering and text extraction, for check,
	// which needs neither.
	NoHTML bool
	// BlockAttributes reads {.class #id} lines after blocks, as Hugo's
	// markup.goldmark.parser.attribute.block does.
	BlockAttributes bool
	// Emoji turns :shortcodes: into emoji (markdown.emoji, Hugo's
	// enableEmoji).
	Emoji bool
	// Mermaid draws mermaid fences as diagrams (the theme's script draws
	// them); off, they are code.
	Mermaid bool
	// PlantUMLServer draws plantuml fences as images from that server;
	// "" leaves them code, with a diagram-not-rendered finding.
	PlantUMLServer string
}

// Engine parses and renders Markdown. It is safe for concurrent use.
type Engine struct {
	md goldmark.Markdown
	// plain is md's parser without linkify, for bodies that hold nothing
	// it could match: goldmark stops at every space for linkify, which
	// was a third of the parse.
	plain  parser.Parser
	unsafe bool
	noHTML bool
	raw    *rawPolicy
	code   *highlighted // highlighted code blocks, shared by its renders
	// mermaid and plantuml are Options.Mermaid and .PlantUMLServer, for
	// the scan's findings.
	mermaid  bool
	plantuml string
}

// New builds an engine.
func New(opts Options) *Engine {
	if opts.Unsafe {
		opts.HTML = HTMLUnsafe
	}
	if opts.HTML == "" {
		opts.HTML = HTMLSafe
	}
	raw := &rawPolicy{mode: opts.HTML}
	if opts.HTML == HTMLSafe {
		hosts := opts.IFrameHosts
		if hosts == nil {
			hosts = DefaultIFrameHosts
		}
		raw.san = NewSanitizer(hosts)
	}
	// Raw HTML nodes are replaced by rawHTMLOut nodes, which the renderer
	// below writes as they are: what they hold is already what the mode
	// allows.
	rendererOpts := []renderer.Option{html.WithXHTML(), html.WithUnsafe()}
	code := &highlighted{}
	build := func(linkify bool) goldmark.Markdown {
		popts := []parser.Option{
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(),
			parser.WithASTTransformers(util.Prioritized(calloutTransformer{}, 100)),
		}
		if linkify {
			popts = append(popts, parser.WithInlineParsers(util.Prioritized(newQuickLinkify(), 999)))
		}
		exts := []goldmark.Extender{
			// GFM without its linkify, which quickLinkify wraps.
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,
			shortcodeExtension{},
		}
		if opts.Emoji {
			exts = append(exts, emoji.Emoji)
		}
		if opts.BlockAttributes {
			popts = append(popts, parser.WithAttribute(),
				parser.WithASTTransformers(util.Prioritized(blockAttributes{unsafe: opts.HTML == HTMLUnsafe}, 90)))
		}
		return goldmark.New(
			goldmark.WithExtensions(exts...),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{}, 50), util.Prioritized(codeRenderer{seen: code, mermaid: opts.Mermaid, plantuml: opts.PlantUMLServer}, 50), util.Prioritized(calloutRenderer{}, 50), util.Prioritized(headingRenderer{}, 50))),
			goldmark.WithParserOptions(popts...),
			goldmark.WithRendererOptions(rendererOpts...),
		)
	}
	return &Engine{md: build(true), plain: build(false).Parser(), unsafe: opts.HTML == HTMLUnsafe, noHTML: opts.NoHTML, code: code, raw: raw, mermaid: opts.Mermaid, plantuml: opts.PlantUMLServer}
}

// Heading is a heading of a body, with the id its anchor uses.
type Heading struct {
	Level  int
	ID     string
	Text   string
	Offset int // byte offset in the body
	// At is where the heading starts in the scan's text (Output.Text),
	// when the scan collected text: its section runs to the next
	// heading's At.
	At int
}

// LinkKind tells what syntax a link came from.
type LinkKind int

// Link kinds.
const (
	KindLink     LinkKind = iota // [text](dest) or [text][ref]
	KindImage                    // ![alt](src)
	KindAutolink                 // <https://...> or a bare URL
	KindHTML                     // href or src in raw HTML
	KindShortcode
)

// Link is a destination found in a body.
type Link struct {
	Kind   LinkKind
	Dest   string
	Text   string
	Offset int // byte offset of the destination in the body
	// Line and Col are where Offset is, counted from the body's first
	// line (1-based; columns in characters). The scan records them so
	// findings need not keep the body: a build lets it go after the scan.
	Line, Col int
}

// Doc is what a scan learns about a body.
type Doc struct {
	Headings   []Heading
	Links      []Link
	Shortcodes []*Shortcode
	// ShortcodeErrors are malformed shortcode tags.
	ShortcodeErrors []ShortcodeError
	// RawDrops is what raw HTML loses in the site's mode (markdown.html),
	// at its position, for raw-html warnings.
	RawDrops    []RawDrop
	Description string // plain text of the first paragraph
	// Anchors are the ids raw HTML gives elements (id="x", and <a
	// name="x">): link targets beside the headings' ids.
	Anchors []string
	// Notes are findings about the body's blocks that are not links or
	// raw HTML: diagrams check can tell will not draw.
	Notes []Note
	marks *marker
}

// Note is a finding of the scan at an offset of the body, with its rule.
type Note struct {
	Offset, Line, Col int
	Rule, What        string
}

// Output is what a scan makes of a body besides its structure: the HTML
// with placeholders for links and shortcodes, which Finalize fills in
// (nil from an engine with NoHTML), and the plain text for search. It is
// kept apart from the Doc, which lives as long as its page, so that a
// build can let each go when its one reader is done.
type Output struct {
	HTML []byte
	Text string
	// Starts are where each of the Doc's headings starts in Text: the
	// text of its section runs to the next heading's start.
	Starts []int
}

// Section is the text under one heading: a clause of a terms page, or
// (for search) the part of a page a hit lands on. The text before the
// first heading is a section with no ID.
type Section struct {
	ID, Title string
	Text      string
}

// Sections splits a scan's text at its headings. The heading's own words
// are its Title, not part of its Text.
func Sections(d *Doc, out Output) []Section {
	var secs []Section
	end := len(out.Text)
	if len(out.Starts) > 0 {
		end = out.Starts[0]
	}
	if t := strings.TrimSpace(out.Text[:end]); t != "" {
		secs = append(secs, Section{Text: t})
	}
	for i, start := range out.Starts {
		if i >= len(d.Headings) || start > len(out.Text) {
			break
		}
		end := len(out.Text)
		if i+1 < len(out.Starts) && out.Starts[i+1] >= start {
			end = out.Starts[i+1]
		}
		h := d.Headings[i]
		text := strings.TrimSpace(out.Text[start:end])
		text = strings.TrimSpace(strings.TrimPrefix(text, Tidy(h.Text)))
		secs = append(secs, Section{ID: h.ID, Title: h.Text, Text: text})
	}
	return secs
}

// Scan parses body and reports its headings, links and description.
func (e *Engine) Scan(body []byte) *Doc {
	d, _ := e.ScanAll(body)
	return d
}

// ScanAll is Scan with the body's HTML and text.
func (e *Engine) ScanAll(body []byte) (*Doc, Output) {
	return e.scan(body, !e.noHTML, !e.noHTML)
}

// ScanAllText is ScanAll with the body's text even from an engine with
// NoHTML: one parse for a page whose clauses check reads (a terms page).
func (e *Engine) ScanAllText(body []byte) (*Doc, Output) {
	return e.scan(body, true, !e.noHTML)
}

// ScanText is Scan with the body's text, even from an engine with
// NoHTML (check reads the clauses of terms pages).
func (e *Engine) ScanText(body []byte) (*Doc, Output) {
	return e.scan(body, true, false)
}

func (e *Engine) scan(body []byte, withText, withHTML bool) (*Doc, Output) {
	body = refDests(body)
	p := e.md.Parser()
	if !mayLinkify(body) {
		p = e.plain
	}
	root := p.Parse(text.NewReader(body), parser.WithContext(newContext()))
	txt := buffers.Get().(*bytes.Buffer)
	defer putBuffer(txt)
	pairShortcodes(root)
	sc := &scanner{e: e, doc: &Doc{}, body: body, txt: txt, out: tidyText{b: txt}, finder: newOffsetFinder(body), withText: withText}
	_ = ast.Walk(root, sc.visit)
	doc := sc.doc
	out := Output{Text: txt.String(), Starts: sc.starts}
	doc.locate(body)
	if !withHTML {
		return doc, out
	}
	// Render now, with placeholders: the AST is at hand, and the
	// addresses will be known by the time Finalize runs.
	doc.marks = &marker{}
	applyResolver(root, body, doc.marks, e.raw, sc.rawCodes)
	html := buffers.Get().(*bytes.Buffer)
	defer putBuffer(html)
	if err := e.md.Renderer().Render(html, body, root); err == nil {
		// An exact copy: scans are kept until the render, and a grown
		// buffer is up to twice the size of what it holds.
		out.HTML = bytes.Clone(html.Bytes())
	}
	return doc, out
}

// scanner collects one body's text, headings, links and shortcodes in
// one walk of its tree.
type scanner struct {
	// rawCodes are the shortcode tags found in raw HTML nodes, which the
	// render expands in place.
	rawCodes map[ast.Node][]rawCode
	e        *Engine
	doc      *Doc
	body     []byte
	txt      *bytes.Buffer
	finder   *offsetFinder
	inside   int // paired block shortcodes the walk is in
	// withText collects the text (not for check, which reads none);
	// starts are where each heading's section starts in it.
	withText bool
	starts   []int
	// out writes the text tidy (see Tidy).
	out tidyText
	// spaceAfter is set when a text ended: a space is owed before
	// whatever comes next, unless that is text continuing from the same
	// byte (at), so that how the parser cut a run of text into nodes
	// (which differs with and without linkify) does not show.
	spaceAfter bool
	at         int
}

// space owes the space after the last text.
func (s *scanner) space() {
	if s.spaceAfter {
		s.out.sep()
		s.spaceAfter = false
	}
}

func (s *scanner) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	doc, body := s.doc, s.body
	if n.Type() == ast.TypeBlock && n.Kind() != ast.KindHeading && n.Attributes() != nil {
		// An id given by block attributes ({#id} after a table) is a
		// link target like a heading's.
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok && len(b) > 0 {
				doc.Anchors = append(doc.Anchors, string(b))
			}
		}
	}
	switch n := n.(type) {
	case *ast.FencedCodeBlock:
		s.diagram(n)
		if s.withText {
			s.text(n)
		}
	case *ast.Text, *ast.String, *ast.CodeBlock:
		if s.withText {
			s.text(n)
		}
	case *east.TableCell, *east.TableRow:
		// Cells keep their boundaries in the text: a search snippet cut
		// from a table reads "Select · 25% · quarterly", not one run-on
		// sentence of every cell.
		if s.withText && n.PreviousSibling() != nil && s.spaceAfter {
			s.space()
			s.out.write([]byte("·"))
			s.spaceAfter = true
		}
	case *ast.Heading:
		// A section starts at its heading's words: the space before them
		// ends the section before.
		s.space()
		s.out.flush()
		s.starts = append(s.starts, s.txt.Len())
		id, _ := n.AttributeString("id")
		ids, _ := id.([]byte)
		off := 0
		if n.Lines().Len() > 0 {
			off = n.Lines().At(0).Start
		}
		doc.Headings = append(doc.Headings, Heading{Level: n.Level, ID: string(ids), Text: plainText(n, body), Offset: off, At: s.txt.Len()})
	case *ast.Paragraph:
		// Not from inside a paired shortcode: a callout at the top of a
		// page is not what the page is about.
		if doc.Description == "" && s.inside == 0 && n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
			doc.Description = truncate(plainText(n, body), 240)
		}
	case *ast.Link:
		doc.Links = append(doc.Links, Link{Kind: KindLink, Dest: string(n.Destination), Text: plainText(n, body), Offset: s.finder.find(n, n.Destination)})
	case *ast.Image:
		doc.Links = append(doc.Links, Link{Kind: KindImage, Dest: string(n.Destination), Text: plainText(n, body), Offset: s.finder.find(n, n.Destination)})
	case *ast.AutoLink:
		u := n.URL(body)
		doc.Links = append(doc.Links, Link{Kind: KindAutolink, Dest: string(u), Text: string(n.Label(body)), Offset: s.finder.find(n, u)})
	case *scNode, *scBlock:
		s.shortcode(n)
	case *ast.RawHTML, *ast.HTMLBlock:
		// Raw HTML reaches readers unless the site drops it; then its
		// links matter, its text is searchable, and what safe mode
		// removes is reported.
		if s.e.raw.mode != HTMLDrop {
			doc.Links = append(doc.Links, htmlLinks(n, body)...)
			doc.Anchors = append(doc.Anchors, htmlAnchors(n, body)...)
			if s.withText {
				t, _ := rawText(n, body)
				s.space()
				s.out.write([]byte(Text(t)))
			}
		}
		doc.RawDrops = append(doc.RawDrops, s.e.raw.drops(n, body)...)
		if t, _ := rawText(n, body); len(t) > 0 {
			if codes := rawCodes(t, body, rawStart(n)); codes != nil {
				if s.rawCodes == nil {
					s.rawCodes = map[ast.Node][]rawCode{}
				}
				s.rawCodes[n] = codes
				for _, c := range codes {
					if !c.close {
						doc.Shortcodes = append(doc.Shortcodes, c.sc)
					}
				}
			}
		}
	}
	return ast.WalkContinue, nil
}

// diagram notes what check can tell of a diagram fence: a Mermaid
// source that will not draw, a PlantUML one with no server to draw it
// (once per page).
func (s *scanner) diagram(n *ast.FencedCodeBlock) {
	kind := diagramKind(fenceLanguage(n, s.body))
	if kind == "" {
		return
	}
	off := 0
	if n.Info != nil {
		off = n.Info.Segment.Start
	} else if n.Lines().Len() > 0 {
		off = n.Lines().At(0).Start
	}
	switch {
	case kind == Mermaid && s.e.mermaid:
		if p := mermaidProblem(fenceText(n, s.body)); p != "" {
			s.doc.Notes = append(s.doc.Notes, Note{Offset: off, Rule: ruleDiagram, What: p})
		}
	case kind == PlantUML && s.e.plantuml == "":
		for _, x := range s.doc.Notes {
			if x.Rule == ruleDiagramNotRendered {
				return
			}
		}
		s.doc.Notes = append(s.doc.Notes, Note{Offset: off, Rule: ruleDiagramNotRendered, What: "PlantUML diagrams on this page are shown as code: set markdown.plantuml.server to draw them"})
	}
}

// text adds a node's words to the searchable text.
func (s *scanner) text(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		if !s.spaceAfter || n.Segment.Start != s.at || n.Segment.Padding != 0 {
			s.space()
		}
		s.out.write(n.Segment.Value(s.body))
		s.spaceAfter, s.at = true, n.Segment.Stop
		return
	}
	s.space()
	switch n := n.(type) {
	case *ast.String:
		s.out.write(n.Value)
	default:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			s.out.write(seg.Value(s.body))
		}
		s.out.sep()
	}
}

func (s *scanner) shortcode(n ast.Node) {
	doc := s.doc
	sn, _ := tagOf(n)
	switch {
	case sn.Err != nil:
		doc.ShortcodeErrors = append(doc.ShortcodeErrors, *sn.Err)
	case !sn.close:
		doc.Shortcodes = append(doc.Shortcodes, sn.SC)
		for _, a := range sn.SC.Args {
			// A src argument (figure's) is an image the page uses:
			// checked and copied like ![](…).
			if a.Name == "src" {
				doc.Links = append(doc.Links, Link{Kind: KindImage, Dest: a.Value, Offset: a.Offset})
			}
		}
		if sn.SC.Paired && sn.block {
			s.inside++
		}
	case sn.Opener != nil && sn.Opener.block:
		s.inside--
	}
}

// buffers are reused between scans, which would otherwise grow a new
// buffer for every page (a fifth of a build's allocations).
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return // let a huge page's buffer go
	}
	b.Reset()
	buffers.Put(b)
}

func truncate(s string, n int) string {
	// Words are joined only until there are more than n runes: a first
	// paragraph can be long, and only its head is kept.
	var b strings.Builder
	runes := 0
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
			runes++
		}
		b.WriteString(w)
		runes += utf8.RuneCountInString(w)
		if runes > n {
			break
		}
	}
	s = b.String()
	if runes <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// plainText collects the text under n, without markup.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for ch := c.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			// <br> and its kin separate words.
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// offsetFinder locates the bytes of a link destination in the source, so
// that diagnostics point at the destination itself. goldmark keeps no
// positions on inline nodes, so it searches the enclosing block from a
// cursor that moves forward, which keeps repeated destinations apart.
type offsetFinder struct {
	src    []byte
	cursor map[ast.Node]int
}

func newOffsetFinder(src []byte) *offsetFinder {
	return &offsetFinder{src: src, cursor: map[ast.Node]int{}}
}

func (f *offsetFinder) find(n ast.Node, dest []byte) int {
	block := n.Parent()
	for block != nil && (block.Type() != ast.TypeBlock || block.Lines().Len() == 0) {
		block = block.Parent()
	}
	start, end := 0, len(f.src)
	if block != nil {
		lines := block.Lines()
		start = lines.At(0).Start
		end = lines.At(lines.Len() - 1).Stop
		if c, ok := f.cursor[block]; ok {
			start = c
		}
	}
	if len(dest) > 0 && start <= end && end <= len(f.src) {
		if i := bytes.Index(f.src[start:end], dest); i >= 0 {
			if block != nil {
				f.cursor[block] = start + i + len(dest)
			}
			return start + i
		}
		// A reference-style link: its destination is in a definition
		// elsewhere in the body.
		if i := bytes.Index(f.src, append([]byte("]: "), dest...)); i >= 0 {
			return i + 3
		}
		if i := bytes.Index(f.src, dest); i >= 0 {
			return i
		}
	}
	return start
}

// locate records the line and column of every offset that findings
// report: links, shortcodes and their arguments.
func (d *Doc) locate(body []byte) {
	if len(d.Links) == 0 && len(d.Shortcodes) == 0 && len(d.RawDrops) == 0 && len(d.ShortcodeErrors) == 0 && len(d.Notes) == 0 {
		return
	}
	idx := textpos.New(body)
	for i := range d.Notes {
		d.Notes[i].Line, d.Notes[i].Col = idx.Pos(d.Notes[i].Offset)
	}
	for i := range d.ShortcodeErrors {
		d.ShortcodeErrors[i].Line, d.ShortcodeErrors[i].Col = idx.Pos(d.ShortcodeErrors[i].Offset)
	}
	for i := range d.RawDrops {
		d.RawDrops[i].Line, d.RawDrops[i].Col = idx.Pos(d.RawDrops[i].Offset)
	}
	for i := range d.Links {
		d.Links[i].Line, d.Links[i].Col = idx.Pos(d.Links[i].Offset)
	}
	for _, sc := range d.Shortcodes {
		sc.Line, sc.Col = idx.Pos(sc.Offset)
		for i := range sc.Args {
			a := &sc.Args[i]
			a.Line, a.Col = idx.Pos(a.Offset)
			a.NameLine, a.NameCol = idx.Pos(a.NameOffset)
		}
	}
}

// SameShape reports whether two scans found the same headings, links,
// shortcodes, raw HTML removals, shortcode errors and description,
// wherever in their bodies they are: all that checks and other pages see
// of a body. Two bodies of the same shape differ in their text and HTML
// only, so the preview re-renders the page alone.
func SameShape(a, b *Doc) bool {
	return SameHeadings(a, b) && SameButHeadings(a, b)
}

// SameHeadings reports whether two scans found the same headings (level,
// id and text), wherever they are.
func SameHeadings(a, b *Doc) bool {
	if len(a.Headings) != len(b.Headings) {
		return false
	}
	for i, h := range a.Headings {
		if o := b.Headings[i]; h.Level != o.Level || h.ID != o.ID || h.Text != o.Text {
			return false
		}
	}
	return true
}

// SameButHeadings is SameShape without the headings: other pages see a
// body's headings only through the links that name its anchors.
func SameButHeadings(a, b *Doc) bool {
	if a.Description != b.Description || len(a.Links) != len(b.Links) ||
		len(a.Shortcodes) != len(b.Shortcodes) || len(a.ShortcodeErrors) != len(b.ShortcodeErrors) || len(a.RawDrops) != len(b.RawDrops) || len(a.Notes) != len(b.Notes) {
		return false
	}
	for i, n := range a.Notes {
		if n.Rule != b.Notes[i].Rule || n.What != b.Notes[i].What {
			return false
		}
	}
	for i, l := range a.Links {
		if o := b.Links[i]; l.Kind != o.Kind || l.Dest != o.Dest || l.Text != o.Text {
			return false
		}
	}
	for i, s := range a.Shortcodes {
		o := b.Shortcodes[i]
		if s.Name != o.Name || s.Percent != o.Percent || s.Paired != o.Paired || len(s.Args) != len(o.Args) {
			return false
		}
		for j, arg := range s.Args {
			if arg.Name != o.Args[j].Name || arg.Value != o.Args[j].Value {
				return false
			}
		}
	}
	for i, e := range a.ShortcodeErrors {
		if e.Message != b.ShortcodeErrors[i].Message {
			return false
		}
	}
	for i, r := range a.RawDrops {
		if r.What != b.RawDrops[i].What {
			return false
		}
	}
	return true
}
