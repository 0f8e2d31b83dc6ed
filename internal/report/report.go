package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/feedback"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// PageRef names a page.
type PageRef struct {
	Title    string `json:"title"`
	URL      string `json:"url"`
	Source   string `json:"source"`
	ReviewBy string `json:"review_by,omitempty"`
	Ends     string `json:"ends,omitempty"`
}

// Owner is what one owner keeps.
type Owner struct {
	Name    string    `json:"name"`
	Pages   int       `json:"pages"`
	Overdue []PageRef `json:"overdue"`
	// Broken counts the error findings (broken links, anchors, references)
	// in the owner's pages.
	Broken int `json:"broken"`
}

// Version is one program year's metrics.
type Version struct {
	Name           string         `json:"name"`
	Label          string         `json:"label"`
	Programs       int            `json:"programs"`
	Tiers          int            `json:"tiers"`
	Designations   int            `json:"designations"`
	Benefits       int            `json:"benefits"`
	Certifications int            `json:"certifications"`
	Pages          int            `json:"pages"`
	ByKind         map[string]int `json:"pages_by_kind"`
	// Changed90 counts pages whose file changed in Git in the 90 days
	// before the report's day; -1 when the site has no Git history.
	Changed90 int `json:"changed_last_90_days"`
}

// Report is the whole report.
type Report struct {
	Today    string    `json:"today"`
	Owners   []Owner   `json:"owners"`
	Unowned  []PageRef `json:"unowned"`
	Versions []Version `json:"versions"`
	// Feedback are the pages whose feedback links readers opened most,
	// from the counts the site keeps (feedback.counts); absent without.
	Feedback []Feedback `json:"feedback,omitempty"`
	// Ending are the dated pages whose ends comes within check.expiring
	// days; Expired the links from live pages to pages that have ended.
	Ending  []PageRef `json:"ending,omitempty"`
	Expired []Finding `json:"expired_links,omitempty"`
}

// Finding is a check finding the report lists, where it is.
type Finding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Feedback is how often a page's feedback links were opened.
type Feedback struct {
	Title string `json:"title"`
	// Year is the label of the page's program year ("" for the portal's
	// pages): a page has a copy in each year.
	Year    string `json:"year,omitempty"`
	URL     string `json:"url"`
	Yes     int    `json:"yes"`
	No      int    `json:"no"`
	Suggest int    `json:"suggest"`
}

// MaxFeedback is how many pages the report lists by feedback.
const MaxFeedback = 20

// AddFeedback lists the pages with the most feedback, from counts sorted
// most first whose addresses are pages of s.
func (r *Report) AddFeedback(s *site.Site, counts []feedback.Count) {
	if len(counts) == 0 {
		return
	}
	type named struct{ title, year string }
	names := map[string]named{}
	for _, v := range s.All() {
		year := ""
		if v.Name != "" {
			year = v.Label
		}
		for _, p := range v.Pages {
			names[p.URL] = named{p.Title, year}
		}
	}
	for _, c := range counts {
		if len(r.Feedback) == MaxFeedback {
			break
		}
		n := names[c.Page]
		r.Feedback = append(r.Feedback, Feedback{Title: n.title, Year: n.year, URL: c.Page, Yes: c.Yes, No: c.No, Suggest: c.Suggest})
	}
}

// brokenRules are the findings that count as broken references.
var brokenRules = map[string]bool{diag.RuleBrokenLink: true, diag.RuleBrokenAnchor: true, diag.RuleBrokenXref: true,
	diag.RuleUnknownRef: true, diag.RuleMissingAsset: true, diag.RuleUnknownVersion: true, diag.RuleExpiredLink: true}

// Build makes the report of a site on day today (YYYY-MM-DD). findings are
// the site's check findings; changed is the day each page's file last
// changed in Git, by source path (nil without Git).
func Build(s *site.Site, models map[string]*model.Model, findings []diag.Diagnostic, changed map[string]string, today string) *Report {
	r := &Report{Today: today, Owners: []Owner{}, Unowned: []PageRef{}, Versions: []Version{}}
	broken := map[string]int{}
	ending := map[string]bool{}
	for _, d := range findings {
		if brokenRules[d.Rule] {
			broken[d.File]++
		}
		switch d.Rule {
		case diag.RuleExpiring:
			ending[d.File] = true
		case diag.RuleExpiredLink:
			r.Expired = append(r.Expired, Finding{File: d.File, Line: d.Line, Message: d.Message})
		}
	}
	owners := map[string]*Owner{}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			ref := PageRef{Title: p.Title, URL: p.URL, Source: p.Source, ReviewBy: p.ReviewBy}
			if ending[p.Source] {
				e := ref
				e.ReviewBy, e.Ends = "", p.Ends
				r.Ending = append(r.Ending, e)
			}
			if p.Owner == "" {
				r.Unowned = append(r.Unowned, ref)
				continue
			}
			o := owners[p.Owner]
			if o == nil {
				o = &Owner{Name: p.Owner, Overdue: []PageRef{}}
				owners[p.Owner] = o
			}
			o.Pages++
			o.Broken += broken[p.Source]
			if p.ReviewBy != "" && p.ReviewBy < today {
				o.Overdue = append(o.Overdue, ref)
			}
		}
	}
	for _, o := range owners {
		r.Owners = append(r.Owners, *o)
	}
	sort.Slice(r.Owners, func(i, j int) bool { return r.Owners[i].Name < r.Owners[j].Name })
	since := ""
	if t, err := time.Parse("2006-01-02", today); err == nil {
		since = t.AddDate(0, 0, -90).Format("2006-01-02")
	}
	for _, v := range s.Versions {
		r.Versions = append(r.Versions, version(v, models[v.Name], changed, since))
	}
	return r
}

