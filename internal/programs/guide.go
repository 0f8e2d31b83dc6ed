package programs

import (
	"errors"
	"html/template"
	"strconv"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/parallel"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// The program guide is one page per program and year that holds the
// whole program (its text, the matrix, every tier, every benefit with
// its values and terms, the certifications the tiers require) so that
// it prints as one document: the PDF a partner manager hands out.
// The pages it shows are the build's own, rendered again inside it, so
// the guide never says anything the portal does not.

// guideKinds are the kinds of page a guide shows.
var guideKinds = map[string]bool{"program": true, "tier": true, "benefit": true, "terms": true, "certification": true, "designation": true}

// SetBodyRenderer implements render.BodyRenderer.
func (p *Programs) SetBodyRenderer(f func(pg *site.Page) []byte) { p.body = f }

// Keeps implements render.BodyKeeper: the pages a guide shows keep their
// HTML until the guides are made.
func (p *Programs) Keeps(pg *site.Page) bool { return pg.Version != "" && guideKinds[pg.Kind] }

// ReadsBody implements render.BodyReader: a guide shows its pages'
// bodies, and a version's changes page lists the pages whose body differs
// from the same page's (by id) in the version before it.
func (p *Programs) ReadsBody(pg *site.Page, from, to [16]byte) bool {
	if p.Keeps(pg) {
		return true
	}
	v := p.s.Version(pg.Version)
	if v == nil || pg.Version == "" {
		return false
	}
	var next *site.Version
	for _, x := range p.s.Versions {
		if Previous(p.s, x) == v {
			next = x
		}
	}
	for _, other := range []*site.Version{Previous(p.s, v), next} {
		if other == nil {
			continue
		}
		if c := other.ByID[pg.ID]; c != nil && (c.BodyHash == from) != (c.BodyHash == to) {
			return true
		}
	}
	return false
}

// guidePages are the program guides of every version.
func (p *Programs) guidePages(d site.Drawer) ([]site.Generated, error) {
	type job struct {
		v  *site.Version
		m  *model.Model
		pr *model.Program
	}
	var jobs []job
	keys := map[*site.Version][32]byte{}
	for _, v := range p.s.Versions {
		if m := p.models[v.Name]; m != nil {
			if p.cache != nil {
				keys[v] = p.versionKey(v, d)
			}
			for _, pr := range m.Programs {
				jobs = append(jobs, job{v, m, pr})
			}
		}
	}
	out := make([]site.Generated, len(jobs))
	errs := make([]error, len(jobs))
	parallel.Each(len(jobs), func(i int) {
		j := jobs[i]
		html, err := p.cachedGuide(d, keys[j.v], j.v, j.m, j.pr)
		errs[i] = err
		out[i] = site.Generated{Version: j.v.Name, URL: j.pr.Page.URL + "guide/", Title: p.words.T("guide_title", j.pr.Title), Kind: "program-guide",
			Description: p.words.T("guide_description", j.pr.Title, j.v.Label),
			HTML:        []byte(html)}
	})
	return out, errors.Join(errs...)
}

// GuidePDFName is the file a program's guide is printed to for version
// v: PROGRAM-YEAR.pdf, with -LANG before .pdf in another language than
// the site's default (lang "" for the default), as partnerdocs pdf names
// it by default.
func GuidePDFName(pr *model.Program, v *site.Version, lang string) string {
	id := pr.ID[strings.LastIndex(pr.ID, "/")+1:]
	if lang != "" {
		return id + "-" + v.Name + "-" + lang + ".pdf"
	}
	return id + "-" + v.Name + ".pdf"
}

// SetGuidePDFs makes every guide link its PDF (GuidePDFName, lang as
// there), which the build prints once the site is written.
func (p *Programs) SetGuidePDFs(lang string) { p.pdfs, p.pdfLang = true, lang }

// w is a phrase of the guide in its language.
func (g *guideDoc) w(key string) string { return g.p.words.T(key) }

// guideDoc assembles one guide: parts, each a section of its own with an
// anchor; the pages inside get their ids prefixed with their part's, and
// links to pages the guide holds point inside it (a printed PDF keeps
// them working).
type guideDoc struct {
	p       *Programs
	d       site.Drawer
	view    GuideView
	err     error
	anchors map[string]string // page URL (with base) → anchor in the guide
	ids     map[string]string // kind and id → anchor
	used    map[string]bool
	shown   map[*site.Page]bool // terms pages written out in full
}

// GuideView is a program guide as the theme's program-guide.html draws
// it: a cover, its contents, then its parts. Bodies are the pages' HTML
// (and the model's parts, drawn by the theme) with their ids and links
// made to fit inside the guide.
type GuideView struct {
	// Print labels the button that prints the guide or saves it as PDF.
	Print string
	// PDF is the guide's PDF, written beside it by the build (a file
	// name, relative to the guide), and Download labels its link; both
	// "" when the build prints no PDFs (see SetGuidePDFs).
	PDF, Download string
	Year          string
	Lead          string
	Facts         []GuideFact
	ContentsTitle string
	Contents      []GuideEntry
	Parts         []GuidePart
}

// GuideFact is a line of the cover's facts; URL makes it a link.
type GuideFact struct {
	Term, Value, URL string
}

// GuideEntry is a line of the guide's contents, with its items.
type GuideEntry struct {
	Anchor, Title string
	Items         []GuideEntry
}

// GuidePart is a part of the guide, a page of its own in print: a body
// (the program's text, the matrix) or items (tiers, benefits,
// certifications).
type GuidePart struct {
	Anchor, Title string
	Body          template.HTML
	Items         []GuideItem
}

// GuideItem is a tier, benefit or certification in its part: its page's
// text, then what the program model adds below it on that page (After),
// then for a benefit the clauses of its terms.
type GuideItem struct {
	Anchor, Title, Lead string
	Body, After         template.HTML
	Terms               *GuideTerms
}

// GuideTerms are a benefit's terms: written out (Body) the first time
// the guide meets them, and pointed back to (Ref) after.
type GuideTerms struct {
	Anchor, Title string
	Lead, After   string // "Terms: " and ", above."
	Ref           bool
	Body          template.HTML
}

// guideInput is what a program's guide shows of the program model: its
// tiers and designations, the certifications they ask for, and the
// model's sections of each, undrawn. The guide cache keys a guide with
// it (guideKey) before making it.
type guideInput struct {
	pr     *model.Program
	tiers  []*model.Tier
	certs  []*model.Certification
	matrix *site.Part // nil when the program page draws its own
	// After each tier, benefit and certification, in that order.
	tierAfter, benefitAfter, certAfter []site.Part
}

func (p *Programs) guideInput(m *model.Model, pr *model.Program) *guideInput {
	in := &guideInput{pr: pr}
	in.tiers = append(append([]*model.Tier{}, pr.Tiers...), pr.Designations...)
	in.certs = requiredCerts(in.tiers)
	if len(pr.Tiers) > 0 && !hasShortcode(pr.Page, "benefit-matrix") {
		// The section's own heading is the part's.
		sec := matrix.ProgramSection(m, pr, p.base, p.words, p.s.Config.Regions)
		view := sec.Data.(matrix.ProgramView)
		view.Heading = ""
		sec.Data = view
		in.matrix = &sec
	}
	for _, t := range in.tiers {
		if t.Designation == nil {
			in.tierAfter = append(in.tierAfter, matrix.TierSection(m, t, p.base, p.words))
		} else {
			in.tierAfter = append(in.tierAfter, matrix.DesignationSection(t.Designation, p.base, p.words))
		}
	}
	for _, b := range pr.Benefits {
		// This program's values only: the benefit page shows every
		// program's.
		only := *b
		only.Programs = []*model.Program{pr}
		in.benefitAfter = append(in.benefitAfter, matrix.BenefitSection(&only, p.base, p.words, p.s.Config.Regions))
	}
	for _, c := range in.certs {
		in.certAfter = append(in.certAfter, matrix.CertSection(c, p.base, p.words))
	}
	return in
}

func (p *Programs) guide(d site.Drawer, v *site.Version, in *guideInput) (string, error) {
	pr := in.pr
	g := &guideDoc{p: p, d: d, anchors: map[string]string{}, ids: map[string]string{}, shown: map[*site.Page]bool{}, used: map[string]bool{
		// The parts' own anchors.
		"program": true, "matrix": true, "tiers": true, "benefits": true, "certifications": true, "guide-contents-title": true,
	}}
	tiers, certs := in.tiers, in.certs
	terms := map[*site.Page]bool{}
	g.anchors[p.base+pr.Page.URL] = "program"
	for _, t := range tiers {
		g.anchors[p.base+t.Page.URL] = g.anchorOf("tier", t.ID)
	}
	for _, b := range pr.Benefits {
		g.anchors[p.base+b.Page.URL] = g.anchorOf("benefit", b.ID)
		if b.Terms != nil && !terms[b.Terms] {
			terms[b.Terms] = true
			g.anchors[p.base+b.Terms.URL] = g.anchorOf("terms", b.Terms.ID)
		}
	}
	for _, c := range certs {
		g.anchors[p.base+c.Page.URL] = g.anchorOf("cert", c.ID)
	}

	g.part(GuidePart{Anchor: "program", Title: g.w("about_the_program"), Body: g.body(pr.Page, "program", 1)})
	if in.matrix != nil {
		g.part(GuidePart{Anchor: "matrix", Title: g.w("tiers_at_a_glance"), Body: g.drawn(*in.matrix, "matrix", 0)})
	}
	var items []guideItem
	for i, t := range tiers {
		it := guideItem{kind: "tier", id: t.ID, title: t.Title, lead: g.w("designation"), page: t.Page, after: in.tierAfter[i]}
		if t.Designation == nil {
			it.lead = p.words.T("tier_n_of_m", i+1, len(pr.Tiers))
		}
		items = append(items, it)
	}
	g.items("tiers", g.w("tiers"), items)
	items = nil
	for i, b := range pr.Benefits {
		items = append(items, guideItem{kind: "benefit", id: b.ID, title: b.Title, lead: b.Group, page: b.Page,
			after: in.benefitAfter[i], terms: b.Terms})
	}
	g.items("benefits", g.w("benefits"), items)
	items = nil
	for i, c := range certs {
		items = append(items, guideItem{kind: "cert", id: c.ID, title: c.Title, lead: c.Track, page: c.Page, after: in.certAfter[i]})
	}
	g.items("certifications", g.w("required_certifications"), items)
	if g.err != nil {
		return "", g.err
	}
	g.view.Year = v.Label
	g.view.Lead = pr.Page.Summary
	g.cover(v, pr)
	g.view.ContentsTitle = g.w("contents")
	g.view.Print = g.w("print_or_save")
	if g.p.pdfs {
		g.view.PDF = GuidePDFName(pr, v, g.p.pdfLang)
		g.view.Download = g.w("download_pdf")
		// Beside a download, the button only prints.
		g.view.Print = g.w("print_guide")
	}
	out, err := d.Draw(site.Part{Partial: "program-guide.html", Data: g.view})
	return string(out), err
}

// terms shows the clauses of a benefit's terms the first time the guide
// meets them, and points back to them after.
func (g *guideDoc) terms(t *site.Page) *GuideTerms {
	a := g.anchorOf("terms", t.ID)
	v := &GuideTerms{Anchor: a, Title: t.Title, Lead: g.w("terms_lead"), After: g.w("terms_above"), Ref: g.shown[t]}
	if !v.Ref {
		g.shown[t] = true
		v.Body = g.body(t, a, 3)
	}
	return v
}

// guideItem is a tier, benefit or certification as the guide collects
// it, before it is drawn.
type guideItem struct {
	kind, id, title, lead string
	page                  *site.Page
	after                 site.Part
	terms                 *site.Page
}

// part adds one part, and its line in the contents.
func (g *guideDoc) part(p GuidePart) {
	e := GuideEntry{Anchor: p.Anchor, Title: p.Title}
	for _, it := range p.Items {
		e.Items = append(e.Items, GuideEntry{Anchor: it.Anchor, Title: it.Title})
	}
	g.view.Contents = append(g.view.Contents, e)
	g.view.Parts = append(g.view.Parts, p)
}

// items adds a part of items, if it has any.
func (g *guideDoc) items(anchor, title string, items []guideItem) {
	if len(items) == 0 {
		return
	}
	part := GuidePart{Anchor: anchor, Title: title}
	for _, it := range items {
		a := g.anchorOf(it.kind, it.id)
		gi := GuideItem{Anchor: a, Title: it.title, Lead: it.lead, Body: g.body(it.page, a, 2), After: g.drawn(it.after, a, 2)}
		if it.terms != nil {
			gi.Terms = g.terms(it.terms)
		}
		part.Items = append(part.Items, gi)
	}
	g.part(part)
}

// drawn is a part of the model drawn by the theme and made to fit in
// the guide.
func (g *guideDoc) drawn(p site.Part, anchor string, shift int) template.HTML {
	b, err := g.d.Draw(p)
	if err != nil && g.err == nil {
		g.err = err
	}
	return template.HTML(g.rewrite(string(b), anchor, shift))
}

func (g *guideDoc) cover(v *site.Version, pr *model.Program) {
	add := func(term, value, url string) {
		g.view.Facts = append(g.view.Facts, GuideFact{Term: term, Value: value, URL: url})
	}
	if len(pr.Tiers) > 0 {
		var names []string
		for _, t := range pr.Tiers {
			names = append(names, t.Title)
		}
		add(g.w("tiers"), strings.Join(names, " · "), "")
	}
	if len(pr.Designations) > 0 {
		var names []string
		for _, t := range pr.Designations {
			names = append(names, t.Title)
		}
		add(g.w("designations"), strings.Join(names, " · "), "")
	}
	add(g.w("benefits"), strconv.Itoa(len(pr.Benefits)), "")
	if v.Status != "" && v.Status != "current" {
		add(g.w("status"), g.p.words.T("program_year_status", v.Status), "")
	}
	add(g.w("published_by"), g.p.s.Config.Title, "")
	online := g.p.base + pr.Page.URL
	if bu := strings.TrimSuffix(g.p.s.Config.BaseURL, "/"); bu != "" && strings.HasPrefix(online, "/") {
		online = bu + strings.TrimPrefix(online, strings.TrimSuffix(g.p.s.Config.BasePath, "/"))
	}
	add(g.w("online"), online, online)
}

// body is a page's text inside the guide, its headings moved down by
// shift levels so they sit under the guide's own.
func (g *guideDoc) body(pg *site.Page, anchor string, shift int) template.HTML {
	if g.p.body == nil || pg == nil {
		return ""
	}
	h := g.rewrite(string(g.p.body(pg)), anchor, shift)
	if l := g.p.fallback(pg); l != "" {
		// A page not yet translated shows its default-language text; the
		// guide says which language that is, for screen readers and
		// hyphenation (the page itself carries a notice instead).
		h = `<div lang="` + l + `">` + h + `</div>`
	}
	return template.HTML(h)
}

// fallback is the language a page's text is in when it is not the
// build's (a page without a translation in another language's build),
// else "".
func (p *Programs) fallback(pg *site.Page) string {
	c := p.s.Config
	if !c.Multilingual() || pg.Lang != "" || c.Language == "" || c.Language == c.Languages[0].Code {
		return ""
	}
	return c.Languages[0].Code
}

// rewrite makes a page's HTML fit in the guide: ids unique (prefixed with
// the part's anchor), links to pages the guide holds turned into links
// inside it, headings moved down. It reads the HTML the build wrote (the
// Markdown renderer's and the model's), where `="` only ever ends an
// attribute name: text has its quotes escaped. One pass, no regular
// expressions: a guide holds some sixty pages.
func (g *guideDoc) rewrite(s, anchor string, shift int) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	last := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<' && shift > 0:
			// <hN or </hN followed by a space or >.
			j := i + 1
			if j < len(s) && s[j] == '/' {
				j++
			}
			if j+2 < len(s) && s[j] == 'h' && s[j+1] >= '1' && s[j+1] <= '6' && (s[j+2] == ' ' || s[j+2] == '>') {
				n := min(int(s[j+1]-'0')+shift, 6)
				b.WriteString(s[last : j+1])
				b.WriteByte(byte('0' + n))
				last = j + 2
				i = j + 1
			}
		case s[i] == '=' && i+1 < len(s) && s[i+1] == '"':
			k := i
			for k > 0 && (s[k-1] >= 'a' && s[k-1] <= 'z' || s[k-1] == '-') {
				k--
			}
			if k == 0 || !isSpace(s[k-1]) {
				continue
			}
			name := s[k:i]
			end := strings.IndexByte(s[i+2:], '"')
			if end < 0 {
				return b.String() + s[last:]
			}
			val := s[i+2 : i+2+end]
			nv, ok := g.attr(name, val, anchor)
			if ok {
				b.WriteString(s[last : i+2])
				b.WriteString(nv)
				last = i + 2 + end
			}
			i = i + 2 + end
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// attr is an attribute's value inside the guide, and whether it changes.
func (g *guideDoc) attr(name, val, anchor string) (string, bool) {
	switch name {
	case "name":
		if !strings.HasPrefix(val, "region-") {
			return "", false // form fields keep their names; radio groups must not merge
		}
		fallthrough
	case "id", "for", "aria-labelledby", "aria-describedby", "aria-controls":
		ids := strings.Fields(val)
		for i, id := range ids {
			ids[i] = anchor + "--" + id
		}
		return strings.Join(ids, " "), true
	case "href":
		if frag, ok := strings.CutPrefix(val, "#"); ok {
			return "#" + anchor + "--" + frag, true
		}
		path, frag, _ := strings.Cut(val, "#")
		a, ok := g.anchors[path]
		if !ok {
			return "", false
		}
		if frag != "" {
			return "#" + a + "--" + frag, true
		}
		return "#" + a, true
	}
	return "", false
}

// anchorOf is an item's anchor in the guide: its kind and the last part
// of its id ("tier-select", "terms-mdf"), with the whole id where two
// items' last parts are the same.
func (g *guideDoc) anchorOf(kind, id string) string {
	key := kind + "\x00" + id
	if a, ok := g.ids[key]; ok {
		return a
	}
	a := kind + "-" + strings.ReplaceAll(id[strings.LastIndex(id, "/")+1:], " ", "-")
	if g.used[a] {
		a = kind + "-" + strings.NewReplacer("/", "-", " ", "-").Replace(id)
	}
	g.used[a] = true
	g.ids[key] = a
	return a
}

// requiredCerts are the certifications the tiers ask for, in the order
// they are first named.
func requiredCerts(tiers []*model.Tier) []*model.Certification {
	var out []*model.Certification
	seen := map[*model.Certification]bool{}
	var walk func(rs []*model.Requirement)
	walk = func(rs []*model.Requirement) {
		for _, r := range rs {
			if r.Cert != nil && r.Cert.Page != nil && !seen[r.Cert] {
				seen[r.Cert] = true
				out = append(out, r.Cert)
			}
			walk(r.AnyOf)
		}
	}
	for _, t := range tiers {
		walk(t.Requirements)
		walk(t.Keep)
	}
	return out
}
