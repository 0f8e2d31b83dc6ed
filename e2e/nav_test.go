package e2e

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/partnerdocs/partnerdocs/internal/corpus"
	"github.com/partnerdocs/partnerdocs/internal/serve"
)

// TestNavigationBounded: with folders of hundreds of pages, a page
// carries a block of its folder's items and an item that opens the whole
// folder, so its size does not grow with the folder; in the browser that
// item opens the folder in place, and a page found there is one click
// away.
func TestNavigationBounded(t *testing.T) {
	site := t.TempDir()
	if err := corpus.Generate(corpus.Options{Pages: 1200, Seed: 1, Dir: site, Sections: 2}); err != nil {
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
	// Two folders of about 580 pages: a page's navigation is a block of
	// at most 25 of them, plus the version's top level and the "all" items.
	var pages []string
	filepath.WalkDir(filepath.Join(dest, "v1", "section-1"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Contains(p, "page-") {
			pages = append(pages, p)
		}
		return err
	})
	if len(pages) < 500 {
		t.Fatalf("only %d pages in section-1", len(pages))
	}
	rel, _ := filepath.Rel(dest, pages[len(pages)/2])
	if n := count(rel); n > 60 {
		t.Errorf("%s: %d navigation items; want a bounded block", rel, n)
	}
	frag, err := os.ReadFile(filepath.Join(dest, "v1", "section-1", "_nav.html"))
	if err != nil || strings.Count(string(frag), "<li>") < 500 {
		t.Fatalf("section-1/_nav.html: %v, %d items", err, strings.Count(string(frag), "<li>"))
	}

	ctx := browser(t)
	srv := httptest.NewServer(serve.Static(dest))
	t.Cleanup(srv.Close)
	url := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(srv.URL+url), chromedp.WaitVisible(`.sidebar`)); err != nil {
		t.Fatal(err)
	}
	const level = `document.querySelector('.sidebar a[aria-current="page"]').closest('ul')`
	before := mustEval(ctx, t, `String(`+level+`.children.length)`)
	mustEval(ctx, t, `(() => { `+level+`.querySelector(':scope > li.nav-more [data-nav-fragment]').click(); return ''; })()`)
	waitFor(ctx, t, level+`.children.length > 500`)
	// The last page of the folder, which the block did not show.
	href := mustEval(ctx, t, `(() => { const links = [...`+level+`.querySelectorAll(':scope > li > a')]; return links[links.length - 1].getAttribute('href'); })()`)
	if before != "26" || href == "" || href == url {
		t.Fatalf("before %s items, last link %q", before, href)
	}
	screenshot(ctx, t, "nav-folder-opened-1366.png")
	if err := chromedp.Do(ctx, chromedp.Click(`.sidebar a[href="`+href+`"]`), chromedp.WaitVisible(`h1`)); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, `location.pathname === `+jsq(href))
}
