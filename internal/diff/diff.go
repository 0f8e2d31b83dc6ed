package diff

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Change is one difference, readable on its own by a partner.
type Change struct {
	Kind    string `json:"kind"`
	Tier    string `json:"tier,omitempty"`
	Region  string `json:"region,omitempty"`
	Subject string `json:"subject"`
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
	URL     string `json:"url,omitempty"` // site-relative page in the new version
	Text    string `json:"text"`
}

// Change kinds.
const (
	TierAdded          = "tier-added"
	TierRemoved        = "tier-removed"
	RequirementAdded   = "requirement-added"
	RequirementRemoved = "requirement-removed"
	RequirementChanged = "requirement-changed"
	// Keep changes are to what it takes to keep a tier at its review.
	KeepAdded      = "keep-added"
	KeepRemoved    = "keep-removed"
	KeepChanged    = "keep-changed"
	BenefitAdded   = "benefit-added"
	BenefitRetired = "benefit-retired"
	ValueChanged   = "value-changed"
	CertAdded      = "certification-added"
	CertRemoved    = "certification-removed"
	CertChanged    = "certification-changed"
	ProgramAdded   = "program-added"
	ProgramRemoved = "program-removed"
	// Designations are compared like tiers: added, removed, and their
	// requirements and values under the requirement and value kinds.
	DesignationAdded   = "designation-added"
	DesignationRemoved = "designation-removed"
)

// ProgramChanges groups the changes of one program.
type ProgramChanges struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	URL     string   `json:"url,omitempty"`
	Changes []Change `json:"changes"`
}

// PageRef names a page.
type PageRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	// Clauses are what changed in an edited terms page, clause by clause.
	Clauses []ClauseChange `json:"clauses,omitempty"`
}

// Rename is a page that moved to a new id and kept the old one as alias.
type Rename struct {
	From PageRef `json:"from"`
	To   PageRef `json:"to"`
}

// Pages are the page-level changes.
type Pages struct {
	Added   []PageRef `json:"added"`
	Removed []PageRef `json:"removed"`
	Renamed []Rename  `json:"renamed"`
	Edited  []PageRef `json:"edited"`
}

// Report is everything that changed from Old to New.
type Report struct {
	Old            string           `json:"old"`
	New            string           `json:"new"`
	OldLabel       string           `json:"old_label"`
	NewLabel       string           `json:"new_label"`
	Programs       []ProgramChanges `json:"programs"`
	Certifications []Change         `json:"certifications"`
	Pages          Pages            `json:"pages"`

	w *words.Table // the words the report is written in
}

// Empty reports whether nothing changed.
func (r *Report) Empty() bool {
	return len(r.Programs) == 0 && len(r.Certifications) == 0 && len(r.Pages.Added)+len(r.Pages.Removed)+len(r.Pages.Renamed)+len(r.Pages.Edited) == 0
}

// Compare builds the report between two versions and their models, in
// the words of w.
func Compare(oldV, newV *site.Version, oldM, newM *model.Model, w *words.Table) *Report {
	r := &Report{w: w, Old: oldV.Name, New: newV.Name, OldLabel: oldV.Label, NewLabel: newV.Label,
		Programs: []ProgramChanges{}, Certifications: []Change{},
		Pages: Pages{Added: []PageRef{}, Removed: []PageRef{}, Renamed: []Rename{}, Edited: []PageRef{}}}
	comparePrograms(r, oldM, newM, w)
	compareCerts(r, oldM, newM, w)
	comparePages(r, oldV, newV)
	return r
}

func comparePrograms(r *Report, oldM, newM *model.Model, w *words.Table) {
	oldByID := byIDs(oldM.Programs, func(p *model.Program) *site.Page { return p.Page })
	seen := map[*model.Program]bool{}
	for _, np := range newM.Programs {
		pc := ProgramChanges{ID: np.ID, Title: np.Title, URL: np.Page.URL}
		op := counterpart(oldByID, np.Page)
		if op == nil {
			pc.Changes = append(pc.Changes, Change{Kind: ProgramAdded, Subject: np.Title, URL: np.Page.URL, Text: w.T("change_new_program", np.Title)})
		} else {
			seen[op] = true
			pc.Changes = append(pc.Changes, programChanges(op, np, w)...)
		}
		if len(pc.Changes) > 0 {
			r.Programs = append(r.Programs, pc)
		}
	}
	for _, op := range oldM.Programs {
		if !seen[op] {
			r.Programs = append(r.Programs, ProgramChanges{ID: op.ID, Title: op.Title,
				Changes: []Change{{Kind: ProgramRemoved, Subject: op.Title, Text: w.T("change_program_removed", op.Title)}}})
		}
	}
}

