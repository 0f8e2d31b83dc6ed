package diff

import (
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// View is a report as the theme's changes.html draws it, for the changes
// page and the changes shortcode. Every address has the base path.
type View struct {
	OldLabel, NewLabel string
	Empty              bool
	Programs           []ProgramView
	// OneProgram is set when the report is narrowed to a program: the
	// certifications and pages are left out.
	OneProgram     bool
	Certifications []ChangeView
	Pages          *PagesView
}

// ProgramView is one program's changes under its heading.
type ProgramView struct {
	ID      string // the heading's id
	URL     string
	Title   string
	Changes []ChangeView
}

// ChangeView is one change. A value that changed has Old and New (after
// Before and, when it names one, the linked Subject); anything else is
// Text, linked when URL is set.
type ChangeView struct {
	Kind     string
	Before   string
	Subject  string
	URL      string
	Old, New string
	Text     string
}

// PagesView lists the pages added, removed, renamed and edited.
type PagesView struct {
	Added, Removed []PageLink
	Renamed        []RenameView
	Edited         []EditedView
}

// PageLink is a page's title and address.
type PageLink struct {
	URL, Title string
}

// RenameView is a page under a new id.
type RenameView struct {
	PageLink
	From, To string
}

// EditedView is an edited page, with its changed clauses when it holds
// terms.
type EditedView struct {
	PageLink
	Clauses []ClauseView
}

// ClauseView is a changed clause: its name (linked when it is still
// there), what happened to it, and each changed sentence as a redline.
type ClauseView struct {
	Title     string
	URL       string // the clause's address, "" when it was removed
	What      string
	Sentences [][]WordOp
}

func pageLink(base string, p PageRef) PageLink {
	if p.URL == "" {
		return PageLink{Title: p.Title}
	}
	return PageLink{URL: base + p.URL, Title: p.Title}
}

// Part is the report as a part of a page; program narrows it to one
// program ("" for all).
func (r *Report) Part(base, program string) site.Part {
	v := View{OldLabel: r.OldLabel, NewLabel: r.NewLabel, Empty: r.Empty(), OneProgram: program != ""}
	var hs []markdown.Heading
	if v.Empty {
		return site.Part{Partial: "changes.html", Data: v}
	}
	for _, p := range r.Programs {
		if program != "" && p.ID != program && !strings.HasSuffix(p.ID, "/"+program) {
			continue
		}
		pv := ProgramView{ID: "changes-" + strings.ReplaceAll(p.ID, "/", "-"), Title: p.Title}
		if p.URL != "" {
			pv.URL = base + p.URL
		}
		for _, c := range p.Changes {
			pv.Changes = append(pv.Changes, changeView(c, base, r.w))
		}
		v.Programs = append(v.Programs, pv)
		hs = append(hs, markdown.Heading{Level: 2, ID: pv.ID, Text: p.Title})
	}
	if program != "" {
		return site.Part{Partial: "changes.html", Data: v, Headings: hs}
	}
	for _, c := range r.Certifications {
		v.Certifications = append(v.Certifications, changeView(c, base, r.w))
	}
	if len(v.Certifications) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: "changes-certifications", Text: r.w.T("certifications")})
	}
	p := r.Pages
	if len(p.Added)+len(p.Removed)+len(p.Renamed)+len(p.Edited) > 0 {
		pv := &PagesView{}
		for _, x := range p.Added {
			pv.Added = append(pv.Added, pageLink(base, x))
		}
		for _, x := range p.Removed {
			pv.Removed = append(pv.Removed, pageLink(base, x))
		}
		for _, rn := range p.Renamed {
			pv.Renamed = append(pv.Renamed, RenameView{PageLink: pageLink(base, rn.To), From: rn.From.ID, To: rn.To.ID})
		}
		for _, x := range p.Edited {
			ev := EditedView{PageLink: pageLink(base, x)}
			for _, c := range x.Clauses {
				cv := ClauseView{Title: c.Title, Sentences: c.Sentences,
					What: r.w.T(map[string]string{ClauseChanged: "clause_changed", ClauseAdded: "clause_new", ClauseRemoved: "clause_removed"}[c.Kind])}
				if c.ID != "" && c.Kind != ClauseRemoved {
					cv.URL = base + x.URL + "#" + c.ID
				}
				ev.Clauses = append(ev.Clauses, cv)
			}
			pv.Edited = append(pv.Edited, ev)
		}
		v.Pages = pv
		hs = append(hs, markdown.Heading{Level: 2, ID: "changes-pages", Text: r.w.T("pages")})
	}
	return site.Part{Partial: "changes.html", Data: v, Headings: hs}
}

func changeView(c Change, base string, w *words.Table) ChangeView {
	v := ChangeView{Kind: c.Kind}
	if c.URL != "" {
		v.URL = base + c.URL
	}
	if c.Old == "" || c.New == "" {
		v.Text = c.Text
		return v
	}
	prefix := ""
	if c.Tier != "" {
		prefix = w.T("change_tier_lead", c.Tier)
		if c.Region != "" {
			prefix = w.T("change_region_lead", matrix.RegionLabel(c.Region, w), prefix)
		}
	}
	subject := c.Subject
	if c.Kind == RequirementChanged {
		subject = ""
	}
	if c.Kind == KeepChanged {
		prefix, subject = w.T("change_tier_keep_lead", c.Tier), ""
	}
	v.Before, v.Subject, v.Old, v.New = prefix, subject, c.Old, c.New
	return v
}
