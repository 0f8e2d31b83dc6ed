package markdown

import (
	"bytes"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code with chroma, emitting CSS classes
// (the theme's stylesheet colours them). It replaces goldmark-highlighting,
// which builds a new chroma formatter for every block, and with it compiles
// a style sheet for every block: a sixth of a 10,000-page build's CPU.
// One formatter is shared; chroma's formatter is safe for concurrent use.
//
// Highlighted blocks are remembered by language and code for the life of
// the engine (one build): chroma's lexers are regular-expression machines,
// and the same snippet (an install command, a config file) often appears
// on many pages. The cache is bounded.
type codeRenderer struct {
	seen *highlighted
	// mermaid draws mermaid fences as diagrams (markdown.mermaid);
	// plantuml is the PlantUML server that draws plantuml fences, ""
	// for none (they stay code).
	mermaid  bool
	plantuml string
}

type highlighted struct {
	m     sync.Map // language + "\x00" + code -> []byte
	bytes atomic.Int64
	// once holds hashes of the blocks met one time. A block is kept only
	// when it is met again: kept at first sight, a corpus of distinct
	// blocks stayed live through a whole build, for the collector to mark
	// over and over, and saved nothing. A hash collision only keeps a
	// block early.
	mu   sync.Mutex
	once map[uint64]bool
}

var highlightSeed = maphash.MakeSeed()

// again reports whether key was met before, and notes it if not.
func (h *highlighted) again(key string) bool {
	sum := maphash.String(highlightSeed, key)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.once[sum] {
		return true
	}
	if h.once == nil {
		h.once = map[uint64]bool{}
	}
	h.once[sum] = true
	return false
}

// maxHighlighted bounds the bytes of highlighted blocks remembered.
const maxHighlighted = 32 << 20

var (
	codeFormatterOnce sync.Once
	codeFormatter     *chromahtml.Formatter
	codeStyle         *chroma.Style
)

func (cr codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, cr.renderFencedCode)
}

// maxLanguage bounds the info string looked up as a language: chroma
// matches it against every lexer's file-name patterns, in time that grows
// with its length (FuzzMarkdown found a fence that took seconds).
// Real language names are short; a longer one renders as plain code.
const maxLanguage = 64

// lexerCache remembers each language's lexer, and languages that have
// none: chroma looks an unknown name up against every lexer's file-name
// patterns, which was an eighth of the CPU of building a handbook whose
// fences name mermaid, plantuml and console variants.
var lexerCache sync.Map // string -> chroma.Lexer (nil when none)

// plainLanguages are fence languages that mean "no highlighting": chroma
// would find a lexer for some of them by file name (plain.txt), and a
// lexer that disagrees with prose marks it as errors.
var plainLanguages = map[string]bool{"plain": true, "plaintext": true, "text": true, "txt": true, "none": true, "nohighlight": true, "mermaid": true, "plantuml": true, "puml": true, "": true}

// lexerFor is lang's lexer: by name or alias, else by the file extension
// it would be (yml, tf), looked up once per language; nil for plain text.
func lexerFor(lang string) chroma.Lexer {
	if l, ok := lexerCache.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	var lx chroma.Lexer
	if !plainLanguages[strings.ToLower(lang)] {
		lx = lexers.Get(lang)
		if lx != nil && lx.Config() != nil && (lx.Config().Name == "plaintext" || lx.Config().Name == "PlainText") {
			lx = nil
		}
	}
	lexerCache.Store(lang, lx)
	return lx
}

// noErrors turns chroma's error tokens into text: where a lexer does not
// follow the code (a fence labelled with the wrong language, a template
// inside YAML), readers should see the code, not red boxes.
func noErrors(it chroma.Iterator) chroma.Iterator {
	return func() chroma.Token {
		t := it()
		if t.Type == chroma.Error {
			t.Type = chroma.Text
		}
		return t
	}
}

