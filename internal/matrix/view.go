package matrix

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// The views below are what the theme's partials draw: every word a reader
// sees is worked out here (in the page's language), every tag is the
// theme's. docs/theme.md lists each partial and its data.

// Link is a name and, when it has a page, the page's address from the
// server's root (base path included).
type Link struct {
	URL  string
	Text string
}

func newLink(base, url, text string) Link {
	if url == "" {
		return Link{Text: text}
	}
	return Link{URL: base + url, Text: text}
}

// Requirement is one requirement as a reader sees it: Before, then
// Link when it names a page ("2 × " and a certification, "12 months at "
// and a tier, or only text), or the alternatives of an "any of".
type Requirement struct {
	Before string
	Link   *Link
	After  string // the words after the link, in languages that put some there
	AnyOf  []Requirement
}

func requirementView(r *model.Requirement, base string, w *words.Table) Requirement {
	switch r.Kind {
	case model.ReqCertification:
		if r.Cert != nil {
			l := newLink(base, r.Cert.Page.URL, r.Cert.Title)
			return Requirement{Before: fmt.Sprintf("%d × ", r.Count), Link: &l}
		}
	case model.ReqTier:
		if r.Tier != nil {
			l := newLink(base, r.Tier.Page.URL, r.Tier.Title)
			before, after, _ := strings.Cut(tierTime(r, "\x00", w), "\x00")
			return Requirement{Before: before, Link: &l, After: after}
		}
	case model.ReqDesignation:
		if r.Desig != nil {
			l := newLink(base, r.Desig.Page.URL, r.Desig.Title)
			before, after, _ := strings.Cut(w.T("designation_name", "\x00"), "\x00")
			return Requirement{Before: before, Link: &l, After: after}
		}
	case model.ReqAnyOf:
		out := Requirement{AnyOf: []Requirement{}}
		for _, a := range r.AnyOf {
			out.AnyOf = append(out.AnyOf, requirementView(a, base, w))
		}
		return out
	}
	return Requirement{Before: RequirementText(r, w)}
}

func requirementViews(rs []*model.Requirement, base string, w *words.Table) []Requirement {
	out := make([]Requirement, 0, len(rs))
	for _, r := range rs {
		out = append(out, requirementView(r, base, w))
	}
	return out
}

// CellView is one cell of a table: a mark (Mark "yes" or "no", with
// Hidden for screen readers) or Text, with what an inherited value is
// inherited as, a footnote reference and a note.
type CellView struct {
	Mark      string
	Hidden    string
	Text      string
	Inherited string // "as Silver"
	Footnote  int
	FootID    string // the footnote's id is FootID-Footnote
	Note      string
	// Label is the column's name, shown beside the value when a phone
	// stacks the table's cells.
	Label string
	Num   bool // a number: right-aligned so a column of figures lines up
	// Designation marks an empty cell in a designation's column: the
	// designation stands in for a tier there.
	Designation bool
}

func cellView(c Cell, footID, empty string, w *words.Table) CellView {
	v := CellView{Footnote: c.Footnote, FootID: footID, Note: c.Note}
	switch {
	case c.Kind == "bool" && c.Value == true:
		v.Mark, v.Hidden = "yes", w.T("included")
	case c.Kind == "bool" || c.Kind == "":
		v.Mark, v.Hidden = "no", empty
	case c.From != nil:
		suffix := " " + w.T("inherited_as", c.From.Title)
		v.Text, v.Inherited = strings.TrimSuffix(c.Display, suffix), suffix[1:]
	default:
		v.Text = c.Display
	}
	return v
}

// RowView is a row of a table: its head (the benefit or requirement,
// linked), the terms that govern a benefit, its eligibility, its cells.
type RowView struct {
	Head     Link
	Terms    *Link // Text is the link's title: "Governed by …"
	Requires []Requirement
	Cells    []CellView
	// Runs is when a dated benefit runs, in words ("until 30 June 2026").
	Runs string
}

// Runs is when a dated thing runs, in words: "from 1 April 2026", "until
// 30 June 2026", or "1 April 2026 to 30 June 2026"; "" when it is open.
func Runs(w *words.Table, starts, ends string) string {
	switch {
	case starts != "" && ends != "":
		return w.T("runs_between", w.Date(starts), w.Date(ends))
	case starts != "":
		return w.T("runs_from", w.Date(starts))
	case ends != "":
		return w.T("runs_until", w.Date(ends))
	}
	return ""
}

