package report

import (
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// View is the report as the theme's report.html draws it: tables, and
// the counts as small bar charts drawn with inline SVG (no script, no
// external file). Every address has the base path.
type View struct {
	Today   string
	Owners  []OwnerView
	Overdue []OverdueView
	Unowned []PageRef
	Years   []YearView
	// Feedback are the pages readers gave most feedback on, with base
	// path addresses; nil when the site keeps no counts.
	Feedback []Feedback
	// Ending are the dated pages about to end; Expired the links to pages
	// that have ended.
	Ending  []PageRef
	Expired []Finding
}

// OwnerView is an owner's line of the owners table.
type OwnerView struct {
	Name                   string
	Pages, Overdue, Broken int
}

// OverdueView is a page past its review date.
type OverdueView struct {
	PageRef
	Owner string
}

// YearView is a program year's metrics, as bar charts.
type YearView struct {
	Name, Label string
	Charts      []Chart
}

// Chart is a table of counts, each with a bar scaled to the largest.
type Chart struct {
	Caption string
	Bars    []Bar
}

// Bar is a count and its bar's width, out of 200.
type Bar struct {
	Label        string
	Count, Width int
}

// Part is the report as a page's part, in the words of w.
func (r *Report) Part(base string, w *words.Table) site.Part {
	v := View{Today: w.Date(r.Today)}
	ref := func(p PageRef) PageRef { p.URL = base + p.URL; return p }
	for _, o := range r.Owners {
		v.Owners = append(v.Owners, OwnerView{Name: o.Name, Pages: o.Pages, Overdue: len(o.Overdue), Broken: o.Broken})
		for _, p := range o.Overdue {
			v.Overdue = append(v.Overdue, OverdueView{PageRef: ref(p), Owner: o.Name})
		}
	}
	for _, p := range r.Unowned {
		v.Unowned = append(v.Unowned, ref(p))
	}
	for _, p := range r.Ending {
		v.Ending = append(v.Ending, ref(p))
	}
	v.Expired = r.Expired
	hs := []markdown.Heading{{Level: 2, ID: "owners", Text: w.T("report_owners")}}
	if len(v.Overdue) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: "overdue", Text: w.T("report_overdue")})
	}
	if len(v.Ending) > 0 || len(v.Expired) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: "ending", Text: w.T("report_ending")})
	}
	hs = append(hs, markdown.Heading{Level: 2, ID: "unowned", Text: w.T("report_unowned")})
	for _, f := range r.Feedback {
		f.URL = base + f.URL
		v.Feedback = append(v.Feedback, f)
	}
	if len(v.Feedback) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: "feedback", Text: w.T("report_feedback")})
	}
	hs = append(hs, markdown.Heading{Level: 2, ID: "metrics", Text: w.T("report_metrics")})
	for _, y := range r.Versions {
		rows := [][2]any{{w.T("report_programs"), y.Programs}, {w.T("tiers"), y.Tiers}, {w.T("designations"), y.Designations}, {w.T("benefits"), y.Benefits}, {w.T("certifications"), y.Certifications}, {w.T("report_pages"), y.Pages}}
		if y.Changed90 >= 0 {
			rows = append(rows, [2]any{w.T("report_changed_90"), y.Changed90})
		}
		var kr [][2]any
		for _, k := range kinds(y.ByKind) {
			label := k
			if w.Has("kind_" + k) {
				label = w.T("kind_" + k)
			}
			kr = append(kr, [2]any{label, y.ByKind[k]})
		}
		v.Years = append(v.Years, YearView{Name: y.Name, Label: y.Label, Charts: []Chart{chart(w.T("report_model_chart", y.Label), rows), chart(w.T("report_kinds_chart", y.Label), kr)}})
		hs = append(hs, markdown.Heading{Level: 3, ID: "metrics-" + y.Name, Text: y.Label})
	}
	return site.Part{Partial: "report.html", Data: v, Headings: hs}
}

func chart(caption string, rows [][2]any) Chart {
	max := 1
	for _, r := range rows {
		if n := r[1].(int); n > max {
			max = n
		}
	}
	c := Chart{Caption: caption}
	for _, r := range rows {
		n := r[1].(int)
		c.Bars = append(c.Bars, Bar{Label: r[0].(string), Count: n, Width: 200 * n / max})
	}
	return c
}

// Pages is the report as a page of each program year (render.PageMaker).
type Pages struct {
	Report   *Report
	Versions []*site.Version
	Base     string
}

// Pages implements render.PageMaker.
func (p Pages) Pages(d site.Drawer) ([]site.Generated, error) {
	var out []site.Generated
	w := d.Words()
	h, err := d.Draw(p.Report.Part(p.Base, w))
	if err != nil {
		return nil, err
	}
	for _, v := range p.Versions {
		out = append(out, site.Generated{Version: v.Name, URL: v.Name + "/report/", Title: w.T("report_title"), Kind: "list",
			Description: w.T("report_description"), HTML: h})
	}
	return out, nil
}
