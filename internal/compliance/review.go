package compliance

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Review is a program's tier review as the quarterly business review
// reads it: how many partners hold each tier, by region; who qualifies
// higher and who is at risk; what blocks the most partners; and, given
// the last review's partners, who moved since. Counts are of the tier a
// partner holds (its tier column), "" for none.
type Review struct {
	Program  string         `json:"program"`
	Title    string         `json:"title"`
	Version  string         `json:"version"`
	Partners int            `json:"partners"`
	Tiers    []TierCount    `json:"tiers"`
	Regions  []RegionCount  `json:"regions"`
	Status   map[string]int `json:"status"`
	Upgrades []Result       `json:"upgrades"`
	AtRisk   []Result       `json:"at_risk"`
	// Blockers are the requirements partners lack most for their next
	// tier (or, at risk, to keep theirs), most first, at most MaxBlockers.
	Blockers []Blocker `json:"blockers"`
	// Movement is set when the last review's partners are given.
	Movement *Movement `json:"movement,omitempty"`
	Results  []Result  `json:"results"`
}

// TierCount is how many partners hold a tier ("" for none).
type TierCount struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Count int    `json:"count"`
}

// RegionCount is a region's partners by tier, in Review.Tiers' order.
type RegionCount struct {
	Region string `json:"region"` // "" for partners without one
	Counts []int  `json:"counts"`
	Total  int    `json:"total"`
}

// Blocker is a requirement partners lack, with how many.
type Blocker struct {
	Requirement string   `json:"requirement"`
	Partners    []string `json:"partners"`
}

// Movement is what changed since the last review: partners whose tier
// rose or fell, and partners new to the file or gone from it.
type Movement struct {
	Up   []Move   `json:"up"`
	Down []Move   `json:"down"`
	New  []string `json:"new"`
	Gone []string `json:"gone"`
}

// Move is a partner's tier then and now ("" for none).
type Move struct {
	Partner string `json:"partner"`
	From    string `json:"from"`
	To      string `json:"to"`
}

// MaxBlockers is how many requirements the review lists as blockers.
const MaxBlockers = 5

// NewReview sums up a review's results; previous are the last review's
// (nil without one). Partners are matched across reviews by name, case
// aside.
func NewReview(doc *matrix.Export, version string, rs, previous []Result) *Review {
	r := &Review{Program: doc.Program.ID, Title: doc.Program.Title, Version: version, Partners: len(rs),
		Status:   map[string]int{StatusOK: 0, StatusUpgrade: 0, StatusAtRisk: 0, StatusNone: 0},
		Upgrades: []Result{}, AtRisk: []Result{}, Blockers: []Blocker{}, Regions: []RegionCount{}, Results: rs}
	if r.Results == nil {
		r.Results = []Result{}
	}
	col := map[string]int{"": 0}
	r.Tiers = append(r.Tiers, TierCount{})
	for i, t := range doc.Tiers {
		col[t.ID] = i + 1
		r.Tiers = append(r.Tiers, TierCount{ID: t.ID, Title: t.Title})
	}
	regions := map[string]*RegionCount{}
	blocked := map[string][]string{}
	var order []string
	for _, res := range rs {
		c := col[res.Tier]
		r.Tiers[c].Count++
		rc := regions[res.Region]
		if rc == nil {
			rc = &RegionCount{Region: res.Region, Counts: make([]int, len(r.Tiers))}
			regions[res.Region] = rc
		}
		rc.Counts[c]++
		rc.Total++
		r.Status[res.Status]++
		switch res.Status {
		case StatusUpgrade:
			r.Upgrades = append(r.Upgrades, res)
		case StatusAtRisk:
			r.AtRisk = append(r.AtRisk, res)
		}
		for _, m := range res.Missing {
			// "… (has 0)" is the partner's own figure: the requirement is
			// what comes before it.
			req := m
			if i := strings.LastIndex(m, " ("); i > 0 {
				req = m[:i]
			}
			if blocked[req] == nil {
				order = append(order, req)
			}
			blocked[req] = append(blocked[req], res.Partner)
		}
	}
	if len(r.Tiers) > 0 && r.Tiers[0].Count == 0 {
		// No partner without a tier: no column for none.
		r.Tiers = r.Tiers[1:]
		for _, rc := range regions {
			rc.Counts = rc.Counts[1:]
		}
	}
	for _, rc := range regions {
		r.Regions = append(r.Regions, *rc)
	}
	sort.Slice(r.Regions, func(i, j int) bool {
		a, b := r.Regions[i], r.Regions[j]
		if (a.Region == "") != (b.Region == "") {
			return b.Region == ""
		}
		return a.Region < b.Region
	})
	sort.SliceStable(order, func(i, j int) bool { return len(blocked[order[i]]) > len(blocked[order[j]]) })
	for _, req := range order[:min(len(order), MaxBlockers)] {
		r.Blockers = append(r.Blockers, Blocker{Requirement: req, Partners: blocked[req]})
	}
	if previous != nil {
		r.Movement = movement(col, rs, previous)
	}
	return r
}