// ColumnView is a column head of the matrix.
type ColumnView struct {
	Link
	Designation bool
}

// SectionView is a group of rows under its name.
type SectionView struct {
	Name string
	Rows []RowView
}

// TableView is a program's matrix as the partial matrix-table.html draws
// it: an accessible table with a caption, column and row headers, group
// headers and numbered footnotes.
type TableView struct {
	ID      string
	Caption string
	Corner  string // the head of the first column
	Columns []ColumnView
	// When the program has designations, a first header row sets them
	// apart from the tiers.
	TiersHead, DesignationsHead string
	TierCount, DesignationCount int
	Span                        int // the columns a group header spans
	Sections                    []SectionView
	Footnotes                   []Footnote
}

// Footnote is a numbered footnote of a table.
type Footnote struct {
	N    int
	Text string
}

// Table is the matrix's view, captioned.
func (mx *Matrix) Table(base, caption string) TableView {
	id := "matrix-" + strings.NewReplacer("/", "-", ".", "-").Replace(mx.Program.ID)
	if mx.Region != "" {
		id += "-" + mx.Region
	}
	t := TableView{ID: id, Caption: caption, Corner: mx.Words.T("tier"), Span: len(mx.Tiers) + 1}
	for i, f := range mx.Footnotes {
		t.Footnotes = append(t.Footnotes, Footnote{N: i + 1, Text: f})
	}
	for _, tr := range mx.Tiers {
		if tr.Designation != nil {
			t.DesignationCount++
		}
		t.Columns = append(t.Columns, ColumnView{Link: newLink(base, tr.Page.URL, tr.Title), Designation: tr.Designation != nil})
	}
	if t.DesignationCount > 0 {
		t.TierCount = len(mx.Tiers) - t.DesignationCount
		t.TiersHead, t.DesignationsHead = mx.Words.T("tiers"), mx.Words.T("designations")
	}
	section := func(name string, rows []Row, benefit bool) {
		s := SectionView{Name: name}
		empty := mx.Words.T("not_included")
		if !benefit {
			empty = mx.Words.T("not_required")
		}
		for _, r := range rows {
			rv := RowView{Head: newLink(base, r.URL, r.Title), Requires: requirementViews(r.Requires, base, mx.Words), Runs: Runs(mx.Words, r.Starts, r.Ends)}
			if benefit && r.TermsURL != "" {
				rv.Terms = &Link{URL: base + r.TermsURL, Text: mx.Words.T("terms_link_title", r.TermsTitle)}
			}
			for i, c := range r.Cells {
				col := mx.Tiers[i]
				if col.Designation != nil && c.Kind == "" && c.Display == "" {
					rv.Cells = append(rv.Cells, CellView{Designation: true, Label: col.Title, Hidden: mx.Words.T("as_the_tier")})
					continue
				}
				cv := cellView(c, id+"-fn", empty, mx.Words)
				cv.Label, cv.Num = col.Title, c.Kind == "number"
				rv.Cells = append(rv.Cells, cv)
			}
			s.Rows = append(s.Rows, rv)
		}
		t.Sections = append(t.Sections, s)
	}
	if len(mx.Requirements) > 0 {
		section(mx.Words.T("requirements"), mx.Requirements, false)
	}
	if keep := mx.keepDiffers(); len(keep) > 0 {
		section(mx.Words.T("keep_rows"), keep, false)
	}
	for _, g := range mx.Groups {
		section(g.Name, g.Rows, true)
	}
	return t
}

// TablePart is the matrix drawn on its own (the benefit-matrix
// shortcode).
func (mx *Matrix) TablePart(base, caption string) site.Part {
	return site.Part{Partial: "matrix-table.html", Data: mx.Table(base, caption)}
}

// Pointer is a paragraph that points at another page (the self-check,
// the program guide, the changes): a link, the sentence after it, and a
// class for the paragraph (pointer.html).
type Pointer struct {
	Class string
	Link
	After string
}

// PointerPart is a pointer drawn as a part of a page.
func PointerPart(p Pointer) site.Part { return site.Part{Partial: "pointer.html", Data: p} }

