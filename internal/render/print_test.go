package render

import (
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/words"
)

// TestPrintCSS: a printed page's running header holds any title as a CSS
// string (a colon made the template's escaper print its placeholder), in
// the page's language, and nothing in it can end the style element.
func TestPrintCSS(t *testing.T) {
	de := words.Default("de")
	v := View{Title: `Reseller-Programm: "Handbuch" </style><script>`, Site: SiteInfo{Title: "Portal", Built: "2026-12-02"}, words: de}
	got := string(v.PrintCSS())
	for _, want := range []string{`@top-right { content: "Reseller-Programm: \22 Handbuch\22  \3c /style\3e \3c script\3e "; }`, `content: "Seite " counter(page) " von " counter(pages);`} {
		if !strings.Contains(got, want) {
			t.Errorf("PrintCSS lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<") || strings.Contains(got, "ZgotmplZ") {
		t.Errorf("PrintCSS: %s", got)
	}
}
