package matrix

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Cell is one tier's entry in a row.
type Cell struct {
	Display  string // what a reader sees: "50%", "✓", "USD 300,000"
	Kind     string // bool, number, text, requirement, or "" when empty
	Value    any    // the raw value: bool, float64 or string
	Unit     string
	Note     string
	Footnote int // 1-based number in the matrix's footnotes; 0 for none
	// From is the lower tier a requirement cell is inherited from; nil
	// when the tier states it itself.
	From *model.Tier
	// Req is the requirement a requirement cell shows.
	Req *model.Requirement
	// Starts and Ends date a value that runs for a period (its note says
	// when).
	Starts, Ends string
}

// Row is a requirement or a benefit across the tiers.
type Row struct {
	ID         string // benefit id, or a stable key for requirement rows
	Title      string
	URL        string // site-relative, "" when the row has no page
	Group      string
	TermsTitle string
	TermsURL   string
	// Requires are a benefit's eligibility conditions, whatever the tier.
	Requires []*model.Requirement
	Cells    []Cell // one per tier, in tier order
	// Starts and Ends are the days a dated benefit runs (its page's);
	// "" when open.
	Starts, Ends string
}

// Group is a titled run of rows.
type Group struct {
	Name string
	Rows []Row
}

// Matrix is a program's tiers against its requirements and benefits.
type Matrix struct {
	Version string
	Program *model.Program
	Region  string // "" for the default values
	// Tiers are the columns: the program's tiers by rank, then its
	// designations (Tier.Designation set).
	Tiers        []*model.Tier
	Requirements []Row
	// Keep holds the rows to keep a tier at its review, for programs
	// with a tier whose keep differs from its requirements.
	Keep     []Row
	Groups   []Group
	Language string
	// Words are the words the matrix is written in.
	Words     *words.Table
	Footnotes []string
}

// Options select what a matrix shows.
type Options struct {
	Region       string
	Group        string // only this benefit group
	Requirements bool
	// Words are the language the matrix is written in (the default
	// theme's English when nil).
	Words *words.Table
}

// Build computes a program's matrix.
func Build(m *model.Model, p *model.Program, o Options) *Matrix {
	if o.Words == nil {
		o.Words = words.Default("en")
	}
	cols := append(append([]*model.Tier{}, p.Tiers...), p.Designations...)
	mx := &Matrix{Version: m.Version.Name, Program: p, Region: o.Region, Tiers: cols, Language: o.Words.Lang, Words: o.Words}
	if mx.Region == "global" {
		mx.Region = ""
	}
	foot := map[string]int{}
	footnote := func(text string) int {
		if text == "" {
			return 0
		}
		if n, ok := foot[text]; ok {
			return n
		}
		mx.Footnotes = append(mx.Footnotes, text)
		foot[text] = len(mx.Footnotes)
		return foot[text]
	}
	if o.Requirements {
		mx.Requirements = requirementRows(cols, o.Words, func(t *model.Tier) []model.Applied { return t.Earn })
		for _, t := range cols {
			if t.KeepAll != nil {
				mx.Keep = requirementRows(cols, o.Words, keepList)
				break
			}
		}
	}
	for _, b := range p.Benefits {
		if o.Group != "" && !strings.EqualFold(o.Group, b.Group) {
			continue
		}
		row := Row{ID: b.ID, Title: b.Title, URL: b.Page.URL, Group: b.Group, Requires: b.Requires, Starts: b.Page.Starts, Ends: b.Page.Ends}
		if b.Terms != nil {
			row.TermsTitle, row.TermsURL = b.Terms.Title, b.Terms.URL
		}
		for _, t := range cols {
			v, ok := b.ValueFor(t, mx.Region)
			switch {
			case !ok && t.Designation != nil:
				// A designation without a value adds nothing to the tier.
				row.Cells = append(row.Cells, Cell{})
				continue
			case !ok:
				row.Cells = append(row.Cells, Cell{Display: "—"})
				continue
			}
			c := ValueCell(v, o.Words)
			c.Footnote = footnote(v.Footnote)
			row.Cells = append(row.Cells, c)
		}
		if n := len(mx.Groups); n > 0 && mx.Groups[n-1].Name == b.Group {
			mx.Groups[n-1].Rows = append(mx.Groups[n-1].Rows, row)
		} else {
			mx.Groups = append(mx.Groups, Group{Name: b.Group, Rows: []Row{row}})
		}
	}
	return mx
}

