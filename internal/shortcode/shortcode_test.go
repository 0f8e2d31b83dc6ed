package shortcode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
	"github.com/partnerdocs/partnerdocs/internal/testtheme"
)

const config = "title: T\nversions:\n  - {name: v1, path: content/v1, latest: true}\n"

// load builds a one-page site with body, plus files.
func load(t testing.TB, body string, files map[string]string) (*site.Site, *Set) {
	t.Helper()
	if files == nil {
		files = map[string]string{}
	}
	files["config.yaml"] = config
	return loadWith(t, body, files)
}

// loadWith is load with the files' own config.yaml.
func loadWith(t testing.TB, body string, files map[string]string) (*site.Site, *Set) {
	t.Helper()
	files["content/v1/a.md"] = "---\ntitle: A\n---\n" + body
	files["content/v1/img/x.png"] = "PNG"
	s, d := testsite.Load(t, files)
	if d.HasErrors() {
		t.Fatal(d.Items())
	}
	return s, New(s, links.New(s))
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name, body string
		files      map[string]string
		want       []string // "line:col fragment", in order; nil for none
	}{
		{"youtube positional", `{{< youtube "dQw4w9WgXcQ" >}}`, nil, nil},
		{"youtube bad id", `{{< youtube "no" >}}`, nil, []string{"4:5 youtube needs a video id"}},
		{"unknown", `{{< yotube "dQw4w9WgXcQ" >}}`, nil, []string{`4:5 unknown shortcode "yotube"`}},
		{"unknown argument", "{{< details summary=\"Q\" sumary=\"x\" >}}\nA\n{{< /details >}}", nil, []string{`4:25 has no argument "sumary"`}},
		{"too many positional", "{{< details \"Q\" \"R\" >}}\nA\n{{< /details >}}", nil, []string{"4:18 takes 1 positional arguments, not 2"}},
		{"needs inner", `{{< note >}}`, nil, []string{"4:5 shortcode note needs inner content"}},
		{"no inner", "{{< youtube \"dQw4w9WgXcQ\" >}}x{{< /youtube >}}", nil, []string{"4:5 youtube takes no inner content"}},
		{"alert color", "{{% alert color=\"purpel\" %}}\nx\n{{% /alert %}}", nil, []string{`4:18 alert color "purpel" is not one of`}},
		{"figure without alt", `{{< figure src="img/x.png" >}}`, nil, []string{`4:5 figure needs alt`}},
		{"malformed", `{{< youtube "abc >}}`, nil, []string{"4:21 unterminated string"}},
		{"template", `{{< badge Gold >}}`, map[string]string{"layouts/shortcodes/badge.html": "<b>{{ .Get 0 }}</b>"}, nil},
		{"template needs inner", `{{< box >}}`, map[string]string{"layouts/shortcodes/box.html": "<div>{{ .Inner }}</div>"}, []string{"4:5 shortcode box needs inner content"}},
		{"template fails", `{{< bad >}}`, map[string]string{"layouts/shortcodes/bad.html": `{{ index .Params "x" 3 }}`}, []string{"4:5 shortcode template layouts/shortcodes/bad.html fails on this page"}},
		{"include missing", `{{< include "nope.md" >}}`, nil, []string{"4:5 include: no file nope.md (looked for assets/nope.md, nope.md, the page nope.md of this version)"}},
		{"include cycle", `{{< include "b.md" >}}`, map[string]string{"content/v1/b.md": "---\ntitle: B\n---\n{{< include \"a.md\" >}}\n"}, []string{"4:5 a cycle", "4:5 a cycle"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, set := load(t, c.body+"\n", c.files)
			var diags diag.List
			set.Check(&diags)
			var got []string
			for _, d := range diags.Items() {
				got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Message))
			}
			if len(got) != len(c.want) {
				t.Fatalf("findings %q, want %q", got, c.want)
			}
			for i, w := range c.want {
				pos, frag, _ := strings.Cut(w, " ")
				if !strings.HasPrefix(got[i], pos+" ") || !strings.Contains(got[i], frag) {
					t.Errorf("finding %q, want %q", got[i], w)
				}
			}
		})
	}
}

