package glossary

import (
	"bytes"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// View is what the theme's glossary-term.html draws for one marked use.
type View struct {
	// Text is the words as the page writes them (already HTML: the
	// page's own escaped text, with no tags).
	Text template.HTML
	// Term, Definition and URL are the entry's; ID is the id the
	// definition takes on the page ("term-" and the entry's anchor).
	Term, Definition, URL, ID string
}

// skipped are the elements whose text is never marked: a definition
// inside a link, a heading, code or a control would be in the way of
// what the element does, and a table of contents reads headings.
var skipped = map[string]bool{
	"a": true, "abbr": true, "button": true, "code": true, "dfn": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"kbd": true, "label": true, "math": true, "option": true, "pre": true, "samp": true, "script": true, "select": true, "style": true,
	"summary": true, "svg": true, "template": true, "textarea": true, "title": true,
}

// Mark returns the page HTML h with the first use of each term drawn by
// draw; h itself when no term is used.
func (g *Glossary) Mark(h []byte, draw func(View) ([]byte, error)) ([]byte, error) {
	if g == nil || !g.anyIn(h) {
		return h, nil
	}
	done := map[*Term]bool{}
	var out bytes.Buffer
	out.Grow(len(h) + 512)
	z := html.NewTokenizer(bytes.NewReader(h))
	depth, n := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// The end, perhaps in the middle of a tag: what the tokenizer
			// did not return as a token is copied as it is.
			out.Write(h[n:])
			break
		}
		raw := z.Raw()
		n += len(raw)
		switch tt {
		case html.StartTagToken:
			if name, _ := z.TagName(); skipped[string(name)] {
				depth++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); skipped[string(name)] && depth > 0 {
				depth--
			}
		case html.TextToken:
			if depth == 0 && len(done) < len(g.Terms) {
				if err := g.markText(&out, raw, done, draw); err != nil {
					return nil, err
				}
				continue
			}
		}
		out.Write(raw)
	}
	return out.Bytes(), nil
}

// anyIn reports whether any form of a term is in h at all: most pages of
// a large site use none, and are not tokenized. It makes one pass over
// the page, looking up the first byte of each word in the table of the
// forms' first bytes, rather than searching the page once per form
// (docs/BENCHMARKS.md, "Measured choices").
func (g *Glossary) anyIn(h []byte) bool {
	for i, c := range h {
		ws := g.byFirst[c]
		if ws == nil || (i > 0 && asciiWord(h[i-1])) {
			// A use starts a word: most letters are inside one.
			continue
		}
		for _, w := range ws {
			if len(h)-i >= len(w) && string(h[i:i+len(w)]) == w {
				return true
			}
		}
	}
	return false
}

// asciiWord reports whether b is an ASCII letter or digit: a byte that
// continues a word (wordRune's rule, for the bytes a pass can judge alone).
func asciiWord(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// markText writes one text token with the first use of each term not yet
// marked drawn in place.
func (g *Glossary) markText(out *bytes.Buffer, text []byte, done map[*Term]bool, draw func(View) ([]byte, error)) error {
	s := string(text)
	for s != "" {
		at, n, t := g.first(s, done)
		if t == nil {
			break
		}
		out.WriteString(s[:at])
		b, err := draw(View{Text: template.HTML(s[at : at+n]), Term: t.Term, Definition: t.Definition, URL: t.URL, ID: "term-" + t.ID})
		if err != nil {
			return err
		}
		out.Write(b)
		done[t] = true
		s = s[at+n:]
	}
	out.WriteString(s)
	return nil
}

// first finds the earliest use in s of a term not yet marked: its offset,
// length and term (nil when there is none). At the same offset the
// longer form wins, as forms are sorted longest first.
func (g *Glossary) first(s string, done map[*Term]bool) (int, int, *Term) {
	best, bestN := -1, 0
	var bestT *Term
	for _, f := range g.forms {
		if done[f.term] {
			continue
		}
		for _, w := range [2]string{f.text, f.swapped} {
			if at, n := find(s, w); at >= 0 && (best < 0 || at < best) {
				best, bestN, bestT = at, n, f.term
			}
			if f.swapped == f.text {
				break
			}
		}
	}
	return best, bestN, bestT
}

// find is the first use of w in s as a word of its own: not inside a
// longer word, with a plural s allowed after it. It returns the offset
// and length of the use, or -1.
func find(s, w string) (int, int) {
	from := 0
	for {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1, 0
		}
		at := from + i
		end := at + len(w)
		if end < len(s) && s[end] == 's' && !wordAt(s, end+1) {
			end++
		}
		if !wordBefore(s, at) && !wordAt(s, end) {
			return at, end - at
		}
		from = at + 1
		for from < len(s) && !utf8.RuneStart(s[from]) {
			from++
		}
	}
}

// wordRune reports whether r continues a word. Han, kana and Hangul do
// not: languages written in them put no spaces between words, so a term
// is found wherever it is written.
func wordRune(r rune) bool {
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return wordRune(r)
}

func wordBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return wordRune(r)
}