// movement compares the tiers partners hold now with the last review's.
func movement(rank map[string]int, rs, previous []Result) *Movement {
	m := &Movement{Up: []Move{}, Down: []Move{}, New: []string{}, Gone: []string{}}
	before := map[string]Result{}
	for _, p := range previous {
		before[strings.ToLower(p.Partner)] = p
	}
	now := map[string]bool{}
	for _, res := range rs {
		key := strings.ToLower(res.Partner)
		now[key] = true
		p, ok := before[key]
		switch {
		case !ok:
			m.New = append(m.New, res.Partner)
		case rank[res.Tier] > rank[p.Tier]:
			m.Up = append(m.Up, Move{res.Partner, p.Tier, res.Tier})
		case rank[res.Tier] < rank[p.Tier]:
			m.Down = append(m.Down, Move{res.Partner, p.Tier, res.Tier})
		}
	}
	for _, p := range previous {
		if !now[strings.ToLower(p.Partner)] {
			m.Gone = append(m.Gone, p.Partner)
		}
	}
	return m
}

// JSON is the review's figures for a team's own dashboards.
func (r *Review) JSON() []byte {
	b, _ := json.MarshalIndent(r, "", "  ")
	return append(b, '\n')
}

//go:embed review.html
var reviewTemplate string

// reviewView is the review as review.html draws it, in the words of the
// site's language.
type reviewView struct {
	*Review
	W        *words.Table
	Lang     string
	TierBars []bar
	Max      int
	// MaxRegion is the largest region's partners: regions' bars are
	// drawn to one scale.
	MaxRegion int
	Titles    map[string]string // tier id -> title
	Shades    []string          // a fill per tier column, lightest first
}

type bar struct {
	Label string
	Count int
	Width int
}

// HTML is the review as one self-contained page: tables of the figures
// with bar charts drawn in inline SVG beside them (no script, no file
// besides it), readable in print and by screen readers (the charts are
// decoration; the numbers are in the tables).
func (r *Review) HTML(w *words.Table) ([]byte, error) {
	t, err := template.New("review").Funcs(template.FuncMap{
		"T": func(key string, args ...any) string { return w.T(key, args...) },
		"width": func(n, max int) int {
			if max == 0 {
				return 0
			}
			return 240 * n / max
		},
		"seg": func(counts []int, i, total int) [2]int {
			// The x and width of segment i of a 240-unit bar.
			if total == 0 {
				return [2]int{}
			}
			x := 0
			for _, c := range counts[:i] {
				x += c
			}
			return [2]int{240 * x / total, 240 * counts[i] / total}
		},
		"join": func(names []string) string { return strings.Join(names, ", ") },
		"regionLabel": func(reg string) string {
			if reg == "" {
				return w.T("qbr_no_region")
			}
			return matrix.RegionLabel(reg, w)
		},
	}).Parse(reviewTemplate)
	if err != nil {
		return nil, err
	}
	v := reviewView{Review: r, W: w, Lang: w.Lang, Titles: map[string]string{"": w.T("qbr_no_tier")}}
	for _, tc := range r.Tiers {
		label := tc.Title
		if tc.ID == "" {
			label = w.T("qbr_no_tier")
		} else {
			v.Titles[tc.ID] = tc.Title
		}
		v.TierBars = append(v.TierBars, bar{Label: label, Count: tc.Count})
		v.Max = max(v.Max, tc.Count)
	}
	for _, rc := range r.Regions {
		v.MaxRegion = max(v.MaxRegion, rc.Total)
	}
	shades := []string{"s1", "s2", "s3", "s4", "s5", "s6"}
	for i := range r.Tiers {
		v.Shades = append(v.Shades, shades[min(i, len(shades)-1)])
	}
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
