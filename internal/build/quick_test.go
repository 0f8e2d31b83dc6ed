package build

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

// monolingual copies the example portal with its default language only.
func monolingual(t *testing.T) string {
	t.Helper()
	dir := copyExample(t)
	testsite.OneLanguage(t, dir)
	return dir
}

// built is what one preview build made.
type built struct {
	outcome Outcome
	files   map[string][]byte
	diags   []diag.Diagnostic
}

func previewBuild(t *testing.T, s *Session, dir string, changed []string) built {
	t.Helper()
	mem := output.NewMemory()
	res := s.Preview(Options{Source: dir, DeferSearch: true, Today: "2026-12-01"}, mem, changed)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	files := maps.Clone(mem.Files())
	if res.Search != nil {
		// The static search index, which the preview finishes after the
		// pages: an edit's words must be found.
		idx, err := res.Search()
		if err != nil {
			t.Fatal(err)
		}
		maps.Copy(files, idx)
	}
	s.Sweep()
	return built{res.Outcome, files, res.Diags.Items()}
}

// TestQuickRebuild: edits of a page's text take the quick rebuild, every
// other edit the full one, and either way the preview's files and
// findings are those of a build from scratch. Each step edits one file
// of the example portal (in one language).
func TestQuickRebuild(t *testing.T) {
	dir := monolingual(t)
	s := NewSession()
	if b := previewBuild(t, s, dir, nil); b.outcome != OK {
		t.Fatal(b.diags)
	}
	// An include, so that one step edits an included page.
	writeFile(t, dir, "content/fy2026/playbooks/migration-services.md", func(b string) string {
		return b + "\n{{< include \"legacy-ci-displacement.md\" >}}\n"
	})
	if b := previewBuild(t, s, dir, nil); b.outcome != OK {
		t.Fatal(b.diags)
	}
	const (
		deal    = "content/fy2026/guides/deal-registration.md"
		started = "content/fy2026/guides/getting-started.md" // has a shortcode
		news    = "content/portal/news/deal-registration-approval.md"
		old     = "content/fy2025/guides/getting-started.md" // the changes page compares it
	)
	steps := []struct {
		name, file, from, to string
		quick                bool
	}{
		{"a paragraph", deal, "", "\nOne more paragraph.\n", true},
		{"a word mid-page", deal, "a budget", "a signed budget", true},
		{"a page with a shortcode", started, "", "\nStart here.\n", true},
		{"an announcement", news, "", "\nAsk your partner manager.\n", true},
		{"an announcement's first paragraph", news, "down from three", "down from three business days", false},
		{"last year's page", old, "", "\nArchived.\n", true},
		{"the same page again", deal, "a signed budget", "a budget", true},
		{"a heading another page links to", deal, "## Submitting {#submitting}", "## Submitting it {#submitting}", true},
		{"a new heading", deal, "", "\n## Appendix {#appendix}\n\nMore.\n", true},
		{"a heading level", deal, "## Appendix {#appendix}", "### Appendix {#appendix}", true},
		{"a link", deal, "(../terms/deal-registration.md#approval)", "(../terms/deal-registration.md#term)", false},
		{"the title", deal, `title: "Registering deals"`, `title: "Registering a deal"`, false},
		{"the description", news, `description: "Registrations`, `description: "All registrations`, false},
		{"text after a full rebuild", deal, "", "\nAnd another.\n", true},
		{"an included page", "content/fy2026/playbooks/legacy-ci-displacement.md", "", "\nIncluded text.\n", true},
		{"a page as it was last year", "content/fy2026/guides/tier-reviews.md", "", "\nNew this year.\n", false},
		{"that page again", "content/fy2026/guides/tier-reviews.md", "", "\nAnd more.\n", true},
		{"a terms page", "content/fy2026/terms/mdf.md", "", "\nA clause's text.\n", false},
		{"a tier", "content/fy2026/programs/reseller/premier.md", "", "\nPremier text.\n", false},
		{"a broken link", deal, "", "\nSee [nothing](../nothing.md).\n", false},
		{"the broken link mended", deal, "(../nothing.md)", "(../terms/mdf.md)", false},
		{"an anchor other pages link to", "content/fy2026/guides/tier-reviews.md", "{#review-calendar}", "{#calendar}", false},
		{"that anchor back", "content/fy2026/guides/tier-reviews.md", "{#calendar}", "{#review-calendar}", false},
		{"text again", deal, "", "\nFinal words.\n", true},
		{"a folder's landing as it was last year", "content/fy2026/guides/_index.md", "", "\nDay-to-day help.\n", false},
		{"a folder's landing text", "content/fy2026/designations/_index.md", "", "\nAsk your partner manager.\n", true},
		{"the version's landing text", "content/fy2026/_index.md", "", "\nWelcome.\n", true},
		{"the landing's title", "content/fy2026/guides/_index.md", `title: "Program guides"`, `title: "Guides"`, false},
	}
	for _, st := range steps {
		writeFile(t, dir, st.file, func(b string) string {
			if st.from == "" {
				return b + st.to
			}
			if !strings.Contains(b, st.from) {
				t.Fatalf("%s: %s has no %q", st.name, st.file, st.from)
			}
			return strings.Replace(b, st.from, st.to, 1)
		})
		last, before := s.quick, stateOf(s.quick)
		got := previewBuild(t, s, dir, []string{st.file})
		if s.wasQuick != st.quick {
			t.Errorf("%s: quick rebuild %v, want %v", st.name, s.wasQuick, st.quick)
		}
		// What the last build left is not changed by the next one: a
		// quick rebuild starts from copies.
		if after := stateOf(last); after != before {
			t.Errorf("%s: the last build's state changed:\n%s\nwas\n%s", st.name, after, before)
		}
		want := previewBuild(t, NewSession(), dir, nil)
		sameBuild(t, st.name, got, want)
	}
}

