// Package digest is the partner newsletter: the announcements dated in a
// window, newest first and grouped by the program they affect, and
// optionally a summary of a changes report, as email-ready HTML (inline
// styles, table layout, absolute links, no script or stylesheet),
// Markdown and plain text.
package digest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diff"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
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
	// ComingUp are the events that start in the period, soonest first;
	// Ending the dated pages (incentives, promotions) whose last day is
	// in it, soonest first. Date is the event's or the last day.
	ComingUp, Ending []Item
	Changes          *diff.Report

	w *words.Table // the site's words
}

// Build collects the announcements of the portal and the latest version
// dated from since to until (inclusive, YYYY-MM-DD). An announcement is
// filed under the first program its affects names (a program, or a page
// of one); the others under "Everyone".
func Build(s *site.Site, since, until string, changes *diff.Report) *Digest {
	d := &Digest{Site: s.Config.Title, BaseURL: s.Config.BaseURL, Since: since, Until: until, Changes: changes, w: s.Words}
	if d.w == nil {
		d.w = words.Default(s.Config.Language)
	}
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
	d.dated(s)
	return d
}

// dated collects the events and the ends in the period, from the portal
// and the latest year.
func (d *Digest) dated(s *site.Site) {
	for _, v := range []*site.Version{s.Portal, s.Latest} {
		if v == nil {
			continue
		}
		for _, p := range v.Pages {
			it := Item{Title: p.Title, Summary: p.Summary, URL: s.Config.BaseURL + p.URL}
			if e := p.Event; p.Kind == "event" && e != nil && !e.Start.IsZero() {
				loc, err := time.LoadLocation(e.TimeZone)
				if err != nil {
					loc = time.UTC
				}
				if it.Date = e.Start.In(loc).Format("2006-01-02"); it.Date >= d.Since && it.Date <= d.Until {
					d.ComingUp = append(d.ComingUp, it)
				}
			}
			if p.Ends != "" && p.Ends >= d.Since && p.Ends <= d.Until {
				it.Date = p.Ends
				d.Ending = append(d.Ending, it)
			}
		}
	}
	for _, l := range [][]Item{d.ComingUp, d.Ending} {
		sort.SliceStable(l, func(i, j int) bool { return l[i].Date < l[j].Date })
	}
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

func (d *Digest) groupTitle(g Group) string {
	if g.Program == "" {
		return d.w.T("digest_everyone")
	}
	return g.Program
}

// changeLines are the changes report in short: each program's changes, at
// most max of them, and how many pages changed.
func (d *Digest) changeLines(max int) (title string, progs []Group, pages string, url string) {
	r := d.Changes
	title = d.w.T("digest_changes", r.OldLabel, r.NewLabel)
	// What partners sign first: each changed clause of a terms page, its
	// changed words with a few on either side, not both sentences whole.
	for _, x := range r.Pages.Edited {
		if len(x.Clauses) == 0 {
			continue
		}
		g := Group{Program: x.Title}
		for _, c := range x.Clauses {
			line := c.Title + ": " + d.w.T(map[string]string{diff.ClauseChanged: "clause_changed", diff.ClauseAdded: "clause_new", diff.ClauseRemoved: "clause_removed"}[c.Kind])
			if len(c.Sentences) > 0 {
				var parts []string
				for _, s := range c.Sentences {
					parts = append(parts, diff.RedlineText(diff.Redline(s, 4)))
				}
				line = c.Title + ": " + strings.Join(parts, " ")
			}
			g.Items = append(g.Items, Item{Title: line})
		}
		progs = append(progs, g)
	}
	for _, p := range r.Programs {
		g := Group{Program: p.Title}
		for i, c := range p.Changes {
			if i == max {
				g.Items = append(g.Items, Item{Title: d.w.T("digest_more", len(p.Changes)-max)})
				break
			}
			g.Items = append(g.Items, Item{Title: c.Text})
		}
		progs = append(progs, g)
	}
	n := len(r.Pages.Added) + len(r.Pages.Removed) + len(r.Pages.Renamed) + len(r.Pages.Edited)
	if n > 0 {
		pages = d.w.T("digest_pages", len(r.Pages.Added), len(r.Pages.Removed), len(r.Pages.Renamed), len(r.Pages.Edited))
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
		fmt.Fprintf(&b, "\n## %s\n\n", d.groupTitle(g))
		for _, it := range g.Items {
			fmt.Fprintf(&b, "- **[%s](%s)** (%s)", mdEscape(it.Title), it.URL, it.Date)
			if it.Summary != "" {
				fmt.Fprintf(&b, ": %s", mdEscape(it.Summary))
			}
			b.WriteString("\n")
		}
	}
	for _, sec := range d.datedSections() {
		fmt.Fprintf(&b, "\n## %s\n\n", sec.Title)
		for _, it := range sec.Items {
			fmt.Fprintf(&b, "- **[%s](%s)** (%s)\n", mdEscape(it.Title), it.URL, it.Date)
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
		t := d.groupTitle(g)
		fmt.Fprintf(&b, "\n%s\n%s\n", t, strings.Repeat("-", len([]rune(t))))
		for _, it := range g.Items {
			fmt.Fprintf(&b, "%s  %s\n", it.Date, it.Title)
			if it.Summary != "" {
				fmt.Fprintf(&b, "    %s\n", it.Summary)
			}
			fmt.Fprintf(&b, "    %s\n", it.URL)
		}
	}
	for _, sec := range d.datedSections() {
		fmt.Fprintf(&b, "\n%s\n%s\n", sec.Title, strings.Repeat("-", len([]rune(sec.Title))))
		for _, it := range sec.Items {
			fmt.Fprintf(&b, "%s  %s\n    %s\n", it.Date, it.Title, it.URL)
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

// datedSections are "Coming up" and "Ending soon", those that have items.
func (d *Digest) datedSections() []GroupView {
	var out []GroupView
	if len(d.ComingUp) > 0 {
		out = append(out, GroupView{Title: d.w.T("digest_coming_up"), Items: d.ComingUp})
	}
	if len(d.Ending) > 0 {
		out = append(out, GroupView{Title: d.w.T("digest_ending_soon"), Items: d.Ending})
	}
	return out
}

// View is the digest as the theme's digest.html draws it: an email of a
// 600 px table with inline styles, a preheader (the first line mail
// clients show) and absolute links only.
type View struct {
	Lang                        string // the language's code, for the email's lang attribute
	Site, BaseURL, Since, Until string
	Preheader                   string
	Groups                      []GroupView
	// Dated are "Coming up" (events in the period) and "Ending soon"
	// (incentives whose last day is in it), those that have items.
	Dated   []GroupView
	Changes *ChangesView
}

// GroupView is a group of announcements under its title.
type GroupView struct {
	Title string
	Items []Item
}

// ChangesView is the changes report in short: at most five changes a
// program, how many pages changed, and a link to the whole report.
type ChangesView struct {
	Title    string
	Programs []Group
	Pages    string
	URL      string
}

// Part is the digest as an email, drawn by the theme's digest.html.
func (d *Digest) Part() site.Part {
	count := 0
	for _, g := range d.Groups {
		count += len(g.Items)
	}
	v := View{Lang: d.w.Lang, Site: d.Site, BaseURL: d.BaseURL, Since: d.w.Date(d.Since), Until: d.w.Date(d.Until),
		Preheader: d.w.T("digest_preheader_count", count, d.w.Date(d.Since), d.w.Date(d.Until))}
	if len(d.Groups) > 0 && len(d.Groups[0].Items) > 0 {
		v.Preheader = d.w.T("digest_preheader_more", d.Groups[0].Items[0].Title)
	}
	for _, g := range d.Groups {
		items := make([]Item, len(g.Items))
		for i, it := range g.Items {
			it.Date = d.w.Date(it.Date) // "2 February 2026" in the email
			items[i] = it
		}
		v.Groups = append(v.Groups, GroupView{Title: d.groupTitle(g), Items: items})
	}
	for _, sec := range d.datedSections() {
		items := make([]Item, len(sec.Items))
		for i, it := range sec.Items {
			it.Date = d.w.Date(it.Date)
			items[i] = it
		}
		v.Dated = append(v.Dated, GroupView{Title: sec.Title, Items: items})
	}
	if d.Changes != nil {
		c := &ChangesView{}
		c.Title, c.Programs, c.Pages, c.URL = d.changeLines(5)
		v.Changes = c
	}
	return site.Part{Partial: "digest.html", Data: v}
}