// byIDs indexes items by their page's id and aliases; an id wins over
// another page's alias.
func byIDs[T any](items []T, page func(T) *site.Page) map[string]T {
	m := make(map[string]T, len(items))
	for _, it := range items {
		m[page(it).ID] = it
	}
	for _, it := range items {
		for _, a := range page(it).Aliases {
			if _, taken := m[a]; !taken {
				m[a] = it
			}
		}
	}
	return m
}

// counterpart finds the item of the other version that p corresponds to:
// the same id, or one of p's aliases (a page renamed this year), or a
// page whose alias is p's id (indexed by byIDs). The zero value if none.
func counterpart[T any](m map[string]T, p *site.Page) T {
	if x, ok := m[p.ID]; ok {
		return x
	}
	for _, a := range p.Aliases {
		if x, ok := m[a]; ok {
			return x
		}
	}
	var zero T
	return zero
}

func tierPage(t *model.Tier) *site.Page { return t.Page }

// columns are a program's tiers, then its designations.
func columns(p *model.Program) []*model.Tier {
	return append(append([]*model.Tier{}, p.Tiers...), p.Designations...)
}

func programChanges(op, np *model.Program, w *words.Table) []Change {
	var out []Change
	oldCols, newCols := columns(op), columns(np)
	oldTiers, newTiers := byIDs(oldCols, tierPage), byIDs(newCols, tierPage)
	pairs := map[*model.Tier]*model.Tier{} // new -> old
	for _, nt := range newCols {
		if ot := counterpart(oldTiers, nt.Page); ot != nil && (ot.Designation == nil) == (nt.Designation == nil) {
			pairs[nt] = ot
		} else if nt.Designation != nil {
			out = append(out, Change{Kind: DesignationAdded, Tier: nt.Title, Subject: nt.Title, URL: nt.Page.URL, Text: w.T("change_new_designation", nt.Title)})
		} else {
			out = append(out, Change{Kind: TierAdded, Tier: nt.Title, Subject: nt.Title, URL: nt.Page.URL, Text: w.T("change_new_tier", nt.Title)})
		}
	}
	for _, ot := range oldCols {
		if nt := counterpart(newTiers, ot.Page); nt != nil && (ot.Designation == nil) == (nt.Designation == nil) {
			continue
		}
		if ot.Designation != nil {
			out = append(out, Change{Kind: DesignationRemoved, Tier: ot.Title, Subject: ot.Title, Text: w.T("change_designation_removed", ot.Title)})
		} else {
			out = append(out, Change{Kind: TierRemoved, Tier: ot.Title, Subject: ot.Title, Text: w.T("change_tier_removed", ot.Title)})
		}
	}
	for _, nt := range newCols {
		if ot := pairs[nt]; ot != nil {
			out = append(out, requirementChanges(nt, ot.Requirements, nt.Requirements, false, w)...)
			out = append(out, requirementChanges(nt, ot.Keep, nt.Keep, true, w)...)
		}
	}
	oldBen := byIDs(op.Benefits, func(b *model.Benefit) *site.Page { return b.Page })
	seen := map[*model.Benefit]bool{}
	for _, nb := range np.Benefits {
		ob := counterpart(oldBen, nb.Page)
		if ob == nil {
			out = append(out, Change{Kind: BenefitAdded, Subject: nb.Title, URL: nb.Page.URL, Text: w.T("change_new_benefit", nb.Title)})
			continue
		}
		seen[ob] = true
		out = append(out, valueChanges(ob, nb, newCols, pairs, w)...)
	}
	for _, ob := range op.Benefits {
		if !seen[ob] {
			out = append(out, Change{Kind: BenefitRetired, Subject: ob.Title, Text: w.T("change_benefit_retired", ob.Title)})
		}
	}
	return out
}

