package markdown

import (
	"bytes"
	"strings"
)

// Tidy collapses white space to single spaces, trims it at both ends, and
// takes out a space before closing punctuation or after an opening
// bracket ("the MDF terms ." after a link): snippets and clauses read as
// the page does. A tidy string is returned as it is, not copied: the
// scan's text is written tidy, so the sections search cuts from it share
// its bytes instead of holding a second copy of every page's text.
func Tidy(s string) string {
	if isTidy(s) {
		return s
	}
	var b bytes.Buffer
	b.Grow(len(s))
	t := tidyText{b: &b}
	t.write([]byte(s))
	return b.String()
}

// isTidy reports whether Tidy would leave s as it is.
func isTidy(s string) bool {
	space := false
	last := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if i == 0 || space {
				return false
			}
			space = true
			continue
		}
		if isWhite(c) || space && spaceless(last, c) {
			return false
		}
		space, last = false, c
	}
	return !space
}

// spaceless reports whether no space goes between last and c.
func spaceless(last, c byte) bool {
	return strings.IndexByte(".,;:!?)]", c) >= 0 || last == '(' || last == '['
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// tidyText writes text by Tidy's rules as it comes: a space is owed
// (sep) and written only before a character that takes one.
type tidyText struct {
	b     *bytes.Buffer
	owed  bool
	last  byte
	dirty bool // anything written yet
}

// sep owes a space before whatever is written next.
func (t *tidyText) sep() { t.owed = t.dirty }

// flush writes an owed space now.
func (t *tidyText) flush() {
	if t.owed {
		t.b.WriteByte(' ')
		t.owed = false
	}
}

func (t *tidyText) write(p []byte) {
	for len(p) > 0 {
		c := p[0]
		if isWhite(c) {
			t.sep()
			p = p[1:]
			continue
		}
		if t.owed && !spaceless(t.last, c) {
			t.b.WriteByte(' ')
		}
		t.owed = false
		// The rest of the word in one write.
		n := 1
		for n < len(p) && !isWhite(p[n]) {
			n++
		}
		t.b.Write(p[:n])
		t.last, t.dirty = p[n-1], true
		p = p[n:]
	}
}