func selfCheck(p *model.Program, base string, w *words.Table) Pointer {
	return Pointer{Class: "self-check-link", Link: Link{URL: base + p.Page.URL + "self-check/", Text: w.T("check_where_you_stand")},
		After: w.T("self_check_after")}
}

// VariantView is the matrix of one region.
type VariantView struct {
	Value   string // the region's name, "global" for the default values
	Label   string
	Checked bool
	Table   TableView
}

// ProgramView is what a program page shows below its text: the matrix,
// with a region picker (radio buttons and CSS, so it works on a static
// host with no script) when some benefits differ by region, and links to
// the data exports.
type ProgramView struct {
	Heading    string
	Picker     bool
	Legend     string
	Name       string // the radio buttons' group
	Variants   []VariantView
	ExportLead string
	ExportBase string // matrix.json and matrix.csv are beside it
	SelfCheck  Pointer
	// Tiers are the matrix's columns, for the phone's tier picker: a
	// phone shows the checked ones (the first, at first) instead of every
	// tier's value in every card.
	Tiers       []PickColumn
	TiersLegend string
}

// PickColumn is a column of the tier picker: its place in the table (1
// for the first tier) and its title.
type PickColumn struct {
	N       int
	Title   string
	Checked bool
}

// maxPickColumns is how many columns the tier picker's style sheet rules
// cover; a wider matrix has no picker.
const maxPickColumns = 10

// ProgramSection is the program page's matrix part.
func ProgramSection(m *model.Model, p *model.Program, base string, w *words.Table, regions []string) site.Part {
	v := ProgramView{Heading: w.T("tiers_at_a_glance"), Legend: w.T("region"),
		Name:       "region-" + strings.NewReplacer("/", "-").Replace(p.ID),
		ExportLead: w.T("matrix_as_data"), ExportBase: base + p.Page.URL, SelfCheck: selfCheck(p, base, w)}
	variants := append([]string{""}, RegionsWithOverrides(p, regions)...)
	v.Picker = len(variants) > 1
	for i, r := range variants {
		mx := Build(m, p, Options{Region: r, Requirements: true, Words: w})
		label := ""
		if v.Picker {
			label = RegionLabel(r, w)
		}
		val := r
		if val == "" {
			val = "global"
		}
		v.Variants = append(v.Variants, VariantView{Value: val, Label: RegionLabel(r, w), Checked: i == 0, Table: mx.Table(base, Caption(mx, label))})
		if i == 0 && len(mx.Tiers) > 1 && len(mx.Tiers) <= maxPickColumns {
			v.TiersLegend = w.T("tier_picker")
			for n, t := range mx.Tiers {
				v.Tiers = append(v.Tiers, PickColumn{N: n + 1, Title: t.Title, Checked: n == 0})
			}
		}
	}
	return site.Part{Partial: "program-matrix.html", Data: v,
		Headings: []markdown.Heading{{Level: 2, ID: "tier-matrix", Text: v.Heading}}}
}

// ValueRowView is a row of a one-column table of values (a tier's or a
// designation's benefits).
type ValueRowView struct {
	Head     Link
	Requires []Requirement
	Cell     CellView
}

// ValueTableView is a table of one column's values, grouped.
type ValueTableView struct {
	ID       string
	Caption  string
	Corner   string
	Column   string
	Sections []ValueSectionView
}

// ValueSectionView is a group of a value table; Name is empty for a
// table without groups.
type ValueSectionView struct {
	Name string
	Rows []ValueRowView
}

func benefitRow(ben *model.Benefit, col *model.Tier, base string, w *words.Table, footID string, dash bool) (ValueRowView, bool) {
	v, ok := ben.ValueFor(col, "")
	c := Cell{Display: "—"}
	if ok {
		c = ValueCell(v, w)
		if v.Footnote != "" {
			c.Note = strings.TrimPrefix(c.Note+"; "+v.Footnote, "; ")
		}
	} else if !dash {
		return ValueRowView{}, false
	}
	return ValueRowView{Head: newLink(base, ben.Page.URL, ben.Title), Requires: requirementViews(ben.Requires, base, w),
		Cell: cellView(c, footID, w.T("not_included"), w)}, true
}

// NextTierView says what the tier above takes beyond this one's.
type NextTierView struct {
	Tier  Link
	Title string
	Entry string
	// Also is what the next tier needs beyond this tier's requirements;
	// empty when it has the same.
	Also []Requirement
}

