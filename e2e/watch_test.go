package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

// TestServeWatchesWhatItReads: a file the build does not read (a log
// written in the site root, a notes folder) never makes the preview
// rebuild; a page does.
func TestServeWatchesWhatItReads(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	srv := startServe(t, site)
	srv.waitOutput(t, "Serving", 1)
	base := strings.Count(srv.out.String(), "rebuil") // the first build
	logf := filepath.Join(site, "build.log")
	for i := 0; i < 5; i++ {
		if err := os.WriteFile(logf, []byte(strings.Repeat("x", i+1)), 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
	}
	writeFile(t, site, "notes/todo.md", "---\ntitle: Not part of the site\n---\nx\n")
	time.Sleep(time.Second)
	if n := strings.Count(srv.out.String(), "rebuil") - base; n != 0 {
		t.Fatalf("files outside the site's folders made %d rebuilds:\n%s", n, srv.out.String())
	}
	p := filepath.Join(site, "content/fy2026/guides/tier-reviews.md")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "twice a year", "twice a year (watched)", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.waitOutput(t, "rebuilt", base+1)
	if _, body := srv.get(t, "/fy2026/guides/tier-reviews/", 10*time.Second); !strings.Contains(body, "(watched)") {
		t.Error("the edited page was not rebuilt")
	}
}

// TestServeQuickRebuild: in a site of one language, a text edit and a new
// heading take the quick rebuild (serve's "rebuilt" line says "quick") and a new
// title the full one; the served pages show each edit, and the site
// search finds the edit's words once the background search is done.
func TestServeQuickRebuild(t *testing.T) {
	site := copySite(t)
	testsite.OneLanguage(t, site)
	t.Setenv("PARTNERDOCS_TIMINGS", "1")
	srv := startServe(t, site)
	srv.waitOutput(t, "Serving", 1)
	page := filepath.Join(site, "content/fy2026/guides/deal-registration.md")
	edit := func(add string) {
		t.Helper()
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(page, append(b, add...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// lastRebuild is serve's last "rebuilt" line.
	lastRebuild := func() string {
		got := srv.out.String()
		line, _, _ := strings.Cut(got[strings.LastIndex(got, "rebuilt"):], "\n")
		return line
	}
	rebuilds := strings.Count(srv.out.String(), "rebuilt")
	searched := strings.Count(srv.out.String(), "ms after the rebuild")
	edit("\nQuoteworthy zanzibarite paragraph.\n")
	srv.waitOutput(t, "rebuilt", rebuilds+1)
	if _, body := srv.get(t, "/fy2026/guides/deal-registration/", 10*time.Second); !strings.Contains(body, "zanzibarite") {
		t.Error("the text edit is not served")
	}
	if !strings.Contains(lastRebuild(), "quick") {
		t.Errorf("the text edit did not take the quick rebuild:\n%s", srv.out.String())
	}
	// The search catches up after the pages; with timings on, serve says
	// when ("search ... after the rebuild").
	srv.waitOutput(t, "ms after the rebuild", searched+1)
	if _, body := srv.get(t, "/api/search?q=zanzibarite", 10*time.Second); !strings.Contains(body, "deal-registration") {
		t.Errorf("search did not find the edit: %s", body)
	}
	edit("\n## Escalations {#escalations}\n\nWho to call.\n")
	srv.waitOutput(t, "rebuilt", rebuilds+2)
	if _, body := srv.get(t, "/fy2026/guides/deal-registration/", 10*time.Second); !strings.Contains(body, `id="escalations"`) {
		t.Error("the new heading is not served")
	}
	if !strings.Contains(lastRebuild(), "quick") {
		t.Errorf("a new heading did not take the quick rebuild:\n%s", srv.out.String())
	}
	// A title is in other pages' navigation: the full rebuild.
	b, _ := os.ReadFile(page)
	os.WriteFile(page, []byte(strings.Replace(string(b), `title: "Registering deals"`, `title: "Registering zanzibar deals"`, 1)), 0o644)
	srv.waitOutput(t, "rebuilt", rebuilds+3)
	if _, body := srv.get(t, "/fy2026/guides/tier-reviews/", 10*time.Second); !strings.Contains(body, "Registering zanzibar deals") {
		t.Error("a neighbour's navigation does not show the new title")
	}
	if strings.Contains(lastRebuild(), "quick") {
		t.Errorf("a new title took the quick rebuild:\n%s", srv.out.String())
	}
}

// TestServeHugoTemplatesAndData: on a Hugo site, a page calling the
// site's templates and including a shared file is served with each edit
// of what it shows: a data file its template reads, the included files
// (under assets/ and in the site root), a partial and its own text (the preview keeps such a page
// between rebuilds, keyed with those files).
func TestServeHugoTemplatesAndData(t *testing.T) {
	t.Parallel()
	site := copySiteFrom(t, filepath.Join(repoRoot, "e2e", "testdata", "hugo-site"))
	// A shared file outside assets/ (an include looks there, then in the
	// site root): watched once a build has read it.
	writeFile(t, site, "snippets/contact.md", "Write to partners@northwind.example.\n")
	writeFile(t, site, "content/portal/handbook/people/team.md", "---\ntitle: Team\n---\n\nOur lead: {{< team/member \"Grace Hopper\" >}}\n\n{{% include \"includes/clause.md\" %}}\n\n{{% include \"snippets/contact.md\" %}}\n")
	srv := startServe(t, site)
	srv.waitOutput(t, "Serving", 1)
	rebuilds := strings.Count(srv.out.String(), "rebuilt")
	const page = "/handbook/people/team/"
	if _, body := srv.get(t, page, 10*time.Second); !strings.Contains(body, "Grace Hopper (alliances lead)") || !strings.Contains(body, "Partners keep registrations current") {
		t.Fatalf("the page does not show its template and include:\n%s", body)
	}
	steps := []struct{ name, file, from, to, want string }{
		{"a data file", "data/team.yaml", "Alliances lead", "Alliances director", "Grace Hopper (alliances director)"},
		{"the included file", "assets/includes/clause.md", "Partners keep registrations current.", "Partners keep registrations current and renew them yearly.", "renew them yearly"},
		{"a file included from the site root", "snippets/contact.md", "partners@", "alliances@", "alliances@northwind.example"},
		{"a partial", "layouts/_partials/member.html", `<span class="member">`, `<span class="member lead">`, `<span class="member lead">Grace Hopper`},
		{"the page's text", "content/portal/handbook/people/team.md", "Our lead:", "Our partner lead:", "Our partner lead:"},
	}
	for _, st := range steps {
		p := filepath.Join(site, filepath.FromSlash(st.file))
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), st.from) {
			t.Fatalf("%s: %s has no %q (%v)", st.name, st.file, st.from, err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), st.from, st.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		rebuilds++
		srv.waitOutput(t, "rebuilt", rebuilds)
		if _, body := srv.get(t, page, 10*time.Second); !strings.Contains(body, st.want) {
			t.Errorf("%s: the page does not show the edit (%q):\n%s", st.name, st.want, srv.out.String())
		}
	}
}
