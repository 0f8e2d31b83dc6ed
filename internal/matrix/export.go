package matrix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/csvsafe"
	"github.com/partnerdocs/partnerdocs/internal/model"
)

// CSVColumns are the columns of matrix.csv, one row per cell. The long
// layout keeps the columns the same for every program whatever its tiers,
// so partners' spreadsheets and scripts do not break when a tier is added.
var CSVColumns = []string{"version", "program", "region", "section", "group", "row_id", "row", "tier_id", "tier", "tier_rank", "kind", "value", "unit", "display", "note", "footnote", "starts", "ends"}

// sectionTitle names a section in the text and Markdown tables.
func sectionTitle(s section) string {
	switch s.section {
	case "requirements":
		return "Requirements"
	case "keep":
		return "To keep the tier"
	}
	return s.group
}

// section is a run of rows under one heading, for the flat exports.
type section struct {
	section string // requirements or benefits
	group   string
	rows    []Row
}

func (mx *Matrix) sections() []section {
	var out []section
	if len(mx.Requirements) > 0 {
		out = append(out, section{"requirements", "", mx.Requirements})
	}
	if len(mx.Keep) > 0 {
		out = append(out, section{"keep", "", mx.Keep})
	}
	for _, g := range mx.Groups {
		out = append(out, section{"benefits", g.Name, g.Rows})
	}
	return out
}

func rawValue(c Cell) string {
	switch v := c.Value.(type) {
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	}
	return ""
}

func (mx *Matrix) region() string {
	if mx.Region == "" {
		return "global"
	}
	return mx.Region
}

// CSV writes matrix.csv.
func (mx *Matrix) CSV() []byte {
	var buf bytes.Buffer
	w := csvsafe.NewWriter(&buf)
	_ = w.Write(CSVColumns)
	for _, s := range mx.sections() {
		for _, r := range s.rows {
			for i, c := range r.Cells {
				t := mx.Tiers[i]
				foot := ""
				if c.Footnote > 0 {
					foot = mx.Footnotes[c.Footnote-1]
				}
				kind := c.Kind
				if kind == "" {
					kind = "none"
				}
				// A dated value's days, else its dated benefit's.
				starts, ends := c.Starts, c.Ends
				if starts == "" && ends == "" {
					starts, ends = r.Starts, r.Ends
				}
				_ = w.Write([]string{mx.Version, mx.Program.ID, mx.region(), s.section, s.group, r.ID, r.Title, t.ID, t.Title, strconv.Itoa(t.Rank), kind, rawValue(c), c.Unit, c.Display, c.Note, foot, starts, ends})
			}
		}
	}
	_ = w.Flush()
	return buf.Bytes()
}

// Schema is the version of matrix.json's layout. 2 added requirement
// kinds, inherited cells, keep rows, alternatives and benefit
// eligibility; a reader should refuse a schema it does not know.
const Schema = 2

// Export is matrix.json: a program's tiers, what each takes and what
// each gives. docs/matrix-json.md describes it field by field.
type Export struct {
	Schema  int           `json:"schema"`
	Version string        `json:"version"`
	Program ExportProgram `json:"program"`
	Region  string        `json:"region"`
	Tiers   []ExportTier  `json:"tiers"`
	// Designations are badges earned on top of a tier; rows have cells
	// for them too, keyed by their ids.
	Designations []ExportDesignation `json:"designations"`
	Requirements []ExportRow         `json:"requirements"`
	// Keep holds what it takes to keep each tier at its review (what it
	// takes to earn it, for tiers that state nothing else); empty when
	// no tier of the program states a keep.
	Keep     []ExportRow `json:"keep"`
	Benefits []ExportRow `json:"benefits"`
}

// ExportProgram names the program.
type ExportProgram struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// ExportTier is a tier, in rank order.
type ExportTier struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Rank  int    `json:"rank"`
	Entry string `json:"entry,omitempty"`
	URL   string `json:"url"`
}

// ExportDesignation is a designation of the program, in page order.
type ExportDesignation struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
	// MinTier is the tier a partner must hold first; "" for none.
	MinTier string `json:"min_tier,omitempty"`
}