// AppliedView is a tier's requirement, with the lower tier it is
// inherited from (nil when the tier states it).
type AppliedView struct {
	Requirement
	From *Link
}

// TierView is what a tier page shows after its text.
type TierView struct {
	RequirementsHead string
	Title            string
	Requirements     []AppliedView
	// Keep is set when the tier has its own rules to keep it.
	Keep      bool
	KeepRules []AppliedView
	Next      *NextTierView
	SelfCheck *Pointer
	Benefits  *ValueTableView
	// BenefitsHead heads the benefits table.
	BenefitsHead string
}

// TierSection lists what a tier takes (to earn it, inherited rows
// marked, and to keep it), what the next tier up also needs, and the
// tier's benefits.
func TierSection(m *model.Model, t *model.Tier, base string, w *words.Table) site.Part {
	v := TierView{RequirementsHead: w.T("requirements"), Title: t.Title, Requirements: applied(t, t.Earn, base, w)}
	hs := []markdown.Heading{{Level: 2, ID: "requirements", Text: v.RequirementsHead}}
	if t.KeepAll != nil {
		v.Keep, v.KeepRules = true, applied(t, t.KeepAll, base, w)
		hs = append(hs, markdown.Heading{Level: 2, ID: "keep", Text: w.T("to_keep", t.Title)})
	}
	if p := t.Program; p != nil {
		if v.Next = nextTier(t, base, w); v.Next != nil {
			hs = append(hs, markdown.Heading{Level: 2, ID: "next-tier", Text: w.T("next_tier", v.Next.Title)})
		}
		sc := selfCheck(p, base, w)
		v.SelfCheck = &sc
		v.BenefitsHead = w.T("benefits")
		hs = append(hs, markdown.Heading{Level: 2, ID: "benefits", Text: v.BenefitsHead})
		tb := ValueTableView{ID: "tier-benefits", Caption: w.T("tier_benefits_caption", t.Title), Corner: w.T("benefit"), Column: t.Title}
		for _, ben := range p.Benefits {
			if len(tb.Sections) == 0 || tb.Sections[len(tb.Sections)-1].Name != ben.Group {
				tb.Sections = append(tb.Sections, ValueSectionView{Name: ben.Group})
			}
			row, _ := benefitRow(ben, t, base, w, "tier-fn", true)
			s := &tb.Sections[len(tb.Sections)-1]
			s.Rows = append(s.Rows, row)
		}
		v.Benefits = &tb
	}
	return site.Part{Partial: "tier-summary.html", Data: v, Headings: hs}
}

func applied(t *model.Tier, list []model.Applied, base string, w *words.Table) []AppliedView {
	out := make([]AppliedView, 0, len(list))
	for _, a := range list {
		av := AppliedView{Requirement: requirementView(a.Requirement, base, w)}
		if a.From != t {
			l := newLink(base, a.From.Page.URL, a.From.Title)
			av.From = &l
		}
		out = append(out, av)
	}
	return out
}

// nextTier says what the tier above t takes beyond what t does.
func nextTier(t *model.Tier, base string, w *words.Table) *NextTierView {
	p := t.Program
	for i, x := range p.Tiers {
		if x != t || i+1 >= len(p.Tiers) {
			continue
		}
		next := p.Tiers[i+1]
		have := map[string]string{}
		for _, a := range t.Earn {
			have[model.RowID(a.Requirement)] = RequirementText(a.Requirement, w)
		}
		v := &NextTierView{Tier: newLink(base, next.Page.URL, next.Title), Title: next.Title, Entry: entryText(next.Entry, w), Also: []Requirement{}}
		for _, a := range next.Earn {
			if have[model.RowID(a.Requirement)] != RequirementText(a.Requirement, w) {
				v.Also = append(v.Also, requirementView(a.Requirement, base, w))
			}
		}
		return v
	}
	return nil
}

// DesignationProgramView is who can earn a designation in one program.
type DesignationProgramView struct {
	Program Link
	MinTier *Link // nil: at any tier
}

// DesignationView is what a designation's page shows after its text.
type DesignationView struct {
	Title        string
	Programs     []DesignationProgramView
	Requirements []Requirement
	Keep         bool
	KeepRules    []Requirement
	Benefits     []ValueTableView
}

