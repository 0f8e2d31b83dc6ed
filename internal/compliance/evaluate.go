package compliance

import (
	"math"
	"strconv"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/matrix"
)

// Statuses of a partner at its review.
const (
	StatusOK      = "ok"      // qualifies for its current tier exactly
	StatusUpgrade = "upgrade" // qualifies above its tier, or has none and qualifies for one
	StatusAtRisk  = "at-risk" // qualifies below its current tier
	StatusNone    = "none"    // has no tier and qualifies for none
)

// Partner is one partner's figures: Values by column (row id), numbers
// for certifications (people holding it), metrics and tiers (months in
// it), 1 or 0 for text requirements. Tier is its current tier's id, or "".
type Partner struct {
	Name   string
	Tier   string
	Region string // the region column's value, lower case; "" without one
	Values map[string]float64
	Line   int // in the CSV it came from, for messages
}

// Result is the review of one partner.
type Result struct {
	Partner   string   `json:"partner"`
	Tier      string   `json:"tier"`
	Region    string   `json:"region,omitempty"`
	Qualifies string   `json:"qualifies"`
	Status    string   `json:"status"`
	Missing   []string `json:"missing"`
	// Designations are the program's designations the partner holds by
	// its designation:ID column, or whose requirements it meets, its
	// minimum tier included.
	Designations []string `json:"designations"`
}

// Evaluate reviews one partner against a program's document. A tier is
// met when every requirement of it, inherited ones included, is met; the
// partner's current tier is held to its keep rows when the program has
// them. Qualifies is the highest tier met.
func Evaluate(doc *matrix.Export, p Partner) Result {
	res := Result{Partner: p.Name, Tier: p.Tier, Region: p.Region, Missing: []string{}, Designations: []string{}}
	cur := tierIndex(doc, p.Tier)
	q := -1
	for i, t := range doc.Tiers {
		if len(unmet(doc, p, t.ID, i == cur)) == 0 {
			q = i
		}
	}
	for _, d := range doc.Designations {
		// Held by the partner's records (its designation:ID column, when
		// a requirement names it) or earned by its figures.
		if p.Values["designation:"+d.ID] >= 1 || len(unmet(doc, p, d.ID, false)) == 0 {
			res.Designations = append(res.Designations, d.ID)
		}
	}
	if q >= 0 {
		res.Qualifies = doc.Tiers[q].ID
	}
	target, keep := -1, false
	switch {
	case cur < 0 && q < 0:
		res.Status, target = StatusNone, 0
	case cur < 0 || q > cur:
		res.Status, target = StatusUpgrade, q+1
	case q == cur:
		res.Status, target = StatusOK, q+1
	default:
		res.Status, target, keep = StatusAtRisk, cur, true
	}
	if target >= 0 && target < len(doc.Tiers) {
		res.Missing = unmet(doc, p, doc.Tiers[target].ID, keep)
	}
	return res
}

func tierIndex(doc *matrix.Export, id string) int {
	for i, t := range doc.Tiers {
		if t.ID == id {
			return i
		}
	}
	return -1
}

// unmet lists, in words, what a tier or designation (by id) needs that
// the partner lacks: its keep rows when keep is set and the program has
// them.
func unmet(doc *matrix.Export, p Partner, tier string, keep bool) []string {
	rows := doc.Requirements
	if keep && len(doc.Keep) > 0 {
		rows = doc.Keep
	}
	out := []string{}
	for _, r := range rows {
		c, ok := r.Cells[tier]
		if !ok || c.Kind != "requirement" {
			continue
		}
		if r.Kind == "any_of" {
			if !anyMet(doc, p, c.AnyOf) {
				out = append(out, c.Text+" (has "+hasAny(p, c.AnyOf)+")")
			}
			continue
		}
		alt := matrix.ExportAlt{ID: r.ID, Kind: r.Kind, Value: c.Value, Unit: c.Unit, Text: c.Text, Reached: c.Reached}
		if !met(doc, p, alt) {
			out = append(out, alt.Text+" ("+has(p, alt)+")")
		}
	}
	return out
}

func anyMet(doc *matrix.Export, p Partner, alts []matrix.ExportAlt) bool {
	for _, a := range alts {
		if met(doc, p, a) {
			return true
		}
	}
	return false
}

// met checks one requirement. A tier reached ({tier} without months) is
// met by a current tier at or above it in this program, or by any months
// in it.
func met(doc *matrix.Export, p Partner, a matrix.ExportAlt) bool {
	v := p.Values[a.ID]
	switch a.Kind {
	case "text", "designation":
		return v >= 1
	case "tier":
		if a.Reached {
			t := tierIndex(doc, strings.TrimPrefix(a.ID, "tier:"))
			cur := tierIndex(doc, p.Tier)
			return v > 0 || (t >= 0 && cur >= t)
		}
	}
	return v >= threshold(a.Value)
}

// YesNo reports whether a requirement of kind is met or not rather than
// counted: a text requirement, a designation held. Its column reads yes
// or no.
func YesNo(kind string) bool { return kind == "text" || kind == "designation" }

func threshold(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

// has says what the partner has of a requirement: "has 1", "has USD
// 90,000", "not yet".
func has(p Partner, a matrix.ExportAlt) string {
	if YesNo(a.Kind) || (a.Kind == "tier" && a.Reached) {
		return "not yet"
	}
	return "has " + amount(p.Values[a.ID], a.Unit)
}

func hasAny(p Partner, alts []matrix.ExportAlt) string {
	var parts []string
	for _, a := range alts {
		parts = append(parts, strings.TrimPrefix(has(p, a), "has "))
	}
	return strings.Join(parts, " and ")
}

// amount formats a partner's figure as the requirement's unit reads:
// "USD 90,000", "45%", "3". The self-check script formats the same way.
func amount(v float64, unit string) string {
	n := number(v)
	switch unit {
	case "USD", "EUR":
		return unit + " " + n
	case "percent":
		return n + "%"
	}
	return n
}

// number groups thousands with commas and keeps at most two decimals.
func number(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	whole := math.Floor(v)
	frac := math.Round((v - whole) * 100)
	if frac == 100 {
		whole, frac = whole+1, 0
	}
	s := strconv.FormatFloat(whole, 'f', 0, 64)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac > 0 {
		f := strconv.Itoa(int(frac))
		if len(f) == 1 {
			f = "0" + f
		}
		out += "." + strings.TrimSuffix(f, "0")
	}
	if neg {
		out = "-" + out
	}
	return out
}
