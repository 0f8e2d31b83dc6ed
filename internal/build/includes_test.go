package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	// rendered is how many pages a rebuild after change renders.
	rendered := func(name, rel string, change func(string) string) int {
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
	n := 0
	describe := func(b string) string {
		n++
		return strings.Replace(b, `description: "`, `description: "(`+strings.Repeat("i", n)+`) `, 1)
	}
	without := rendered("a description, before the includes", news, describe)

	// Two pages that include: one a page of its folder, one a file kept
	// outside the content folders, which links to a page.
	writeFile(t, dir, migrate, func(b string) string { return b + "\n{{< include \"legacy-ci-displacement.md\" >}}\n" })
	if err := os.MkdirAll(filepath.Join(dir, "assets", "includes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(clause)), []byte("Claims follow the [deal registration guide](xref:guides/deal-registration).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
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
