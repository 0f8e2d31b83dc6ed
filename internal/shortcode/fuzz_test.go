package shortcode

import (
	"strings"
	"testing"
	"time"
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
