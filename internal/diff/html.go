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
		list("Edited", p.Edited)
	}
	b.WriteString(`</section>`)
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
