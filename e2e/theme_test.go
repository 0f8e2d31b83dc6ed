package e2e

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteTheme overrides the default theme file by file: a partial, the
// redirect layout, which /latest/ pages and former URLs use, and a part
// partnerdocs adds to pages (a tier's summary), whose headings stay in the
// page's contents because they come as data, not from its HTML.
func TestSiteTheme(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	cfg, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	writeFile(t, site, "config.yaml", strings.Replace(string(cfg), "theme: default", "theme: brand", 1))
	writeFile(t, site, "themes/brand/layouts/partials/footer.html", `<footer class="brand-footer">Brand footer</footer>`)
	writeFile(t, site, "themes/brand/layouts/redirect.html", `<!DOCTYPE html>
<html lang="{{.Language}}"><head><meta http-equiv="refresh" content="0; url={{.Target}}"><title>{{.Title}}</title></head>
<body class="brand-redirect"><a href="{{.Target}}">{{.Lead}} {{.Title}}</a></body></html>
`)
	writeFile(t, site, "themes/brand/layouts/partials/tier-summary.html", `<section class="brand-tier"><h2 id="requirements">{{.Title}} asks {{len .Requirements}} things</h2></section>`)
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build exit %d\n%s", r.code, r.stderr)
	}
	tier, _ := os.ReadFile(filepath.Join(dest, "fy2026/programs/reseller/select/index.html"))
	if !strings.Contains(string(tier), `<section class="brand-tier"><h2 id="requirements">Select asks `) || strings.Contains(string(tier), `class="tier-summary"`) {
		t.Errorf("the site theme's tier-summary.html did not replace the default one")
	}
	if !strings.Contains(string(tier), `href="#requirements"`) {
		t.Error("the tier's contents lost the part's Requirements heading")
	}
	home, _ := os.ReadFile(filepath.Join(dest, "fy2026/index.html"))
	if !strings.Contains(string(home), "Brand footer") {
		t.Error("the site theme's footer partial did not replace the default one")
	}
	latest, err := os.ReadFile(filepath.Join(dest, "latest/terms/mdf/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`class="brand-redirect"`, `href="/fy2026/terms/mdf/"`, "The current version of this page is"} {
		if !strings.Contains(string(latest), want) {
			t.Errorf("/latest/terms/mdf/ lacks %s:\n%s", want, latest)
		}
	}
}

// TestFeedEscapes: titles and summaries with markup characters reach the
// feed escaped, and the feed stays well-formed.
func TestFeedEscapes(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	writeFile(t, site, "content/portal/news/r-and-d.md", `---
title: "R&D <beta> \"preview\" for partners"
kind: announcement
date: 2026-12-31
---

Partners & resellers can <join> the preview.
`)
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dest, "news/feed.xml"))
	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &feed); err != nil {
		t.Fatalf("feed is not well-formed: %v\n%s", err, b)
	}
	if len(feed.Entries) == 0 || feed.Entries[0].Title != `R&D <beta> "preview" for partners` {
		t.Fatalf("newest entry: %+v", feed.Entries)
	}
	if e := feed.Entries[0]; !strings.Contains(e.Summary, "Partners & resellers") || !strings.HasSuffix(e.Link.Href, "/news/r-and-d/") {
		t.Errorf("entry: %+v", e)
	}
	if feed.Updated != "2026-12-31T00:00:00Z" {
		t.Errorf("updated %q, want the newest entry's date", feed.Updated)
	}
}