// ExportRow is a requirement or a benefit across the tiers.
type ExportRow struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Kind of a requirement row: certification, metric, tier, text or
	// any_of.
	Kind     string            `json:"kind,omitempty"`
	URL      string            `json:"url,omitempty"`
	Group    string            `json:"group,omitempty"`
	Terms    string            `json:"terms,omitempty"`
	Requires []ExportCondition `json:"requires,omitempty"`
	// Starts and Ends are the days a dated benefit runs (YYYY-MM-DD).
	Starts string                `json:"starts,omitempty"`
	Ends   string                `json:"ends,omitempty"`
	Cells  map[string]ExportCell `json:"cells"`
}

// ExportCell is one tier's entry in a row. Requirement cells carry their
// threshold in Value: people holding the certification, the metric's
// minimum, months in the tier (0 with Reached), true for text.
type ExportCell struct {
	Kind     string `json:"kind"`
	Value    any    `json:"value"`
	Unit     string `json:"unit,omitempty"`
	Display  string `json:"display"`
	Note     string `json:"note,omitempty"`
	Footnote string `json:"footnote,omitempty"`
	// Text says the requirement in words ("2 × Sales Associate").
	Text string `json:"text,omitempty"`
	// InheritedFrom is the lower tier that states the requirement.
	InheritedFrom string `json:"inherited_from,omitempty"`
	// Reached marks a tier requirement met by having reached the tier.
	Reached bool `json:"reached,omitempty"`
	// Starts and Ends date a value that runs for a period.
	Starts string `json:"starts,omitempty"`
	Ends   string `json:"ends,omitempty"`
	// AnyOf lists an any_of cell's alternatives, any one of which meets
	// it.
	AnyOf []ExportAlt `json:"any_of,omitempty"`
}

// ExportAlt is one alternative of an any_of requirement: ID is its own row
// id (the compliance CSV's column).
type ExportAlt struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Value   any    `json:"value"`
	Unit    string `json:"unit,omitempty"`
	Text    string `json:"text"`
	Reached bool   `json:"reached,omitempty"`
	Title   string `json:"title"`
}

// ExportCondition is a benefit's eligibility condition.
type ExportCondition struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Export gives the matrix as matrix.json's document. URLs are site-relative
// paths under base.
func (mx *Matrix) Export(base string) Export {
	out := Export{Schema: Schema, Version: mx.Version, Region: mx.region(),
		Program:      ExportProgram{ID: mx.Program.ID, Title: mx.Program.Title, URL: base + mx.Program.Page.URL},
		Designations: []ExportDesignation{}, Requirements: []ExportRow{}, Keep: []ExportRow{}, Benefits: []ExportRow{}}
	for _, t := range mx.Tiers {
		if d := t.Designation; d != nil {
			dd := ExportDesignation{ID: t.ID, Title: t.Title, URL: base + t.Page.URL}
			if mt := d.MinTier[t.Program]; mt != nil {
				dd.MinTier = mt.ID
			}
			out.Designations = append(out.Designations, dd)
			continue
		}
		out.Tiers = append(out.Tiers, ExportTier{ID: t.ID, Title: t.Title, Rank: t.Rank, Entry: t.Entry, URL: base + t.Page.URL})
	}
	for _, r := range mx.Requirements {
		out.Requirements = append(out.Requirements, mx.docRow(r, base))
	}
	for _, r := range mx.Keep {
		out.Keep = append(out.Keep, mx.docRow(r, base))
	}
	for _, g := range mx.Groups {
		for _, r := range g.Rows {
			out.Benefits = append(out.Benefits, mx.docRow(r, base))
		}
	}
	return out
}

