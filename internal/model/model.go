package model

import (
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Model is the program model of one version.
type Model struct {
	Version  *site.Version
	Programs []*Program // by weight, then title
	Certs    []*Certification
	byID     map[string]any
}

// Program is a partner program.
type Program struct {
	Page     *site.Page
	ID       string
	Title    string
	Type     string
	Tiers    []*Tier    // by rank
	Benefits []*Benefit // by group order, weight, title
}

// Tier is a level of a program.
type Tier struct {
	Page         *site.Page
	ID           string
	Title        string
	Program      *Program
	Rank         int
	Entry        string
	Requirements []*Requirement
}

// Short is the last segment of the tier's id ("select" for
// "programs/reseller/select"), which benefit values may use as a key.
func (t *Tier) Short() string { return lastSegment(t.ID) }

// Requirement kinds.
const (
	ReqCertification = "certification"
	ReqMetric        = "metric"
	ReqTier          = "tier"
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
	Months int
	Text   string
	AnyOf  []*Requirement
}

// Value is one cell of a benefit matrix.
type Value struct {
	Kind     string // bool, number, text
	Bool     bool
	Number   float64
	Text     string
	Unit     string // percent, USD, EUR, count, hours, days
	Note     string
	Footnote string
}

// Benefit is a row of the matrices of its programs.
type Benefit struct {
	Page     *site.Page
	ID       string
	Title    string
	Group    string
	Programs []*Program
	Terms    *site.Page
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