func TestRender(t *testing.T) {
	for _, c := range []struct {
		name, body string
		files      map[string]string
		want       string
	}{
		{"youtube", `{{< youtube id="dQw4w9WgXcQ" title="Intro" >}}`, nil, `<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Intro"`},
		{"alert", "{{% alert title=\"Heads up\" color=\"warning\" %}}\nText.\n{{% /alert %}}", nil, `<div class="callout callout-warning" role="note"><p class="callout-title">Heads up</p>`},
		{"details", "{{< details \"Why?\" >}}\nBecause.\n{{< /details >}}", nil, "<details>\n<summary>Why?</summary>"},
		{"figure", `{{< figure src="img/x.png" alt="X" caption="The X" >}}`, nil, `<figure><img src="/v1/img/x.png" alt="X"><figcaption>The X</figcaption></figure>`},
		{"template", `{{< badge Gold >}}`, map[string]string{"layouts/shortcodes/badge.html": `<b class="{{ .Get 0 | lower }}">{{ .Get 0 }} {{ .Page.Title }}</b>`}, `<b class="gold">Gold A</b>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, set := load(t, c.body+"\n", c.files)
			p := s.Version("v1").ByID["a"]
			var out strings.Builder
			for _, sc := range p.Doc.Shortcodes {
				out.Write(testtheme.Render(t, set, p, sc, []byte("<p>inner</p>")))
			}
			if !strings.Contains(out.String(), c.want) {
				t.Errorf("rendered %s\nwant %s", out.String(), c.want)
			}
		})
	}
}

// Includes: a ring of any length is a cycle, found at the call; a chain
// that includes the next page twice at each of 12 levels (4,096 renders)
// is refused at the call, and renders nothing, quickly.
func TestIncludeBudgets(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 12; i++ {
		files[fmt.Sprintf("content/v1/ring%d.md", i)] = fmt.Sprintf("---\ntitle: R%d\n---\n{{< include \"ring%d.md\" >}}\n", i, (i+1)%12)
		next := fmt.Sprintf("{{< include \"chain%d.md\" >}}\n\n", i+1)
		if i == 11 {
			next = "end\n"
		}
		files[fmt.Sprintf("content/v1/chain%d.md", i)] = fmt.Sprintf("---\ntitle: C%d\n---\n%s%s", i, next, next)
	}
	s, set := load(t, "{{< include \"ring0.md\" >}}\n\n{{< include \"chain0.md\" >}}\n", files)
	var d diag.List
	set.Check(&d)
	var got []string
	cycles := 0
	for _, x := range d.Items() {
		if x.File == "content/v1/a.md" {
			got = append(got, fmt.Sprintf("%d:%d %s", x.Line, x.Column, x.Message))
		}
		if strings.HasPrefix(x.File, "content/v1/ring") && strings.Contains(x.Message, "includes this page again (a cycle)") {
			cycles++
		}
	}
	if cycles != 12 {
		t.Errorf("%d of the 12 ring pages report the cycle", cycles)
	}
	if len(got) != 1 || got[0] != "6:5 include: content/v1/chain0.md expands to 501 included pages; at most 500 are rendered in one place" {
		t.Errorf("findings on a.md: %q", got)
	}
	p := s.Version("v1").ByID["a"]
	set.SetBodyRenderer(func(*site.Page) []byte { t.Fatal("an over-budget include was rendered"); return nil })
	if out := testtheme.Render(t, set, p, p.Doc.Shortcodes[1], nil); out != nil {
		t.Errorf("rendered %q", out)
	}
}

// TestReadsOtherPages: the built-ins that show their own arguments and
// text, and names nobody defines, read no other page; an include, the
// reference shortcodes and every template of the site may, also one
// that takes a built-in's name.
func TestReadsOtherPages(t *testing.T) {
	_, set := load(t, "Text.\n", map[string]string{
		"layouts/shortcodes/badge.html":     "<b>{{ .Get 0 }}</b>",
		"layouts/shortcodes/note.html":      `{{ with site.GetPage "/x" }}{{ .Title }}{{ end }}`,
		"layouts/shortcodes/member.html":    `{{ partial "member-card" (.Get 0) }}`,
		"layouts/shortcodes/listing.html":   `{{ partial "list-pages.html" . }}`,
		"layouts/shortcodes/dynamic.html":   `{{ partial (printf "%s" (.Get 0)) . }}`,
		"layouts/shortcodes/parent.html":    `{{ $.Page.Parent.Title }}`,
		"layouts/shortcodes/today.html":     `{{ now.Year }}`,
		"layouts/shortcodes/md.html":        `{{ .Inner | markdownify }}`,
		"layouts/shortcodes/ring.html":      `{{ partial "ring-a" . }}`,
		"layouts/shortcodes/remote.html":    `{{ with resources.GetRemote "https://example.com/x.json" }}{{ . }}{{ end }}{{ transform.Unmarshal "a: 1" }}`,
		"layouts/shortcodes/asset.html":     `{{ with resources.Get "x.css" }}{{ .Content }}{{ end }}`,
		"layouts/shortcodes/clock.html":     `{{ time.Now }}`,
		"layouts/shortcodes/embed.html":     `{{ .Get 0 | transform.Markdownify }}`,
		"layouts/partials/member-card.html": `{{ range where site.Data.team "name" "eq" . }}{{ .name }}{{ end }}`,
		"layouts/partials/list-pages.html":  `{{ range .Site.RegularPages }}{{ .Title }}{{ end }}`,
		"layouts/partials/ring-a.html":      `{{ partial "ring-b" . }}`,
		"layouts/partials/ring-b.html":      `{{ if false }}{{ partial "ring-a" . }}{{ end }}`,
	})
	for name, want := range map[string]bool{
		"alert": false, "details": false, "youtube": false, "figure": false, "tip": false, "param": false, "highlight": false,
		"no-such-shortcode": false,
		// Templates that read their call and the site's data only, at any
		// depth of partials, read no other page.
		// markdownify's links go through the render's recorder; a
		// refused remote resource and Unmarshal read only their
		// arguments.
		"badge": false, "member": false, "ring": false, "md": false, "remote": false,
		"include": true, "ref": true, "relref": true, "note": true, "listing": true, "dynamic": true,
		"parent": true, "today": true, "asset": true, "clock": true, "embed": true,
	} {
		if got := set.ReadsOtherPages(name); got != want {
			t.Errorf("ReadsOtherPages(%q) = %v, want %v", name, got, want)
		}
	}
}
