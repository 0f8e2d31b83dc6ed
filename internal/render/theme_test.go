package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// A site's theme replaces a part's partial by file, and a partial that
// fails to run is an error that names it (the build fails with it)
// rather than a page with half a table.
func TestDrawSiteParts(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("themes/brand/layouts/partials/pointer.html", `<p class="brand">{{.Text}}</p>`)
	write("themes/brand/layouts/partials/callout.html", `{{.Missing.Field}}`)
	th, err := LoadTheme(root, "brand", "/", words.Default("en"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := th.Draw(site.Part{Partial: "pointer.html", Data: map[string]string{"Text": "Hi <you>"}})
	if err != nil || string(got) != `<p class="brand">Hi &lt;you&gt;</p>` {
		t.Errorf("site pointer.html: %q, %v", got, err)
	}
	if _, err := th.Draw(site.Part{Partial: "callout.html", Data: struct{ Color string }{"info"}}); err == nil || !strings.Contains(err.Error(), "callout.html") {
		t.Errorf("a failing partial: %v, want an error naming callout.html", err)
	}
	if _, err := th.Draw(site.Part{Partial: "no-such.html"}); err == nil {
		t.Error("a missing partial drew")
	}
}

// A theme is parsed once for what it is made from: loading it again
// gives the same theme, and a changed file, other words or another base
// path give another.
func TestThemeParsedOnce(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "themes", "brand", "layouts", "partials", "pointer.html")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`<p>{{.Text}}</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	load := func(base, lang string) *Theme {
		t.Helper()
		th, err := LoadTheme(root, "brand", base, words.Default(lang))
		if err != nil {
			t.Fatal(err)
		}
		return th
	}
	a := load("/", "en")
	if load("/", "en") != a {
		t.Error("the same theme was parsed again")
	}
	if load("/docs/", "en") == a || load("/", "de") == a {
		t.Error("another base path or other words gave the same theme")
	}
	if err := os.WriteFile(p, []byte(`<p class="x">{{.Text}}</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	b := load("/", "en")
	got, err := b.Draw(site.Part{Partial: "pointer.html", Data: map[string]string{"Text": "Hi"}})
	if b == a || err != nil || string(got) != `<p class="x">Hi</p>` {
		t.Errorf("after the partial changed: same theme %v, drew %q (%v)", b == a, got, err)
	}
}
