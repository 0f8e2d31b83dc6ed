package programs

import (
	"fmt"
	"html"
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
func (p *Programs) guidePages() []site.Generated {
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
				keys[v] = p.versionKey(v)
			}
			for _, pr := range m.Programs {
				jobs = append(jobs, job{v, m, pr})
			}
		}
	}
	out := make([]site.Generated, len(jobs))
	parallel.Each(len(jobs), func(i int) {
		j := jobs[i]
		out[i] = site.Generated{Version: j.v.Name, URL: j.pr.Page.URL + "guide/", Title: matrix.Word(p.lang, "{0} guide", j.pr.Title), Kind: "program-guide",
			Description: matrix.Word(p.lang, "The {0} for {1} as one document to read or print: tiers, benefits and their terms, certifications.", j.pr.Title, j.v.Label),
			HTML:        []byte(p.cachedGuide(keys[j.v], j.v, j.m, j.pr))}
	})
	return out
}

// guideLink is the program page's pointer to its guide.
func guideLink(pr *model.Program, base, lang string) string {
	return fmt.Sprintf(`<p class="guide-link"><a href="%sguide/">%s</a>%s</p>`, html.EscapeString(base+pr.Page.URL),
		html.EscapeString(matrix.Word(lang, "Program guide")), html.EscapeString(matrix.Word(lang, ": the whole program as one document, to read, print or save as PDF.")))
}

// w is a phrase of the guide in its language.
func (g *guideDoc) w(en string) string { return matrix.Word(g.p.lang, en) }

// guideDoc assembles one guide: parts, each a section of its own with an
// anchor; the pages inside get their ids prefixed with their part's, and
// links to pages the guide holds point inside it (a printed PDF keeps
// them working).
type guideDoc struct {
	p       *Programs
	b       strings.Builder
	anchors map[string]string // page URL (with base) → anchor in the guide
	ids     map[string]string // kind and id → anchor
	used    map[string]bool
	shown   map[*site.Page]bool // terms pages written out in full
	toc     []tocEntry
}

type tocEntry struct {
	anchor, title string
	items         []tocEntry
}

func (p *Programs) guide(v *site.Version, m *model.Model, pr *model.Program) string {
	g := &guideDoc{p: p, anchors: map[string]string{}, ids: map[string]string{}, shown: map[*site.Page]bool{}, used: map[string]bool{
		// The parts' own anchors.
		"program": true, "matrix": true, "tiers": true, "benefits": true, "certifications": true, "guide-contents-title": true,
	}}
	tiers := append(append([]*model.Tier{}, pr.Tiers...), pr.Designations...)
	certs := requiredCerts(tiers)
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

	var parts strings.Builder
	g.part(&parts, "program", g.w("About the program"), nil)
	parts.WriteString(g.body(pr.Page, "program", 1))
	parts.WriteString(`</section>`)
	if len(pr.Tiers) > 0 && !hasShortcode(pr.Page, "benefit-matrix") {
		g.part(&parts, "matrix", g.w("Tiers at a glance"), nil)
		// The section's own heading is the part's.
		sec := matrix.ProgramSection(m, pr, p.base, p.lang, p.s.Config.Regions)
		sec = strings.Replace(sec, `<h2 id="tier-matrix">`+html.EscapeString(g.w("Tiers at a glance"))+`</h2>`, "", 1)
		parts.WriteString(g.rewrite(sec, "matrix", 0))
		parts.WriteString(`</section>`)
	}
	var items []guideItem
	for i, t := range tiers {
		it := guideItem{kind: "tier", id: t.ID, title: t.Title, lead: g.w("Designation"), page: t.Page}
		if t.Designation == nil {
			it.lead = matrix.Word(p.lang, "Tier {0} of {1}", strconv.Itoa(i+1), strconv.Itoa(len(pr.Tiers)))
			it.after = matrix.TierSection(m, t, p.base, p.lang)
		} else {
			it.after = matrix.DesignationSection(t.Designation, p.base, p.lang)
		}
		items = append(items, it)
	}
	g.items(&parts, "tiers", g.w("Tiers"), items)
	items = nil
	for _, b := range pr.Benefits {
		// This program's values only: the benefit page shows every
		// program's.
		only := *b
		only.Programs = []*model.Program{pr}
		items = append(items, guideItem{kind: "benefit", id: b.ID, title: b.Title, lead: b.Group, page: b.Page,
			after: matrix.BenefitSection(&only, p.base, p.lang, p.s.Config.Regions), terms: b.Terms})
	}
	g.items(&parts, "benefits", g.w("Benefits"), items)
	items = nil
	for _, c := range certs {
		items = append(items, guideItem{kind: "cert", id: c.ID, title: c.Title, lead: c.Track, page: c.Page, after: matrix.CertSection(c, p.base)})
	}
	g.items(&parts, "certifications", g.w("Required certifications"), items)

	g.cover(v, pr)
	g.contents()
	g.b.WriteString(parts.String())
	g.b.WriteString(`</div>`)
	return g.b.String()
}

// terms shows the clauses of a benefit's terms the first time the guide
// meets them, and points back to them after.
func (g *guideDoc) terms(w *strings.Builder, t *site.Page) {
	a := g.anchorOf("terms", t.ID)
	esc := html.EscapeString
	if g.shown[t] {
		fmt.Fprintf(w, `<p class="guide-terms-ref">%s<a href="#%s">%s</a>%s</p>`, esc(g.w("Terms: ")), a, esc(t.Title), esc(g.w(", above.")))
		return
	}
	g.shown[t] = true
	fmt.Fprintf(w, `<section class="guide-terms" id="%s" aria-labelledby="%s-title"><h4 id="%s-title">%s%s</h4>`, a, a, a, esc(g.w("Terms: ")), esc(t.Title))
	w.WriteString(g.body(t, a, 3))
	w.WriteString(`</section>`)
}

