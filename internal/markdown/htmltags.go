package markdown

import (
	"bytes"

	"golang.org/x/net/html"
)

// tagAttr is one attribute of a start tag in a piece of HTML: the tag's
// and the attribute's names (lower case) and where its value is
// ([Start, End) in the piece, without quotes). Quoted is false for an
// unquoted value (href=x.md), which a rewrite must quote.
type tagAttr struct {
	Tag, Name  string
	Start, End int
	Quoted     bool
}

// eachAttr calls f for each attribute of each start tag of b, as a
// browser's tokenizer reads them: comments, doctypes, end tags and text
// (a <script>'s or <textarea>'s included) hold none, and values may be
// double-quoted, single-quoted or bare. Attribute values are the raw
// bytes (callers unescape them: &amp; is &). A regular expression read
// links inside comments and missed bare values.
func eachAttr(b []byte, f func(a tagAttr)) {
	if bytes.IndexByte(b, '<') < 0 || bytes.IndexByte(b, '=') < 0 {
		return
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			tagAttrs(raw, pos, f)
		}
		pos += len(raw)
	}
}

// tagAttrs reads the attributes of one raw start tag (<a href=x id="y">)
// found at base.
func tagAttrs(raw []byte, base int, f func(a tagAttr)) {
	i := 1
	for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	tag := string(bytes.ToLower(raw[1:i]))
	for i < len(raw) {
		for i < len(raw) && (isTagSpace(raw[i]) || raw[i] == '/') {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			return
		}
		ns := i
		// An attribute name may start with '=' (the HTML tokenizer's
		// rule); it ends at space, '/', '>' or the '=' after it.
		i++
		for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' && raw[i] != '=' {
			i++
		}
		name := string(bytes.ToLower(raw[ns:i]))
		j := i
		for j < len(raw) && isTagSpace(raw[j]) {
			j++
		}
		if j >= len(raw) || raw[j] != '=' {
			continue // no value
		}
		j++
		for j < len(raw) && isTagSpace(raw[j]) {
			j++
		}
		if j >= len(raw) {
			return
		}
		switch q := raw[j]; q {
		case '"', '\'':
			end := bytes.IndexByte(raw[j+1:], q)
			if end < 0 {
				return
			}
			f(tagAttr{Tag: tag, Name: name, Start: base + j + 1, End: base + j + 1 + end, Quoted: true})
			i = j + 1 + end + 1
		default:
			vs := j
			for j < len(raw) && !isTagSpace(raw[j]) && raw[j] != '>' {
				j++
			}
			f(tagAttr{Tag: tag, Name: name, Start: base + vs, End: base + j})
			i = j
		}
	}
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