// DesignationSection lists who can earn a designation, what it takes
// and keeps, and what it adds to the partner's tier in each program.
func DesignationSection(d *model.Designation, base string, w *words.Table) site.Part {
	v := DesignationView{Title: d.Title, Requirements: requirementViews(d.Requirements, base, w)}
	hs := []markdown.Heading{{Level: 2, ID: "who-can-earn-it", Text: w.T("who_can_earn_it")}, {Level: 2, ID: "requirements", Text: w.T("requirements")}}
	for _, p := range d.Programs {
		dp := DesignationProgramView{Program: newLink(base, p.Page.URL, p.Title)}
		if mt := d.MinTier[p]; mt != nil {
			l := newLink(base, mt.Page.URL, mt.Title)
			dp.MinTier = &l
		}
		v.Programs = append(v.Programs, dp)
	}
	if d.Keep != nil {
		v.Keep, v.KeepRules = true, requirementViews(d.Keep, base, w)
		hs = append(hs, markdown.Heading{Level: 2, ID: "keep", Text: w.T("to_keep", d.Title)})
	}
	hs = append(hs, markdown.Heading{Level: 2, ID: "benefits", Text: w.T("benefits")})
	for i, p := range d.Programs {
		col := d.Columns[p]
		var rows []ValueRowView
		for _, ben := range p.Benefits {
			if row, ok := benefitRow(ben, col, base, w, "", false); ok {
				rows = append(rows, row)
			}
		}
		if len(rows) == 0 {
			continue
		}
		v.Benefits = append(v.Benefits, ValueTableView{ID: fmt.Sprintf("designation-benefits-%d", i+1), Caption: w.T("in_program", d.Title, p.Title),
			Corner: w.T("benefit"), Column: d.Title, Sections: []ValueSectionView{{Rows: rows}}})
	}
	return site.Part{Partial: "designation-summary.html", Data: v, Headings: hs}
}

// CertView is what a certification's page shows after its text: what it
// leads to and which tiers require it.
type CertView struct {
	LeadsTo []Link
	Tiers   []Link
}

// CertSection lists what a certification leads to and which tiers
// require it (its prerequisites are in the page's header).
func CertSection(c *model.Certification, base string, w *words.Table) site.Part {
	v := CertView{}
	for _, p := range c.RequiredBy {
		v.LeadsTo = append(v.LeadsTo, newLink(base, p.Page.URL, p.Title))
	}
	for _, t := range c.Tiers {
		v.Tiers = append(v.Tiers, newLink(base, t.Page.URL, columnName(t, w)))
	}
	var hs []markdown.Heading
	if len(v.LeadsTo) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: "leads-to", Text: w.T("leads_to")})
	}
	hs = append(hs, markdown.Heading{Level: 2, ID: "required-by-tiers", Text: w.T("required_by_tiers")})
	return site.Part{Partial: "cert-summary.html", Data: v, Headings: hs}
}

// TrackView is one track of the curriculum.
type TrackView struct {
	ID      string
	Title   string // "Sales"
	Caption string
	Certs   []CurriculumRow
}

// CurriculumRow is a certification in its track's table.
type CurriculumRow struct {
	Cert          Link
	Level         string
	Prerequisites []Link
	Duration      string
	Exam          string
	Valid         string
	Tiers         []Link
}

