package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

// TestPreviewKeepsIncludes: a page that includes others is kept in the
// preview's page cache while the pages it includes, and where their links
// lead, stay as they were, and is rendered again, equal to a build from
// scratch, when one of them changes (its file, an include-only file
// outside the content folders, or the page one of its links leads to).
func TestPreviewKeepsIncludes(t *testing.T) {
	dir := monolingual(t)
	s := NewSession()
	const (
		news    = "content/portal/news/deal-registration-approval.md"
		legacy  = "content/fy2026/playbooks/legacy-ci-displacement.md"
		clause  = "assets/includes/claims-clause.md"
		linked  = "content/fy2026/guides/deal-registration.md"
		migrate = "content/fy2026/playbooks/migration-services.md"
		observe = "content/fy2026/playbooks/observability-expansion.md"
	)
	if b := previewBuild(t, s, dir, nil); b.outcome != OK {
		t.Fatal(b.diags)
	}
	rendered := func(name, rel string, change func(string) string) int {
		t.Helper()
		return rebuildCount(t, s, dir, name, rel, change)
	}
	describe := describer()
	without := rendered("a description, before the includes", news, describe)

	// Two pages that include: one a page of its folder, one a file kept
	// outside the content folders, which links to a page.
	writeFile(t, dir, migrate, func(b string) string { return b + "\n{{< include \"legacy-ci-displacement.md\" >}}\n" })
	testsite.Put(t, dir, clause, "Claims follow the [deal registration guide](xref:guides/deal-registration).\n")()
	writeFile(t, dir, observe, func(b string) string { return b + "\n{{< include \"includes/claims-clause.md\" >}}\n" })
	first := previewBuild(t, s, dir, nil)
	if first.outcome != OK {
		t.Fatal(first.diags)
	}
	if page := string(first.files["fy2026/playbooks/observability-expansion/index.html"]); !strings.Contains(page, "Claims follow the") || !strings.Contains(page, `href="/fy2026/guides/deal-registration/"`) {
		t.Fatalf("the include-only file is not in its page:\n%.400s", page)
	}
	if with := rendered("a description, with the includes", news, describe); with != without {
		t.Errorf("an edit no included page shows rendered %d pages, %d before the pages had includes", with, without)
	}
	// Each of these renders the page that includes (sameBuild says so).
	rendered("the included page's title", legacy, func(b string) string {
		return strings.Replace(b, "title: \"", "title: \"Old: ", 1)
	})
	rendered("the include-only file", clause, func(b string) string { return b + "\nAnd within 30 days.\n" })
	rendered("the page the include-only file links to, turned draft", linked, func(b string) string {
		return strings.Replace(b, "\ntitle:", "\ndraft: true\ntitle:", 1)
	})
	if page := string(previewBuild(t, s, dir, nil).files["fy2026/playbooks/observability-expansion/index.html"]); strings.Contains(page, `href="/fy2026/guides/deal-registration/"`) {
		t.Error("the including page still links a page turned draft")
	}
}

// rebuildCount writes change into the file rel of dir, rebuilds with
// session s as the preview does after that write, requires a full
// rebuild whose files and findings are those of a build from scratch,
// and returns how many pages it rendered.
func rebuildCount(t *testing.T, s *Session, dir, name, rel string, change func(string) string) int {
	t.Helper()
	writeFile(t, dir, rel, change)
	before := s.pages.Rendered.Load()
	got := previewBuild(t, s, dir, []string{rel})
	if s.wasQuick {
		t.Fatalf("%s: a quick rebuild; this test is about the page cache", name)
	}
	sameBuild(t, name, got, previewBuild(t, NewSession(), dir, nil))
	return int(s.pages.Rendered.Load() - before)
}

// describer edits a page's description, differently each time.
func describer() func(string) string {
	n := 0
	return func(b string) string {
		n++
		return strings.Replace(b, `description: "`, `description: "(`+strings.Repeat("i", n)+`) `, 1)
	}
}

