package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// Options select what to generate.
type Options struct {
	Pages int   // total Markdown pages, approximately
	Seed  int64 // same seed, same corpus
	Dir   string
	Hugo  string // also write a Hugo site here ("" for none)
	// Bytes pads each page's body with paragraphs to about this size (0
	// leaves the usual 3-4 KB).
	Bytes int
	// Broken adds this many broken links, spread over the pages: a
	// misspelt file, a missing anchor, a missing id, a root-relative
	// address that names no page (with their own random stream, so the
	// rest of the corpus is the same as without them).
	Broken int
	// Sections spreads the generic pages over this many folders (0: 50
	// pages a folder, 200 folders at 10,000 pages). Navigation and the
	// preview's caches behave differently with few large sections.
	Sections int
	// Shape, when set, pads pages with blocks in a site's proportions
	// (see Shape) instead of plain paragraphs.
	Shape *Shape
}

var words = strings.Fields(`partner program tier benefit discount margin registration opportunity customer pipeline
deployment runner release gate observability dashboard certification exam renewal subscription quote order invoice
marketing campaign webinar proposal claim performance review quarter revenue target forecast territory region account
engineer architect migration service delivery workshop handover acceptance support escalation incident severity response
security compliance policy audit evidence template checklist playbook enablement training course lab voucher badge
agreement clause term effective supersede amendment appendix schedule notice confidentiality trademark brand guideline
integration marketplace listing validation suite release cadence roadmap feature preview availability pricing package
the a of and to in for with on by from as is are be will can must should may each every this that these those our your`)

type gen struct {
	r     *rand.Rand
	opts  Options
	pages []page
}

type page struct {
	rel      string // path below the version folder
	id       string
	title    string
	kind     string
	weight   int
	front    []string // extra front-matter lines (ours)
	body     string
	headings []string
}

func (g *gen) word() string { return words[g.r.Intn(len(words))] }

