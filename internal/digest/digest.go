// Package digest is the partner newsletter: the announcements dated in a
// window, newest first and grouped by the program they affect, and
// optionally a summary of a changes report, as email-ready HTML (inline
// styles, table layout, absolute links, no script or stylesheet),
// Markdown and plain text.
package digest

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diff"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Item is one announcement.
type Item struct {
	Title, Summary, URL, Date string
}

// Group is the announcements about one program (Program "" for those
// that name none).
type Group struct {
	Program string
	Items   []Item
}

// Digest is one issue of the newsletter.
type Digest struct {
	Site         string
	BaseURL      string
	Since, Until string
	Groups       []Group
	Changes      *diff.Report
}

// Build collects the announcements of the portal and the latest version
// dated from since to until (inclusive, YYYY-MM-DD). An announcement is
// filed under the first program its affects names (a program, or a page
// of one); the others under "Everyone".
func Build(s *site.Site, since, until string, changes *diff.Report) *Digest {
	d := &Digest{Site: s.Config.Title, BaseURL: s.Config.BaseURL, Since: since, Until: until, Changes: changes}
	var pages []*site.Page
	for _, v := range []*site.Version{s.Portal, s.Latest} {
		if v == nil {
			continue
		}
		for _, p := range v.Pages {
			if p.Kind == "announcement" && p.Date >= since && p.Date <= until {
				pages = append(pages, p)
			}
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if pages[i].Date != pages[j].Date {
			return pages[i].Date > pages[j].Date
		}
		return pages[i].URL < pages[j].URL
	})
	at := map[string]int{}
	var order []string
	groups := map[string][]Item{}
	for _, p := range pages {
		prog := programOf(s, p)
		if _, ok := at[prog]; !ok {
			at[prog] = len(order)
			order = append(order, prog)
		}
		groups[prog] = append(groups[prog], Item{Title: p.Title, Summary: p.Summary, URL: s.Config.BaseURL + p.URL, Date: p.Date})
	}
	// Programs in the order of their newest announcement; "Everyone" last.
	sort.SliceStable(order, func(i, j int) bool { return order[i] != "" && order[j] == "" })
	for _, prog := range order {
		d.Groups = append(d.Groups, Group{Program: prog, Items: groups[prog]})
	}
	return d
}

// programOf is the title of the first program an announcement affects.
func programOf(s *site.Site, p *site.Page) string {
	v := s.Latest
	if v == nil {
		return ""
	}
	for _, id := range p.Affects {
		id, _, _ = strings.Cut(id, "@")
		t := v.Lookup(id)
		if t == nil {
			continue
		}
		prog := ""
		switch {
		case t.Kind == "program":
			prog = t.ID
		case t.Program != "":
			prog = t.Program
		case len(t.Programs) > 0:
			prog = t.Programs[0]
		}
		if prog == "" {
			continue
		}
		if pp := v.Lookup(prog); pp != nil {
			return pp.Title
		}
	}
	return ""
}

func groupTitle(g Group) string {
	if g.Program == "" {
		return "For every partner"
	}
	return g.Program
}

// changeLines are the changes report in short: each program's changes, at
// most max of them, and how many pages changed.
func (d *Digest) changeLines(max int) (title string, progs []Group, pages string, url string) {
	r := d.Changes
	title = fmt.Sprintf("What changed from %s to %s", r.OldLabel, r.NewLabel)
	for _, p := range r.Programs {
		g := Group{Program: p.Title}
		for i, c := range p.Changes {
			if i == max {
				g.Items = append(g.Items, Item{Title: fmt.Sprintf("and %d more", len(p.Changes)-max)})
				break
			}
			g.Items = append(g.Items, Item{Title: c.Text})
		}
		progs = append(progs, g)
	}
	n := len(r.Pages.Added) + len(r.Pages.Removed) + len(r.Pages.Renamed) + len(r.Pages.Edited)
	if n > 0 {
		pages = fmt.Sprintf("%d pages added, %d removed, %d renamed, %d edited.", len(r.Pages.Added), len(r.Pages.Removed), len(r.Pages.Renamed), len(r.Pages.Edited))
	}
	return title, progs, pages, d.BaseURL + r.New + "/changes/"
}

// Markdown renders the digest for tools that take Markdown.
func (d *Digest) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: partner news\n\n%s to %s\n", d.Site, d.Since, d.Until)
	if len(d.Groups) == 0 {
		b.WriteString("\nNo announcements in this period.\n")
	}
	for _, g := range d.Groups {
		fmt.Fprintf(&b, "\n## %s\n\n", groupTitle(g))
		for _, it := range g.Items {
			fmt.Fprintf(&b, "- **[%s](%s)** (%s)", mdEscape(it.Title), it.URL, it.Date)
			if it.Summary != "" {
				fmt.Fprintf(&b, ": %s", mdEscape(it.Summary))
			}
			b.WriteString("\n")
		}
	}
	if d.Changes != nil {
		title, progs, pages, url := d.changeLines(5)
		fmt.Fprintf(&b, "\n## %s\n", title)
		for _, g := range progs {
			fmt.Fprintf(&b, "\n**%s**\n\n", mdEscape(g.Program))
			for _, it := range g.Items {
				fmt.Fprintf(&b, "- %s\n", mdEscape(it.Title))
			}
		}
		if pages != "" {
			fmt.Fprintf(&b, "\n%s\n", pages)
		}
		fmt.Fprintf(&b, "\nThe whole report: %s\n", url)
	}
	return b.String()
}