func version(v *site.Version, m *model.Model, changed map[string]string, since string) Version {
	out := Version{Name: v.Name, Label: v.Label, Pages: len(v.Pages), ByKind: map[string]int{}, Changed90: -1}
	if m != nil {
		out.Programs, out.Designations, out.Certifications = len(m.Programs), len(m.Designations), len(m.Certs)
		seen := map[*model.Benefit]bool{}
		for _, p := range m.Programs {
			out.Tiers += len(p.Tiers)
			for _, b := range p.Benefits {
				seen[b] = true
			}
		}
		out.Benefits = len(seen)
	}
	if changed != nil {
		out.Changed90 = 0
	}
	for _, p := range v.Pages {
		out.ByKind[p.Kind]++
		if d := changed[p.Source]; d != "" && since != "" && d >= since {
			out.Changed90++
		}
	}
	return out
}

// JSON renders the report.
func (r *Report) JSON() []byte {
	b, _ := json.MarshalIndent(r, "", "  ")
	return append(b, '\n')
}

// kinds lists the kinds of a version's pages in a stable order.
func kinds(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if m[ks[i]] != m[ks[j]] {
			return m[ks[i]] > m[ks[j]]
		}
		return ks[i] < ks[j]
	})
	return ks
}

// Text renders the report for a terminal.
func (r *Report) Text() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content health on %s\n\n", r.Today)
	for _, o := range r.Owners {
		fmt.Fprintf(&b, "%s: %d pages, %d overdue for review, %d broken references\n", o.Name, o.Pages, len(o.Overdue), o.Broken)
		for _, p := range o.Overdue {
			fmt.Fprintf(&b, "  - %s (review by %s) %s\n", p.Title, p.ReviewBy, p.Source)
		}
	}
	if len(r.Ending) > 0 || len(r.Expired) > 0 {
		b.WriteString("\nEnding soon\n")
		for _, p := range r.Ending {
			fmt.Fprintf(&b, "  - %s (ends %s) %s\n", p.Title, p.Ends, p.Source)
		}
		for _, f := range r.Expired {
			fmt.Fprintf(&b, "  - %s:%d %s\n", f.File, f.Line, f.Message)
		}
	}
	if len(r.Unowned) > 0 {
		fmt.Fprintf(&b, "\nPages without an owner: %d\n", len(r.Unowned))
		for i, p := range r.Unowned {
			if i == 10 {
				fmt.Fprintf(&b, "  … and %d more (--format json lists them all)\n", len(r.Unowned)-10)
				break
			}
			fmt.Fprintf(&b, "  - %s %s\n", p.Title, p.Source)
		}
	}
	if len(r.Feedback) > 0 {
		b.WriteString("\nMost feedback (yes / no / suggestions)\n")
		for _, f := range r.Feedback {
			fmt.Fprintf(&b, "  %d / %d / %d  %s /%s\n", f.Yes, f.No, f.Suggest, f.Title+yearNote(f.Year), f.URL)
		}
	}
	b.WriteString("\nProgram metrics\n")
	for _, v := range r.Versions {
		fmt.Fprintf(&b, "\n%s: %d programs, %d tiers, %d designations, %d benefits, %d certifications, %d pages\n",
			v.Label, v.Programs, v.Tiers, v.Designations, v.Benefits, v.Certifications, v.Pages)
		var parts []string
		for _, k := range kinds(v.ByKind) {
			parts = append(parts, fmt.Sprintf("%s %d", k, v.ByKind[k]))
		}
		fmt.Fprintf(&b, "  pages by kind: %s\n", strings.Join(parts, ", "))
		if v.Changed90 >= 0 {
			fmt.Fprintf(&b, "  changed in the last 90 days: %d\n", v.Changed90)
		}
	}
	return b.String()
}

// yearNote is " (FY2026)", or "" for a portal page.
func yearNote(year string) string {
	if year == "" {
		return ""
	}
	return " (" + year + ")"
}
