package model

import (
	"sort"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// designations reads the version's designations and gives each program
// it names a column for it. It runs after the tiers are ranked: a minimum
// tier is a requirement on a tier.
func (b *builder) designations() {
	m := b.m
	for _, p := range b.v.Pages {
		if p.Kind != "designation" {
			continue
		}
		d := &Designation{Page: p, ID: p.ID, Title: p.Title, MinTier: map[*Program]*Tier{}, Columns: map[*Program]*Tier{}}
		m.byID[p.ID] = d
		m.Designations = append(m.Designations, d)
		for i, id := range p.Programs {
			if rp := b.ref(p, p.ItemPos("programs", i), id, "program", "programs"); rp != nil {
				d.Programs = append(d.Programs, m.Program(rp.ID))
			}
		}
		b.minTiers(d)
		for _, pr := range d.Programs {
			col := &Tier{Page: p, ID: p.ID, Title: p.Title, Program: pr, Designation: d}
			d.Columns[pr] = col
			pr.Designations = append(pr.Designations, col)
		}
		if len(d.Programs) == 0 {
			continue
		}
		// Read once, against the first column: a finding is reported once
		// and a certification lists the designation once among what
		// requires it.
		first := d.Columns[d.Programs[0]]
		d.Requirements = b.requirements(first, p.Requirements)
		d.Keep = b.requirements(first, p.Keep)
		for _, pr := range d.Programs {
			col := d.Columns[pr]
			col.Requirements = d.Requirements
			if mt := d.MinTier[pr]; mt != nil {
				// "Reached Select": a tier held, not months in it.
				col.Requirements = append([]*Requirement{{Kind: ReqTier, TierID: mt.ID, Tier: mt}}, d.Requirements...)
			}
			col.Earn = overlay(nil, col.Requirements, col)
			if d.Keep != nil {
				col.Keep = d.Keep
				col.KeepAll = restate(col.Earn, d.Keep, col)
			}
		}
	}
	sort.SliceStable(m.Designations, func(i, j int) bool { return site.LessPages(m.Designations[i].Page, m.Designations[j].Page) })
	for _, pr := range m.Programs {
		sort.SliceStable(pr.Designations, func(i, j int) bool { return site.LessPages(pr.Designations[i].Page, pr.Designations[j].Page) })
	}
}

// minTiers reads min_tier: at most one tier per program, each a tier of
// one of the designation's programs.
func (b *builder) minTiers(d *Designation) {
	p := d.Page
	for i, id := range p.MinTier {
		at := p.ItemPos("min_tier", i)
		rp := b.ref(p, at, id, "tier", "min_tier")
		if rp == nil {
			continue
		}
		t := b.m.Tier(rp.ID)
		in := false
		for _, pr := range d.Programs {
			in = in || pr == t.Program
		}
		l, c := at.Line, at.Column
		switch {
		case t.Program == nil:
			continue
		case !in:
			b.diags.Errorf(p.Source, l, c, diag.RuleUnknownRef, "min_tier %q is a tier of %s, which is not among the designation's programs", id, t.Program.ID)
		case d.MinTier[t.Program] != nil:
			b.diags.Errorf(p.Source, l, c, diag.RuleFrontmatterField, "min_tier: %s already has %s; give one tier per program", t.Program.ID, d.MinTier[t.Program].ID)
		default:
			d.MinTier[t.Program] = t
		}
	}
}
