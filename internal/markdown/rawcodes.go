package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
)

// rawCode is a shortcode tag written inside raw HTML (a youtube call in
// a table cell): Hugo expands those, so partnerdocs does too.
type rawCode struct {
	start, end int // in the raw node's text
	sc         *Shortcode
	close      bool
}

// rawCodes finds the shortcode tags in a raw HTML node's text and pairs
// closing tags with their openers. Literal and malformed tags are left
// as text. base is the body offset to search from, for positions.
func rawCodes(text, body []byte, base int) []rawCode {
	if !bytes.Contains(text, []byte("{{<")) && !bytes.Contains(text, []byte("{{%")) {
		return nil
	}
	var out []rawCode
	var open []int
	for i := 0; i < len(text); {
		k := bytes.Index(text[i:], []byte("{{"))
		if k < 0 {
			break
		}
		i += k
		if !isTagStart(text[i:]) {
			i += 2
			continue
		}
		t, n, err := parseTag(text[i:])
		if err != nil || t.literal != nil {
			i += 2
			continue
		}
		off := base
		if j := bytes.Index(body[min(base, len(body)):], text[i:i+n]); j >= 0 {
			off = base + j
		}
		rc := rawCode{start: i, end: i + n, close: t.closing}
		if !t.closing {
			node := newTagNode(t, off).(*scNode)
			rc.sc = node.SC
			open = append(open, len(out))
		} else {
			for j := len(open) - 1; j >= 0; j-- {
				if o := out[open[j]]; o.sc.Name == t.name {
					o.sc.Paired = true
					rc.sc = o.sc
					open = open[:j]
					break
				}
			}
			// A closing tag whose opener is outside this HTML (the opener
			// in Markdown, the close after a </div>) renders nothing:
			// no shortcode text reaches the page.
		}
		out = append(out, rc)
		i += n
	}
	return out
}

// rawStart is the body offset of a raw node's first byte.
func rawStart(n ast.Node) int {
	switch n := n.(type) {
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start
		}
	case *ast.HTMLBlock:
		if n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// rawToken stands for a tag while the raw HTML is sanitised: plain
// letters and digits, which no sanitiser touches.
func rawToken(i int) []byte { return []byte("pdRAWSC" + strconv.Itoa(i) + "x") }

// withTokens replaces each tag with its token.
func withTokens(text []byte, codes []rawCode) []byte {
	var b bytes.Buffer
	last := 0
	for i, c := range codes {
		b.Write(text[last:c.start])
		b.Write(rawToken(i))
		last = c.end
	}
	b.Write(text[last:])
	return b.Bytes()
}

// placeTokens swaps the tokens for the shortcodes' placeholders.
func placeTokens(out []byte, codes []rawCode, r *marker) []byte {
	// Marks are made in document order: a closing tag's names its
	// opener's number.
	marks := make([][]byte, len(codes))
	for i, c := range codes {
		switch {
		case c.sc == nil: // a stray closing tag: nothing
		case c.close:
			marks[i] = r.close(c.sc)
		default:
			marks[i] = r.open(c.sc)
		}
	}
	for i := len(codes) - 1; i >= 0; i-- {
		out = bytes.Replace(out, rawToken(i), marks[i], 1)
	}
	return out
}
