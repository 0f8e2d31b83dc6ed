package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/partnerdocs/partnerdocs/internal/urlsafe"
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
	base := Slug(HeadingText(string(value)))
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

var (
	headingTagRe   = regexp.MustCompile(`<[^>]*>`)
	headingLinkRe  = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	headingEmphRe  = regexp.MustCompile(`(^|[\s(])[_*]+|[_*]+($|[\s).,:;!?])`)
	headingEntRe   = regexp.MustCompile(`&[a-zA-Z]+;|&#[0-9]+;`)
	headingAttrRe  = regexp.MustCompile(`\s*\{[#.][^}]*\}\s*$`)
	headingShortRe = regexp.MustCompile(`\{\{[<%].*?[%>]\}\}`)
)

// HeadingText is the text of a heading as written in Markdown, without
// its markup: inline HTML tags, link and image targets, emphasis marks,
// code ticks, entities and shortcode calls. Hugo makes heading ids from
// this text, so `## <i class="x"></i>Our data` has the id "our-data".
func HeadingText(src string) string {
	if !strings.ContainsAny(src, "<[*_`&{") {
		return src // plain words: nothing to strip
	}
	s := headingAttrRe.ReplaceAllString(src, "")
	s = headingShortRe.ReplaceAllString(s, "")
	s = headingTagRe.ReplaceAllString(s, "")
	s = headingLinkRe.ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, "`", "")
	s = headingEntRe.ReplaceAllString(s, "")
	for i := 0; i < 2; i++ {
		s = headingEmphRe.ReplaceAllString(s, "$1$2")
	}
	return s
}

// HeadingID is the id Hugo's anchorize and heading ids give a text.
func HeadingID(text string) string { return Slug(HeadingText(text)) }

// SafeDest keeps a link's address as written unless it is a script
// address (javascript:, vbscript:, a data: URL but an image's), which
// loses its address and keeps its text.
func SafeDest(dest string, kind LinkKind) (string, bool) {
	if urlsafe.Dangerous(dest, kind == KindImage) {
		return "", false
	}
	return dest, true
}

// StripTags removes every tag from an HTML fragment, keeping its text.
func StripTags(s string) string { return headingTagRe.ReplaceAllString(s, "") }
