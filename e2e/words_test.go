package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
)

// TestGermanPagesInGerman walks every page of the example's German build
// that is translated (a page showing the English text says so in a
// notice) and fails on any piece of text that is a word of the theme's
// English table whose German differs: the matrices, tier, benefit,
// designation and certification pages, the guide, what changed and the
// self-check all print from the one table.
func TestGermanPagesInGerman(t *testing.T) {
	t.Parallel()
	dest, _ := servedExample(t)
	// The internal build too: it has the content report.
	internal := exampleOut(t, "internal")
	read := func(code string) map[string]string {
		b, err := os.ReadFile(filepath.Join(repoRoot, "themes", "default", "i18n", code+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en, de := read("en"), read("de")
	// The English words, cut at their placeholders: a text node that is
	// one of them, or holds one of several words, is English the theme
	// printed.
	ph := regexp.MustCompile(`\{\d\}`)
	whole, within := map[string]string{}, map[string]string{}
	germanPieces := map[string]bool{}
	for _, v := range de {
		for _, p := range ph.Split(v, -1) {
			germanPieces[strings.TrimSpace(p)] = true
		}
	}
	for k, v := range en {
		if de[k] == v || strings.HasPrefix(k, "js_") || strings.HasPrefix(k, "sc_") || strings.HasPrefix(k, "digest_") || strings.HasPrefix(k, "month_") {
			continue
		}
		for _, p := range ph.Split(v, -1) {
			p = strings.Trim(p, " :,.()")
			letters := strings.IndexFunc(p, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
			if !letters || len(p) < 3 || germanPieces[p] {
				continue
			}
			whole[p] = k
			if strings.Count(p, " ") >= 2 {
				within[p] = k
			}
		}
	}
	pages, found := 0, map[string][]string{}
	walk := func(dest string) error {
		return filepath.WalkDir(filepath.Join(dest, "de"), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if strings.Contains(string(b), "fallback-notice") || strings.Contains(string(b), `http-equiv="refresh"`) {
				return nil
			}
			pages++
			rel, _ := filepath.Rel(dest, path)
			for _, text := range textNodes(t, string(b)) {
				s := strings.Trim(strings.TrimSpace(text), " :,.()")
				if k, ok := whole[s]; ok {
					found[k+": "+s] = append(found[k+": "+s], rel)
					continue
				}
				for p, k := range within {
					if strings.Contains(text, p) {
						found[k+": "+p] = append(found[k+": "+p], rel)
					}
				}
			}
			return nil
		})
	}
	var err error
	for _, d := range []string{dest, internal} {
		if err = walk(d); err != nil {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	// What changed compares a page with itself in one language: the MDF
	// terms translated this year are not every clause struck through.
	if b, err := os.ReadFile(filepath.Join(dest, "de", "fy2026", "changes", "index.html")); err != nil || strings.Contains(string(b), "<del>Market development funds</del>") || !strings.Contains(string(b), "<del>three</del>") {
		t.Errorf("the German changes page compares across languages (or lost its redline): %v", err)
	}
	if pages < 20 {
		t.Fatalf("only %d translated German pages", pages)
	}
	var keys []string
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("English on %d German pages (%s), first %s", len(found[k]), k, found[k][0])
	}
}

// textNodes are the text a reader sees in a page: not scripts, styles or
// code.
func textNodes(t *testing.T, page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "code", "pre", "svg", "head":
				return
			}
			// Text marked as another language's (a part of the guide not
			// translated yet) is not the theme's to translate.
			for _, a := range n.Attr {
				if a.Key == "lang" && n.Data != "html" && !strings.HasPrefix(a.Val, "de") {
					return
				}
			}
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}