// ValueCell formats a benefit value.
func ValueCell(v model.Value, w *words.Table) Cell {
	c := Cell{Kind: v.Kind, Unit: v.Unit, Note: v.Note}
	switch v.Kind {
	case "bool":
		c.Value = v.Bool
		if v.Bool {
			c.Display = "✓"
		} else {
			c.Display = "—"
		}
	case "number":
		c.Value = v.Number
		c.Display = FormatAmount(v.Number, v.Unit, w)
	default:
		c.Value = v.Text
		c.Display = v.Text
	}
	if l := Limits(v, w); l != "" {
		if v.Min != nil || v.Max != nil {
			c.Display += ","
		}
		c.Display += " " + l
	}
	if r := Runs(w, v.Starts, v.Ends); r != "" {
		c.Starts, c.Ends = v.Starts, v.Ends
		if c.Note != "" {
			c.Note += "; "
		}
		c.Note += r
	}
	return c
}

// BenefitValuesText is a benefit's value for each tier and designation
// that has one, as a search engine reads them: "Certified: 10. Advanced:
// 25. Elite: 40 (per program year)." The benefit's page shows the same
// figures (BenefitSection) below its text, which its search text lacks.
func BenefitValuesText(b *model.Benefit, w *words.Table) string {
	var out strings.Builder
	for _, p := range b.Programs {
		if p == nil {
			continue
		}
		for _, t := range append(append([]*model.Tier{}, p.Tiers...), p.Designations...) {
			v, ok := b.Values[t]
			if !ok {
				continue
			}
			c := ValueCell(v, w)
			display := c.Display
			if v.Kind == "bool" {
				display = map[bool]string{true: w.T("included"), false: w.T("not_included")}[v.Bool]
			}
			out.WriteString(t.Title + ": " + display)
			if c.Note != "" {
				out.WriteString(" (" + c.Note + ")")
			}
			out.WriteString(". ")
		}
	}
	return strings.TrimSpace(out.String())
}

// RequiresText says what a benefit requires: "Requires 1 × Technical
// Associate and a signed MDF addendum".
func RequiresText(rs []*model.Requirement, w *words.Table) string {
	if len(rs) == 0 {
		return ""
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, RequirementText(r, w))
	}
	return w.T("requires") + " " + strings.Join(parts, " "+w.T("and")+" ")
}

// Limits describes a value's bounds and period: "USD 1,000–25,000 per
// half-year", "up to USD 25,000", "minimum USD 1,000", "per quarter".
func Limits(v model.Value, w *words.Table) string {
	unit := func(a *model.Amount) string {
		if a.Unit != "" {
			return a.Unit
		}
		return v.Unit
	}
	var s string
	switch {
	case v.Min != nil && v.Max != nil && unit(v.Min) == unit(v.Max):
		s = FormatAmount(v.Min.Number, unit(v.Min), w)
		max := FormatAmount(v.Max.Number, unit(v.Max), w)
		// "USD 1,000–25,000": the unit once, where it is a prefix.
		if u := unit(v.Max); u == "USD" || u == "EUR" {
			max = FormatNumber(v.Max.Number, w.Lang)
		} else {
			s = FormatNumber(v.Min.Number, w.Lang)
		}
		s += "–" + max
	case v.Min != nil && v.Max != nil:
		s = w.T("value_range", w.T("value_minimum", FormatAmount(v.Min.Number, unit(v.Min), w)), w.T("value_up_to", FormatAmount(v.Max.Number, unit(v.Max), w)))
	case v.Min != nil:
		s = w.T("value_minimum", FormatAmount(v.Min.Number, unit(v.Min), w))
	case v.Max != nil:
		s = w.T("value_up_to", FormatAmount(v.Max.Number, unit(v.Max), w))
	}
	if v.Per != "" {
		per := v.Per
		if w.Has("period_" + per) {
			per = w.T("period_" + per)
		}
		if s == "" {
			s = w.T("value_per_alone", per)
		} else {
			s = w.T("value_per", s, per)
		}
	}
	return s
}

