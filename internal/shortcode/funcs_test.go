package shortcode

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/testtheme"
)

// Hugo's template functions, each through a real template call: the
// expected output is what Hugo gives for the same template.
func TestTemplateFunctions(t *testing.T) {
	data := map[string]string{
		"data/team.yaml":     "- {name: Ada, role: Engineer, level: 3}\n- {name: Bo, role: Sales, level: 1}\n- {name: Cy, role: Engineer, level: 2}\n",
		"data/org/info.json": `{"name": "Northwind", "regions": ["emea", "amer"]}`,
		"assets/csv/x.yaml":  "k: v\n",
	}
	cases := []struct{ name, tmpl, want, finding string }{
		{"dict and index", `{{ $d := dict "a" 1 "b" (slice 1 2 3) }}{{ index $d.b 2 }}`, "3", ""},
		{"index one past the end is nil", `{{ with index (slice) 0 }}x{{ else }}none{{ end }}`, "none", ""},
		{"append", `{{ $s := slice "a" }}{{ $s = $s | append "b" "c" }}{{ delimit $s "," }}`, "a,b,c", ""},
		{"where and sort", `{{ range sort (where site.Data.team "role" "Engineer") "level" "desc" }}{{ .name }} {{ end }}`, "Ada Cy", ""},
		{"where with operators", `{{ len (where site.Data.team "level" "ge" 2) }} {{ len (where site.Data.team "name" "in" (slice "Bo" "Zed")) }}`, "2 1", ""},
		{"first last after uniq in", `{{ first 2 (slice 1 2 3) }}{{ last 1 (slice 1 2 3) }}{{ after 2 (slice 1 2 3) }}{{ uniq (slice 1 1 2) }}{{ in (slice "a" "b") "b" }}`, "[1 2][3][3][1 2]true", ""},
		{"data from folders and JSON", `{{ site.Data.org.info.name }} {{ index site.Data.org.info.regions 1 }}`, "Northwind amer", ""},
		{"default and cond", `{{ default "x" "" }}{{ default "x" "y" }}{{ cond true "a" "b" }}`, "xya", ""},
		{"strings", `{{ strings.Title "deal registration" }}|{{ strings.TrimPrefix "fy" "fy2026" }}|{{ replace "a-b" "-" " " }}|{{ replaceRE "(\\d+)" "#$1" "v12" }}|{{ index (findRE "[a-z]+" "ab12cd") 1 }}`, "Deal Registration|2026|a b|v#12|cd", ""},
		{"humanize anchorize urlize", `{{ humanize "deal-registration" }}|{{ anchorize "Our <b>Data</b> Stack" }}|{{ urlize "MDF Claims" }}`, "Deal registration|our-data-stack|mdf-claims", ""},
		{"plainify and htmlEscape", `{{ plainify "<b>bold</b> text" }}|{{ htmlEscape "<a>" }}`, "bold text|&amp;lt;a&amp;gt;", ""},
		{"math", `{{ add 1 2 }} {{ sub 5 3 }} {{ mul 2 3 }} {{ div 7 2 }} {{ mod 7 3 }} {{ math.Max 3 9 }} {{ add 1.5 1 }}`, "3 2 6 3 1 9 2.5", ""},
		{"seq", `{{ range seq 3 }}{{ . }}{{ end }}`, "123", ""},
		{"printf and jsonify", `{{ printf "%s-%d" "a" 2 }} {{ jsonify (dict "k" "v") }}`, `a-2 {&#34;k&#34;:&#34;v&#34;}`, ""}, // text, escaped by the sanitiser
		{"time", `{{ time.Format "2006" "2026-03-01" }} {{ (time.AsTime "2026-03-01").Month }}`, "2026 March", ""},
		{"urls", `{{ (urls.Parse "https://x.example/a?b=1").Host }} {{ relURL "img/x.png" }} {{ absURL "a/" }}`, "x.example /img/x.png https://partners.example.com/a/", ""},
		{"transform.Unmarshal of a resource", `{{ (resources.Get "csv/x.yaml" | transform.Unmarshal).k }}`, "v", ""},
		{"markdownify", `{{ markdownify "**bold** [x](https://x.example)" }}`, `<strong>bold</strong> <a href="https://x.example">x</a>`, ""},
		{"markdownify drops script addresses", `{{ markdownify "[x](javascript:alert(1))" }}`, `x`, ""},
		{"safeHTML is sanitised", `{{ safeHTML "<b onclick=alert(1)>ok</b><script>x()</script>" }}`, `<b>ok</b>`, ""},
		{"links a template writes are resolved", `<a href="b.md">B</a> <a href="javascript:alert(1)">J</a>`, `<a href="/v1/b/">B</a> J`, "writes a link: \"javascript:alert(1)\": javascript: addresses are never published"},
		{"page and site", `{{ .Page.Title }}|{{ .Page.RelPermalink }}|{{ .Page.Section }}|{{ site.Title }}|{{ (site.GetPage "/b").Title }}|{{ page.Title }}`, "A|/v1/a/||T|B|A", ""},
		{"scratch", `{{ $s := newScratch }}{{ $s.Set "n" 1 }}{{ $s.Add "n" 2 }}{{ $s.Get "n" }}`, "3", ""},
		{"isset and merge", `{{ isset (dict "a" 1) "a" }} {{ (merge (dict "a" 1) (dict "a" 2 "b" 3)).a }}`, "true 1", ""},
	}
	files := map[string]string{"content/v1/b.md": "---\ntitle: B\n---\nB.\n"}
	for k, v := range data {
		files[k] = v
	}
	body := ""
	for i, c := range cases {
		name := "t" + string(rune('a'+i))
		files["layouts/_shortcodes/fn/"+name+".html"] = c.tmpl
		body += "{{< fn/" + name + " >}}\n\n"
	}
	files["config.yaml"] = "title: T\nbaseURL: https://partners.example.com/\nversions:\n  - {name: v1, path: content/v1, latest: true}\n"
	s, set := loadWith(t, body, files)
	p := s.Version("v1").ByID["a"]
	if len(p.Doc.Shortcodes) != len(cases) {
		t.Fatalf("%d calls, want %d", len(p.Doc.Shortcodes), len(cases))
	}
	for i, c := range cases {
		sc := p.Doc.Shortcodes[i]
		probs := set.defs[sc.Name].Check(p, sc)
		switch {
		case c.finding == "" && len(probs) > 0:
			t.Errorf("%s: %v", c.name, probs)
			continue
		case c.finding != "" && (len(probs) != 1 || !strings.Contains(probs[0].Message, c.finding)):
			t.Errorf("%s: findings %v, want one with %q", c.name, probs, c.finding)
		}
		got := strings.TrimSpace(string(testtheme.Render(t, set, p, sc, nil)))
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// A template that runs past its deadline stops itself (nested loops of
// 10^10 steps): the call reports the budget, and its goroutine ends
// rather than spinning on.
func TestRunawayTemplateStops(t *testing.T) {
	files := map[string]string{"layouts/_shortcodes/spin.html": `{{ range seq 100000 }}{{ range seq 100000 }}{{ end }}{{ end }}`}
	s, set := load(t, "{{< spin >}}\n", files)
	p := s.Version("v1").ByID["a"]
	before := runtime.NumGoroutine()
	probs := set.defs["spin"].Check(p, p.Doc.Shortcodes[0])
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "running longer than 1s is over its budget") {
		t.Fatalf("findings %v", probs)
	}
	for i := 0; i < 60 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(50 * time.Millisecond) // the loop notices at its next step
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the call, %d before: the template is still running", n, before)
	}
}
