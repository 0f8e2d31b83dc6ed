package matrix

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/model"
)

func esc(s string) string { return html.EscapeString(s) }

func link(base, url, text string) string {
	if url == "" {
		return esc(text)
	}
	return fmt.Sprintf(`<a href="%s">%s</a>`, esc(base+url), esc(text))
}

func cellHTML(c Cell, footID, empty string) string {
	var b strings.Builder
	switch {
	case c.Kind == "bool" && c.Value == true:
		b.WriteString(`<span class="yes" aria-hidden="true">✓</span><span class="visually-hidden">Included</span>`)
	case c.Kind == "bool" || c.Kind == "":
		b.WriteString(`<span class="no" aria-hidden="true">—</span><span class="visually-hidden">` + empty + `</span>`)
	case c.From != nil:
		suffix := " as " + c.From.Title
		b.WriteString(esc(strings.TrimSuffix(c.Display, suffix)) + ` <span class="inherited">` + esc(suffix[1:]) + `</span>`)
	default:
		b.WriteString(esc(c.Display))
	}
	if c.Footnote > 0 {
		fmt.Fprintf(&b, `<sup><a href="#%s-%d" aria-label="Footnote %d">%d</a></sup>`, footID, c.Footnote, c.Footnote, c.Footnote)
	}
	if c.Note != "" {
		fmt.Fprintf(&b, `<span class="cell-note">%s</span>`, esc(c.Note))
	}
	return b.String()
}

