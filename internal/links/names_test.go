package links

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

func TestLastName(t *testing.T) {
	for in, want := range map[string]string{
		"guides/deal-registration.md": "deal-registration", "/fy2026/guides/Deal-Registration/": "deal-registration",
		"guides/_index.md": "guides", "guides/index.html": "guides", "x/caf%C3%A9/": "café", "x/%C3%89T%C3%89.md": "été", "x/ÉTÉ/": "été",
		"_index.md": "", "../": "", ".": "", "/": "", "": "",
	} {
		if got := lastName(in); got != want {
			t.Errorf("lastName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string][2]string{
		"xref:guides/faq#q@v1": {"faq", ""}, "xref:guides/faq@v1": {"faq", ""}, "#anchor": {"", "own"}, "../": {"", ""},
		"../x/faq.md#a": {"faq", ""}, "https://example.com/a/b/": {"b", ""}, "hugoref:#top": {"", "own"},
	} {
		name, own := linkName(in)
		if got := [2]string{name, map[bool]string{true: "own"}[own]}; got != want {
			t.Errorf("linkName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCheckCacheKeepsUnnamed: pages come, go, change address, take an id
// another page had as an alias, and turn draft; after each, the cached
// check finds what a fresh check finds, with the same link digests, and
// resolves again only the pages whose links name what changed (or that
// had a finding), not the twenty that link elsewhere.
func TestCheckCacheKeepsUnnamed(t *testing.T) {
	files := map[string]string{
		"config.yaml":          "title: T\nversions:\n  - {name: v2, path: content/v2, latest: true}\n",
		"content/v2/a.md":      "---\ntitle: A\n---\n[b](b.md) [faq](../v2/x/faq/) [top](#top) [up](../)\n\n## Top {#top}\n",
		"content/v2/yl.md":     "---\ntitle: YL\n---\n[y](xref:guides/y)\n",
		"content/v2/bl.md":     "---\ntitle: BL\n---\n[b](/v2/b/)\n",
		"content/v2/d.md":      "---\ntitle: D\naliases: [/v2/dee/]\n---\nD.\n",
		"content/v2/dl.md":     "---\ntitle: DL\n---\n[d](/v2/dee/)\n",
		"content/v2/b.md":      "---\ntitle: B\n---\nB.\n",
		"content/v2/c.md":      "---\ntitle: C\n---\nC.\n",
		"content/v2/old.md":    "---\ntitle: Old\naliases: [guides/y]\n---\nOld.\n",
		"content/v2/lower.md":  "---\ntitle: Lower\n---\n[shout](SHOUT.md)\n",
		"content/v2/x/keep.md": "---\ntitle: Keep\n---\nKeep.\n",
	}
	for i := range 20 {
		files[fmt.Sprintf("content/v2/f/p%02d.md", i)] = "---\ntitle: F\n---\n[c](../c.md) [keep](/v2/x/keep/)\n"
	}
	root := testsite.Write(t, files)
	cache := NewCheckCache()
	// run checks the site with a cache (nil: a fresh check): its findings
	// and every page's link digest.
	run := func(c *CheckCache) string {
		cfg, d := config.Load(root)
		if d.HasErrors() {
			t.Fatal(d.Items())
		}
		cs, _ := content.Load(cfg, content.Options{Audience: "partner"})
		s := site.Resolve(cs, markdown.New(markdown.Options{}))
		r := New(s)
		var diags diag.List
		r.CheckCached(&diags, false, c)
		var out []string
		for _, it := range diags.Items() {
			out = append(out, fmt.Sprintf("%s:%d:%s", it.File, it.Line, it.Rule))
		}
		for _, v := range s.All() {
			for _, p := range v.Pages {
				dg, _ := r.LinkDigest(p)
				out = append(out, fmt.Sprintf("%s=%x", p.Rel, dg))
			}
		}
		return strings.Join(out, "\n")
	}
	write := func(rel, text string) func() { return testsite.Put(t, root, rel, text) }
	remove := func(rel string) func() { return testsite.Remove(t, root, rel) }
	if got, want := run(cache), run(nil); got != want {
		t.Fatalf("first check:\n%s\nwant\n%s", got, want)
	}
	for _, st := range []struct {
		name string
		do   func()
		most int64 // pages resolved again
	}{
		{"the page a broken link names comes", write("content/v2/x/faq.md", "---\ntitle: FAQ\n---\nQ.\n"), 4},
		{"a page nothing names comes", write("content/v2/x/new.md", "---\ntitle: New\n---\n[b](../b.md)\n"), 3},
		{"a linked page goes", remove("content/v2/b.md"), 5},
		{"it comes back", write("content/v2/b.md", "---\ntitle: B\n---\nB.\n"), 5},
		{"a page gives up a former address", write("content/v2/d.md", "---\ntitle: D\n---\nD.\n"), 5},
		{"a page takes an id another had as an alias", write("content/v2/guides/y.md", "---\ntitle: Y\n---\nY.\n"), 5},
		{"a page matching a link in another case", write("content/v2/shout.md", "---\ntitle: Shout\n---\nS.\n"), 5},
		{"a linked page turns draft", write("content/v2/c.md", "---\ntitle: C\ndraft: true\n---\nC.\n"), 24},
		{"the page many link to goes", remove("content/v2/x/keep.md"), 24},
	} {
		st.do()
		before := cache.checked.Load()
		got := run(cache)
		if want := run(nil); got != want {
			t.Errorf("%s:\n%s\nwant\n%s", st.name, got, want)
		}
		if n := cache.checked.Load() - before; n > st.most {
			t.Errorf("%s: %d pages checked again, want at most %d", st.name, n, st.most)
		} else {
			t.Logf("%s: %d pages checked again", st.name, n)
		}
	}
}

// FuzzLinkName: any destination gives a name without a slash, in lower
// case, that is the name of the path it ends in (so a page at that path
// is found by it), and never panics.
func FuzzLinkName(f *testing.F) {
	for _, s := range []string{"x.md", "../a/B/", "xref:guides/faq#q@v1", "hugoref:x", "#top", "/v/x/index.html", "%zz", "a/%C3%89.md", "https://h/x?y#z", ".", "//host", "%/%89"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		name, own := linkName(dest)
		if strings.Contains(name, "/") || name != strings.ToLower(name) {
			t.Fatalf("linkName(%q) = %q", dest, name)
		}
		if own && name != "" {
			t.Fatalf("linkName(%q) = %q, own", dest, name)
		}
		// A name is its own name, unless it still looks escaped (both
		// sides of a lookup are unescaped alike, so that is no matter).
		if n := lastName(dest); n != "" && !strings.Contains(n, "%") && lastName(n) != n && lastName(n+".md") != n {
			t.Fatalf("lastName(%q) = %q, whose own name is %q", dest, n, lastName(n))
		}
	})
}