// TestPreviewKeepsSiteTemplates: a page calling templates of the site
// that read their call, the site's data files and partials only is kept
// in the preview's page cache, and rendered again, equal to a build from
// scratch, when a template, a data file or the page a template's link
// leads to changes. A template that reads other pages keeps its page
// rendered every time.
func TestPreviewKeepsSiteTemplates(t *testing.T) {
	dir := monolingual(t)
	// Warn: the last step moves a page others link to.
	writeFile(t, dir, "config.yaml", func(b string) string {
		return strings.Replace(b, "check:\n  level: error", "check:\n  level: warn", 1)
	})
	s := NewSession()
	const (
		news    = "content/portal/news/deal-registration-approval.md"
		badge   = "layouts/shortcodes/badge.html"
		card    = "layouts/partials/owner-card.html"
		owners  = "data/owners.yaml"
		linked  = "content/fy2026/guides/deal-registration.md"
		migrate = "content/fy2026/playbooks/migration-services.md"
		observe = "content/fy2026/playbooks/observability-expansion.md"
		legacy  = "content/fy2026/playbooks/legacy-ci-displacement.md"
		landing = "content/fy2026/playbooks/_index.md"
	)
	if b := previewBuild(t, s, dir, nil); b.outcome != OK {
		t.Fatal(b.diags)
	}
	describe := describer()
	without := rebuildCount(t, s, dir, "a description, before the templates", news, describe)
	for rel, text := range map[string]string{
		badge:                              `<span class="badge">{{ .Get 0 }}</span> <a href="{{ .Get 1 }}">More</a>`,
		"layouts/shortcodes/owner.html":    `{{ partial "owner-card" (.Get 0) }}`,
		card:                               `<em>{{ index site.Data.owners . }}</em>`,
		owners:                             "ci: \"Platform partnerships\"\n",
		"layouts/shortcodes/title-of.html": `{{ with site.GetPage (.Get 0) }}<i>{{ .Title }}</i>{{ end }}`,
		"layouts/shortcodes/see.html":      `{{ printf "See [the guide](%s)." (.Get 0) | markdownify }}`,
	} {
		testsite.Put(t, dir, rel, text)()
	}
	writeFile(t, dir, migrate, func(b string) string {
		return b + "\n{{< badge \"New\" \"../guides/deal-registration.md\" >}}\n"
	})
	writeFile(t, dir, observe, func(b string) string { return b + "\n{{< owner \"ci\" >}}\n" })
	writeFile(t, dir, landing, func(b string) string { return b + "\n{{< see \"../guides/deal-registration.md\" >}}\n" })
	writeFile(t, dir, legacy, func(b string) string { return b + "\n{{< title-of \"/fy2026/guides/deal-registration\" >}}\n" })
	first := previewBuild(t, s, dir, nil)
	if first.outcome != OK {
		t.Fatal(first.diags)
	}
	page := func(b built, rel string) string { return string(b.files[rel]) }
	if !strings.Contains(page(first, "fy2026/playbooks/migration-services/index.html"), `href="/fy2026/guides/deal-registration/">More</a>`) ||
		!strings.Contains(page(first, "fy2026/playbooks/index.html"), `See <a href="/fy2026/guides/deal-registration/">the guide</a>.`) ||
		!strings.Contains(page(first, "fy2026/playbooks/observability-expansion/index.html"), "<em>Platform partnerships</em>") ||
		!strings.Contains(page(first, "fy2026/playbooks/legacy-ci-displacement/index.html"), "<i>Registering deals</i>") {
		t.Fatal("the templates' output is not on their pages")
	}
	// The page calling the template that reads another page's title is
	// the one more page rendered.
	if with := rebuildCount(t, s, dir, "a description, with the templates", news, describe); with != without+1 {
		t.Errorf("an edit no template shows rendered %d pages, %d before the templates (want one more: the page calling title-of)", with, without)
	}
	// Each of these renders the pages that call the templates again
	// (rebuildCount compares with a build from scratch).
	rebuildCount(t, s, dir, "a data file", owners, func(string) string { return "ci: \"Cloud partnerships\"\n" })
	rebuildCount(t, s, dir, "a partial", card, func(b string) string { return strings.Replace(b, "<em>", "<em class=\"owner\">", 1) })
	rebuildCount(t, s, dir, "a template", badge, func(b string) string { return strings.Replace(b, "More", "Read more", 1) })
	rebuildCount(t, s, dir, "the page a template's link leads to, turned draft", linked, func(b string) string {
		return strings.Replace(b, "\ntitle:", "\ndraft: true\ntitle:", 1)
	})
	// Moved: the links the templates wrote no longer lead there. The
	// address markdownify gave its link is not one the render resolves
	// again (it is already an address): only the link markdownify was
	// given, recorded, tells.
	writeFile(t, dir, linked, func(b string) string { return strings.Replace(b, "\ndraft: true", "", 1) })
	previewBuild(t, s, dir, nil)
	// Moved, keeping its id (a path names it by id).
	writeFile(t, dir, linked, func(b string) string {
		return strings.Replace(b, "\ntitle:", "\nid: guides/deal-registration\ntitle:", 1)
	})
	if err := os.Rename(filepath.Join(dir, linked), filepath.Join(dir, strings.Replace(linked, ".md", "-steps.md", 1))); err != nil {
		t.Fatal(err)
	}
	g, w := previewBuild(t, s, dir, nil), previewBuild(t, NewSession(), dir, nil)
	if w.outcome != OK || !strings.Contains(string(w.files["fy2026/playbooks/index.html"]), `See <a href="../guides/deal-registration.md">`) {
		t.Fatalf("after the move: outcome %d, %v", w.outcome, w.diags)
	}
	sameBuild(t, "the page the templates link to, moved", g, w)
}
