package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// ids generates heading ids the way GitHub does, keeping letters of every
// script: "Überblick" is "überblick" and "概要" is "概要", where goldmark's
// default would drop them ("berblick", "heading"). A repeated heading gets
// -1, -2 after its id.
type ids struct {
	used map[string]bool
}

func newIDs() parser.IDs { return &ids{used: map[string]bool{}} }

// Slug turns heading text into an id.
func Slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

func newContext() parser.Context { return parser.NewContext(parser.WithIDs(newIDs())) }
