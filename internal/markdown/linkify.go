package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// quickLinkify is GFM's bare-URL parser behind a cheap test. goldmark
// calls linkify after every space of every paragraph, and its own test
// (four prefix compares and an email scan) was a tenth of check's CPU. A bare link can only start with "http:", "https:",
// "ftp:" or "www.", or be an email whose local part (at most 64 bytes)
// ends in '@'; anything else is declined before goldmark looks, so
// the links found are exactly goldmark's (TestQuickLinkifyMatches).
var (
	prefixHTTP = []byte("http") // "http:" and "https:"
	prefixFTP  = []byte("ftp:")
	prefixWWW  = []byte("www.")
)

type quickLinkify struct {
	inner parser.InlineParser
}

func newQuickLinkify() quickLinkify {
	return quickLinkify{inner: extension.NewLinkifyParser()}
}

func (q quickLinkify) Trigger() []byte { return q.inner.Trigger() }

// linkifyMemo remembers whether the block being parsed holds anything
// linkify could match: goldmark calls it at each space of the block, and
// most blocks hold no URL and no '@' at all.
type linkifyMemo struct {
	block ast.Node
	maybe bool
}

var linkifyMemoKey = parser.NewContextKey()

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	m, _ := pc.Get(linkifyMemoKey).(*linkifyMemo)
	if m == nil {
		m = &linkifyMemo{}
		pc.Set(linkifyMemoKey, m)
	}
	if m.block != parent {
		m.block, m.maybe = parent, blockMayLinkify(parent.Lines(), block.Source())
	}
	if !m.maybe {
		return nil
	}
	line, _ := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	// The same trigger characters goldmark steps over; at a line head
	// the first byte is already the text.
	if c := line[0]; c == ' ' || c == '*' || c == '_' || c == '~' || c == '(' {
		line = line[1:]
	}
	if len(line) == 0 {
		return nil
	}
	if bytes.HasPrefix(line, prefixHTTP) || bytes.HasPrefix(line, prefixFTP) || bytes.HasPrefix(line, prefixWWW) {
		if i := bytes.Index(line, []byte("{{")); i > 0 && !bytes.ContainsAny(line[:i], " \t\r\n<") && q.linksWhole(line[:i], pc) {
			// A shortcode inside the address (…/blob/{{< param v >}}/x):
			// Hugo expands it before Markdown; here the address ends
			// before it, and the shortcode renders in place.
			whole, seg := block.PeekLine()
			if skip := len(whole) - len(line); skip > 0 {
				// The trigger character before the address is text.
				ast.MergeOrAppendTextSegment(parent, seg.WithStop(seg.Start+skip))
				block.Advance(skip)
				seg = seg.WithStart(seg.Start + skip)
			}
			n := ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+i)))
			if bytes.HasPrefix(line, prefixWWW) {
				// As GFM's: www.x.example/ is http://www.x.example/.
				n.Protocol = []byte("http")
			}
			block.Advance(i)
			return n
		}
		return q.inner.Parse(parent, block, pc)
	}
	if bytes.IndexByte(line[:min(len(line), 65)], '@') < 0 {
		return nil
	}
	return q.inner.Parse(parent, block, pc)
}

// linksWhole reports whether GFM's linkify makes all of addr (the text
// before a shortcode) one link: "ftp:" or "www.x" alone is no address,
// and stays text as it would without the shortcode.
func (q quickLinkify) linksWhole(addr []byte, pc parser.Context) bool {
	r := text.NewReader(addr)
	n := q.inner.Parse(ast.NewParagraph(), r, pc)
	if _, ok := n.(*ast.AutoLink); !ok {
		return false
	}
	rest, _ := r.PeekLine()
	return len(rest) == 0
}

// mayLinkify reports whether src holds one of the prefixes a bare link
// starts with, or an '@'.
func mayLinkify(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, prefixHTTP) || bytes.Contains(src, prefixFTP) || bytes.Contains(src, prefixWWW)
}

// blockMayLinkify is mayLinkify for a block's lines, searched as one span
// of the source: what lies between them (a quote's '>', a list's indent)
// can only make the answer yes, and then linkify decides.
func blockMayLinkify(lines *text.Segments, src []byte) bool {
	if lines.Len() == 0 {
		return false
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	if first.Start < 0 || last.Stop > len(src) || first.Start > last.Stop {
		return true
	}
	return mayLinkify(src[first.Start:last.Stop])
}