func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`").Replace(s)
}

// Text renders the digest as plain text.
func (d *Digest) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: partner news, %s to %s\n", d.Site, d.Since, d.Until)
	if len(d.Groups) == 0 {
		b.WriteString("\nNo announcements in this period.\n")
	}
	for _, g := range d.Groups {
		t := groupTitle(g)
		fmt.Fprintf(&b, "\n%s\n%s\n", t, strings.Repeat("-", len([]rune(t))))
		for _, it := range g.Items {
			fmt.Fprintf(&b, "%s  %s\n", it.Date, it.Title)
			if it.Summary != "" {
				fmt.Fprintf(&b, "    %s\n", it.Summary)
			}
			fmt.Fprintf(&b, "    %s\n", it.URL)
		}
	}
	if d.Changes != nil {
		title, progs, pages, url := d.changeLines(5)
		fmt.Fprintf(&b, "\n%s\n%s\n", title, strings.Repeat("-", len([]rune(title))))
		for _, g := range progs {
			fmt.Fprintf(&b, "%s\n", g.Program)
			for _, it := range g.Items {
				fmt.Fprintf(&b, "  - %s\n", it.Title)
			}
		}
		if pages != "" {
			fmt.Fprintf(&b, "%s\n", pages)
		}
		fmt.Fprintf(&b, "The whole report: %s\n", url)
	}
	return b.String()
}

// HTML renders the digest as an email: a 600 px table, inline styles, a
// preheader (the first line mail clients show), absolute links only.
func (d *Digest) HTML() string {
	esc := html.EscapeString
	var b strings.Builder
	count := 0
	for _, g := range d.Groups {
		count += len(g.Items)
	}
	pre := fmt.Sprintf("%d announcements from %s to %s", count, d.Since, d.Until)
	if len(d.Groups) > 0 && len(d.Groups[0].Items) > 0 {
		pre = d.Groups[0].Items[0].Title + " and more partner news"
	}
	const font = "font-family:Arial,Helvetica,sans-serif;"
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>%s: partner news</title></head>`, esc(d.Site))
	b.WriteString(`<body style="margin:0;padding:0;background:#f5f7fa;">`)
	fmt.Fprintf(&b, `<div style="display:none;max-height:0;overflow:hidden;">%s</div>`, esc(pre))
	b.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f5f7fa;"><tr><td align="center" style="padding:24px 12px;">`)
	b.WriteString(`<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #d9dee6;">`)
	fmt.Fprintf(&b, `<tr><td style="padding:24px 24px 8px;%s"><p style="margin:0;font-size:13px;color:#4a5566;">%s</p><h1 style="margin:4px 0 0;font-size:24px;color:#1b2330;">Partner news</h1><p style="margin:4px 0 0;font-size:14px;color:#4a5566;">%s to %s</p></td></tr>`,
		font, esc(d.Site), esc(d.Since), esc(d.Until))
	if len(d.Groups) == 0 {
		fmt.Fprintf(&b, `<tr><td style="padding:16px 24px;%sfont-size:15px;color:#1b2330;">No announcements in this period.</td></tr>`, font)
	}
	for _, g := range d.Groups {
		fmt.Fprintf(&b, `<tr><td style="padding:16px 24px 4px;%s"><h2 style="margin:0;font-size:18px;color:#1b2330;border-bottom:2px solid #e6effa;padding-bottom:4px;">%s</h2></td></tr>`, font, esc(groupTitle(g)))
		for _, it := range g.Items {
			fmt.Fprintf(&b, `<tr><td style="padding:8px 24px;%s"><p style="margin:0;font-size:12px;color:#4a5566;">%s</p><p style="margin:2px 0 0;font-size:16px;"><a href="%s" style="color:#0b57b0;font-weight:bold;text-decoration:underline;">%s</a></p>`, font, esc(it.Date), esc(it.URL), esc(it.Title))
			if it.Summary != "" {
				fmt.Fprintf(&b, `<p style="margin:4px 0 0;font-size:14px;line-height:1.45;color:#1b2330;">%s</p>`, esc(it.Summary))
			}
			b.WriteString(`</td></tr>`)
		}
	}
	if d.Changes != nil {
		title, progs, pages, url := d.changeLines(5)
		fmt.Fprintf(&b, `<tr><td style="padding:20px 24px 4px;%s"><h2 style="margin:0;font-size:18px;color:#1b2330;border-bottom:2px solid #e6effa;padding-bottom:4px;">%s</h2></td></tr>`, font, esc(title))
		for _, g := range progs {
			fmt.Fprintf(&b, `<tr><td style="padding:8px 24px;%sfont-size:14px;color:#1b2330;"><p style="margin:0 0 4px;font-weight:bold;">%s</p><ul style="margin:0;padding-left:20px;">`, font, esc(g.Program))
			for _, it := range g.Items {
				fmt.Fprintf(&b, `<li style="margin:2px 0;">%s</li>`, esc(it.Title))
			}
			b.WriteString(`</ul></td></tr>`)
		}
		fmt.Fprintf(&b, `<tr><td style="padding:8px 24px;%sfont-size:14px;color:#1b2330;">%s <a href="%s" style="color:#0b57b0;">Read the whole report</a></td></tr>`, font, esc(pages), esc(url))
	}
	fmt.Fprintf(&b, `<tr><td style="padding:16px 24px 24px;%sfont-size:12px;color:#4a5566;border-top:1px solid #d9dee6;">You receive this as a partner of %s. <a href="%s" style="color:#0b57b0;">Open the partner portal</a></td></tr>`, font, esc(d.Site), esc(d.BaseURL))
	b.WriteString(`</table></td></tr></table></body></html>`)
	b.WriteString("\n")
	return b.String()
}
