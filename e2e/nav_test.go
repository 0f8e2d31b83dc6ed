package e2e

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/partnerdocs/partnerdocs/internal/corpus"
)

// TestNavigationBoundedBrowser: with folders of hundreds of pages, a page
// carries a block of its folder's items and an item that opens the whole
// folder, so its size does not grow with the folder; in the browser that
// item opens the folder in place, and a page found there is one click
// away.
func TestNavigationBoundedBrowser(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	if err := corpus.Generate(corpus.Options{Pages: 400, Seed: 1, Dir: site, Sections: 2}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	navLinks := regexp.MustCompile(`(?s)<nav class="sidebar".*?</nav>`)
	count := func(rel string) int {
		b, err := os.ReadFile(filepath.Join(dest, rel))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(navLinks.FindString(string(b)), "<li")
	}
	// Two folders of about 190 pages: a page's navigation is a window of
	// at most 40 of them, plus the version's top level and the "all" items.
	var pages []string
	filepath.WalkDir(filepath.Join(dest, "v1", "section-1"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Contains(p, "page-") {
			pages = append(pages, p)
		}
		return err
	})
	if len(pages) < 150 {
		t.Fatalf("only %d pages in section-1", len(pages))
	}
	rel, _ := filepath.Rel(dest, pages[len(pages)/2])
	if n := count(rel); n > 60 {
		t.Errorf("%s: %d navigation items; want a bounded block", rel, n)
	}
	frag, err := os.ReadFile(filepath.Join(dest, "v1", "section-1", "_nav.html"))
	if err != nil || strings.Count(string(frag), "<li>") < 150 {
		t.Fatalf("section-1/_nav.html: %v, %d items", err, strings.Count(string(frag), "<li>"))
	}

	openFolderAndFollow(t, dest, rel, 150)
}

// openFolderAndFollow opens page rel of the site built in dest, opens its
// folder from the navigation's "all" item (the folder has more than min
// pages), and follows the folder's last link, which the block did not
// show.
func openFolderAndFollow(t *testing.T, dest, rel string, min int) {
	t.Helper()
	ctx := browser(t)
	srv := httptest.NewServer(staticSite(t, dest))
	t.Cleanup(srv.Close)
	url := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(srv.URL+url), chromedp.WaitVisible(`.sidebar`)); err != nil {
		t.Fatal(err)
	}
	const level = `document.querySelector('.sidebar a[aria-current="page"]').closest('ul')`
	before := mustEval(ctx, t, `String(`+level+`.children.length)`)
	mustEval(ctx, t, `(() => { `+level+`.querySelector(':scope > li.nav-more [data-nav-fragment]').click(); return ''; })()`)
	waitFor(ctx, t, level+`.children.length > `+strconv.Itoa(min))
	// The last page of the folder, which the block did not show.
	href := mustEval(ctx, t, `(() => { const links = [...`+level+`.querySelectorAll(':scope > li > a')]; return links[links.length - 1].getAttribute('href'); })()`)
	// A window holds at most 40 of the level's items, then the "all" item.
	if n, _ := strconv.Atoi(before); n > 41 || href == "" || href == url {
		t.Fatalf("before %s items, last link %q", before, href)
	}
	screenshot(ctx, t, "nav-folder-opened-1366-"+strconv.Itoa(min)+".png")
	if err := chromedp.Do(ctx, chromedp.Click(`.sidebar a[href="`+href+`"]`), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, `location.pathname === `+jsq(href))
}

// TestRedirectsFile: redirects: file writes one _redirects rule per
// language for /latest/ and a rule per former URL, instead of a page per
// address; past the hosts' 1,000 rules the rest are pages, with a warning.
func TestRedirectsFile(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	cfg, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	writeFile(t, site, "config.yaml", string(cfg)+"redirects: file\n")
	b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/terms/mdf.md"))
	writeFile(t, site, "content/fy2026/terms/mdf.md", strings.Replace(string(b), "kind: terms\n", "kind: terms\naliases: [/old-mdf-terms/]\n", 1))
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	rules, err := os.ReadFile(filepath.Join(dest, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	want := "/latest/* /fy2026/:splat 302\n/de/latest/* /de/fy2026/:splat 302\n/ja/latest/* /ja/fy2026/:splat 302\n/old-mdf-terms/ /fy2026/terms/mdf/ 301\n"
	if string(rules) != want {
		t.Errorf("_redirects:\n%s\nwant\n%s", rules, want)
	}
	for _, rel := range []string{"latest", "old-mdf-terms/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, rel)); err == nil {
			t.Errorf("redirects: file still wrote %s", rel)
		}
	}

	// 1,005 former URLs: 997 rules fit beside the three for /latest/.
	var aliases []string
	for i := 0; i < 1005; i++ {
		aliases = append(aliases, "/old/"+strconv.Itoa(i)+"/")
	}
	writeFile(t, site, "content/fy2026/terms/mdf.md", strings.Replace(string(b), "kind: terms\n", "kind: terms\naliases: ["+strings.Join(aliases, ", ")+"]\n", 1))
	r := run(t, site, "build", "--dest", dest)
	if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "redirects: file: 1008 rules, and hosts read the first 1000 of a _redirects file; the other 8 former URLs are written as redirect pages") {
		t.Fatalf("build: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	rules, _ = os.ReadFile(filepath.Join(dest, "_redirects"))
	if n := strings.Count(string(rules), "\n"); n != 1000 {
		t.Errorf("_redirects has %d rules", n)
	}
	if _, err := os.Stat(filepath.Join(dest, "old", "1004", "index.html")); err != nil {
		t.Error("the former URLs past the limit have no redirect page")
	}
}
