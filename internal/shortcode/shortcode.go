// Package shortcode validates and renders the shortcodes of section 5 of
// the product contract. Each shortcode declares its arguments, so an
// unknown shortcode or argument is reported at its position.
package shortcode

import (
	"fmt"
	"sort"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Func renders one shortcode on a page.
type Func func(s *site.Site, r *links.Resolver, p *site.Page, sc *markdown.Shortcode) []byte

// Problem is a finding about one argument of a shortcode ("" for the
// shortcode as a whole).
type Problem struct {
	Arg, Rule, Message, Suggestion string
}

// Def describes a shortcode.
type Def struct {
	Args   []string // allowed argument names
	Render Func
	// Check validates argument values against the site, for check.
	Check func(p *site.Page, sc *markdown.Shortcode) []Problem
}

// Set is the shortcodes of one build.
type Set struct {
	s    *site.Site
	r    *links.Resolver
	defs map[string]Def
}

// New returns the shortcodes known to this build. The program model's
// shortcodes (benefit-matrix, curriculum, changes) register here when
// their stage exists.
func New(s *site.Site, r *links.Resolver) *Set {
	return &Set{s: s, r: r, defs: map[string]Def{}}
}

// Register adds a shortcode.
func (set *Set) Register(name string, d Def) { set.defs[name] = d }

// Names lists the known shortcodes.
func (set *Set) Names() []string {
	out := make([]string, 0, len(set.defs))
	for n := range set.defs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Check reports unknown shortcodes and arguments.
func (set *Set) Check(diags *diag.List) {
	for _, v := range set.s.All() {
		for _, p := range v.Pages {
			if len(p.Doc.Shortcodes) == 0 {
				continue
			}
			// Positions are body-relative; the body starts at BodyLine.
			at := func(l, c int) (int, int) { return p.BodyLine + l - 1, c }
			for _, sc := range p.Doc.Shortcodes {
				def, ok := set.defs[sc.Name]
				if !ok {
					l, c := at(sc.Line, sc.Col)
					diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleUnknownShortcode,
						Message: fmt.Sprintf("unknown shortcode %q", sc.Name), Suggestion: diag.Suggest(sc.Name, set.Names())})
					continue
				}
				if def.Check != nil {
					for _, pr := range def.Check(p, sc) {
						l, c := at(sc.Line, sc.Col)
						for _, a := range sc.Args {
							if a.Name == pr.Arg {
								l, c = at(a.Line, a.Col)
							}
						}
						diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: pr.Rule, Message: pr.Message, Suggestion: pr.Suggestion})
					}
				}
				for _, a := range sc.Args {
					if !contains(def.Args, a.Name) {
						l, c := at(a.NameLine, a.NameCol)
						diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleUnknownShortcode,
							Message: fmt.Sprintf("shortcode %q has no argument %q", sc.Name, a.Name), Suggestion: diag.Suggest(a.Name, def.Args)})
					}
				}
			}
		}
	}
}

// Render implements render.Shortcodes.
func (set *Set) Render(p *site.Page, sc *markdown.Shortcode) []byte {
	def, ok := set.defs[sc.Name]
	if !ok || def.Render == nil {
		return nil
	}
	return def.Render(set.s, set.r, p, sc)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