// Curriculum is certifications by track, each track in prerequisite
// order, with duration, exam, validity and the tiers that require them.
func Curriculum(m *model.Model, track, base string, w *words.Table) site.Part {
	tracks := map[string][]*model.Certification{}
	for _, c := range m.Certs {
		tracks[c.Track] = append(tracks[c.Track], c)
	}
	var names []string
	for t := range tracks {
		if track == "" || strings.EqualFold(t, track) {
			names = append(names, t)
		}
	}
	order := map[string]int{"sales": 0, "technical": 1, "services": 2}
	sort.Slice(names, func(i, j int) bool {
		oi, iok := order[names[i]]
		oj, jok := order[names[j]]
		if iok != jok {
			return iok
		}
		if iok && oi != oj {
			return oi < oj
		}
		return names[i] < names[j]
	})
	var out []TrackView
	var hs []markdown.Heading
	for _, t := range names {
		name := t
		title := ""
		if name == "" {
			name, title = "other", w.T("track_other")
		} else {
			title = strings.ToUpper(name[:1]) + name[1:]
		}
		tv := TrackView{ID: "track-" + strings.ToLower(strings.ReplaceAll(name, " ", "-")), Title: title,
			Caption: w.T("track_caption", title)}
		for _, c := range TopoOrder(tracks[t]) {
			r := CurriculumRow{Cert: newLink(base, c.Page.URL, c.Title), Level: orDash(c.Level), Duration: "—", Exam: orDash(c.Exam), Valid: "—"}
			for _, p := range c.Prerequisites {
				r.Prerequisites = append(r.Prerequisites, newLink(base, p.Page.URL, p.Title))
			}
			for _, tr := range c.Tiers {
				r.Tiers = append(r.Tiers, newLink(base, tr.Page.URL, columnName(tr, w)))
			}
			if c.Hours > 0 {
				r.Duration = FormatAmount(c.Hours, "hours", w)
			}
			if c.Validity > 0 {
				r.Valid = w.T("months", c.Validity)
			}
			tv.Certs = append(tv.Certs, r)
		}
		out = append(out, tv)
		hs = append(hs, markdown.Heading{Level: 2, ID: tv.ID, Text: w.T("track_title", title)})
	}
	return site.Part{Partial: "curriculum.html", Data: out, Headings: hs}
}

// BenefitTableView is a benefit's values in one program: a row per tier
// (and designation that has a value), a column for all regions and one
// for each region whose values differ.
type BenefitTableView struct {
	ID      string
	Caption string
	Corner  string
	Heads   []string // the value columns
	Rows    []BenefitRowView
}

// BenefitRowView is a tier's values of a benefit.
type BenefitRowView struct {
	Tier  Link
	Cells []CellView
}

// BenefitView is what a benefit's page shows after its text.
type BenefitView struct {
	Heading  string
	Requires []Requirement
	Tables   []BenefitTableView
}

// BenefitSection is the value for each tier of each program that offers
// the benefit (with unit, note and footnote), and a column for each
// region whose values differ: partners who land on a benefit page from
// search find the figures there, not only on the program's matrix.
func BenefitSection(b *model.Benefit, base string, w *words.Table, regions []string) site.Part {
	v := BenefitView{Heading: w.T("values_by_tier"), Requires: requirementViews(b.Requires, base, w)}
	var over []string
	for _, r := range regions {
		if r != "global" && len(b.Regions[r]) > 0 {
			over = append(over, r)
		}
	}
	for i, p := range b.Programs {
		if p == nil || len(p.Tiers) == 0 {
			continue
		}
		tv := BenefitTableView{ID: fmt.Sprintf("benefit-values-%d", i+1), Caption: w.T("in_program", b.Title, p.Title),
			Corner: w.T("tier"), Heads: []string{w.T("value")}}
		if len(over) > 0 {
			tv.Heads[0] = w.T("all_regions")
		}
		for _, r := range over {
			tv.Heads = append(tv.Heads, RegionLabel(r, w))
		}
		rows := append([]*model.Tier{}, p.Tiers...)
		for _, d := range p.Designations {
			if _, ok := b.Values[d]; ok {
				rows = append(rows, d)
			}
		}
		for _, t := range rows {
			name := t.Title
			if t.Designation != nil {
				name = w.T("designation_name", t.Title)
			}
			row := BenefitRowView{Tier: newLink(base, t.Page.URL, name)}
			for _, r := range append([]string{""}, over...) {
				row.Cells = append(row.Cells, benefitCell(b, t, r, w))
			}
			tv.Rows = append(tv.Rows, row)
		}
		v.Tables = append(v.Tables, tv)
	}
	return site.Part{Partial: "benefit-values.html", Data: v,
		Headings: []markdown.Heading{{Level: 2, ID: "values-by-tier", Text: v.Heading}}}
}

// benefitCell is a benefit's value for a tier (in a region), its footnote
// written out as a note, since the table has no footnote list.
func benefitCell(b *model.Benefit, t *model.Tier, region string, w *words.Table) CellView {
	v, ok := b.ValueFor(t, region)
	if !ok {
		return cellView(Cell{Display: "—"}, "", w.T("not_included"), w)
	}
	c := ValueCell(v, w)
	if v.Footnote != "" {
		c.Note = strings.TrimPrefix(c.Note+"; "+v.Footnote, "; ")
	}
	return cellView(c, "", w.T("not_included"), w)
}
