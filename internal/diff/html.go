package diff

import (
	"fmt"
	"html"
	"strings"
)

func esc(s string) string { return html.EscapeString(s) }

// HTML renders the report for the changes page and the changes shortcode;
// program narrows it to one program ("" for all).
func (r *Report) HTML(base, program string) string {
	var b strings.Builder
	b.WriteString(`<section class="changes">`)
	if r.Empty() {
		fmt.Fprintf(&b, `<p>Nothing changed between %s and %s.</p></section>`, esc(r.OldLabel), esc(r.NewLabel))
		return b.String()
	}
	link := func(url, text string) string {
		if url == "" {
			return esc(text)
		}
		return fmt.Sprintf(`<a href="%s">%s</a>`, esc(base+url), esc(text))
	}
	for _, p := range r.Programs {
		if program != "" && p.ID != program && !strings.HasSuffix(p.ID, "/"+program) {
			continue
		}
		fmt.Fprintf(&b, `<h2 id="%s">%s</h2><ul class="change-list">`, esc("changes-"+strings.ReplaceAll(p.ID, "/", "-")), link(p.URL, p.Title))
		for _, c := range p.Changes {
			fmt.Fprintf(&b, `<li class="change-%s">%s</li>`, esc(c.Kind), changeHTML(c, base))
		}
		b.WriteString(`</ul>`)
	}
	if program != "" {
		b.WriteString(`</section>`)
		return b.String()
	}
	if len(r.Certifications) > 0 {
		b.WriteString(`<h2 id="changes-certifications">Certifications</h2><ul class="change-list">`)
		for _, c := range r.Certifications {
			fmt.Fprintf(&b, `<li class="change-%s">%s</li>`, esc(c.Kind), changeHTML(c, base))
		}
		b.WriteString(`</ul>`)
	}
	p := r.Pages
	if len(p.Added)+len(p.Removed)+len(p.Renamed)+len(p.Edited) > 0 {
		b.WriteString(`<h2 id="changes-pages">Pages</h2>`)
		list := func(title string, refs []PageRef) {
			if len(refs) == 0 {
				return
			}
			fmt.Fprintf(&b, `<h3>%s</h3><ul class="change-list">`, esc(title))
			for _, x := range refs {
				fmt.Fprintf(&b, `<li>%s</li>`, link(x.URL, x.Title))
			}
			b.WriteString(`</ul>`)
		}
		list("Added", p.Added)
		list("Removed", p.Removed)
		if len(p.Renamed) > 0 {
			b.WriteString(`<h3>Renamed</h3><ul class="change-list">`)
			for _, rn := range p.Renamed {
				fmt.Fprintf(&b, `<li>%s (<code>%s</code> → <code>%s</code>)</li>`, link(rn.To.URL, rn.To.Title), esc(rn.From.ID), esc(rn.To.ID))
			}
			b.WriteString(`</ul>`)
		}
		if len(p.Edited) > 0 {
			b.WriteString(`<h3>Edited</h3><ul class="change-list">`)
			for _, x := range p.Edited {
				fmt.Fprintf(&b, `<li>%s%s</li>`, link(x.URL, x.Title), clausesHTML(x, base))
			}
			b.WriteString(`</ul>`)
		}
	}
	b.WriteString(`</section>`)
	return b.String()
}

// clausesHTML lists an edited terms page's changed clauses, each changed
// sentence as a redline: deleted words struck through, inserted ones
// underlined.
func clausesHTML(x PageRef, base string) string {
	if len(x.Clauses) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<ul class="clause-changes">`)
	for _, c := range x.Clauses {
		name := esc(c.Title)
		if c.ID != "" && c.Kind != ClauseRemoved {
			name = fmt.Sprintf(`<a href="%s#%s">%s</a>`, esc(base+x.URL), esc(c.ID), esc(c.Title))
		}
		what := map[string]string{ClauseChanged: "changed", ClauseAdded: "new clause", ClauseRemoved: "clause removed"}[c.Kind]
		fmt.Fprintf(&b, `<li>%s: %s`, name, what)
		for _, sen := range c.Sentences {
			b.WriteString(`<p class="redline">`)
			for i, o := range sen {
				if i > 0 {
					b.WriteString(" ")
				}
				switch o.Op {
				case "-":
					b.WriteString(`<del>` + esc(o.Text) + `</del>`)
				case "+":
					b.WriteString(`<ins>` + esc(o.Text) + `</ins>`)
				default:
					b.WriteString(esc(o.Text))
				}
			}
			b.WriteString(`</p>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

func changeHTML(c Change, base string) string {
	if c.Old != "" && c.New != "" {
		prefix := ""
		if c.Tier != "" {
			prefix = c.Tier + " tier: "
			if c.Region != "" {
				prefix = strings.ToUpper(c.Region) + ", " + prefix
			}
		}
		subject := c.Subject
		if c.Kind == RequirementChanged {
			subject = ""
		}
		if c.Kind == KeepChanged {
			prefix, subject = c.Tier+" tier, to keep it: ", ""
		}
		s := esc(prefix)
		if subject != "" {
			if c.URL != "" {
				s += fmt.Sprintf(`<a href="%s">%s</a> `, esc(base+c.URL), esc(subject))
			} else {
				s += esc(subject) + " "
			}
		}
		return s + fmt.Sprintf(`<del>%s</del> → <ins>%s</ins>`, esc(c.Old), esc(c.New))
	}
	if c.URL != "" {
		return fmt.Sprintf(`<a href="%s">%s</a>`, esc(base+c.URL), esc(c.Text))
	}
	return esc(c.Text)
}