// guideItem is a tier, benefit or certification in its part of a guide:
// its page's text, then what the program model adds below it on that page
// (after), then for a benefit the clauses of its terms.
type guideItem struct {
	kind, id, title, lead string
	page                  *site.Page
	after                 string
	terms                 *site.Page
}

// part opens one part, a page of its own in print; the caller closes it.
func (g *guideDoc) part(w *strings.Builder, anchor, title string, items []tocEntry) {
	g.toc = append(g.toc, tocEntry{anchor, title, items})
	fmt.Fprintf(w, `<section class="guide-part" id="%s" aria-labelledby="%s-title"><h2 id="%s-title">%s</h2>`, anchor, anchor, anchor, html.EscapeString(title))
}

// items writes a part of items, if it has any.
func (g *guideDoc) items(w *strings.Builder, anchor, title string, items []guideItem) {
	if len(items) == 0 {
		return
	}
	var toc []tocEntry
	for _, it := range items {
		toc = append(toc, tocEntry{g.anchorOf(it.kind, it.id), it.title, nil})
	}
	g.part(w, anchor, title, toc)
	for _, it := range items {
		a := g.anchorOf(it.kind, it.id)
		fmt.Fprintf(w, `<section class="guide-item" id="%s" aria-labelledby="%s-title"><h3 id="%s-title">%s</h3>`, a, a, a, html.EscapeString(it.title))
		if it.lead != "" {
			fmt.Fprintf(w, `<p class="guide-item-lead">%s</p>`, html.EscapeString(it.lead))
		}
		w.WriteString(g.body(it.page, a, 2))
		w.WriteString(g.rewrite(it.after, a, 2))
		if it.terms != nil {
			g.terms(w, it.terms)
		}
		w.WriteString(`</section>`)
	}
	w.WriteString(`</section>`)
}

func (g *guideDoc) cover(v *site.Version, pr *model.Program) {
	esc := html.EscapeString
	g.b.WriteString(`<div class="guide">`)
	g.b.WriteString(`<section class="guide-cover" aria-label="Cover">`)
	fmt.Fprintf(&g.b, `<p class="guide-year">%s</p>`, esc(v.Label))
	if pr.Page.Summary != "" {
		fmt.Fprintf(&g.b, `<p class="guide-lead">%s</p>`, esc(pr.Page.Summary))
	}
	g.b.WriteString(`<dl class="guide-facts">`)
	if len(pr.Tiers) > 0 {
		var names []string
		for _, t := range pr.Tiers {
			names = append(names, t.Title)
		}
		fmt.Fprintf(&g.b, `<dt>%s</dt><dd>%s</dd>`, esc(g.w("Tiers")), esc(strings.Join(names, " · ")))
	}
	if len(pr.Designations) > 0 {
		var names []string
		for _, t := range pr.Designations {
			names = append(names, t.Title)
		}
		fmt.Fprintf(&g.b, `<dt>%s</dt><dd>%s</dd>`, esc(g.w("Designations")), esc(strings.Join(names, " · ")))
	}
	fmt.Fprintf(&g.b, `<dt>%s</dt><dd>%d</dd>`, esc(g.w("Benefits")), len(pr.Benefits))
	if v.Status != "" && v.Status != "current" {
		fmt.Fprintf(&g.b, `<dt>%s</dt><dd>%s</dd>`, esc(g.w("Status")), esc(matrix.Word(g.p.lang, "{0} program year", v.Status)))
	}
	fmt.Fprintf(&g.b, `<dt>%s</dt><dd>%s</dd>`, esc(g.w("Published by")), esc(g.p.s.Config.Title))
	online := g.p.base + pr.Page.URL
	if bu := strings.TrimSuffix(g.p.s.Config.BaseURL, "/"); bu != "" && strings.HasPrefix(online, "/") {
		online = bu + strings.TrimPrefix(online, strings.TrimSuffix(g.p.s.Config.BasePath, "/"))
	}
	fmt.Fprintf(&g.b, `<dt>%s</dt><dd><a href="%s">%s</a></dd>`, esc(g.w("Online")), esc(online), esc(online))
	g.b.WriteString(`</dl></section>`)
}

func (g *guideDoc) contents() {
	esc := html.EscapeString
	g.b.WriteString(`<nav class="guide-contents" aria-labelledby="guide-contents-title"><h2 id="guide-contents-title">` + html.EscapeString(g.w("Contents")) + `</h2><ol>`)
	for _, e := range g.toc {
		fmt.Fprintf(&g.b, `<li><a href="#%s">%s</a>`, e.anchor, esc(e.title))
		if len(e.items) > 0 {
			g.b.WriteString(`<ol>`)
			for _, it := range e.items {
				fmt.Fprintf(&g.b, `<li><a href="#%s">%s</a></li>`, it.anchor, esc(it.title))
			}
			g.b.WriteString(`</ol>`)
		}
		g.b.WriteString(`</li>`)
	}
	g.b.WriteString(`</ol></nav>`)
}

// body is a page's text inside the guide, its headings moved down by
// shift levels so they sit under the guide's own.
func (g *guideDoc) body(pg *site.Page, anchor string, shift int) string {
	if g.p.body == nil || pg == nil {
		return ""
	}
	return g.rewrite(string(g.p.body(pg)), anchor, shift)
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
