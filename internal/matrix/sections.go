package matrix

import (
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// keepDiffers is the keep rows where some tier's cell differs from what
// it takes to earn it: the table shows only what changes at a review
// (matrix.json and the exports keep every row).
func (mx *Matrix) keepDiffers() []Row {
	earn := map[string]Row{}
	for _, r := range mx.Requirements {
		earn[r.ID] = r
	}
	var out []Row
	for _, r := range mx.Keep {
		e, ok := earn[r.ID]
		for i, c := range r.Cells {
			if !ok || c.Display != e.Cells[i].Display {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// Caption names a matrix for its table caption.
func Caption(mx *Matrix, regionLabel string) string {
	c := mx.Words.T("caption_requirements_benefits", mx.Program.Title)
	if len(mx.Requirements) == 0 {
		c = mx.Words.T("caption_benefits", mx.Program.Title)
	}
	if regionLabel != "" {
		c = mx.Words.T("caption_region", c, regionLabel)
	}
	return c
}

// RegionsWithOverrides lists the configured regions in which any benefit
// of the program has its own values, in configuration order.
func RegionsWithOverrides(p *model.Program, regions []string) []string {
	var out []string
	for _, r := range regions {
		if r == "global" {
			continue
		}
		for _, b := range p.Benefits {
			if len(b.Regions[r]) > 0 {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// RegionLabel shows a region name: "emea" is EMEA.
func RegionLabel(r string, w *words.Table) string {
	if r == "" || r == "global" {
		return w.T("region_global")
	}
	if len(r) <= 4 {
		return strings.ToUpper(r)
	}
	return strings.ToUpper(r[:1]) + r[1:]
}

func entryText(e string, w *words.Table) string {
	switch e {
	case "open", "application", "invitation", "automatic":
		return w.T("entry_" + e)
	}
	return w.T("entry_unknown")
}

// columnName names a tier with its program ("Reseller Partner Program:
// Select"), and a designation as one, whatever its programs.
func columnName(t *model.Tier, w *words.Table) string {
	switch {
	case t.Designation != nil:
		return w.T("designation_name", t.Title)
	case t.Program != nil:
		return t.Program.Title + ": " + t.Title
	}
	return t.Title
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// TopoOrder sorts certifications so that prerequisites come first; within
// that, by title. Cycles (reported by the model) are broken by title.
func TopoOrder(cs []*model.Certification) []*model.Certification {
	in := map[*model.Certification]bool{}
	for _, c := range cs {
		in[c] = true
	}
	sorted := append([]*model.Certification(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Title < sorted[j].Title })
	done := map[*model.Certification]bool{}
	visiting := map[*model.Certification]bool{}
	var out []*model.Certification
	var visit func(c *model.Certification)
	visit = func(c *model.Certification) {
		if done[c] || visiting[c] {
			return
		}
		visiting[c] = true
		for _, p := range c.Prerequisites {
			if in[p] {
				visit(p)
			}
		}
		visiting[c] = false
		done[c] = true
		out = append(out, c)
	}
	for _, c := range sorted {
		visit(c)
	}
	return out
}
