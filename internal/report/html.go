package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// HTML renders the report as a page: tables, and the counts as small bar
// charts drawn with inline SVG (no script, no external file).
func (r *Report) HTML(base string) string {
	esc := html.EscapeString
	link := func(p PageRef) string {
		return fmt.Sprintf(`<a href="%s">%s</a>`, esc(base+p.URL), esc(p.Title))
	}
	var b strings.Builder
	b.WriteString(`<section class="report">`)
	fmt.Fprintf(&b, `<p>Content health and program metrics on %s. This page is published in internal builds only.</p>`, esc(r.Today))
	b.WriteString(`<h2 id="owners">Owners</h2>`)
	b.WriteString(`<div class="matrix-scroll" role="region" tabindex="0" aria-labelledby="owners-caption"><table class="matrix"><caption id="owners-caption">Pages by owner</caption><thead><tr><th scope="col">Owner</th><th scope="col">Pages</th><th scope="col">Overdue for review</th><th scope="col">Broken references</th></tr></thead><tbody>`)
	for _, o := range r.Owners {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td class="num">%d</td><td class="num">%d</td><td class="num">%d</td></tr>`, esc(o.Name), o.Pages, len(o.Overdue), o.Broken)
	}
	b.WriteString(`</tbody></table></div>`)
	var overdue []string
	for _, o := range r.Owners {
		for _, p := range o.Overdue {
			overdue = append(overdue, fmt.Sprintf(`<li>%s: due %s (%s)</li>`, link(p), esc(p.ReviewBy), esc(o.Name)))
		}
	}
	if len(overdue) > 0 {
		b.WriteString(`<h2 id="overdue">Overdue for review</h2><ul>` + strings.Join(overdue, "") + `</ul>`)
	}
	fmt.Fprintf(&b, `<h2 id="unowned">Pages without an owner</h2>`)
	if len(r.Unowned) == 0 {
		b.WriteString(`<p>Every page has an owner.</p>`)
	} else {
		fmt.Fprintf(&b, `<p>%d pages name no <code>owner</code>.</p><ul class="report-list">`, len(r.Unowned))
		for _, p := range r.Unowned {
			b.WriteString(`<li>` + link(p) + `</li>`)
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString(`<h2 id="metrics">Program metrics</h2>`)
	for _, v := range r.Versions {
		fmt.Fprintf(&b, `<h3 id="metrics-%s">%s</h3>`, esc(v.Name), esc(v.Label))
		rows := [][2]any{{"Programs", v.Programs}, {"Tiers", v.Tiers}, {"Designations", v.Designations}, {"Benefits", v.Benefits}, {"Certifications", v.Certifications}, {"Pages", v.Pages}}
		if v.Changed90 >= 0 {
			rows = append(rows, [2]any{"Pages changed in the last 90 days", v.Changed90})
		}
		b.WriteString(bars(v.Label+": the program model", rows))
		var kr [][2]any
		for _, k := range kinds(v.ByKind) {
			kr = append(kr, [2]any{k, v.ByKind[k]})
		}
		b.WriteString(bars(v.Label+": pages by kind", kr))
	}
	b.WriteString(`</section>`)
	return b.String()
}

// bars is a table of counts, each with a bar scaled to the largest.
func bars(caption string, rows [][2]any) string {
	max := 1
	for _, r := range rows {
		if n := r[1].(int); n > max {
			max = n
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<table class="report-bars"><caption>%s</caption><tbody>`, html.EscapeString(caption))
	for _, r := range rows {
		n := r[1].(int)
		w := 200 * n / max
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td class="num">%d</td><td><svg width="200" height="12" viewBox="0 0 200 12" aria-hidden="true" focusable="false"><rect width="%d" height="12" rx="2" fill="currentColor"/></svg></td></tr>`,
			html.EscapeString(r[0].(string)), n, w)
	}
	b.WriteString(`</tbody></table>`)
	return b.String()
}

// Pages is the report as a page of each program year (render.PageMaker).
type Pages struct {
	Report   *Report
	Versions []*site.Version
	Base     string
}

// Pages implements render.PageMaker.
func (p Pages) Pages() []site.Generated {
	var out []site.Generated
	h := []byte(p.Report.HTML(p.Base))
	for _, v := range p.Versions {
		out = append(out, site.Generated{Version: v.Name, URL: v.Name + "/report/", Title: "Content health and program metrics", Kind: "list",
			Description: "Pages by owner, overdue reviews, pages without an owner, broken references, and program metrics by year.", HTML: h})
	}
	return out
}
