package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/partnerdocs/partnerdocs/themes"
)

// TestStringTablesComplete fails when a language table of the default
// theme misses a word the English one has (a page would show the key).
func TestStringTablesComplete(t *testing.T) {
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
	if len(en) < 50 {
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
		for k := range en {
			if m[k] == "" {
				t.Errorf("%s.yaml has no %q", code, k)
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

// TestStringsDatesAndOverrides: dates follow the language, a site's
// i18n file overrides a word, and a key no table has shows as itself.
func TestStringsDatesAndOverrides(t *testing.T) {
	files := map[string][]byte{}
	for _, code := range []string{"en", "de", "ja"} {
		b, err := fs.ReadFile(themes.Default, "default/i18n/"+code+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		files["i18n/"+code+".yaml"] = b
	}
	root := t.TempDir()
	writeTestFile(t, root, "i18n/de.yaml", "news: Aktuelles\n")
	for _, c := range []struct{ lang, date, news string }{
		{"en", "5 January 2026", "News"}, {"de", "5. Januar 2026", "Aktuelles"}, {"ja", "2026年1月5日", "お知らせ"}, {"fr", "5 January 2026", "News"},
	} {
		s, err := loadStrings(files, root, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Date("2026-01-05"); got != c.date {
			t.Errorf("%s date: %q, want %q", c.lang, got, c.date)
		}
		if got := s.T("news"); got != c.news {
			t.Errorf("%s news: %q, want %q", c.lang, got, c.news)
		}
		if got := s.T("no_such_key"); got != "no_such_key" {
			t.Errorf("%s missing key: %q", c.lang, got)
		}
	}
}

func writeTestFile(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPrintCSS: a printed page's running header holds any title as a CSS
// string (a colon made the template's escaper print its placeholder), in
// the page's language, and nothing in it can end the style element.
func TestPrintCSS(t *testing.T) {
	files := map[string][]byte{}
	for _, code := range []string{"en", "de"} {
		b, _ := fs.ReadFile(themes.Default, "default/i18n/"+code+".yaml")
		files["i18n/"+code+".yaml"] = b
	}
	de, err := loadStrings(files, "", "de")
	if err != nil {
		t.Fatal(err)
	}
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
