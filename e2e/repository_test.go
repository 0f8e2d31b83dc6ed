package e2e

import (
	"html"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepositoryLinks: with repository set, pages of internal builds link
// to edit their file and to report a problem with the page's details
// prefilled, and name their owner; a partner or public build names
// neither the repository nor owners.
func TestRepositoryLinks(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	cfg, err := os.ReadFile(filepath.Join(site, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cfg), "https://gitlab.com/tidewater/partner-portal") {
		t.Fatal("the example's config.yaml names no repository")
	}
	for _, aud := range []string{"public", "partner"} {
		out := filepath.Join(t.TempDir(), "out")
		if r := run(t, site, "build", "--audience", aud, "--dest", out); r.code != 0 {
			t.Fatalf("%s build: %s", aud, r.stderr)
		}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), "gitlab.com/tidewater/partner-portal") {
				t.Errorf("%s build: %s names the repository", aud, p)
			}
			if strings.Contains(string(b), "Maintained by") {
				t.Errorf("%s build: %s names an owner", aud, p)
			}
			return nil
		})
	}
	out := filepath.Join(t.TempDir(), "out")
	if r := run(t, site, "build", "--audience", "internal", "--dest", out); r.code != 0 {
		t.Fatalf("internal build: %s", r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "fy2026", "terms", "mdf", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if !strings.Contains(page, "Maintained by Partner Marketing") {
		t.Error("the internal build does not name the page's owner")
	}
	edit := `href="https://gitlab.com/tidewater/partner-portal/-/edit/main/content/fy2026/terms/mdf.md">Edit this page</a>`
	if !strings.Contains(page, edit) {
		t.Errorf("no edit link %s", edit)
	}
	i := strings.Index(page, `href="https://gitlab.com/tidewater/partner-portal/-/issues/new?`)
	if i < 0 {
		t.Fatal("no report link")
	}
	href := page[i+len(`href="`):]
	href = html.UnescapeString(href[:strings.Index(href, `"`)])
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	title, desc := u.Query().Get("issue[title]"), u.Query().Get("issue[description]")
	for _, want := range []string{"https://partners.tidewater.example/fy2026/terms/mdf/", "Program year: FY2026", "Source: content/fy2026/terms/mdf.md", "Owner: "} {
		if !strings.Contains(desc, want) {
			t.Errorf("report description lacks %q:\n%s", want, desc)
		}
	}
	if title != `Problem on "Market development funds terms"` {
		t.Errorf("report title %q", title)
	}
	// A repository address that is not http(s) is a configuration error.
	writeFile(t, site, "config.yaml", strings.Replace(string(cfg), `"https://gitlab.com/tidewater/partner-portal"`, `"git@gitlab.com:tidewater/portal.git"`, 1))
	if r := run(t, site, "check"); r.code != 2 || !strings.Contains(r.stderr+r.stdout, "repository.url") {
		t.Errorf("bad repository.url: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
