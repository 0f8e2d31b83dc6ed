package programs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/shortcode"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
	"github.com/partnerdocs/partnerdocs/internal/testtheme"
)

// program is a reseller program with two tiers and a benefit, in v1 and v2.
func program() map[string]string {
	files := map[string]string{"config.yaml": "title: T\nregions: [global, emea]\nversions:\n  - {name: v2, path: content/v2, latest: true}\n  - {name: v1, path: content/v1}\n"}
	for _, v := range []string{"v1", "v2"} {
		base := "content/" + v + "/"
		files[base+"programs/reseller/_index.md"] = "---\ntitle: Reseller\nkind: program\n---\n"
		files[base+"programs/reseller/select.md"] = "---\ntitle: Select\nkind: tier\nprogram: programs/reseller\nrank: 1\nrequirements:\n  - {text: Signed agreement}\n---\n"
		files[base+"programs/reseller/premier.md"] = "---\ntitle: Premier\nkind: tier\nprogram: programs/reseller\nrank: 2\n---\n"
		files[base+"benefits/discount.md"] = "---\ntitle: Discount\nkind: benefit\nprogram: programs/reseller\ngroup: Sales\nvalues:\n  select: {value: 20, unit: percent}\n  premier: {value: 30, unit: percent}\n---\n"
		files[base+"certifications/seller.md"] = "---\ntitle: Seller\nkind: certification\ntrack: sales\n---\n"
	}
	return files
}

func TestShortcodes(t *testing.T) {
	for _, c := range []struct {
		name, call string
		finding    string // "line:col rule" of the one finding, or "" for none
		renders    string // a fragment of the HTML when there is no finding
	}{
		{"matrix", `{{< benefit-matrix program="programs/reseller" >}}`, "", "20%"},
		{"matrix by short name", `{{< benefit-matrix program="reseller" >}}`, "", "Premier"},
		{"matrix unknown program", `{{< benefit-matrix program="programs/resellr" >}}`, "4:29 unknown-ref", ""},
		{"matrix without program", `{{< benefit-matrix >}}`, "4:5 unknown-shortcode", ""},
		{"matrix bad region", `{{< benefit-matrix program="reseller" region="latam" >}}`, "4:47 unknown-region", ""},
		{"matrix bad requirements", `{{< benefit-matrix program="reseller" requirements="no" >}}`, "4:53 unknown-shortcode", ""},
		{"curriculum", `{{< curriculum track="sales" >}}`, "", "Seller"},
		{"curriculum unknown track", `{{< curriculum track="sale" >}}`, "4:23 unknown-ref", ""},
		{"changes", `{{< changes since="v1" >}}`, "", ""},
		{"changes unknown version", `{{< changes since="v0" >}}`, "4:20 unknown-version", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := program()
			files["content/v2/guides/a.md"] = "---\ntitle: A\n---\n" + c.call + "\n"
			s, d := testsite.Load(t, files)
			if d.HasErrors() {
				t.Fatal(d.Items())
			}
			var diags diag.List
			models := model.Build(s, &diags)
			set := shortcode.New(s, links.New(s))
			New(s, models).Register(set)
			set.Check(&diags)
			items := diags.Items()
			if c.finding == "" {
				if len(items) != 0 {
					t.Fatalf("findings %v", items)
				}
				p := s.Version("v2").ByID["guides/a"]
				html := string(testtheme.Render(t, set, p, p.Doc.Shortcodes[0], nil))
				if !strings.Contains(html, c.renders) {
					t.Errorf("rendered %s, want %q", html, c.renders)
				}
				return
			}
			if len(items) != 1 || fmt.Sprintf("%d:%d %s", items[0].Line, items[0].Column, items[0].Rule) != c.finding {
				t.Errorf("findings %v, want one at %s", items, c.finding)
			}
		})
	}
}

// TestGuideRewrite: a page shown inside a guide gets its ids prefixed
// (many pages have a "requirements" heading), its own fragment links and
// links to pages the guide holds pointed inside the guide, and its
// headings moved down under the guide's.
func TestGuideRewrite(t *testing.T) {
	g := &guideDoc{anchors: map[string]string{"/fy2026/terms/mdf/": "terms-mdf"}}
	in := `<h2 id="claims">Claims<a class="heading-anchor" href="#claims"></a></h2>` +
		`<table aria-labelledby="t-caption"><caption id="t-caption">x</caption></table>` +
		`<p><a href="/fy2026/terms/mdf/">MDF terms</a> <a href="/fy2026/terms/mdf/#claims">claims</a> <a href="/fy2026/guides/x/">guide</a></p>` +
		`<header><hr><h6 id="deep">Deep</h6></header>`
	want := `<h4 id="benefit-mdf--claims">Claims<a class="heading-anchor" href="#benefit-mdf--claims"></a></h4>` +
		`<table aria-labelledby="benefit-mdf--t-caption"><caption id="benefit-mdf--t-caption">x</caption></table>` +
		`<p><a href="#terms-mdf">MDF terms</a> <a href="#terms-mdf--claims">claims</a> <a href="/fy2026/guides/x/">guide</a></p>` +
		`<header><hr><h6 id="benefit-mdf--deep">Deep</h6></header>`
	if got := g.rewrite(in, "benefit-mdf", 2); got != want {
		t.Errorf("rewrite:\n got %s\nwant %s", got, want)
	}
}
