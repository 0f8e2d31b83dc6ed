// Package testtheme draws parts with the default theme in tests, as a
// build would. It is apart from testsite because the render, which it
// loads the theme with, is itself tested with testsite.
package testtheme

import (
	"sync"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/words"

	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

var theme struct {
	once sync.Once
	t    *render.Theme
	err  error
}

// Theme is the default theme, in English at the base path "/", which
// draws parts in tests as a build would. It is loaded once: a theme is
// never changed after it is loaded.
func Theme(t testing.TB) *render.Theme {
	t.Helper()
	theme.once.Do(func() { theme.t, theme.err = render.LoadTheme("", "default", "/", words.Default("en")) })
	if theme.err != nil {
		t.Fatal(theme.err)
	}
	return theme.t
}

// Draw draws a part with the default theme.
func Draw(t testing.TB, p site.Part) string {
	t.Helper()
	b, err := Theme(t).Draw(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Render renders a shortcode call as the render does, drawing its part
// (when it has one) with the default theme.
func Render(t testing.TB, set interface {
	Render(site.Drawer, *site.Page, *markdown.Shortcode, []byte) ([]byte, error)
}, p *site.Page, sc *markdown.Shortcode, inner []byte) []byte {
	t.Helper()
	out, err := set.Render(Theme(t), p, sc, inner)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
