package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/markdown"

	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

const cfg = "title: T\nportal: content/portal\nversions:\n  - {name: v1, path: content/v1, latest: true}\n"

func load(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	files["config.yaml"] = cfg
	files["content/portal/_index.md"] = "---\ntitle: Home\n---\n"
	s, d := testsite.Load(t, files)
	if d.HasErrors() {
		t.Fatal(d.Items())
	}
	return s
}

func TestSections(t *testing.T) {
	s := load(t, map[string]string{
		"content/v1/guides/_index.md": "---\ntitle: Guides\nweight: 2\n---\n",
		"content/v1/guides/b.md":      "---\ntitle: Bravo\n---\n",
		"content/v1/guides/a.md":      "---\ntitle: Alpha\nweight: 5\n---\n",
		"content/v1/guides/c.md":      "---\ntitle: Charlie\nweight: -1\n---\n",
		"content/v1/terms/mdf.md":     "---\ntitle: MDF\nweight: 1\n---\n",
	})
	v := s.Version("v1")
	var got []string
	for _, c := range v.Root.Children {
		var names []string
		for _, p := range c.Pages {
			names = append(names, p.Title)
		}
		got = append(got, c.Title+":"+strings.Join(names, ","))
	}
	// Weight, then title; a folder without an index takes its name.
	if want := "Terms:MDF Guides:Charlie,Bravo,Alpha"; strings.Join(got, " ") != want {
		t.Errorf("sections %q, want %q", strings.Join(got, " "), want)
	}
	if s.Latest != v || s.Version("") != s.Portal || len(s.All()) != 2 {
		t.Error("latest, portal or All wrong")
	}
}

func TestLookup(t *testing.T) {
	s := load(t, map[string]string{
		"content/v1/terms/mdf.md": "---\ntitle: MDF\naliases: [terms/market-funds]\n---\n",
		"content/v1/terms/old.md": "---\ntitle: Old\naudience: internal\naliases: [terms/older]\n---\n",
	})
	v := s.Version("v1")
	for _, c := range []struct {
		id   string
		want string
	}{{"terms/mdf", "MDF"}, {"terms/market-funds", "MDF"}, {"terms/nope", ""}, {"terms/old", ""}} {
		t.Run(c.id, func(t *testing.T) {
			p := v.Lookup(c.id)
			if (p == nil && c.want != "") || (p != nil && p.Title != c.want) {
				t.Errorf("Lookup(%s) = %v, want %q", c.id, p, c.want)
			}
		})
	}
	// A left-out page and its former ids are known as left out.
	if _, ok := v.Hidden["terms/older"]; !ok {
		t.Error("a left-out page's alias is not recorded as left out")
	}
}

func TestIncludesJoinHeadings(t *testing.T) {
	s := load(t, map[string]string{
		"content/v1/clauses/conf.md": "---\ntitle: C\n---\n## Confidentiality\n",
		"content/v1/terms/a.md":      "---\ntitle: A\n---\n## One\n\n{{< include \"../clauses/conf.md\" >}}\n\n## Two\n",
	})
	p := s.Version("v1").ByID["terms/a"]
	var ids []string
	for _, h := range p.Headings() {
		ids = append(ids, h.ID)
	}
	if strings.Join(ids, " ") != "one confidentiality two" || !p.HasAnchor("confidentiality") {
		t.Errorf("headings %v", ids)
	}
}

// Structure changes with what other pages' output depends on (a title),
// not with a body edit that keeps headings and summary.
func TestStructure(t *testing.T) {
	page := func(title, body string) string {
		return "---\ntitle: " + title + "\n---\nSummary.\n\n## H\n\n" + body + "\n"
	}
	root := testsite.Write(t, map[string]string{"config.yaml": cfg, "content/portal/_index.md": "---\ntitle: Home\n---\n", "content/v1/a.md": page("A", "one")})
	structure := func() string {
		c, d := config.Load(root)
		if d.HasErrors() {
			t.Fatal(d.Items())
		}
		cs, _ := content.Load(c, content.Options{})
		return site.Resolve(cs, markdown.New(markdown.Options{})).Structure()
	}
	a := structure()
	for _, c := range []struct {
		name, title, body string
		same              bool
	}{{"body edit", "A", "two", true}, {"title edit", "B", "one", false}} {
		t.Run(c.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(root, "content/v1/a.md"), []byte(page(c.title, c.body)), 0o644)
			if got := structure(); (got == a) != c.same {
				t.Errorf("structure changed=%v, want %v", got != a, !c.same)
			}
		})
	}
}

// TestStructureStable: the same sources give the same structure, build
// after build, with pages left out of the audience (kept in a map, whose
// order Go varies on purpose). A changing structure made the preview
// render every page again on each edit.
func TestStructureStable(t *testing.T) {
	files := map[string]string{"config.yaml": cfg, "content/portal/_index.md": "---\ntitle: Home\n---\n", "content/v1/a.md": "---\ntitle: A\n---\nA.\n"}
	for i := 0; i < 8; i++ {
		files[fmt.Sprintf("content/v1/internal-%d.md", i)] = fmt.Sprintf("---\ntitle: I%d\naudience: internal\n---\nX.\n", i)
	}
	root := testsite.Write(t, files)
	structure := func() string {
		c, d := config.Load(root)
		if d.HasErrors() {
			t.Fatal(d.Items())
		}
		cs, _ := content.Load(c, content.Options{Audience: "partner"})
		return site.Resolve(cs, markdown.New(markdown.Options{})).Structure()
	}
	first := structure()
	for i := 0; i < 20; i++ {
		if got := structure(); got != first {
			t.Fatalf("build %d: the structure changed with nothing else", i+2)
		}
	}
}
