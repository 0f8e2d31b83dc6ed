package site_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

// dump writes out the site's graph by name: every version's pages (with
// their folder, headings and includes), its folders and its indexes.
func dump(s *site.Site) string {
	var b strings.Builder
	name := func(p *site.Page) string {
		if p == nil {
			return "-"
		}
		return p.Source
	}
	var section func(sec *site.Section, depth int)
	section = func(sec *site.Section, depth int) {
		parent := "-"
		if sec.Parent != nil {
			parent = sec.Parent.Dir
		}
		fmt.Fprintf(&b, "%s[%s] %q parent=%s index=%s w=%d:", strings.Repeat(" ", depth), sec.Dir, sec.Title, parent, name(sec.Index), sec.Weight)
		for _, p := range sec.Pages {
			b.WriteString(" " + name(p))
		}
		b.WriteString("\n")
		for _, c := range sec.Children {
			section(c, depth+1)
		}
	}
	for _, v := range s.All() {
		fmt.Fprintf(&b, "version %q latest=%v\n", v.Name, v == s.Latest)
		for _, p := range append(slices.Clone(v.Pages), v.IncludeOnly...) {
			var hs, inc []string
			for _, h := range p.Headings() {
				hs = append(hs, h.ID)
			}
			for _, q := range p.Includes {
				inc = append(inc, name(q))
			}
			fmt.Fprintf(&b, "page %s section=%s headings=%v includes=%v body=%x\n", p.Source, p.Section.Dir, hs, inc, p.BodyHash[:4])
		}
		for _, m := range []map[string]*site.Page{v.ByID, v.ByAlias, v.ByRel} {
			for _, k := range slices.Sorted(maps.Keys(m)) {
				fmt.Fprintf(&b, "%s=%s ", k, name(m[k]))
			}
			b.WriteString("\n")
		}
		section(v.Root, 0)
	}
	return b.String()
}

// reach collects every page and folder the site's graph reaches.
func reach(s *site.Site) (map[*site.Page]bool, map[*site.Section]bool) {
	pages, secs := map[*site.Page]bool{}, map[*site.Section]bool{}
	var section func(sec *site.Section)
	section = func(sec *site.Section) {
		secs[sec] = true
		if sec.Parent != nil {
			secs[sec.Parent] = true
		}
		pages[sec.Index] = true
		for _, p := range sec.Pages {
			pages[p] = true
		}
		for _, c := range sec.Children {
			section(c)
		}
	}
	for _, v := range s.All() {
		for _, p := range append(slices.Clone(v.Pages), v.IncludeOnly...) {
			pages[p] = true
			secs[p.Section] = true
			for _, q := range p.Includes {
				pages[q] = true
			}
		}
		for _, m := range []map[string]*site.Page{v.ByID, v.ByAlias, v.ByRel} {
			for _, p := range m {
				pages[p] = true
			}
		}
		section(v.Root)
	}
	delete(pages, nil)
	return pages, secs
}

// TestEdited: a site with a page's text edited is the site a fresh load
// of the edited files gives, and the site it was made from is untouched
// and shares no page or folder with it.
func TestEdited(t *testing.T) {
	files := func(body string) map[string]string {
		return map[string]string{
			"config.yaml":                  cfg,
			"content/portal/_index.md":     "---\ntitle: Home\n---\n",
			"content/v1/guides/_index.md":  "---\ntitle: Guides\nweight: 2\n---\nThe guides.\n",
			"content/v1/guides/a.md":       "---\ntitle: Alpha\nweight: 5\naliases: [guides/first]\n---\n" + body,
			"content/v1/guides/b.md":       "---\ntitle: Bravo\n---\n## B\n\n{{< include \"a.md\" >}}\n",
			"content/v1/guides/deep/c.md":  "---\ntitle: Charlie\n---\nC.\n",
			"content/v1/terms/mdf.md":      "---\ntitle: MDF\n---\n{{< include \"/includes/x.md\" >}}\n",
			"content/v1/includes/x.md":     "---\ntitle: X\n---\n## Shared\n",
			"content/portal/news/hello.md": "---\ntitle: Hello\n---\nHi.\n",
		}
	}
	// Both loads from one folder: the structure hashes the configuration,
	// whose root is the folder.
	root := testsite.Write(t, files("Alpha.\n\n## One\n"))
	resolve := func() *site.Site {
		c, d := config.Load(root)
		if d.HasErrors() {
			t.Fatal(d.Items())
		}
		cs, d := content.Load(c, content.Options{})
		if d.HasErrors() {
			t.Fatal(d.Items())
		}
		return site.Resolve(cs, markdown.New(markdown.Options{}))
	}
	old := resolve()
	if err := os.WriteFile(filepath.Join(root, "content/v1/guides/a.md"), []byte(files("Alpha, edited.\n\n## One\n\n## Two\n")["content/v1/guides/a.md"]), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := resolve()
	before, structure := dump(old), old.Structure()

	edits := map[*site.Page]site.Edit{}
	for _, v := range old.All() {
		if p := v.ByID["guides/a"]; p != nil {
			np := fresh.Version(v.Name).ByID["guides/a"]
			edits[p] = site.Edit{Page: np.Page, Doc: np.Doc}
		}
	}
	if len(edits) != 1 {
		t.Fatalf("edits %v", edits)
	}
	got, copies := old.Edited(edits)

	if dump(got) != dump(fresh) {
		t.Errorf("edited site:\n%s\nwant (a fresh load):\n%s", dump(got), dump(fresh))
	}
	if got.Structure() != fresh.Structure() || got.Core() != fresh.Core() || got.Frame() != fresh.Frame() {
		t.Error("the edited site's structure is not a fresh load's")
	}
	if dump(old) != before || old.Structure() != structure {
		t.Errorf("the old site changed:\n%s\nwas:\n%s", dump(old), before)
	}
	oldPages, oldSecs := reach(old)
	newPages, newSecs := reach(got)
	for p := range newPages {
		if oldPages[p] {
			t.Errorf("the copy shares page %s with the old site", p.Source)
		}
	}
	for sec := range newSecs {
		if oldSecs[sec] {
			t.Errorf("the copy shares folder %q with the old site", sec.Dir)
		}
	}
	if len(newPages) != len(oldPages) || len(copies) != len(oldPages) {
		t.Errorf("%d pages reached in the copy, %d copies, %d in the old site", len(newPages), len(copies), len(oldPages))
	}
	for p := range edits {
		if copies[p].Doc == p.Doc {
			t.Error("the edited page's copy kept its old scan")
		}
	}
	if got.Content == old.Content || got.Version("v1").Version == old.Version("v1").Version {
		t.Error("the loaded site is shared, with its old page")
	}
	if got.Version("v1").Version.ByID["guides/a"] != copies[slices.Collect(maps.Keys(edits))[0]].Page {
		t.Error("the loaded version's index still names the old file")
	}
}
