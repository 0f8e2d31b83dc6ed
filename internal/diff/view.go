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
	// Summary says in one line each what changed where, first, each
	// linking to its section.
	Summary []SummaryItem
	// Terms are the changed clauses of terms pages: what partners sign
	// comes before the lists.
	Terms    []EditedView
	Programs []ProgramView
	// OneProgram is set when the report is narrowed to a program: the
	// certifications and pages are left out.
	OneProgram     bool
	Certifications []ChangeView
	Pages          *PagesView
}

// SummaryItem is a line of the summary: a section and how much changed
// in it.
type SummaryItem struct {
	Anchor, Text string
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
	Kind    string
	Before  string
	Subject string
	URL     string
	// Old and New are only the words that changed, between Lead and Tail,
	// the words both years share.
	Lead, Old, New, Tail string
	Text                 string
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
		pv := ProgramView{ID: ProgramAnchor(p.ID), Title: p.Title}
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
	count := func(n int, title string) string {
		if n == 1 {
			return r.w.T("changes_count_one", title)
		}
		return r.w.T("changes_count_other", title, n)
	}
	clauses := 0
	for _, x := range r.Pages.Edited {
		if len(x.Clauses) == 0 {
			continue
		}
		ev := EditedView{PageLink: pageLink(base, x)}
		for _, c := range x.Clauses {
			ev.Clauses = append(ev.Clauses, r.clauseView(base, x, c))
		}
		clauses += len(x.Clauses)
		v.Terms = append(v.Terms, ev)
	}
	if clauses > 0 {
		v.Summary = append(v.Summary, SummaryItem{Anchor: "changes-terms", Text: count(clauses, r.w.T("terms_clauses"))})
		hs = append([]markdown.Heading{{Level: 2, ID: "changes-terms", Text: r.w.T("kind_terms")}}, hs...)
	}
	for _, pv := range v.Programs {
		v.Summary = append(v.Summary, SummaryItem{Anchor: pv.ID, Text: count(len(pv.Changes), pv.Title)})
	}
	for _, c := range r.Certifications {
		v.Certifications = append(v.Certifications, changeView(c, base, r.w))
	}
	if len(v.Certifications) > 0 {
		v.Summary = append(v.Summary, SummaryItem{Anchor: "changes-certifications", Text: count(len(v.Certifications), r.w.T("certifications"))})
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
			// A terms page's clauses are listed under Terms, above.
			pv.Edited = append(pv.Edited, EditedView{PageLink: pageLink(base, x)})
		}
		v.Pages = pv
		v.Summary = append(v.Summary, SummaryItem{Anchor: "changes-pages", Text: count(len(p.Added)+len(p.Removed)+len(p.Renamed)+len(p.Edited), r.w.T("pages"))})
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
	v.Before, v.Subject = prefix, subject
	v.Lead, v.Old, v.New, v.Tail = inContext(c.Old, c.New)
	if v.Old == "" || v.New == "" {
		v.Lead, v.Old, v.New, v.Tail = "", c.Old, c.New, ""
	}
	return v
}

// clauseView is a changed clause of terms page x.
func (r *Report) clauseView(base string, x PageRef, c ClauseChange) ClauseView {
	cv := ClauseView{Title: c.Title, Sentences: c.Sentences,
		What: r.w.T(map[string]string{ClauseChanged: "clause_changed", ClauseAdded: "clause_new", ClauseRemoved: "clause_removed"}[c.Kind])}
	if c.ID != "" && c.Kind != ClauseRemoved {
		cv.URL = base + x.URL + "#" + c.ID
	}
	return cv
}

// ProgramAnchor is the id of a program's section on a changes page.
func ProgramAnchor(programID string) string {
	return "changes-" + strings.ReplaceAll(programID, "/", "-")
}
