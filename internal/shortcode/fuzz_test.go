package shortcode

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/testtheme"
)

// FuzzTemplate runs any template text as a site's shortcode: whatever it
// calls, it must not crash the build, and it must stop within its budget
// (a second, plus the time to notice).
func FuzzTemplate(f *testing.F) {
	for _, seed := range []string{
		`{{ range seq 10 }}{{ . }}{{ end }}`,
		`{{ index (where site.Data.team "name" "eq" "x") 0 }}`,
		`{{ $d := dict "a" (slice 1 2) }}{{ delimit $d.a "," }}`,
		`{{ range 100000000000 }}{{ end }}`,
		`{{ define "x" }}{{ template "x" . }}{{ end }}{{ template "x" . }}`,
		`{{ replaceRE "(a+)+$" "b" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" }}`,
		`{{ markdownify "[x](javascript:alert(1))" }}{{ safeHTML "<script>x</script>" }}`,
		`{{ partial "nope" . }}{{ errorf "boom %d" 1 }}`,
		`{{ strings.Repeat 100000000 "x" }}`,
		`{{ math.Pow 10 400 }}{{ div 1 0 }}{{ mod 1 0 }}`,
		`{{ getenv "HOME" }}{{ resources.GetRemote "http://169.254.169.254/" }}`,
	} {
		f.Add(seed)
	}
	s, set := load(f, "{{< fz >}}\n", map[string]string{"data/team.yaml": "- {name: x}\n"})
	p := s.Version("v1").ByID["a"]
	sc := p.Doc.Shortcodes[0]
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 || strings.Count(text, "define") > 8 {
			return // templates are files; a large one says nothing new
		}
		tmpl := set.prepare("fz", "layouts/_shortcodes/fz.html", text, false)
		start := time.Now()
		d := set.templateDef(tmpl)
		_ = d.Check(p, sc)
		_ = d.Render(s, set.r, p, sc, nil)
		if el := time.Since(start); el > 4*maxCallTime {
			t.Errorf("a call took %s", el)
		}
	})
}

// FuzzIncludes builds an include graph from the input (up to 8 pages, each
// including others, twice or more, in rings and chains) and renders every
// page through its includes: check finds cycles and over-budget calls,
// and rendering ends with at most maxIncludes+1 bodies per call.
func FuzzIncludes(f *testing.F) {
	f.Add([]byte{1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 0})
	f.Add([]byte{0, 1, 1, 0})
	f.Add([]byte{7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, graph []byte) {
		if len(graph) > 64 {
			return
		}
		files := map[string]string{}
		body := map[int]string{}
		for i, b := range graph {
			from, to := i%8, int(b)%8
			body[from] += fmt.Sprintf("{{< include \"p%d.md\" >}}\n\n", to)
		}
		for i := 0; i < 8; i++ {
			files[fmt.Sprintf("content/v1/p%d.md", i)] = fmt.Sprintf("---\ntitle: P%d\n---\n%send\n", i, body[i])
		}
		s, set := load(t, "{{< include \"p0.md\" >}}\n", files)
		var d diag.List
		set.Check(&d)
		renders := 0
		// set.Render calls it back for each include: the recursion goes
		// through the set, as in a build.
		renderBody := func(p *site.Page) []byte {
			renders++
			if renders > 8*(maxIncludes+2) {
				t.Fatalf("%d bodies rendered", renders)
			}
			var out []byte
			for _, sc := range p.Doc.Shortcodes {
				out = append(out, testtheme.Render(t, set, p, sc, nil)...)
			}
			return out
		}
		set.SetBodyRenderer(renderBody)
		for _, p := range s.Version("v1").Pages {
			renders = 0
			renderBody(p)
		}
	})
}