// HTML renders the matrix as an accessible table: a caption, column and
// row headers with scopes, group headers, and numbered footnotes. It
// scrolls sideways on a phone with the first column kept in view.
func (mx *Matrix) HTML(base, caption string) string {
	id := "matrix-" + strings.NewReplacer("/", "-", ".", "-").Replace(mx.Program.ID)
	if mx.Region != "" {
		id += "-" + mx.Region
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="matrix-scroll" role="region" tabindex="0" aria-labelledby="%s-caption">`, id)
	fmt.Fprintf(&b, `<table class="matrix stackable" id="%s"><caption id="%s-caption">%s</caption>`, id, id, esc(caption))
	mx.header(&b, base)
	cols := len(mx.Tiers) + 1
	section := func(name string, rows []Row, benefit bool) {
		fmt.Fprintf(&b, `<tbody><tr class="matrix-group"><th scope="colgroup" colspan="%d">%s</th></tr>`, cols, esc(name))
		for _, r := range rows {
			b.WriteString(`<tr><th scope="row">`)
			b.WriteString(link(base, r.URL, r.Title))
			if benefit && r.TermsURL != "" {
				fmt.Fprintf(&b, ` <a class="terms-link" href="%s" title="%s">terms</a>`, esc(base+r.TermsURL), esc("Governed by "+r.TermsTitle))
			}
			if len(r.Requires) > 0 {
				b.WriteString(requiresHTML(r.Requires, base, mx.Language))
			}
			b.WriteString(`</th>`)
			for i, c := range r.Cells {
				empty := "Not included"
				if !benefit {
					empty = "Not required"
				}
				label := esc(mx.Tiers[i].Title)
				if mx.Tiers[i].Designation != nil && c.Kind == "" && c.Display == "" {
					b.WriteString(`<td class="designation-cell" data-label="` + label + `"><span class="visually-hidden">As the tier</span></td>`)
					continue
				}
				// One element inside, so a stacked cell's label and value
				// are two grid items.
				b.WriteString(`<td` + numClass(c) + ` data-label="` + label + `"><span class="cell">` + cellHTML(c, id+"-fn", empty) + `</span></td>`)
			}
			b.WriteString(`</tr>`)
		}
		b.WriteString(`</tbody>`)
	}
	if len(mx.Requirements) > 0 {
		section("Requirements", mx.Requirements, false)
	}
	if keep := mx.keepDiffers(); len(keep) > 0 {
		section("To keep the tier at its review (where it differs)", keep, false)
	}
	for _, g := range mx.Groups {
		section(g.Name, g.Rows, true)
	}
	b.WriteString(`</table></div>`)
	if len(mx.Footnotes) > 0 {
		b.WriteString(`<ol class="matrix-footnotes">`)
		for i, f := range mx.Footnotes {
			fmt.Fprintf(&b, `<li id="%s-fn-%d">%s</li>`, id, i+1, esc(f))
		}
		b.WriteString(`</ol>`)
	}
	return b.String()
}

// numClass right-aligns a cell of the matrix that is a number, so a
// column of figures lines up; text and marks stay left. (A one-column
// table of a tier's benefits stays left: its figures do not compare.)
func numClass(c Cell) string {
	if c.Kind == "number" {
		return ` class="num"`
	}
	return ""
}

// header writes the column headers: the tiers, and when the program has
// designations a second level that sets them apart from the tiers.
func (mx *Matrix) header(b *strings.Builder, base string) {
	n := 0
	for _, t := range mx.Tiers {
		if t.Designation != nil {
			n++
		}
	}
	b.WriteString(`<thead>`)
	if n > 0 {
		fmt.Fprintf(b, `<tr><td></td><th scope="colgroup" colspan="%d">%s</th><th scope="colgroup" colspan="%d" class="designation-head">%s</th></tr>`, len(mx.Tiers)-n, esc(word(mx.Language, "Tiers")), n, esc(word(mx.Language, "Designations")))
	}
	b.WriteString(`<tr><th scope="col">` + esc(word(mx.Language, "Tier")) + `</th>`)
	for _, t := range mx.Tiers {
		class := ""
		if t.Designation != nil {
			class = ` class="designation-head"`
		}
		fmt.Fprintf(b, `<th scope="col"%s>%s</th>`, class, link(base, t.Page.URL, t.Title))
	}
	b.WriteString(`</tr></thead>`)
}

// keepDiffers is the keep rows where some tier's cell differs from what
// it takes to earn it: the table shows only what changes at a review
// (matrix.json and the exports keep every row).
func (mx *Matrix) keepDiffers() []Row {
	earn := map[string]Row{}
	for _, r := range mx.Requirements {
		earn[r.ID] = r
	}
	var out []Row
	for _, r := range mx.Keep {
		e, ok := earn[r.ID]
		for i, c := range r.Cells {
			if !ok || c.Display != e.Cells[i].Display {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// Caption names a matrix for its table caption.
func Caption(mx *Matrix, regionLabel string) string {
	c := mx.Program.Title + word(mx.Language, ": requirements and benefits by tier")
	if len(mx.Requirements) == 0 {
		c = mx.Program.Title + word(mx.Language, ": benefits by tier")
	}
	if regionLabel != "" {
		c += " (" + regionLabel + ")"
	}
	return c
}

// RegionsWithOverrides lists the configured regions in which any benefit
// of the program has its own values, in configuration order.
func RegionsWithOverrides(p *model.Program, regions []string) []string {
	var out []string
	for _, r := range regions {
		if r == "global" {
			continue
		}
		for _, b := range p.Benefits {
			if len(b.Regions[r]) > 0 {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// RegionLabel shows a region name: "emea" is EMEA.
func RegionLabel(r string) string {
	if r == "" || r == "global" {
		return "Global"
	}
	if len(r) <= 4 {
		return strings.ToUpper(r)
	}
	return strings.ToUpper(r[:1]) + r[1:]
}

// ProgramSection is what a program page shows below its text: the matrix,
// with a region picker when some benefits differ by region, and links to
// the data exports. The picker is radio buttons and CSS, so it works on a
// static host with no script.
func ProgramSection(m *model.Model, p *model.Program, base, lang string, regions []string) string {
	var b strings.Builder
	b.WriteString(`<section class="program-matrix" aria-labelledby="tier-matrix">`)
	b.WriteString(`<h2 id="tier-matrix">` + esc(word(lang, "Tiers at a glance")) + `</h2>`)
	variants := append([]string{""}, RegionsWithOverrides(p, regions)...)
	name := "region-" + strings.NewReplacer("/", "-").Replace(p.ID)
	if len(variants) > 1 {
		b.WriteString(`<div class="matrix-picker"><fieldset class="region-picker"><legend>` + esc(word(lang, "Region")) + `</legend>`)
		for i, r := range variants {
			checked := ""
			if i == 0 {
				checked = ` checked`
			}
			val := r
			if val == "" {
				val = "global"
			}
			fmt.Fprintf(&b, `<label class="region-choice"><input type="radio" name="%s" value="%s"%s> %s</label>`, name, val, checked, esc(RegionLabel(r)))
		}
		b.WriteString(`</fieldset><div class="matrix-variants">`)
	}
	for _, r := range variants {
		mx := Build(m, p, Options{Region: r, Requirements: true, Language: lang})
		label := ""
		if len(variants) > 1 {
			label = RegionLabel(r)
		}
		val := r
		if val == "" {
			val = "global"
		}
		if len(variants) > 1 {
			fmt.Fprintf(&b, `<div class="matrix-variant" data-region="%s">`, val)
		}
		b.WriteString(mx.HTML(base, Caption(mx, label)))
		if len(variants) > 1 {
			b.WriteString(`</div>`)
		}
	}
	if len(variants) > 1 {
		b.WriteString(`</div></div>`)
	}
	fmt.Fprintf(&b, `<p class="matrix-exports">%s <a href="%smatrix.json">JSON</a> · <a href="%smatrix.csv">CSV</a></p>`, esc(word(lang, "This table as data:")), esc(base+p.Page.URL), esc(base+p.Page.URL))
	b.WriteString(SelfCheckLink(p, base, lang))
	b.WriteString(`</section>`)
	return b.String()
}

// TierSection lists what a tier takes (to earn it, inherited rows
// marked, and to keep it), what the next tier up also needs, and the
// tier's benefits.
func TierSection(m *model.Model, t *model.Tier, base, lang string) string {
	var b strings.Builder
	b.WriteString(`<section class="tier-summary">`)
	b.WriteString(`<h2 id="requirements">` + esc(word(lang, "Requirements")) + `</h2>`)
	b.WriteString(appliedList(t, t.Earn, base, lang))
	if t.KeepAll != nil {
		b.WriteString(`<h2 id="keep">To keep ` + esc(t.Title) + `</h2>`)
		b.WriteString(`<p>At each tier review, a partner in ` + esc(t.Title) + ` keeps it with:</p>`)
		b.WriteString(appliedList(t, t.KeepAll, base, lang))
	}
	if p := t.Program; p != nil {
		b.WriteString(nextTier(t, base, lang))
		b.WriteString(SelfCheckLink(p, base, lang))
		b.WriteString(tierBenefits(t, base, lang))
	}
	b.WriteString(`</section>`)
	return b.String()
}

// SelfCheckLink points at the program's self-check page.
func SelfCheckLink(p *model.Program, base, lang string) string {
	return `<p class="self-check-link"><a href="` + esc(base+p.Page.URL) + `self-check/">` + esc(word(lang, "Check where you stand")) + `</a>` +
		esc(word(lang, ": enter your figures and see the tier you qualify for, in your browser.")) + `</p>`
}

// nextTier says what the tier above t takes beyond what t does.
func nextTier(t *model.Tier, base, lang string) string {
	p := t.Program
	for i, x := range p.Tiers {
		if x != t || i+1 >= len(p.Tiers) {
			continue
		}
		next := p.Tiers[i+1]
		have := map[string]string{}
		for _, a := range t.Earn {
			have[model.RowID(a.Requirement)] = RequirementText(a.Requirement, lang)
		}
		var todo []*model.Requirement
		for _, a := range next.Earn {
			if have[model.RowID(a.Requirement)] != RequirementText(a.Requirement, lang) {
				todo = append(todo, a.Requirement)
			}
		}
		var b strings.Builder
		b.WriteString(`<h2 id="next-tier">Next tier: ` + link(base, next.Page.URL, next.Title) + `</h2>`)
		if len(todo) == 0 {
			b.WriteString(`<p>` + esc(next.Title) + ` has the same requirements; entry is ` + esc(entryText(next.Entry)) + `.</p>`)
		} else {
			b.WriteString(`<p>To reach ` + esc(next.Title) + ` (entry ` + esc(entryText(next.Entry)) + `), you also need:</p>`)
			b.WriteString(requirementList(todo, base, lang))
		}
		return b.String()
	}
	return ""
}

// tierBenefits is the table of one tier's benefit values.
func tierBenefits(t *model.Tier, base, lang string) string {
	var b strings.Builder
	b.WriteString(`<h2 id="benefits">` + esc(word(lang, "Benefits")) + `</h2>`)
	b.WriteString(`<div class="matrix-scroll" role="region" tabindex="0" aria-labelledby="tier-benefits-caption"><table class="matrix tier-benefits"><caption id="tier-benefits-caption">` + esc(t.Title+word(lang, " benefits")) + `</caption><thead><tr><th scope="col">` + esc(word(lang, "Benefit")) + `</th><th scope="col">` + esc(t.Title) + `</th></tr></thead>`)
	group := ""
	for _, ben := range t.Program.Benefits {
		if ben.Group != group {
			if group != "" {
				b.WriteString(`</tbody>`)
			}
			group = ben.Group
			fmt.Fprintf(&b, `<tbody><tr class="matrix-group"><th scope="colgroup" colspan="2">%s</th></tr>`, esc(group))
		}
		v, ok := ben.ValueFor(t, "")
		c := Cell{Display: "—"}
		if ok {
			c = ValueCell(v, lang)
			if v.Footnote != "" {
				c.Note = strings.TrimPrefix(c.Note+"; "+v.Footnote, "; ")
			}
		}
		req := ""
		if len(ben.Requires) > 0 {
			req = requiresHTML(ben.Requires, base, lang)
		}
		fmt.Fprintf(&b, `<tr><th scope="row">%s%s</th><td>%s</td></tr>`, link(base, ben.Page.URL, ben.Title), req, cellHTML(c, "tier-fn", "Not included"))
	}
	if group != "" {
		b.WriteString(`</tbody>`)
	}
	b.WriteString(`</table></div>`)
	return b.String()
}

// requiresHTML is a benefit's eligibility line, with its certifications
// linked.
func requiresHTML(rs []*model.Requirement, base, lang string) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, requirementHTML(r, base, lang))
	}
	return `<span class="requires">Requires ` + strings.Join(parts, " and ") + `</span>`
}

// appliedList lists a tier's requirements, each inherited one with the
// tier it comes from.
func appliedList(t *model.Tier, list []model.Applied, base, lang string) string {
	if len(list) == 0 {
		return `<p>No requirements.</p>`
	}
	var b strings.Builder
	b.WriteString(`<ul class="requirements">`)
	for _, a := range list {
		b.WriteString(`<li>` + requirementHTML(a.Requirement, base, lang))
		if a.From != t {
			b.WriteString(` <span class="inherited">(as for ` + link(base, a.From.Page.URL, a.From.Title) + `)</span>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

func entryText(e string) string {
	switch e {
	case "open":
		return "open to all"
	case "application":
		return "by application"
	case "invitation":
		return "by invitation"
	case "automatic":
		return "automatic once the requirements are met"
	}
	return "not stated"
}

func requirementList(reqs []*model.Requirement, base, lang string) string {
	if len(reqs) == 0 {
		return `<p>No requirements.</p>`
	}
	var b strings.Builder
	b.WriteString(`<ul class="requirements">`)
	for _, r := range reqs {
		b.WriteString(`<li>` + requirementHTML(r, base, lang) + `</li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

func requirementHTML(r *model.Requirement, base, lang string) string {
	switch r.Kind {
	case model.ReqCertification:
		if r.Cert != nil {
			return fmt.Sprintf("%d × %s", r.Count, link(base, r.Cert.Page.URL, r.Cert.Title))
		}
	case model.ReqTier:
		if r.Tier != nil {
			return esc(strings.TrimSuffix(tierTime(r, "\x00"), "\x00")) + link(base, r.Tier.Page.URL, r.Tier.Title)
		}
	case model.ReqAnyOf:
		var parts []string
		for _, a := range r.AnyOf {
			parts = append(parts, requirementHTML(a, base, lang))
		}
		return strings.Join(parts, " <strong>or</strong> ")
	}
	return esc(RequirementText(r, lang))
}

// CertSection lists what a certification requires, what it leads to and
// which tiers require it.
func CertSection(c *model.Certification, base string) string {
	var b strings.Builder
	b.WriteString(`<section class="cert-summary">`)
	list := func(title, id string, items []string, none string) {
		if len(items) == 0 && none == "" {
			return
		}
		fmt.Fprintf(&b, `<h2 id="%s">%s</h2>`, id, esc(title))
		if len(items) == 0 {
			b.WriteString(`<p>` + esc(none) + `</p>`)
			return
		}
		b.WriteString(`<ul>`)
		for _, it := range items {
			b.WriteString(`<li>` + it + `</li>`)
		}
		b.WriteString(`</ul>`)
	}
	// Prerequisites are in the page's header; here what it leads to (when
	// anything does) and which tiers need it.
	var next, tiers []string
	for _, p := range c.RequiredBy {
		next = append(next, link(base, p.Page.URL, p.Title))
	}
	for _, t := range c.Tiers {
		tiers = append(tiers, link(base, t.Page.URL, columnName(t)))
	}
	list("Leads to", "leads-to", next, "")
	list("Tiers and designations that require it", "required-by-tiers", tiers, "No tier requires it.")
	b.WriteString(`</section>`)
	return b.String()
}

// Curriculum renders certifications by track, each track in prerequisite
// order, with duration, exam, validity and the tiers that require them.
func Curriculum(m *model.Model, track, base, lang string) string {
	tracks := map[string][]*model.Certification{}
	for _, c := range m.Certs {
		tracks[c.Track] = append(tracks[c.Track], c)
	}
	var names []string
	for t := range tracks {
		if track == "" || strings.EqualFold(t, track) {
			names = append(names, t)
		}
	}
	order := map[string]int{"sales": 0, "technical": 1, "services": 2}
	sort.Slice(names, func(i, j int) bool {
		oi, iok := order[names[i]]
		oj, jok := order[names[j]]
		if iok != jok {
			return iok
		}
		if iok && oi != oj {
			return oi < oj
		}
		return names[i] < names[j]
	})
	var b strings.Builder
	b.WriteString(`<section class="curriculum">`)
	for _, t := range names {
		title := t
		if title == "" {
			title = "other"
		}
		hid := "track-" + strings.ToLower(strings.ReplaceAll(title, " ", "-"))
		fmt.Fprintf(&b, `<h2 id="%s">%s track</h2>`, esc(hid), esc(strings.ToUpper(title[:1])+title[1:]))
		fmt.Fprintf(&b, `<div class="matrix-scroll" role="region" tabindex="0" aria-labelledby="%s-caption"><table class="curriculum-table stackable"><caption id="%s-caption">%s</caption>`, hid, hid, esc(strings.ToUpper(title[:1])+title[1:]+" certifications in the order to take them"))
		b.WriteString(`<thead><tr><th scope="col">Certification</th><th scope="col">Level</th><th scope="col">Prerequisites</th><th scope="col">Duration</th><th scope="col">Exam</th><th scope="col">Valid for</th><th scope="col">Required by</th></tr></thead><tbody>`)
		for _, c := range TopoOrder(tracks[t]) {
			var pre, tiers []string
			for _, p := range c.Prerequisites {
				pre = append(pre, link(base, p.Page.URL, p.Title))
			}
			for _, tr := range c.Tiers {
				tiers = append(tiers, link(base, tr.Page.URL, columnName(tr)))
			}
			dur, valid := "—", "—"
			if c.Hours > 0 {
				dur = FormatAmount(c.Hours, "hours", lang)
			}
			if c.Validity > 0 {
				valid = fmt.Sprintf("%d months", c.Validity)
			}
			fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td data-label="Level">%s</td><td data-label="Prerequisites"><span class="cell">%s</span></td><td data-label="Duration">%s</td><td data-label="Exam">%s</td><td data-label="Valid for">%s</td><td data-label="Required by" class="required-by"><span class="cell">%s</span></td></tr>`,
				link(base, c.Page.URL, c.Title), esc(orDash(c.Level)), orDashHTML(strings.Join(pre, ", ")), esc(dur), esc(orDash(c.Exam)), esc(valid), orDashHTML(strings.Join(tiers, " ")))
		}
		b.WriteString(`</tbody></table></div>`)
	}
	b.WriteString(`</section>`)
	return b.String()
}

// columnName names a tier with its program ("Reseller Partner Program:
// Select"), and a designation as one, whatever its programs.
func columnName(t *model.Tier) string {
	switch {
	case t.Designation != nil:
		return t.Title + " designation"
	case t.Program != nil:
		return t.Program.Title + ": " + t.Title
	}
	return t.Title
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func orDashHTML(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// TopoOrder sorts certifications so that prerequisites come first; within
// that, by title. Cycles (reported by the model) are broken by title.
func TopoOrder(cs []*model.Certification) []*model.Certification {
	in := map[*model.Certification]bool{}
	for _, c := range cs {
		in[c] = true
	}
	sorted := append([]*model.Certification(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Title < sorted[j].Title })
	done := map[*model.Certification]bool{}
	visiting := map[*model.Certification]bool{}
	var out []*model.Certification
	var visit func(c *model.Certification)
	visit = func(c *model.Certification) {
		if done[c] || visiting[c] {
			return
		}
		visiting[c] = true
		for _, p := range c.Prerequisites {
			if in[p] {
				visit(p)
			}
		}
		visiting[c] = false
		done[c] = true
		out = append(out, c)
	}
	for _, c := range sorted {
		visit(c)
	}
	return out
}

// BenefitSection is what a benefit page shows after its text: the value
// for each tier of each program that offers it (with unit, note and
// footnote), and a column for each region whose values differ. Partners who land on a benefit page from search find
// the figures there, not only on the program's matrix.
func BenefitSection(b *model.Benefit, base, lang string, regions []string) string {
	var s strings.Builder
	s.WriteString(`<section class="benefit-values">`)
	s.WriteString(`<h2 id="values-by-tier">` + esc(word(lang, "Values by tier")) + `</h2>`)
	if len(b.Requires) > 0 {
		var parts []string
		for _, r := range b.Requires {
			parts = append(parts, requirementHTML(r, base, lang))
		}
		s.WriteString(`<p class="benefit-requires"><strong>Eligibility:</strong> whatever the tier, this benefit requires ` + strings.Join(parts, " and ") + `.</p>`)
	}
	var over []string
	for _, r := range regions {
		if r != "global" && len(b.Regions[r]) > 0 {
			over = append(over, r)
		}
	}
	for i, p := range b.Programs {
		if p == nil || len(p.Tiers) == 0 {
			continue
		}
		id := fmt.Sprintf("benefit-values-%d", i+1)
		caption := b.Title + word(lang, " in the ") + p.Title
		fmt.Fprintf(&s, `<div class="matrix-scroll" role="region" tabindex="0" aria-labelledby="%s-caption"><table class="matrix benefit-table"><caption id="%s-caption">%s</caption>`, id, id, esc(caption))
		valueHead := word(lang, "Value")
		if len(over) > 0 {
			valueHead = word(lang, "All regions")
		}
		s.WriteString(`<thead><tr><th scope="col">` + esc(word(lang, "Tier")) + `</th><th scope="col">` + esc(valueHead) + `</th>`)
		for _, r := range over {
			fmt.Fprintf(&s, `<th scope="col">%s</th>`, esc(RegionLabel(r)))
		}
		s.WriteString(`</tr></thead><tbody>`)
		rows := append([]*model.Tier{}, p.Tiers...)
		for _, d := range p.Designations {
			if _, ok := b.Values[d]; ok {
				rows = append(rows, d)
			}
		}
		for _, t := range rows {
			name := t.Title
			if t.Designation != nil {
				name += " designation"
			}
			fmt.Fprintf(&s, `<tr><th scope="row">%s</th><td>%s</td>`, link(base, t.Page.URL, name), benefitCell(b, t, "", lang))
			for _, r := range over {
				fmt.Fprintf(&s, `<td>%s</td>`, benefitCell(b, t, r, lang))
			}
			s.WriteString(`</tr>`)
		}
		s.WriteString(`</tbody></table></div>`)
	}
	// The governing terms are in the page's header already.
	s.WriteString(`</section>`)
	return s.String()
}

// benefitCell is a benefit's value for a tier (in a region), its footnote
// written out as a note, since the table has no footnote list.
func benefitCell(b *model.Benefit, t *model.Tier, region, lang string) string {
	v, ok := b.ValueFor(t, region)
	if !ok {
		return cellHTML(Cell{Display: "—"}, "", "Not included")
	}
	c := ValueCell(v, lang)
	if v.Footnote != "" {
		c.Note = strings.TrimPrefix(c.Note+"; "+v.Footnote, "; ")
	}
	return cellHTML(c, "", "Not included")
}