// requirementChanges compares one tier's own requirements (or, with
// keep, its keep list) in two years.
func requirementChanges(nt *model.Tier, oldList, newList []*model.Requirement, keep bool, w *words.Table) []Change {
	what := "tier"
	if nt.Designation != nil {
		what = "designation"
	}
	added, removed, changed, lead := RequirementAdded, RequirementRemoved, RequirementChanged, w.T("change_"+what+"_lead", nt.Title)
	if keep {
		added, removed, changed, lead = KeepAdded, KeepRemoved, KeepChanged, w.T("change_"+what+"_keep_lead", nt.Title)
	}
	var out []Change
	oldReq := map[string]*model.Requirement{}
	var oldKeys []string
	for _, q := range oldList {
		k := matrix.RequirementKey(q)
		oldReq[k] = q
		oldKeys = append(oldKeys, k)
	}
	newKeys := map[string]bool{}
	for _, q := range newList {
		k := matrix.RequirementKey(q)
		newKeys[k] = true
		nText := matrix.RequirementText(q, w)
		if oq, ok := oldReq[k]; !ok {
			out = append(out, Change{Kind: added, Tier: nt.Title, Subject: matrix.RequirementTitle(q, w), New: nText, URL: nt.Page.URL,
				Text: lead + w.T("change_new_requirement", nText)})
		} else if oText := matrix.RequirementText(oq, w); oText != nText {
			out = append(out, Change{Kind: changed, Tier: nt.Title, Subject: matrix.RequirementTitle(q, w), Old: oText, New: nText, URL: nt.Page.URL,
				Text: lead + compact(oText, nText)})
		}
	}
	for _, k := range oldKeys {
		if !newKeys[k] {
			oText := matrix.RequirementText(oldReq[k], w)
			out = append(out, Change{Kind: removed, Tier: nt.Title, Subject: matrix.RequirementTitle(oldReq[k], w), Old: oText, URL: nt.Page.URL,
				Text: lead + w.T("change_requirement_dropped", oText)})
		}
	}
	return out
}

// valueChanges compares one benefit's values tier by tier, globally and
// then region by region, in the tiers both years have.
func valueChanges(ob, nb *model.Benefit, tiers []*model.Tier, pairs map[*model.Tier]*model.Tier, w *words.Table) []Change {
	var out []Change
	for _, reg := range benefitRegions(ob, nb) {
		for _, nt := range tiers {
			ot := pairs[nt]
			if ot == nil {
				continue
			}
			if reg != "" {
				// A regional change is one where the region's own value
				// differs from what the global change says.
				_, nHas := nb.Regions[reg][nt]
				_, oHas := ob.Regions[reg][ot]
				if !nHas && !oHas {
					continue
				}
			}
			nv, nok := nb.ValueFor(nt, reg)
			ov, ook := ob.ValueFor(ot, reg)
			if !nok || !ook {
				continue
			}
			o, n := show(ov, w), show(nv, w)
			if o == n {
				continue
			}
			prefix := w.T("change_tier_lead", nt.Title)
			if nt.Designation != nil {
				prefix = w.T("change_designation_lead", nt.Title)
			}
			if reg != "" {
				prefix = w.T("change_region_lead", matrix.RegionLabel(reg, w), prefix)
			}
			out = append(out, Change{Kind: ValueChanged, Tier: nt.Title, Region: reg, Subject: nb.Title, Old: o, New: n, URL: nb.Page.URL,
				Text: prefix + nb.Title + " " + compact(o, n)})
		}
	}
	return out
}

// benefitRegions lists "" (the global values) and then, sorted, every
// region either year's benefit sets values for.
func benefitRegions(ob, nb *model.Benefit) []string {
	rs := map[string]bool{}
	for reg := range nb.Regions {
		rs[reg] = true
	}
	for reg := range ob.Regions {
		rs[reg] = true
	}
	var rl []string
	for reg := range rs {
		rl = append(rl, reg)
	}
	sort.Strings(rl)
	return append([]string{""}, rl...)
}

func show(v model.Value, w *words.Table) string {
	c := matrix.ValueCell(v, w)
	s := c.Display
	if c.Kind == "bool" {
		if v.Bool {
			s = w.T("value_included")
		} else {
			s = w.T("value_not_included")
		}
	}
	if v.Note != "" {
		s += " " + v.Note
	}
	return s
}

func compareCerts(r *Report, oldM, newM *model.Model, w *words.Table) {
	oldC := byIDs(oldM.Certs, func(c *model.Certification) *site.Page { return c.Page })
	seen := map[*model.Certification]bool{}
	for _, nc := range newM.Certs {
		oc := counterpart(oldC, nc.Page)
		if oc == nil {
			r.Certifications = append(r.Certifications, Change{Kind: CertAdded, Subject: nc.Title, URL: nc.Page.URL, Text: w.T("change_new_cert", nc.Title)})
			continue
		}
		seen[oc] = true
		field := func(key, o, n string) {
			if o != n {
				name := w.T("cert_field_" + key)
				r.Certifications = append(r.Certifications, Change{Kind: CertChanged, Subject: nc.Title + ": " + name, Old: o, New: n, URL: nc.Page.URL,
					Text: fmt.Sprintf("%s: %s %s → %s", nc.Title, name, orNone(o, w), orNone(n, w))})
			}
		}
		hours := func(h float64) string {
			if h == 0 {
				return ""
			}
			return matrix.FormatAmount(h, "hours", w)
		}
		months := func(m int) string {
			if m == 0 {
				return ""
			}
			return w.T("months", m)
		}
		field("level", oc.Level, nc.Level)
		field("duration", hours(oc.Hours), hours(nc.Hours))
		field("exam", oc.Exam, nc.Exam)
		field("validity", months(oc.Validity), months(nc.Validity))
		field("prerequisites", certNames(oc.Prerequisites), certNames(nc.Prerequisites))
	}
	for _, oc := range oldM.Certs {
		if !seen[oc] {
			r.Certifications = append(r.Certifications, Change{Kind: CertRemoved, Subject: oc.Title, Text: w.T("change_cert_removed", oc.Title)})
		}
	}
}

