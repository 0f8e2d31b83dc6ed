package matrix

import (
	"fmt"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/model"
)

// DesignationSection is what a designation page shows after its text: who
// may earn it (the tier to hold first in each program), what it takes to
// earn and to keep it, and what it gives in each program on top of the
// tier's benefits.
func DesignationSection(d *model.Designation, base, lang string) string {
	var b strings.Builder
	b.WriteString(`<section class="tier-summary designation-summary">`)
	b.WriteString(`<h2 id="who-can-earn-it">Who can earn it</h2><ul class="requirements">`)
	for _, p := range d.Programs {
		line := `Partners of the ` + link(base, p.Page.URL, p.Title)
		if mt := d.MinTier[p]; mt != nil {
			line += ` at ` + link(base, mt.Page.URL, mt.Title) + ` or above`
		} else {
			line += `, at any tier`
		}
		b.WriteString(`<li>` + line + `</li>`)
	}
	b.WriteString(`</ul>`)
	b.WriteString(`<h2 id="requirements">Requirements</h2>`)
	b.WriteString(requirementList(d.Requirements, base, lang))
	if d.Keep != nil {
		b.WriteString(`<h2 id="keep">To keep ` + esc(d.Title) + `</h2>`)
		b.WriteString(`<p>At each review, a partner holding the designation keeps it with:</p>`)
		b.WriteString(requirementList(d.Keep, base, lang))
	}
	b.WriteString(`<h2 id="benefits">Benefits</h2>`)
	b.WriteString(`<p>On top of the benefits of the partner's tier:</p>`)
	found := false
	for i, p := range d.Programs {
		col := d.Columns[p]
		var rows []string
		for _, ben := range p.Benefits {
			v, ok := ben.ValueFor(col, "")
			if !ok {
				continue
			}
			c := ValueCell(v, lang)
			if v.Footnote != "" {
				c.Note = strings.TrimPrefix(c.Note+"; "+v.Footnote, "; ")
			}
			req := ""
			if len(ben.Requires) > 0 {
				req = requiresHTML(ben.Requires, base, lang)
			}
			rows = append(rows, fmt.Sprintf(`<tr><th scope="row">%s%s</th><td>%s</td></tr>`, link(base, ben.Page.URL, ben.Title), req, cellHTML(c, "", "Not included")))
		}
		if len(rows) == 0 {
			continue
		}
		found = true
		id := fmt.Sprintf("designation-benefits-%d", i+1)
		fmt.Fprintf(&b, `<div class="matrix-scroll" role="region" tabindex="0" aria-labelledby="%s-caption"><table class="matrix tier-benefits"><caption id="%s-caption">%s</caption><thead><tr><th scope="col">Benefit</th><th scope="col">%s</th></tr></thead><tbody>%s</tbody></table></div>`,
			id, id, esc(d.Title+" in the "+p.Title), esc(d.Title), strings.Join(rows, ""))
	}
	if !found {
		b.WriteString(`<p>No benefit names this designation yet.</p>`)
	}
	b.WriteString(`</section>`)
	return b.String()
}
