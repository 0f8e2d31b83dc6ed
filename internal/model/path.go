package model

import (
	"fmt"
	"net/url"
	"sort"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Path is an ordered list of steps a partner takes, such as a new
// reseller's first 90 days: for a program, and perhaps towards a tier.
type Path struct {
	Page    *site.Page
	ID      string
	Title   string
	Program *Program
	Tier    *Tier // nil when the path names none
	Steps   []*Step
}

// Step is one step of a path. Target is the page the step is about (the
// page to read, the certification to earn, the benefit to claim); a link
// step has Link instead, and a step whose reference does not resolve
// (reported) has neither.
type Step struct {
	Path   *Path
	N      int // its place in the path, from 1
	ID     string
	Title  string
	Stage  string
	Days   int
	Kind   string // page, certification, benefit or link
	Target *site.Page
	Link   string
}

// Path returns the path with that id.
func (m *Model) Path(id string) *Path {
	p, _ := m.byID[id].(*Path)
	return p
}

// StepsOn are the steps whose target is the page, in path order: a page
// that is a step of a path says so, and which step is next.
func (m *Model) StepsOn(p *site.Page) []*Step {
	return m.stepsOn[p]
}

// paths resolves every path of the version, reporting each reference
// that does not resolve at its step's line.
func (b *builder) paths() {
	for _, p := range b.v.Pages {
		if p.Kind != "path" {
			continue
		}
		pa := &Path{Page: p, ID: p.ID, Title: p.Title}
		if p.Program != "" {
			if pp := b.ref(p, p.RefPos("program"), p.Program, "program", "program"); pp != nil {
				pa.Program = b.m.Program(pp.ID)
			}
		}
		if p.PathTier != "" {
			if tp := b.ref(p, p.RefPos("tier"), p.PathTier, "tier", "tier"); tp != nil {
				pa.Tier = b.m.Tier(tp.ID)
				if pa.Tier != nil && pa.Program != nil && pa.Tier.Program != pa.Program {
					l, c := p.KeyPos("tier")
					b.diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleUnknownRef,
						Message: fmt.Sprintf("tier %q is a tier of %s, not of the path's program %s", p.PathTier, programTitle(pa.Tier.Program), pa.Program.Title)})
				}
			}
		}
		for i := range p.Steps {
			pa.Steps = append(pa.Steps, b.step(pa, &p.Steps[i], i+1))
		}
		b.m.Paths = append(b.m.Paths, pa)
		b.m.byID[p.ID] = pa
		for _, s := range pa.Steps {
			if s.Target != nil {
				if b.m.stepsOn == nil {
					b.m.stepsOn = map[*site.Page][]*Step{}
				}
				b.m.stepsOn[s.Target] = append(b.m.stepsOn[s.Target], s)
			}
		}
	}
	sort.SliceStable(b.m.Paths, func(i, j int) bool { return site.LessPages(b.m.Paths[i].Page, b.m.Paths[j].Page) })
}

func programTitle(p *Program) string {
	if p == nil {
		return "no program"
	}
	return p.Title
}

func (b *builder) step(pa *Path, cs *content.PathStep, n int) *Step {
	s := &Step{Path: pa, N: n, ID: cs.ID, Title: cs.Title, Stage: cs.Stage, Days: cs.Days}
	from := pa.Page
	switch {
	case cs.Page != "":
		s.Kind = "page"
		s.Target = b.anyPage(from, cs.RefPos, cs.Page)
	case cs.Certification != "":
		s.Kind = "certification"
		s.Target = b.ref(from, cs.RefPos, cs.Certification, "certification", "step certification")
	case cs.Benefit != "":
		s.Kind = "benefit"
		s.Target = b.ref(from, cs.RefPos, cs.Benefit, "benefit", "step benefit")
	default:
		s.Kind = "link"
		if u, err := url.Parse(cs.Link); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			b.diags.Add(diag.Diagnostic{File: from.Source, Line: cs.RefPos.Line, Column: cs.RefPos.Column, Severity: diag.Error, Rule: diag.RuleBrokenLink,
				Message: fmt.Sprintf("step link %q is not a web address (https://…); a page of the portal is a page step, by id", cs.Link)})
		} else {
			s.Link = cs.Link
		}
	}
	return s
}

// anyPage resolves a page step: a page of any kind, by id or alias.
func (b *builder) anyPage(from *site.Page, at content.Pos, id string) *site.Page {
	if p := b.v.Lookup(id); p != nil {
		return p
	}
	if b.hidden(id) {
		b.diags.Warnf(from.Source, at.Line, at.Column, diag.RuleAudienceLink, "step page %q is left out of this build", id)
		return nil
	}
	ids := make([]string, 0, len(b.v.ByID))
	for k := range b.v.ByID {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	b.diags.Add(diag.Diagnostic{File: from.Source, Line: at.Line, Column: at.Column, Severity: diag.Error, Rule: diag.RuleUnknownRef,
		Message: fmt.Sprintf("step page %q: no page with that id in %s", id, b.v.Name), Suggestion: diag.Suggest(id, ids)})
	return nil
}