func orNone(s string, w *words.Table) string {
	if s == "" {
		return w.T("none")
	}
	return s
}

func certNames(cs []*model.Certification) string {
	var names []string
	for _, c := range cs {
		names = append(names, c.Title)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func ref(p *site.Page) PageRef { return PageRef{ID: p.ID, Title: p.Title, URL: p.URL} }

func comparePages(r *Report, oldV, newV *site.Version) {
	matched := map[*site.Page]bool{}
	for _, np := range newV.Pages {
		if op := oldV.ByID[np.ID]; op != nil {
			matched[op] = true
			if op.Title != np.Title || op.BodyHash != np.BodyHash {
				e := ref(np)
				// Clause by clause only within one language: a page
				// translated this year is not a page whose every clause
				// changed.
				if np.Kind == "terms" && op.Kind == "terms" && np.Lang == op.Lang {
					e.Clauses = clauseChanges(op.Clauses, np.Clauses, r.w.T("clause_introduction"))
				}
				r.Pages.Edited = append(r.Pages.Edited, e)
			}
			continue
		}
		renamed := false
		for _, a := range np.Aliases {
			if op := oldV.ByID[a]; op != nil && !matched[op] {
				matched[op] = true
				r.Pages.Renamed = append(r.Pages.Renamed, Rename{From: PageRef{ID: op.ID, Title: op.Title}, To: ref(np)})
				renamed = true
				break
			}
		}
		if !renamed {
			r.Pages.Added = append(r.Pages.Added, ref(np))
		}
	}
	for _, op := range oldV.Pages {
		if !matched[op] && newV.ByID[op.ID] == nil {
			r.Pages.Removed = append(r.Pages.Removed, PageRef{ID: op.ID, Title: op.Title})
		}
	}
}

// wordDiffText shows a redline as git's word diff does: [-old-]{+new+}.
func wordDiffText(ops []WordOp) string {
	var parts []string
	for _, o := range ops {
		switch o.Op {
		case "-":
			parts = append(parts, "[-"+o.Text+"-]")
		case "+":
			parts = append(parts, "{+"+o.Text+"+}")
		default:
			parts = append(parts, o.Text)
		}
	}
	return strings.Join(parts, " ")
}

// JSON renders the report.
func (r *Report) JSON() []byte {
	b, _ := json.MarshalIndent(r, "", "  ")
	return append(b, '\n')
}

// Text renders the report for the terminal.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Changes from %s to %s\n", r.OldLabel, r.NewLabel)
	if r.Empty() {
		b.WriteString("\nNo changes.\n")
		return b.String()
	}
	for _, p := range r.Programs {
		fmt.Fprintf(&b, "\n%s\n", p.Title)
		for _, c := range p.Changes {
			fmt.Fprintf(&b, "  - %s\n", c.Text)
		}
	}
	if len(r.Certifications) > 0 {
		b.WriteString("\nCertifications\n")
		for _, c := range r.Certifications {
			fmt.Fprintf(&b, "  - %s\n", c.Text)
		}
	}
	pages := func(title string, list []PageRef) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, p := range list {
			fmt.Fprintf(&b, "  - %s (%s)\n", p.Title, p.ID)
			for _, c := range p.Clauses {
				fmt.Fprintf(&b, "      %s: %s\n", c.Title, c.Kind)
				for _, sen := range c.Sentences {
					fmt.Fprintf(&b, "        %s\n", wordDiffText(sen))
				}
			}
		}
	}
	pages("Pages added", r.Pages.Added)
	pages("Pages removed", r.Pages.Removed)
	if len(r.Pages.Renamed) > 0 {
		b.WriteString("\nPages renamed\n")
		for _, rn := range r.Pages.Renamed {
			fmt.Fprintf(&b, "  - %s → %s (%s)\n", rn.From.ID, rn.To.ID, rn.To.Title)
		}
	}
	pages("Pages edited", r.Pages.Edited)
	return b.String()
}
