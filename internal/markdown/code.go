package markdown

import (
	"bytes"
	"hash/maphash"
	"sync"
	"sync/atomic"

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
//
// Highlighted blocks are remembered by language and code for the life of
// the engine (one build): chroma's lexers are regular-expression machines,
// and the same snippet (an install command, a config file) often appears
// on many pages. The cache is bounded.
type codeRenderer struct{ seen *highlighted }

type highlighted struct {
	m     sync.Map // language + "\x00" + code -> []byte
	bytes atomic.Int64
	// once holds hashes of the blocks met one time. A block is kept only
	// when it is met again: kept at first sight, 10,000 distinct blocks
	// were 25 MB live through a whole build, for the collector to mark
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
// matches it against every lexer's file-name patterns, which took 2 s for
// a fence with a 4,000-character info string (found by FuzzMarkdown).
// Real language names are short; a longer one renders as plain code.
const maxLanguage = 64

// lexerCache remembers each language's lexer, and languages that have
// none: chroma looks an unknown name up against every lexer's file-name
// patterns, which was 7 of 52 s of CPU building a 4,000-page handbook
// whose fences name mermaid, plantuml and console variants.
var lexerCache sync.Map // string -> chroma.Lexer (nil when none)

func lexerFor(lang string) chroma.Lexer {
	if l, ok := lexerCache.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	lexerCache.Store(lang, lx)
	return lx
}

func (cr codeRenderer) renderFencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := n.Language(source)
	var lexer chroma.Lexer
	if lang != nil && len(lang) <= maxLanguage {
		lexer = lexerFor(string(lang))
	}
	if lexer != nil {
		var code bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			code.Write(seg.Value(source))
		}
		key := string(lang) + "\x00" + code.String()
		if cr.seen != nil {
			if b, ok := cr.seen.m.Load(key); ok {
				_, _ = w.Write(b.([]byte))
				return ast.WalkContinue, nil
			}
		}
		if it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String()); err == nil {
			codeFormatterOnce.Do(func() {
				codeFormatter = chromahtml.New(chromahtml.WithClasses(true))
				codeStyle = styles.Get("github")
			})
			var out bytes.Buffer
			if err := codeFormatter.Format(&out, codeStyle, it); err == nil {
				if cr.seen != nil && cr.seen.again(key) && cr.seen.bytes.Add(int64(out.Len()+len(key))) <= maxHighlighted {
					cr.seen.m.Store(key, out.Bytes())
				}
				_, _ = w.Write(out.Bytes())
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