func (mx *Matrix) docRow(r Row, base string) ExportRow {
	jr := ExportRow{ID: r.ID, Title: r.Title, Starts: r.Starts, Ends: r.Ends, Cells: map[string]ExportCell{}}
	if r.URL != "" {
		jr.URL = base + r.URL
	}
	if r.Group != "Requirements" {
		jr.Group = r.Group
	}
	if r.TermsURL != "" {
		jr.Terms = base + r.TermsURL
	}
	for _, q := range r.Requires {
		jr.Requires = append(jr.Requires, ExportCondition{ID: model.RowID(q), Text: RequirementText(q, mx.Words)})
	}
	for i, c := range r.Cells {
		kind := c.Kind
		if kind == "" {
			kind = "none"
		}
		jc := ExportCell{Kind: kind, Value: c.Value, Unit: c.Unit, Display: c.Display, Note: c.Note, Starts: c.Starts, Ends: c.Ends}
		if c.Footnote > 0 {
			jc.Footnote = mx.Footnotes[c.Footnote-1]
		}
		if q := c.Req; q != nil {
			jr.Kind = q.Kind
			jc.Text, jc.Reached = RequirementText(q, mx.Words), q.Reached()
			if c.From != nil {
				jc.InheritedFrom = c.From.ID
			}
			for _, a := range q.AnyOf {
				ac := requirementCell(a, mx.Words)
				jc.AnyOf = append(jc.AnyOf, ExportAlt{ID: model.RowID(a), Kind: a.Kind, Value: ac.Value, Unit: ac.Unit,
					Text: RequirementText(a, mx.Words), Reached: a.Reached(), Title: RequirementTitle(a, mx.Words)})
			}
		}
		jr.Cells[mx.Tiers[i].ID] = jc
	}
	return jr
}

// JSON writes matrix.json: Doc, indented.
func (mx *Matrix) JSON(base string) []byte {
	b, _ := json.MarshalIndent(mx.Export(base), "", "  ")
	return append(b, '\n')
}

func cellText(c Cell, mx *Matrix) string {
	s := c.Display
	if c.Note != "" {
		s += " (" + c.Note + ")"
	}
	if c.Footnote > 0 {
		s += fmt.Sprintf(" [%d]", c.Footnote)
	}
	return s
}

// Text renders an aligned table for the terminal.
func (mx *Matrix) Text() string {
	header := []string{""}
	for _, t := range mx.Tiers {
		header = append(header, t.Title)
	}
	var rows [][]string
	for _, s := range mx.sections() {
		name := sectionTitle(s)
		rows = append(rows, []string{strings.ToUpper(name)})
		for _, r := range s.rows {
			line := []string{r.Title}
			for _, c := range r.Cells {
				line = append(line, cellText(c, mx))
			}
			rows = append(rows, line)
		}
	}
	width := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		if len(r) == 1 {
			continue
		}
		for i, c := range r {
			if n := utf8.RuneCountInString(c); n > width[i] {
				width[i] = n
			}
		}
	}
	var b strings.Builder
	region := ""
	if mx.Region != "" {
		region = " · region " + RegionLabel(mx.Region, mx.Words)
	}
	fmt.Fprintf(&b, "%s (%s)%s\n\n", mx.Program.Title, mx.Version, region)
	line := func(r []string) {
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
			}
		}
		b.WriteString("\n")
	}
	line(header)
	for i, r := range rows {
		if len(r) == 1 && i > 0 {
			b.WriteString("\n")
		}
		line(r)
	}
	if len(mx.Footnotes) > 0 {
		b.WriteString("\n")
		for i, f := range mx.Footnotes {
			fmt.Fprintf(&b, "[%d] %s\n", i+1, f)
		}
	}
	return b.String()
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Markdown renders a GitHub-flavoured Markdown table.
func (mx *Matrix) Markdown() string {
	var b strings.Builder
	b.WriteString("| |")
	for _, t := range mx.Tiers {
		b.WriteString(" " + mdEscape(t.Title) + " |")
	}
	b.WriteString("\n|---|")
	for range mx.Tiers {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, s := range mx.sections() {
		name := sectionTitle(s)
		b.WriteString("| **" + mdEscape(name) + "** |" + strings.Repeat(" |", len(mx.Tiers)) + "\n")
		for _, r := range s.rows {
			b.WriteString("| " + mdEscape(r.Title) + " |")
			for _, c := range r.Cells {
				b.WriteString(" " + mdEscape(cellText(c, mx)) + " |")
			}
			b.WriteString("\n")
		}
	}
	for i, f := range mx.Footnotes {
		fmt.Fprintf(&b, "\n[%d] %s\n", i+1, f)
	}
	return b.String()
}