func (g *gen) sentence(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph() string {
	var ss []string
	for i := 0; i < 4+g.r.Intn(3); i++ {
		ss = append(ss, g.sentence(8+g.r.Intn(10)))
	}
	return strings.Join(ss, " ")
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Generate writes the corpus.
func Generate(o Options) error {
	g := &gen{r: rand.New(rand.NewSource(o.Seed)), opts: o}
	g.plan()
	g.bodies()
	if err := g.writeOurs(); err != nil {
		return err
	}
	if o.Hugo != "" {
		return g.writeHugo()
	}
	return nil
}

// plan decides every page, so that links only point at pages that exist.
func (g *gen) plan() {
	n := g.opts.Pages
	programs := max(1, n/400)
	certs := max(3, n/100)
	for p := 0; p < programs; p++ {
		pid := fmt.Sprintf("programs/program-%d", p)
		g.pages = append(g.pages, page{rel: pid + "/_index.md", id: pid, title: fmt.Sprintf("Program %d", p), kind: "program", weight: p, front: []string{"type: reseller"}})
		for t, name := range []string{"registered", "select", "premier"} {
			req := []string{"requirements:", fmt.Sprintf("  - {certification: certifications/cert-%d, count: %d}", (p+t)%certs, t+1),
				fmt.Sprintf("  - {metric: net-new-arr, min: %d, unit: USD, window: trailing 12 months}", (t+1)*100000)}
			if t > 0 {
				req = append(req, fmt.Sprintf("  - {tier: %s/%s, months: 6}", pid, []string{"registered", "select"}[t-1]))
			}
			g.pages = append(g.pages, page{rel: pid + "/" + name + ".md", id: pid + "/" + name, title: title(name), kind: "tier", weight: t + 1,
				front: append([]string{"program: " + pid, fmt.Sprintf("rank: %d", t+1), "entry: application"}, req...)})
		}
		for b := 0; b < 8; b++ {
			vals := []string{"values:",
				fmt.Sprintf("  registered: {value: %d, unit: percent}", 5+b),
				fmt.Sprintf("  select: {value: %d, unit: percent}", 10+b),
				fmt.Sprintf("  premier: {value: %d, unit: percent, note: \"on approved deals\"}", 15+b)}
			bid := fmt.Sprintf("benefits/program-%d-benefit-%d", p, b)
			g.pages = append(g.pages, page{rel: bid + ".md", id: bid, title: fmt.Sprintf("%s benefit %d", title(g.word()), b), kind: "benefit",
				front: append([]string{"program: " + pid, "group: " + []string{"Sales", "Marketing", "Support", "Services", "Training"}[b%5]}, vals...)})
		}
	}
	for c := 0; c < certs; c++ {
		front := []string{"track: " + []string{"sales", "technical", "services"}[c%3], "level: associate", "duration_hours: 8", "validity_months: 24", "exam: written"}
		if c >= 3 {
			front = append(front, fmt.Sprintf("prerequisites: [certifications/cert-%d]", c-3))
		}
		g.pages = append(g.pages, page{rel: fmt.Sprintf("certifications/cert-%d.md", c), id: fmt.Sprintf("certifications/cert-%d", c), title: fmt.Sprintf("Certification %d", c), kind: "certification", front: front})
	}
	kinds := []string{"guide", "playbook", "page", "terms"}
	perSection := 50
	if g.opts.Sections > 0 {
		perSection = max(1, (n-len(g.pages)+g.opts.Sections-1)/g.opts.Sections)
	}
	for i := 0; len(g.pages) < n; i++ {
		section := fmt.Sprintf("section-%d", i/perSection)
		kind := kinds[i%len(kinds)]
		rel := fmt.Sprintf("%s/page-%d.md", section, i)
		var front []string
		if kind == "terms" {
			front = []string{"version: \"1.0\"", "effective: 2026-02-01"}
		}
		if kind == "playbook" {
			front = []string{"roles: [sales, presales]"}
		}
		g.pages = append(g.pages, page{rel: rel, id: strings.TrimSuffix(rel, ".md"), title: fmt.Sprintf("%s %s %d", title(g.word()), g.word(), i), kind: kind, weight: i % 7, front: front})
	}
}

// codeBlock is a fenced example of the kinds enablement pages carry (a CI
// pipeline, an install command, an API payload), with values varied so
// that blocks differ from page to page as they do on real sites.
func (g *gen) codeBlock() string {
	pick := func(xs ...string) string { return xs[g.r.Intn(len(xs))] }
	switch g.r.Intn(3) {
	case 0:
		stages := []string{"build", "test", "lint", "scan", "package", "deploy", "release"}
		n := 2 + g.r.Intn(4)
		return fmt.Sprintf("```yaml\npipeline:\n  stages: [%s]\n  runner: %s\n  timeout_minutes: %d\n  cache: %s\n```\n\n",
			strings.Join(stages[:n], ", "), pick("linux-small", "linux-large", "arm64", "windows"), 10+g.r.Intn(110), g.word())
	case 1:
		return fmt.Sprintf("```bash\ncurl -sSL https://downloads.example.com/agent/%d.%d.%d/install.sh | sudo bash -s -- --token %08x\ntidewater-agent register --region %s --name %s-%d\n```\n\n",
			1+g.r.Intn(4), g.r.Intn(20), g.r.Intn(10), g.r.Uint32(), pick("amer", "emea", "apac"), g.word(), g.r.Intn(100))
	default:
		return fmt.Sprintf("```json\n{\n  \"partnerId\": \"P-%05d\",\n  \"tier\": \"%s\",\n  \"request\": {\"type\": \"%s\", \"amount\": %d, \"currency\": \"%s\"}\n}\n```\n\n",
			g.r.Intn(100000), pick("registered", "advanced", "premier"), pick("mdf", "deal-registration", "rebate"), 100*(1+g.r.Intn(500)), pick("USD", "EUR", "GBP"))
	}
}

func (g *gen) bodies() {
	if g.opts.Shape != nil {
		g.shapedBodies(newShaper(*g.opts.Shape, g.r))
		g.breakLinks()
		return
	}
	for i := range g.pages {
		p := &g.pages[i]
		var b strings.Builder
		b.WriteString(g.paragraph() + "\n\n")
		nh := 3 + g.r.Intn(3)
		for h := 0; h < nh; h++ {
			text := fmt.Sprintf("%s %s %d", title(g.word()), g.word(), h)
			p.headings = append(p.headings, text)
			fmt.Fprintf(&b, "## %s\n\n%s\n\n", text, g.paragraph())
			switch h {
			case 0:
				for l := 0; l < 4; l++ {
					fmt.Fprintf(&b, "- %s\n", g.sentence(6))
				}
				b.WriteString("\n")
			case 1:
				b.WriteString("| Item | Value | Note |\n|---|---|---|\n")
				for r := 0; r < 4; r++ {
					fmt.Fprintf(&b, "| %s | %d | %s |\n", g.word(), g.r.Intn(1000), g.sentence(4))
				}
				b.WriteString("\n")
			case 2:
				b.WriteString(g.codeBlock())
			}
			b.WriteString(g.paragraph() + "\n\n")
		}
		p.body = b.String()
	}
	// Links are added once every page has its headings.
	for i := range g.pages {
		p := &g.pages[i]
		p.body += g.related(p)
	}
	for i := range g.pages {
		p := &g.pages[i]
		for len(p.body) < g.opts.Bytes {
			p.body += "\n" + g.paragraph() + "\n"
		}
	}
	g.breakLinks()
}

// related is a page's list of links to others (relative, by id, some
// to a heading) and its diagram.
func (g *gen) related(p *page) string {
	var b strings.Builder
	nl := 3 + g.r.Intn(3)
	b.WriteString("## Related\n\n")
	for l := 0; l < nl; l++ {
		t := &g.pages[g.r.Intn(len(g.pages))]
		anchor := ""
		if len(t.headings) > 0 && l%2 == 0 {
			anchor = "#" + slug(t.headings[g.r.Intn(len(t.headings))])
		}
		if l == nl-1 {
			fmt.Fprintf(&b, "- [%s](xref:%s%s)\n", t.title, t.id, anchor)
		} else {
			fmt.Fprintf(&b, "- [%s](%s%s)\n", t.title, relLink(p.rel, t.rel), anchor)
		}
	}
	b.WriteString("\n![Diagram](" + relLink(p.rel, "img/diagram.svg") + ")\n")
	return b.String()
}

// shapedBodies writes pages in a site's shape: headings as the plain
// corpus's pages have (other pages link to them), each section filled
// with the blocks the shaper chooses, then the related links, to the
// size asked (3,500 bytes when none is).
func (g *gen) shapedBodies(sh *shaper) {
	size := g.opts.Bytes
	if size == 0 {
		size = 3500
	}
	for i := range g.pages {
		p := &g.pages[i]
		for h := range 3 + g.r.Intn(3) {
			p.headings = append(p.headings, fmt.Sprintf("%s %s %d", title(sh.word()), sh.word(), h))
		}
	}
	for i := range g.pages {
		p := &g.pages[i]
		sh.startPage()
		var b strings.Builder
		fill := func(to int) {
			for b.Len() < to {
				b.WriteString(sh.block(g, p.rel))
			}
		}
		// Each section gets its share of the page; the related links,
		// about 400 bytes, come last.
		per := max(0, size-400) / (len(p.headings) + 1)
		fill(per)
		for h, text := range p.headings {
			head := fmt.Sprintf("\n## %s\n", text)
			sh.account(head)
			b.WriteString(head)
			fill(per * (h + 2))
		}
		rel := "\n" + g.related(p)
		sh.account(rel)
		b.WriteString(rel)
		fill(size)
		p.body = b.String()
	}
}

// breakLinks adds Options.Broken broken links, one kind after another,
// from a random stream of their own.
func (g *gen) breakLinks() {
	r := rand.New(rand.NewSource(g.opts.Seed + 7919))
	for n := 0; n < g.opts.Broken; n++ {
		p := &g.pages[r.Intn(len(g.pages))]
		t := &g.pages[r.Intn(len(g.pages))]
		var link string
		switch n % 4 {
		case 0: // a misspelt file name
			rel := relLink(p.rel, t.rel)
			link = strings.TrimSuffix(rel, ".md") + "x.md"
		case 1: // an anchor that is not there
			link = relLink(p.rel, t.rel) + "#no-such-heading-" + g.word()
		case 2: // an id that is not there
			link = "xref:" + t.id + "-gone"
		case 3: // a root-relative address under the version that names no page
			link = "/v1/" + strings.TrimSuffix(t.rel, ".md") + "-moved/"
		}
		p.body += fmt.Sprintf("\nSee also [%s](%s).\n", t.title, link)
	}
}

func slug(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

// relLink is the relative path from the folder of from to to.
func relLink(from, to string) string {
	fd := filepath.ToSlash(filepath.Dir(from))
	if fd == "." {
		fd = ""
	}
	r, err := filepath.Rel("/"+fd, "/"+to)
	if err != nil {
		return to
	}
	return filepath.ToSlash(r)
}

const diagram = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20" role="img"><title>Diagram</title><rect width="100" height="20" fill="#e6effa"/></svg>` + "\n"

func write(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

func (g *gen) writeOurs() error {
	d := g.opts.Dir
	cfg := "title: \"Generated partner portal\"\nbaseURL: \"https://partners.example.com/\"\nportal: content/portal\nversions:\n  - name: v1\n    label: \"V1\"\n    path: content/v1\n    latest: true\nregions: [global, amer, emea, apac]\n"
	if err := write(filepath.Join(d, "config.yaml"), cfg); err != nil {
		return err
	}
	if err := write(filepath.Join(d, "content/portal/_index.md"), "---\ntitle: \"Generated partner portal\"\n---\nWelcome.\n"); err != nil {
		return err
	}
	if err := write(filepath.Join(d, "content/v1/img/diagram.svg"), diagram); err != nil {
		return err
	}
	for _, p := range g.pages {
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\ntitle: %q\n", p.title)
		if p.kind != "page" {
			fmt.Fprintf(&fm, "kind: %s\n", p.kind)
		}
		if p.weight != 0 {
			fmt.Fprintf(&fm, "weight: %d\n", p.weight)
		}
		fm.WriteString("tags: [generated]\n")
		for _, l := range p.front {
			fm.WriteString(l + "\n")
		}
		fm.WriteString("---\n\n")
		if err := write(filepath.Join(d, "content/v1", filepath.FromSlash(p.rel)), fm.String()+p.body); err != nil {
			return err
		}
	}
	return nil
}

// writeHugo writes the same pages for Hugo: relative and xref links become
// relref shortcodes (Hugo's checked links), and the layouts have what ours
// have (navigation of the page's section, breadcrumbs, a table of
// contents), so both tools do comparable work.
func (g *gen) writeHugo() error {
	d := g.opts.Hugo
	files := map[string]string{
		"hugo.toml": "baseURL = \"https://partners.example.com/\"\ntitle = \"Generated partner portal\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n[markup.goldmark.renderer]\nunsafe = false\n[markup.highlight]\nnoClasses = false\n",
		"layouts/_default/baseof.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title><link rel="stylesheet" href="/style.css"></head><body>
<header><a href="/">{{ site.Title }}</a></header>
<nav aria-label="Section">{{ with .Parent }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</nav>
<nav aria-label="Breadcrumb">{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}{{ .Title }}</nav>
<main>{{ block "main" . }}{{ end }}</main><aside>{{ .TableOfContents }}</aside></body></html>`,
		"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}`,
		"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`,
		"static/style.css":             "body{font-family:sans-serif}\n",
		"content/_index.md":            "---\ntitle: \"Generated partner portal\"\n---\nWelcome.\n",
		"content/img/diagram.svg":      diagram,
	}
	for rel, text := range files {
		if err := write(filepath.Join(d, rel), text); err != nil {
			return err
		}
	}
	for _, p := range g.pages {
		body := hugoLinks(p.body, g)
		fm := fmt.Sprintf("---\ntitle: %q\nweight: %d\ntags: [generated]\n---\n\n", p.title, p.weight)
		if err := write(filepath.Join(d, "content", filepath.FromSlash(p.rel)), fm+body); err != nil {
			return err
		}
	}
	return nil
}

func hugoLinks(body string, g *gen) string {
	var out strings.Builder
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "- [") && strings.Contains(line, "](") {
			i := strings.Index(line, "](")
			dest := strings.TrimSuffix(line[i+2:], ")")
			target, anchor, _ := strings.Cut(dest, "#")
			if strings.HasPrefix(target, "xref:") {
				target = "/" + strings.TrimPrefix(target, "xref:") + ".md"
				for _, p := range g.pages {
					if "/"+p.id+".md" == target {
						target = "/" + p.rel
					}
				}
			}
			ref := target
			if anchor != "" {
				ref += "#" + anchor
			}
			line = line[:i+2] + `{{< relref "` + ref + `" >}})`
		}
		if strings.HasPrefix(line, "![Diagram](") {
			line = "![Diagram](/img/diagram.svg)"
		}
		out.WriteString(line + "\n")
	}
	return strings.TrimSuffix(out.String(), "\n")
}