// stateOf describes what a build left for a quick rebuild: every page
// of its site with its file and scan (by address), its folder and its
// includes, and its files, bodies and texts.
func stateOf(q *quick) string {
	if q == nil {
		return ""
	}
	var b strings.Builder
	for _, v := range q.site.All() {
		for _, p := range v.Pages {
			fmt.Fprintf(&b, "%s %p %p %p %q %v\n", p.Source, p.Page, p.Doc, p.Section, p.Summary, p.Includes)
		}
		for _, rel := range slices.Sorted(maps.Keys(v.ByRel)) {
			fmt.Fprintf(&b, "%s=%p ", rel, v.ByRel[rel])
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(q.files)) {
		fmt.Fprintf(&b, "%s %x\n", rel, md5.Sum(q.files[rel]))
	}
	hashes := slices.Collect(maps.Keys(q.html))
	slices.SortFunc(hashes, func(a, b [16]byte) int { return bytes.Compare(a[:], b[:]) })
	for _, h := range hashes {
		fmt.Fprintf(&b, "%x %x %x\n", h, md5.Sum(q.html[h]), md5.Sum([]byte(q.texts[h])))
	}
	fmt.Fprintf(&b, "%d texts, %d findings\n", len(q.texts), len(q.diags))
	return b.String()
}

func writeFile(t *testing.T, dir, rel string, change func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(change(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameBuild fails unless two builds have the same outcome, findings and
// files, byte for byte.
func sameBuild(t *testing.T, name string, got, want built) {
	t.Helper()
	if got.outcome != want.outcome {
		t.Errorf("%s: outcome %d, a build from scratch %d", name, got.outcome, want.outcome)
	}
	if !slices.Equal(got.diags, want.diags) {
		t.Errorf("%s: findings\n%v\nfrom scratch\n%v", name, got.diags, want.diags)
	}
	for p, b := range want.files {
		if g, ok := got.files[p]; !ok {
			t.Errorf("%s: %s missing", name, p)
		} else if !bytes.Equal(g, b) {
			t.Errorf("%s: %s differs from a build from scratch", name, p)
		}
	}
	for p := range got.files {
		if _, ok := want.files[p]; !ok {
			t.Errorf("%s: %s is not in a build from scratch", name, p)
		}
	}
}

// TestStopSearch: an edit that stops the last edit's search (as the
// preview server does when the next edit comes) leaves the indexes such
// that the next search makes the same static index as a build from
// scratch.
func TestStopSearch(t *testing.T) {
	dir := monolingual(t)
	s := NewSession()
	previewBuild(t, s, dir, nil)
	const deal = "content/fy2026/guides/deal-registration.md"
	stopped := 0
	for i := 0; i < 6; i++ {
		writeFile(t, dir, deal, func(b string) string { return b + fmt.Sprintf("\nEdit %d.\n", i) })
		res := s.Preview(Options{Source: dir, DeferSearch: true, Today: "2026-12-01"}, output.NewMemory(), []string{deal})
		if res.Outcome != OK {
			t.Fatal(res.Diags.Items())
		}
		if !s.LastQuick() || !strings.Contains(filepath.ToSlash(res.IndexDir), "/search-preview/") {
			t.Errorf("edit %d: quick %v, index %s (want the preview's own)", i, s.LastQuick(), res.IndexDir)
		}
		s.StopSearch()
		files, err := res.Search()
		switch {
		case errors.Is(err, ErrSearchStopped):
			stopped++
			if files != nil {
				t.Error("a stopped search returned a static index")
			}
		case err != nil:
			t.Fatal(err)
		}
	}
	t.Logf("%d of 6 searches stopped", stopped)
	got := previewBuild(t, s, dir, []string{deal})
	sameBuild(t, "after stopped searches", got, previewBuild(t, NewSession(), dir, nil))
}
