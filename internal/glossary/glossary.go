package glossary

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Term is one glossary entry as the site publishes it.
type Term struct {
	content.GlossaryEntry
	// Page is the glossary page that defines the term; URL is the
	// entry's address on it, with the site's base path.
	Page *site.Page
	URL  string
}

// Glossary is the terms of one version (the portal uses the latest
// version's).
type Glossary struct {
	Terms []*Term
	// forms are every way a page may write a term, longest first, so
	// "MDF claim" wins over "MDF" where both are terms.
	forms []form
	// byFirst lists, for each byte, the written forms (and their swapped
	// twins) that start with it: a page is searched for all of them in
	// one pass (anyIn).
	byFirst [256][]string
}

// form is one written form of a term, and the same with its first letter
// in the other case ("Co-sell" at the start of a sentence).
type form struct {
	text, swapped string
	term          *Term
}

// Set is the site's glossaries by version name.
type Set struct {
	byVersion map[string]*Glossary
	portal    *Glossary
}

// Collect gathers each version's glossary from its glossary pages, in
// page order, and warns about a term (or another form of one) that two
// entries define: the first stands. base is the site's base path, which
// the terms' addresses start with.
func Collect(s *site.Site, base string, diags *diag.List) *Set {
	set := &Set{byVersion: map[string]*Glossary{}}
	for _, v := range s.Versions {
		if g := collect(v, base, diags); g != nil {
			set.byVersion[v.Name] = g
			if v == s.Latest {
				set.portal = g
			}
		}
	}
	return set
}

func collect(v *site.Version, base string, diags *diag.List) *Glossary {
	g := &Glossary{}
	seen := map[string]*Term{}
	ids := map[string]map[string]bool{}
	for _, p := range v.Pages {
		if p.Kind != "glossary" {
			continue
		}
		for _, e := range p.Entries {
			t := &Term{GlossaryEntry: e, Page: p, URL: base + p.URL + "#" + e.ID}
			if ids[p.URL] == nil {
				ids[p.URL] = map[string]bool{}
			}
			if ids[p.URL][e.ID] {
				diags.Add(diag.Diagnostic{File: p.Source, Line: e.Pos.Line, Column: e.Pos.Column, Severity: diag.Warning, Rule: diag.RuleGlossaryDuplicate,
					Message: fmt.Sprintf("the anchor %q is another entry's on this page; give this one an id", e.ID)})
				continue
			}
			dup := false
			for _, f := range append([]string{e.Term}, e.Also...) {
				key := strings.ToLower(f)
				if first, ok := seen[key]; ok {
					diags.Add(diag.Diagnostic{File: p.Source, Line: e.Pos.Line, Column: e.Pos.Column, Severity: diag.Warning, Rule: diag.RuleGlossaryDuplicate,
						Message: fmt.Sprintf("%q is defined twice: also in %s line %d (%q); the first definition stands", f, first.Page.Source, first.Pos.Line, first.Term)})
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			ids[p.URL][e.ID] = true
			for _, f := range append([]string{e.Term}, e.Also...) {
				seen[strings.ToLower(f)] = t
				if f = strings.TrimSpace(f); f != "" {
					g.forms = append(g.forms, form{text: escapeText(f), swapped: escapeText(swapFirst(f)), term: t})
				}
			}
			g.Terms = append(g.Terms, t)
		}
	}
	if len(g.Terms) == 0 {
		return nil
	}
	sortForms(g.forms)
	g.index()
	return g
}

// sortForms puts longer forms first, so at one offset the longer term wins.
func sortForms(forms []form) {
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].text) > len(forms[j].text) })
}

// index fills byFirst from the forms.
func (g *Glossary) index() {
	for _, f := range g.forms {
		for _, w := range []string{f.text, f.swapped} {
			if w != "" && !slices.Contains(g.byFirst[w[0]], w) {
				g.byFirst[w[0]] = append(g.byFirst[w[0]], w)
			}
		}
	}
}

// For is the glossary that applies to a page of the version (the portal's
// is the latest version's); nil when there is none.
func (s *Set) For(version string) *Glossary {
	if s == nil {
		return nil
	}
	if version == "" {
		return s.portal
	}
	return s.byVersion[version]
}

// swapFirst is s with its first letter in the other case.
func swapFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsUpper(r):
		return string(unicode.ToLower(r)) + s[n:]
	case unicode.IsLower(r):
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

// escapeText is a term as it appears in HTML text: the tokenizer's text
// is matched as written, with & and < escaped.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// ListView is what the theme's glossary.html draws after a glossary
// page's text: the terms the page defines, in its order.
type ListView struct {
	Terms []*Term
}

// After lists a glossary page's terms after its text (render.Appender).
func (s *Set) After(p *site.Page) []site.Part {
	if p.Kind != "glossary" {
		return nil
	}
	var list ListView
	if g := s.For(p.Version); g != nil {
		for _, t := range g.Terms {
			if t.Page == p {
				list.Terms = append(list.Terms, t)
			}
		}
	}
	if len(list.Terms) == 0 {
		return nil
	}
	return []site.Part{{Partial: "glossary.html", Data: list}}
}

// Mark marks the first use of each term on a page of its version with the
// theme's glossary-term.html (render.Marker). A glossary page marks
// nothing: it is where the definitions are.
func (s *Set) Mark(p *site.Page, body []byte, d site.Drawer) ([]byte, error) {
	g := s.For(p.Version)
	if g == nil || p.Kind == "glossary" {
		return body, nil
	}
	return g.Mark(body, func(v View) ([]byte, error) {
		return d.Draw(site.Part{Partial: "glossary-term.html", Data: v})
	})
}