// fenceOptions are Hugo's options after a fence's language
// ({linenos=true hl_lines=[2,"4-5"] linenostart=10}): the formatter
// options they ask for, and whether there were any. Highlighted lines are
// counted from the block's first line, whatever its first number.
func fenceOptions(info []byte) ([]chromahtml.Option, bool) {
	i := bytes.IndexByte(info, '{')
	if i < 0 {
		return nil, false
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(info[i:]))
	if !ok {
		return nil, false
	}
	var opts []chromahtml.Option
	start := 1
	var hl [][2]int
	for _, a := range attrs {
		switch strings.ToLower(string(a.Name)) {
		case "linenos":
			switch v := a.Value.(type) {
			case bool:
				opts = append(opts, chromahtml.WithLineNumbers(v))
			case []byte:
				on := string(v) != "false"
				opts = append(opts, chromahtml.WithLineNumbers(on), chromahtml.LineNumbersInTable(on && string(v) == "table"))
			}
		case "linenostart":
			if f, ok := a.Value.(float64); ok && f >= 0 && f < 1e9 {
				start = int(f)
			}
		case "hl_lines":
			hl = appendLineRanges(hl, a.Value)
		}
	}
	if len(hl) > 0 {
		for k := range hl {
			hl[k][0] += start - 1
			hl[k][1] += start - 1
		}
		opts = append(opts, chromahtml.HighlightLines(hl))
	}
	if start != 1 {
		opts = append(opts, chromahtml.BaseLineNumber(start))
	}
	return opts, len(opts) > 0
}

// appendLineRanges reads hl_lines: a number, "4-5", "2 4-5", or a list
// of those.
func appendLineRanges(out [][2]int, v any) [][2]int {
	switch v := v.(type) {
	case float64:
		if v >= 1 && v < 1e9 {
			out = append(out, [2]int{int(v), int(v)})
		}
	case []byte:
		for _, f := range strings.Fields(string(v)) {
			a, b, isRange := strings.Cut(f, "-")
			x, err1 := strconv.Atoi(a)
			y := x
			var err2 error
			if isRange {
				y, err2 = strconv.Atoi(b)
			}
			if err1 == nil && err2 == nil && x >= 1 && y >= x && y < 1e9 {
				out = append(out, [2]int{x, y})
			}
		}
	case []any:
		for _, e := range v {
			if len(out) >= 1000 {
				break
			}
			out = appendLineRanges(out, e)
		}
	}
	return out
}

func (cr codeRenderer) renderFencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := fenceLanguage(n, source)
	switch diagramKind(lang) {
	case Mermaid:
		if cr.mermaid {
			writeMermaid(w, fenceText(n, source))
			return ast.WalkContinue, nil
		}
	case PlantUML:
		if cr.plantuml != "" {
			writePlantUML(w, cr.plantuml, fenceText(n, source))
			return ast.WalkContinue, nil
		}
	}
	var lexer chroma.Lexer
	if lang != nil && len(lang) <= maxLanguage {
		lexer = lexerFor(string(lang))
	}
	if lexer != nil {
		code := string(fenceText(n, source))
		formatter := codeFormatterFor()
		var info []byte
		if n.Info != nil {
			info = n.Info.Segment.Value(source)
		}
		opts, custom := fenceOptions(info)
		if custom {
			// Rare: a formatter of its own, and not remembered.
			formatter = chromahtml.New(append([]chromahtml.Option{chromahtml.WithClasses(true)}, opts...)...)
		}
		key := string(lang) + "\x00" + code
		if cr.seen != nil && !custom {
			if b, ok := cr.seen.m.Load(key); ok {
				_, _ = w.Write(b.([]byte))
				return ast.WalkContinue, nil
			}
		}
		if it, err := chroma.Coalesce(lexer).Tokenise(nil, code); err == nil {
			var out bytes.Buffer
			if err := formatter.Format(&out, codeStyle, noErrors(it)); err == nil {
				if cr.seen != nil && !custom && cr.seen.again(key) && cr.seen.bytes.Add(int64(out.Len()+len(key))) <= maxHighlighted {
					cr.seen.m.Store(key, out.Bytes())
				}
				_, _ = w.Write(out.Bytes())
				return ast.WalkContinue, nil
			}
		}
	}
	// No lexer: plain, escaped, with the language as a class.
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

// codeFormatterFor is the shared formatter, made once.
func codeFormatterFor() *chromahtml.Formatter {
	codeFormatterOnce.Do(func() {
		codeFormatter = chromahtml.New(chromahtml.WithClasses(true))
		codeStyle = styles.Get("github")
	})
	return codeFormatter
}

// fenceLanguage is a fence's language, without options written against
// it (go{linenos=true}).
func fenceLanguage(n *ast.FencedCodeBlock, source []byte) []byte {
	lang := n.Language(source)
	if i := bytes.IndexByte(lang, '{'); i >= 0 {
		lang = lang[:i]
	}
	return lang
}
