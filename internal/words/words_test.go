package words

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/partnerdocs/partnerdocs/themes"
)

// TestTablesComplete fails when a language table of the default theme
// misses a word the English one has (a page would show the key), or has
// one English does not (a word nothing prints).
func TestTablesComplete(t *testing.T) {
	read := func(code string) map[string]string {
		b, err := fs.ReadFile(themes.Default, "default/i18n/"+code+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.yaml: %v", code, err)
		}
		return m
	}
	en := read("en")
	if len(en) < 200 {
		t.Fatalf("en.yaml has %d words", len(en))
	}
	entries, err := fs.ReadDir(themes.Default, "default/i18n")
	if err != nil {
		t.Fatal(err)
	}
	langs := 0
	for _, e := range entries {
		code := strings.TrimSuffix(e.Name(), ".yaml")
		if code == "en" {
			continue
		}
		langs++
		m := read(code)
		for k, v := range en {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.yaml has no %q", code, k)
			}
			// A placeholder the English word fills must be filled in
			// every language, or a figure goes missing.
			for i := 0; i < 3; i++ {
				ph := "{" + string(rune('0'+i)) + "}"
				if strings.Contains(v, ph) && !strings.Contains(m[k], ph) {
					t.Errorf("%s.yaml %q lacks %s", code, k, ph)
				}
			}
		}
		for k := range m {
			if _, ok := en[k]; !ok {
				t.Errorf("%s.yaml has %q, which en.yaml does not", code, k)
			}
		}
	}
	if langs < 2 {
		t.Errorf("want the German and Japanese tables, found %d", langs)
	}
}

// TestLayers: dates follow the language, the site's theme and the site
// override the default theme's words in that order, a regional code
// falls back to its language, and a key no table has shows as itself.
func TestLayers(t *testing.T) {
	root := t.TempDir()
	write(t, root, "themes/brand/i18n/de.yaml", "news: Meldungen\nmenu: Navigation\n")
	write(t, root, "i18n/de.yaml", "news: Aktuelles\n")
	write(t, root, "i18n/en.yaml", "search: Find\n")
	for _, c := range []struct{ lang, date, news, menu, search string }{
		{"en", "5 January 2026", "News", "Menu", "Find"},
		{"de", "5. Januar 2026", "Aktuelles", "Navigation", "Suchen"},
		{"de-AT", "5. Januar 2026", "Aktuelles", "Navigation", "Suchen"},
		{"ja", "2026年1月5日", "お知らせ", "メニュー", "検索"},
		{"fr", "5 January 2026", "News", "Menu", "Find"},
	} {
		w, err := Load(root, "brand", c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Date("2026-01-05"); got != c.date {
			t.Errorf("%s date: %q, want %q", c.lang, got, c.date)
		}
		for key, want := range map[string]string{"news": c.news, "menu": c.menu, "search": c.search, "no_such_key": "no_such_key"} {
			if got := w.T(key); got != want {
				t.Errorf("%s %s: %q, want %q", c.lang, key, got, want)
			}
		}
	}
	if got := Default("de").T("months_in_tier", 12, "Select"); got != "12 Monate in Select" {
		t.Errorf("placeholders: %q", got)
	}
}

// TestHugoForms: a site moved from Hugo keeps its i18n files as they
// are, in either of Hugo's forms.
func TestHugoForms(t *testing.T) {
	root := t.TempDir()
	write(t, root, "i18n/en.yaml", "news:\n  other: Updates\nmenu: {one: Item, other: Items}\n")
	write(t, root, "i18n/de.yaml", "- id: news\n  translation: Neues\n- id: menu\n  translation:\n    other: Einträge\n")
	en, err := Load(root, "", "en")
	if err != nil {
		t.Fatal(err)
	}
	de, err := Load(root, "", "de")
	if err != nil {
		t.Fatal(err)
	}
	if en.T("news") != "Updates" || en.T("menu") != "Items" || de.T("news") != "Neues" || de.T("menu") != "Einträge" {
		t.Errorf("en %q %q, de %q %q", en.T("news"), en.T("menu"), de.T("news"), de.T("menu"))
	}
}

// TestBadFiles: a broken table is an error naming its file and line,
// never a panic or a table silently missing its words.
func TestBadFiles(t *testing.T) {
	for name, c := range map[string]struct{ text, want string }{
		"syntax":   {"news: [unclosed\n", "i18n/de.yaml: yaml: line 1"},
		"list":     {"news:\n  - a\n  - b\n", `i18n/de.yaml:2:3: "news": want a word`},
		"no other": {"news:\n  one: a\n", `i18n/de.yaml:2:3: "news": want a word, or a map with "other"`},
		"scalar":   {"just words\n", "i18n/de.yaml:1:1: want a map"},
		"bad list": {"- news\n", `i18n/de.yaml:1:3: want entries with "id" and "translation"`},
	} {
		root := t.TempDir()
		write(t, root, "i18n/de.yaml", c.text)
		_, err := Load(root, "", "de")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	root := t.TempDir()
	write(t, root, "i18n/de.yaml", "")
	if w, err := Load(root, "", "de"); err != nil || w.T("news") != "Neuigkeiten" {
		t.Errorf("an empty file: %v, %q", err, w.T("news"))
	}
}

// TestDigest: a changed word changes the digest, so caches of drawn
// pages are not served with the old word.
func TestDigest(t *testing.T) {
	root := t.TempDir()
	a, _ := Load(root, "", "de")
	write(t, root, "i18n/de.yaml", "news: Aktuelles\n")
	b, _ := Load(root, "", "de")
	if a.Digest() == b.Digest() || a.Digest() != Default("de").Digest() {
		t.Error("digest does not follow the words")
	}
}

// FuzzLayer: no file, however broken, panics the loader.
func FuzzLayer(f *testing.F) {
	f.Add([]byte("news: x\n"))
	f.Add([]byte("- id: a\n  translation: b\n"))
	f.Add([]byte("a: {other: {other: c}}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb := &Table{m: map[string]string{}}
		_ = tb.layer("i18n/x.yaml", b)
	})
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestJSON: the scripts get the words of their prefix only, the same on
// every call.
func TestJSON(t *testing.T) {
	w := Default("de")
	got := w.JSON("js_")
	if !strings.Contains(got, `"js_copy":"Kopieren"`) || strings.Contains(got, `"news"`) || w.JSON("js_") != got {
		t.Errorf("JSON(js_) = %s", got)
	}
	if w.JSON("sc_") == got {
		t.Error("another prefix gives the same words")
	}
}
