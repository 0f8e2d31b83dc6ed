package build

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/corpus"
	"github.com/partnerdocs/partnerdocs/internal/output"
)

// copyExample copies the example portal (config and content) to a
// temporary folder.
func copyExample(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := t.TempDir()
	for _, top := range []string{"config.yaml", "content", "feedback"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// preview builds dir with session s as the preview server does (changed
// as its watcher reports) and returns the files.
func preview(t *testing.T, s *Session, dir string, changed []string) map[string][]byte {
	t.Helper()
	mem := output.NewMemory()
	res := s.Preview(Options{Source: dir, DeferSearch: true, Today: "2026-12-01"}, mem, changed)
	if res.Outcome != OK {
		t.Fatal(res.Diags.Items(), res.Err)
	}
	if _, err := res.Search(); err != nil {
		t.Fatal(err)
	}
	s.Sweep()
	return mem.Files()
}

// TestPreviewGuideCache: the preview keeps a program guide while edits
// leave its pages alone, and makes it again when one of them changes.
func TestPreviewGuideCache(t *testing.T) {
	dir := copyExample(t)
	s := NewSession()
	guide := func(changed []string) string {
		t.Helper()
		return string(preview(t, s, dir, changed)["fy2026/programs/reseller/guide/index.html"])
	}
	first := guide(nil)
	if !strings.Contains(first, "Resale discount") {
		t.Fatalf("no guide: %.200s", first)
	}
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A page no guide shows: the guide is the cached one.
	edit("content/fy2026/guides/getting-started.md", "\n## ", "\nAn edit the guide does not show.\n\n## ")
	if again := guide([]string{"content/fy2026/guides/getting-started.md"}); again != first {
		t.Error("the guide changed after an edit to a page it does not show")
	}
	// Terms the guide shows in full (not part of the program model): made
	// again, with the edit.
	edit("content/fy2026/terms/mdf.md", "\n## Claims {#claims}\n\n", "\n## Claims {#claims}\n\nAn edit the guide must show. ")
	if got := guide([]string{"content/fy2026/terms/mdf.md"}); !strings.Contains(got, "An edit the guide must show.") {
		t.Error("the guide kept stale terms")
	}
	// A page comes that no guide's page links to: no guide is made again
	// (the site's core changed, where the guides' links lead did not).
	made := s.guides.Made.Load()
	if err := os.WriteFile(filepath.Join(dir, "content/fy2026/guides/co-selling.md"), []byte("---\ntitle: Co-selling\n---\nSell together.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := guide(nil); got != guide(nil) || s.guides.Made.Load() != made {
		t.Errorf("%d guides made again after a page no guide links to came", s.guides.Made.Load()-made)
	}
	// Another program's benefit value: that program's guide is made
	// again (in each of the example's three languages), not this one.
	made = s.guides.Made.Load()
	before := guide(nil)
	edit("content/fy2026/benefits/joint-press.md", "strategic: {value: 2,", "strategic: {value: 3,")
	if got := guide([]string{"content/fy2026/benefits/joint-press.md"}); got != before || s.guides.Made.Load()-made != 3 {
		t.Errorf("another program's benefit edited: %d guides made again, want 3 (its program's)", s.guides.Made.Load()-made)
	}
	// This program's: made again, with the value.
	edit("content/fy2026/benefits/resale-discount.md", "premier: {value: 32,", "premier: {value: 37,")
	if got := guide([]string{"content/fy2026/benefits/resale-discount.md"}); !strings.Contains(got, "37%") || strings.Contains(got, "32%") {
		t.Error("the guide kept a benefit's old value")
	}
	// A certification a tier asks for (shown in the guide, but no page of
	// the program): made again, with the edit.
	edit("content/fy2026/certifications/sales-professional.md", "Running a full sales cycle", "Running a whole sales cycle")
	if got := guide([]string{"content/fy2026/certifications/sales-professional.md"}); !strings.Contains(got, "Running a whole sales cycle") {
		t.Error("the guide kept a certification's old text")
	}
	// The page the reseller program's page links to turns draft: its
	// guide is made again, the link without its address.
	const link = `href="/fy2026/guides/deal-registration/"`
	if !strings.Contains(first, link) {
		t.Fatalf("the guide has no %s", link)
	}
	edit("content/fy2026/guides/deal-registration.md", "\ntitle:", "\ndraft: true\ntitle:")
	made = s.guides.Made.Load()
	if got := guide(nil); strings.Contains(got, link) || s.guides.Made.Load() == made {
		t.Error("the guide still links a page turned draft")
	}
}

// TestPreviewNavFragments: a folder's navigation list (_nav.html) is kept
// while the site's structure stays, and made again when a page's title
// changes.
func TestPreviewNavFragments(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(corpus.Options{Pages: 200, Seed: 1, Dir: dir, Sections: 2}); err != nil {
		t.Fatal(err)
	}
	s := NewSession()
	build := func(changed []string) map[string][]byte {
		t.Helper()
		return preview(t, s, dir, changed)
	}
	const frag = "v1/section-1/_nav.html"
	first := build(nil)
	if len(first[frag]) == 0 {
		t.Fatalf("no %s", frag)
	}
	var page string
	filepath.WalkDir(filepath.Join(dir, "content", "v1", "section-1"), func(p string, d os.DirEntry, err error) error {
		if err == nil && page == "" && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			page = p
		}
		return err
	})
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, page)
	rel = filepath.ToSlash(rel)
	os.WriteFile(page, append(b, "\nA body edit.\n"...), 0o644)
	if got := build([]string{rel}); string(got[frag]) != string(first[frag]) || len(got) != len(first) {
		t.Error("a body edit changed the folder's list or the files")
	}
	os.WriteFile(page, []byte(strings.Replace(string(b), "title: \"", "title: \"Renamed ", 1)), 0o644)
	if got := build([]string{rel}); !strings.Contains(string(got[frag]), "Renamed ") {
		t.Error("the folder's list kept a page's old title")
	}
}

// TestPreviewNewTranslation: a translation added while the preview runs
// shows on its source page (its alternates), though the source's file did
// not change.
func TestPreviewNewTranslation(t *testing.T) {
	dir := copyExample(t)
	s := NewSession()
	page := func() string {
		t.Helper()
		return string(preview(t, s, dir, nil)["fy2026/guides/tier-reviews/index.html"])
	}
	const alt = `hreflang="de" href="https://partners.tidewater.example/de/fy2026/guides/tier-reviews/"`
	if strings.Contains(page(), alt) {
		t.Fatal("the example already translates the tier reviews guide")
	}
	tr := "---\ntitle: \"Tier-Überprüfungen\"\n---\n\nWie die Tier-Überprüfung abläuft.\n\n## Kalender {#review-calendar}\n\n## Auf und ab {#moves}\n\n## Was zählt {#what-counts}\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "fy2026", "guides", "tier-reviews.de.md"), []byte(tr), 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page(), alt) {
		t.Error("the source page does not name its new translation")
	}
}