// FormatAmount shows a number with its unit: 50% · USD 300,000 · 4 hours.
func FormatAmount(n float64, unit string, w *words.Table) string {
	num := FormatNumber(n, w.Lang)
	switch unit {
	case "percent":
		if b := words.Base(w.Lang); b == "fr" || b == "de" {
			return num + " %"
		}
		return num + "%"
	case "USD", "EUR":
		return unit + " " + num
	case "hours":
		if n == 1 {
			return w.T("hour", num)
		}
		return w.T("hours", num)
	case "days":
		if n == 1 {
			return w.T("day", num)
		}
		return w.T("days", num)
	case "months":
		if n == 1 {
			return w.T("month", num)
		}
		return w.T("months", num)
	}
	return num
}

// Separators are the thousands separator and the decimal mark of a
// language (English's for a language not listed).
func Separators(lang string) (group, dec string) {
	switch strings.SplitN(lang, "-", 2)[0] {
	case "de", "es", "it", "nl", "pt", "da":
		return ".", ","
	case "fr", "sv", "nb", "fi", "pl", "cs":
		return "\u202f", ","
	}
	return ",", "."
}

// FormatNumber groups thousands the way the site's language does.
func FormatNumber(n float64, lang string) string {
	group, dec := Separators(lang)
	neg := n < 0
	n = math.Abs(n)
	s := strconv.FormatFloat(n, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += dec + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// RequirementKey identifies a requirement's row across tiers and
// versions: model.RowID.
func RequirementKey(r *model.Requirement) string { return model.RowID(r) }

// RequirementTitle names a requirement row.
func RequirementTitle(r *model.Requirement, w *words.Table) string {
	if r.Label != "" {
		return r.Label
	}
	switch r.Kind {
	case model.ReqCertification:
		if r.Cert != nil {
			return w.T("people_certified", r.Cert.Title)
		}
		return w.T("people_certified", w.T("cert_not_listed"))
	case model.ReqMetric:
		t := Humanize(r.Metric)
		if r.Window != "" {
			t += " (" + r.Window + ")"
		}
		return t
	case model.ReqTier:
		name := w.T("tier_not_listed")
		if r.Tier != nil {
			name = r.Tier.Title
		}
		if r.Reached() {
			return w.T("reached_tier", name)
		}
		return w.T("time_in_tier", name)
	case model.ReqDesignation:
		return designationName(r, w)
	case model.ReqText:
		return r.Text
	}
	return w.T("one_of")
}

// RequirementText describes a requirement on its own, as a list item.
func RequirementText(r *model.Requirement, w *words.Table) string {
	switch r.Kind {
	case model.ReqCertification:
		// An unresolved reference is an error or a page of a narrower
		// audience; its id must not appear in this build either way.
		name := w.T("cert_not_listed")
		if r.Cert != nil {
			name = r.Cert.Title
		}
		return fmt.Sprintf("%d × %s", r.Count, name)
	case model.ReqMetric:
		name := Humanize(r.Metric)
		if r.Label != "" {
			name = r.Label
		}
		s := w.T("metric_at_least", name, FormatAmount(r.Min, r.Unit, w))
		if r.Unit != "" && !isKnownUnit(r.Unit) {
			s = w.T("metric_at_least", name, FormatNumber(r.Min, w.Lang)+" "+r.Unit)
		}
		if r.Window != "" {
			s += " (" + r.Window + ")"
		}
		return s
	case model.ReqTier:
		name := w.T("tier_not_listed")
		if r.Tier != nil {
			name = r.Tier.Title
		}
		return tierTime(r, name, w)
	case model.ReqDesignation:
		return designationName(r, w)
	case model.ReqText:
		return r.Text
	}
	var parts []string
	for _, a := range r.AnyOf {
		parts = append(parts, RequirementText(a, w))
	}
	return strings.Join(parts, " "+w.T("or")+" ")
}

// designationName names a designation requirement: "Professional
// Services Partner designation". An unresolved id is an error or a page
// of a narrower audience; it must not appear in this build either way.
func designationName(r *model.Requirement, w *words.Table) string {
	if r.Desig == nil {
		return w.T("designation_not_listed")
	}
	return w.T("designation_name", r.Desig.Title)
}

// tierTime says "Reached Select", "1 month in Select" or "12 months in
// Select".
func tierTime(r *model.Requirement, name string, w *words.Table) string {
	switch {
	case r.Reached():
		return w.T("reached_tier", name)
	case r.Months == 1:
		return w.T("month_in_tier", 1, name)
	}
	return w.T("months_in_tier", r.Months, name)
}

func isKnownUnit(u string) bool {
	for _, x := range model.Units {
		if x == u {
			return true
		}
	}
	return false
}

// requirementCell is a requirement's entry in its row.
func requirementCell(r *model.Requirement, w *words.Table) Cell {
	c := Cell{Kind: "requirement", Req: r}
	switch r.Kind {
	case model.ReqCertification:
		c.Display, c.Value = strconv.Itoa(r.Count), float64(r.Count)
	case model.ReqMetric:
		c.Display, c.Value, c.Unit = "≥ "+FormatAmount(r.Min, r.Unit, w), r.Min, r.Unit
		if r.Unit != "" && !isKnownUnit(r.Unit) {
			c.Display = "≥ " + FormatNumber(r.Min, w.Lang) + " " + r.Unit
		}
	case model.ReqTier:
		c.Display, c.Value = "✓", float64(0)
		if !r.Reached() {
			c.Display, c.Value = FormatAmount(float64(r.Months), "months", w), float64(r.Months)
		}
	case model.ReqText, model.ReqDesignation:
		c.Display, c.Value = "✓", true
	default:
		c.Display, c.Value = RequirementText(r, w), RequirementText(r, w)
	}
	return c
}

// keepList is what it takes to keep a tier: its KeepAll, or what it
// takes to earn it when it states no keep.
func keepList(t *model.Tier) []model.Applied {
	if t.KeepAll != nil {
		return t.KeepAll
	}
	return t.Earn
}

// requirementRows lays out what each column takes, inherited rows
// included: list picks a tier's Earn or KeepAll, and tiers without a list
// get empty cells.
func requirementRows(cols []*model.Tier, w *words.Table, list func(*model.Tier) []model.Applied) []Row {
	var rows []Row
	index := map[string]int{}
	for ti, t := range cols {
		for _, a := range list(t) {
			r := a.Requirement
			k := model.RowID(r)
			i, ok := index[k]
			if !ok {
				row := Row{ID: k, Title: RequirementTitle(r, w), Group: w.T("requirements"), Cells: make([]Cell, len(cols))}
				if r.Kind == model.ReqCertification && r.Cert != nil {
					row.URL = r.Cert.Page.URL
				}
				if r.Kind == model.ReqDesignation && r.Desig != nil {
					row.URL = r.Desig.Page.URL
				}
				for j := range row.Cells {
					row.Cells[j] = Cell{Display: "—"}
				}
				rows = append(rows, row)
				i = len(rows) - 1
				index[k] = i
			}
			c := requirementCell(r, w)
			if a.From != t {
				c.From = a.From
				c.Display += " " + w.T("inherited_as", a.From.Title)
			}
			rows[i].Cells[ti] = c
		}
	}
	return rows
}

// Humanize turns a metric name such as "net-new-arr" into "Net new ARR".
func Humanize(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range parts {
		switch strings.ToLower(w) {
		case "arr", "mrr", "csat", "nps", "mdf", "sla", "acv", "tcv", "msp", "mssp", "poe", "poc", "pov", "isv", "gsi", "si", "csp", "saas", "crm", "qbr":
			parts[i] = strings.ToUpper(w)
		default:
			if i == 0 {
				parts[i] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
	}
	return strings.Join(parts, " ")
}
