package model

import (
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Model is the program model of one version.
type Model struct {
	Version  *site.Version
	Programs []*Program // by weight, then title
	Certs    []*Certification
	// Designations by weight, then title.
	Designations []*Designation
	// Paths by weight, then title.
	Paths   []*Path
	stepsOn map[*site.Page][]*Step
	byID    map[string]any
}

// Program is a partner program.
type Program struct {
	Page     *site.Page
	ID       string
	Title    string
	Type     string
	Tiers    []*Tier    // by rank
	Benefits []*Benefit // by group order, weight, title
	// Designations are the program's designations as matrix columns,
	// after its tiers: one Tier per designation, with Designation set.
	Designations []*Tier
}

// Designation is a badge earned on top of a tier (a services or MSP
// specialisation), in one or more programs. In each program it is a
// column of the matrix: a Tier whose Designation points back here, whose
// requirements start with the program's minimum tier ("Reached Select")
// and are not inherited from the tiers.
type Designation struct {
	Page     *site.Page
	ID       string
	Title    string
	Programs []*Program
	// MinTier is the tier a partner must hold in each program first; a
	// program without one has no entry.
	MinTier map[*Program]*Tier
	// Columns are the designation's column in each program.
	Columns map[*Program]*Tier
	// Requirements and Keep are the designation's own, as written.
	Requirements []*Requirement
	Keep         []*Requirement
}

// Tier is a level of a program.
type Tier struct {
	Page    *site.Page
	ID      string
	Title   string
	Program *Program
	Rank    int
	Entry   string
	// Requirements are the tier's own requirements to earn it, as
	// written; Keep its own requirements to keep it at a review, when
	// they differ (nil when the tier states none).
	Requirements []*Requirement
	Keep         []*Requirement
	// Earn is what it takes to earn the tier: its own requirements, then
	// those of the tiers below it that it does not restate on the same
	// row (requirements are cumulative). KeepAll is Earn with the rows
	// Keep restates replaced and the rows only Keep has added; nil when
	// Keep is.
	Earn    []Applied
	KeepAll []Applied
	// Designation is set on a designation's column: Rank is 0 and the
	// Page is the designation's.
	Designation *Designation
}

// Applied is a requirement as it applies to a tier: From is the tier that
// states it (the tier itself, or a lower one it is inherited from).
type Applied struct {
	*Requirement
	From *Tier
}

// Short is the last segment of the tier's id ("select" for
// "programs/reseller/select"), which benefit values may use as a key.
func (t *Tier) Short() string { return lastSegment(t.ID) }

// Requirement kinds.
const (
	ReqCertification = "certification"
	ReqMetric        = "metric"
	ReqTier          = "tier"
	ReqDesignation   = "designation"
	ReqText          = "text"
	ReqAnyOf         = "any_of"
)

// Requirement is one condition of a tier.
type Requirement struct {
	Kind   string
	CertID string
	Cert   *Certification // nil when left out of this build
	Count  int
	Metric string
	Min    float64
	Unit   string
	Window string
	TierID string
	Tier   *Tier
	// DesigID names a designation the partner must hold; Desig is it,
	// nil when left out of this build.
	DesigID string
	Desig   *Designation
	Months  int
	Text    string
	AnyOf   []*Requirement
	// Label names the requirement's row instead of the certification's
	// title or the metric's name.
	Label string
}

// Reached reports a tier requirement without months: "has reached that
// tier" rather than "has spent N months in it".
func (r *Requirement) Reached() bool { return r.Kind == ReqTier && r.Months == 0 }

// RowID identifies a requirement's row across tiers, years and the
// compliance review's CSV columns: certification:ID, metric:NAME,
// tier:ID, text:TEXT, or any_of: and its alternatives' ids joined by |.
// A tier restating a row replaces what it would inherit on that row.
func RowID(r *Requirement) string {
	switch r.Kind {
	case ReqCertification:
		if r.Cert == nil {
			return "certification:unlisted"
		}
		return "certification:" + r.Cert.ID
	case ReqMetric:
		return "metric:" + r.Metric
	case ReqTier:
		if r.Tier == nil {
			return "tier:unlisted"
		}
		return "tier:" + r.Tier.ID
	case ReqDesignation:
		if r.Desig == nil {
			return "designation:unlisted"
		}
		return "designation:" + r.Desig.ID
	case ReqText:
		return "text:" + r.Text
	}
	var parts []string
	for _, a := range r.AnyOf {
		parts = append(parts, RowID(a))
	}
	return "any_of:" + strings.Join(parts, "|")
}

// cumulate fills each tier's Earn and KeepAll from the tiers below it.
func cumulate(pr *Program) {
	var below []Applied
	for _, t := range pr.Tiers {
		t.Earn = overlay(below, t.Requirements, t)
		if t.Keep != nil {
			t.KeepAll = restate(t.Earn, t.Keep, t)
		}
		below = t.Earn
	}
}

// restate is base with each row own restates replaced in place, then
// the rows only own has: what it takes to keep a tier reads in the order
// of what it took to earn it.
func restate(base []Applied, own []*Requirement, t *Tier) []Applied {
	byRow := map[string]*Requirement{}
	for _, r := range own {
		byRow[RowID(r)] = r
	}
	out := make([]Applied, 0, len(base)+len(own))
	for _, a := range base {
		if r := byRow[RowID(a.Requirement)]; r != nil {
			out = append(out, Applied{r, t})
			delete(byRow, RowID(r))
		} else {
			out = append(out, a)
		}
	}
	for _, r := range own {
		if byRow[RowID(r)] != nil {
			out = append(out, Applied{r, t})
		}
	}
	return out
}

// overlay is own (stated by t) followed by the rows of base that own does
// not restate.
func overlay(base []Applied, own []*Requirement, t *Tier) []Applied {
	out := make([]Applied, 0, len(base)+len(own))
	rows := map[string]bool{}
	for _, r := range own {
		rows[RowID(r)] = true
		out = append(out, Applied{r, t})
	}
	for _, a := range base {
		if !rows[RowID(a.Requirement)] {
			out = append(out, a)
		}
	}
	return out
}

// Value is one cell of a benefit matrix: the value as the page writes
// it, which content decodes (content.Value, with its limits and period).
type Value = content.Value

// Amount is a limit of a value: a number with its unit.
type Amount = content.Amount

// Benefit is a row of the matrices of its programs.
type Benefit struct {
	Page     *site.Page
	ID       string
	Title    string
	Group    string
	Programs []*Program
	Terms    *site.Page
	// Requires are the conditions a partner must meet to use the
	// benefit, whatever its tier: certifications (Kind certification,
	// Count 1) or text.
	Requires []*Requirement
	Values   map[*Tier]Value
	// Regions overrides values by region.
	Regions map[string]map[*Tier]Value
}

// ValueFor returns the value of a tier in a region ("" or "global" for
// the default), and whether the benefit has one.
func (b *Benefit) ValueFor(t *Tier, region string) (Value, bool) {
	if region != "" && region != "global" {
		if rv, ok := b.Regions[region][t]; ok {
			return rv, true
		}
	}
	v, ok := b.Values[t]
	return v, ok
}

// Certification is a certification with its prerequisite graph.
type Certification struct {
	Page          *site.Page
	ID            string
	Title         string
	Track         string
	Level         string
	Prerequisites []*Certification
	RequiredBy    []*Certification
	Hours         float64
	Validity      int
	Exam          string
	// Tiers lists the tiers whose requirements name this certification.
	Tiers []*Tier
}

// Program returns the program with that id.
func (m *Model) Program(id string) *Program {
	p, _ := m.byID[id].(*Program)
	return p
}

// Tier returns the tier with that id.
func (m *Model) Tier(id string) *Tier {
	t, _ := m.byID[id].(*Tier)
	return t
}

// Designation returns the designation with that id.
func (m *Model) Designation(id string) *Designation {
	d, _ := m.byID[id].(*Designation)
	return d
}

// Cert returns the certification with that id.
func (m *Model) Cert(id string) *Certification {
	c, _ := m.byID[id].(*Certification)
	return c
}

// Benefit returns the benefit with that id.
func (m *Model) Benefit(id string) *Benefit {
	b, _ := m.byID[id].(*Benefit)
	return b
}

// GroupOrder is the order of benefit groups; other groups follow
// alphabetically.
var GroupOrder = []string{"Sales", "Marketing", "Support", "Services", "Training"}

func lastSegment(id string) string {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == '/' {
			return id[i+1:]
		}
	}
	return id
}
