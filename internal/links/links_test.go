package links

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

func fixture(t *testing.T, files map[string]string) (*site.Site, *Resolver) {
	t.Helper()
	files["config.yaml"] = "title: T\nportal: content/portal\nversions:\n  - {name: v2, path: content/v2, latest: true}\n  - {name: v1, path: content/v1}\n"
	for _, d := range []string{"content/portal", "content/v1", "content/v2"} {
		files[d+"/.keep"] = ""
	}
	s, d := testsite.Load(t, files)
	if d.HasErrors() {
		t.Fatal(d.Items())
	}
	return s, New(s)
}

func TestRules(t *testing.T) {
	s, r := fixture(t, map[string]string{
		"content/v2/terms/mdf.md":    "---\ntitle: MDF\n---\n## Claims {#claims}\n## Proof of performance\n",
		"content/v2/terms/secret.md": "---\ntitle: S\naudience: internal\n---\n",
		"content/v2/img/logo.png":    "PNG",
		"content/v1/terms/mdf.md":    "---\ntitle: Old MDF\n---\n## Claims {#claims}\n",
		"content/portal/news/x.md":   "---\ntitle: X\nkind: announcement\ndate: 2026-01-01\n---\n[ok](xref:terms/mdf#claims) [ok](../../fy/x.md)\n",
		"content/v2/guides/a.md": "---\ntitle: A\n---\n" +
			"[ok](../terms/mdf.md#claims) [ok](../terms/mdf.md#proof-of-performance) [ok](xref:terms/mdf@v1#claims)\n" + // 4
			"[bad](../terms/mfd.md) [bad](../terms/mdf.md#claim) [bad](xref:terms/mdff)\n" + // 5
			"[bad](xref:terms/mdf@v3) ![bad](../img/logo.jpg) ![ok](../img/logo.png)\n" + // 6
			"| a | b |\n|---|---|\n| [bad](nope.md) | x |\n" + // 7-9
			"[esc](../../../../etc/passwd) [pct](%zz.md) [js](javascript:alert(1)) [hid](../terms/secret.md)\n" + // 10
			"[same](#top) [unicode](../terms/mdf.md#überblick) [folder](../terms/) [ext](https://example.com)\n", // 11
	})
	var diags diag.List
	rep := r.Check(&diags, true)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, fmt.Sprintf("%s:%d:%d %s %s|%s", d.File, d.Line, d.Column, d.Severity, d.Rule, d.Suggestion))
	}
	want := []string{
		"content/portal/news/x.md:6:34 error broken-link|",
		"content/v2/guides/a.md:5:7 error broken-link|../terms/mdf.md",
		"content/v2/guides/a.md:5:30 error broken-anchor|claims",
		"content/v2/guides/a.md:5:59 error broken-xref|terms/mdf",
		"content/v2/guides/a.md:6:7 error unknown-version|v1",
		"content/v2/guides/a.md:6:33 error missing-asset|",
		"content/v2/guides/a.md:9:9 error broken-link|",
		"content/v2/guides/a.md:10:7 error broken-link|",
		"content/v2/guides/a.md:10:37 error broken-link|",
		"content/v2/guides/a.md:10:50 error broken-link|",
		"content/v2/guides/a.md:10:77 warning audience-link|",
		"content/v2/guides/a.md:11:8 error broken-anchor|",
		"content/v2/guides/a.md:11:24 error broken-anchor|",
		"content/v2/guides/a.md:11:60 error broken-link|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.Assets) != 1 || rep.Assets[0].URL != "v2/img/logo.png" {
		t.Errorf("assets = %v", rep.Assets)
	}
	// Resolution gives the addresses render writes.
	a := s.Version("v2").ByID["guides/a"]
	for dest, url := range map[string]string{
		"../terms/mdf.md#claims":   "v2/terms/mdf/#claims",
		"xref:terms/mdf@v1#claims": "v1/terms/mdf/#claims",
		"../terms/":                "v2/terms/mdf/",
	} {
		tgt, _ := r.Resolve(a, dest, markdown.KindLink)
		if dest == "../terms/" {
			continue // a folder without an index page: reported, not resolved
		}
		if tgt.URL != url {
			t.Errorf("%s -> %q, want %q", dest, tgt.URL, url)
		}
	}
	portal := s.Portal.ByID["news/x"]
	if tgt, p := r.Resolve(portal, "xref:terms/mdf", markdown.KindLink); p != nil || tgt.URL != "v2/terms/mdf/" {
		t.Errorf("portal xref goes to %q (%v), want the latest version", tgt.URL, p)
	}
	if tgt, _ := r.Resolve(a, "../terms/secret.md", markdown.KindLink); !tgt.Hidden {
		t.Error("a link to an internal page is not marked hidden")
	}
}

func TestWarnLevel(t *testing.T) {
	_, r := fixture(t, map[string]string{"content/v2/a.md": "---\ntitle: A\n---\n[x](b.md)\n"})
	var diags diag.List
	r.Check(&diags, false)
	if diags.HasErrors() || diags.Len() != 1 {
		t.Fatalf("check.level warn: %v", diags.Items())
	}
}

func TestManyLinks(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: Big\n---\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&b, "[l%d](b.md#h) ", i)
	}
	_, r := fixture(t, map[string]string{"content/v2/a.md": b.String(), "content/v2/b.md": "---\ntitle: B\n---\n## H {#h}\n"})
	var diags diag.List
	r.Check(&diags, true)
	if diags.Len() != 0 {
		t.Fatalf("%d diagnostics", diags.Len())
	}
}

// The preview's check cache gives the findings of a fresh check: again
// from the cache, and again after the structure of the site changed (a
// target page gone), which empties it.
func TestCheckCache(t *testing.T) {
	files := map[string]string{
		"content/v2/a.md":      "---\ntitle: A\n---\n[b](b.md) [gone](nope.md) ![i](img.png)\n",
		"content/v2/b.md":      "---\ntitle: B\n---\nB.\n",
		"content/v2/img.png":   "PNG",
		"content/v2/other.md":  "---\ntitle: O\n---\n[a](a.md#missing)\n",
		"content/v1/legacy.md": "---\ntitle: L\n---\n[x](xref:b@v2)\n",
	}
	cache := NewCheckCache()
	// run checks files with a cache (nil: a fresh check) and returns the
	// findings and the number of assets linked.
	run := func(files map[string]string, c *CheckCache) (string, int) {
		_, r := fixture(t, files)
		var d diag.List
		rep := r.CheckCached(&d, true, c)
		var out []string
		for _, it := range d.Items() {
			out = append(out, it.File+":"+fmt.Sprint(it.Line)+":"+it.Rule)
		}
		return strings.Join(out, " "), len(rep.Assets)
	}
	check := func(files map[string]string) (string, int) { return run(files, cache) }
	fresh := func(files map[string]string) (string, int) { return run(files, nil) }
	want, wantAssets := fresh(files)
	if want == "" || wantAssets != 1 {
		t.Fatalf("fixture: findings %q, assets %d", want, wantAssets)
	}
	for i := 0; i < 2; i++ {
		if got, assets := check(files); got != want || assets != wantAssets {
			t.Fatalf("run %d: %q (%d assets), want %q (%d)", i, got, assets, want, wantAssets)
		}
	}
	delete(files, "content/v2/b.md")
	want, wantAssets = fresh(files)
	if got, assets := check(files); got != want || assets != wantAssets || !strings.Contains(got, "a.md") {
		t.Fatalf("after removing b.md: %q (%d assets), want %q (%d)", got, assets, want, wantAssets)
	}
}
