package model

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Units a benefit value may carry.
var Units = content.ValueUnits

type builder struct {
	s     *site.Site
	v     *site.Version
	m     *Model
	diags *diag.List
	// byKind indexes the pages of each kind by full id and by last segment.
	byKind map[string]map[string][]*site.Page
	// desigRefs are the requirements that name a designation, with its
	// id, until the designations are read.
	desigRefs []desigRef
}

type desigRef struct {
	r  *Requirement
	id string
}

// Build resolves the model of every version and reports what does not
// resolve. It never stops at the first problem.
func Build(s *site.Site, diags *diag.List) map[string]*Model {
	out := map[string]*Model{}
	for _, v := range s.Versions {
		out[v.Name] = buildVersion(s, v, diags)
	}
	checkReferences(s, diags)
	return out
}

func buildVersion(s *site.Site, v *site.Version, diags *diag.List) *Model {
	m := &Model{Version: v, byID: map[string]any{}}
	b := &builder{s: s, v: v, m: m, diags: diags, byKind: map[string]map[string][]*site.Page{}}
	b.index()
	// Programs and certifications first: tiers and benefits point at them.
	b.programsAndCerts()
	b.cycles()
	tiers := b.tiers()
	b.rankTiers()
	// Requirements need every tier to exist first (tier-time references).
	for _, t := range tiers {
		t.Requirements = b.requirements(t, t.Page.Requirements)
		t.Keep = b.requirements(t, t.Page.Keep)
	}
	for _, pr := range m.Programs {
		cumulate(pr)
	}
	b.designations()
	for _, d := range b.desigRefs {
		d.r.Desig = m.Designation(d.id)
	}
	for _, c := range m.Certs {
		// A tier whose program is unknown (reported) has none: it sorts
		// first rather than stopping the run.
		progID := func(t *Tier) string {
			if t.Program == nil {
				return ""
			}
			return t.Program.ID
		}
		sort.SliceStable(c.Tiers, func(i, j int) bool {
			if c.Tiers[i].Program != c.Tiers[j].Program {
				return progID(c.Tiers[i]) < progID(c.Tiers[j])
			}
			return c.Tiers[i].Rank < c.Tiers[j].Rank
		})
	}
	for _, p := range v.Pages {
		if p.Kind == "benefit" {
			b.benefit(p)
		}
	}
	for _, pr := range m.Programs {
		sort.SliceStable(pr.Benefits, func(i, j int) bool {
			gi, gj := groupRank(pr.Benefits[i].Group), groupRank(pr.Benefits[j].Group)
			if gi != gj {
				return gi < gj
			}
			if pr.Benefits[i].Group != pr.Benefits[j].Group {
				return pr.Benefits[i].Group < pr.Benefits[j].Group
			}
			return site.LessPages(pr.Benefits[i].Page, pr.Benefits[j].Page)
		})
	}
	// Paths last: their steps point at pages of every kind.
	b.paths()
	return m
}

// index files the pages that references name by kind and id, under their
// full id and their last segment.
func (b *builder) index() {
	for _, p := range b.v.Pages {
		if !refKinds[p.Kind] {
			// Guides and playbooks are never referred to by kind: most
			// pages of a site, indexed for nothing on every rebuild.
			continue
		}
		k := b.byKind[p.Kind]
		if k == nil {
			k = map[string][]*site.Page{}
			b.byKind[p.Kind] = k
		}
		k[p.ID] = append(k[p.ID], p)
		if short := lastSegment(p.ID); short != p.ID {
			k[short] = append(k[short], p)
		}
	}
}

func (b *builder) programsAndCerts() {
	m := b.m
	for _, p := range b.v.Pages {
		switch p.Kind {
		case "program":
			pr := &Program{Page: p, ID: p.ID, Title: p.Title, Type: p.Type}
			m.Programs = append(m.Programs, pr)
			m.byID[p.ID] = pr
		case "certification":
			c := &Certification{Page: p, ID: p.ID, Title: p.Title, Track: p.Track, Level: p.Level, Hours: p.DurationHours, Validity: p.ValidityMonths, Exam: p.Exam}
			m.Certs = append(m.Certs, c)
			m.byID[p.ID] = c
		}
	}
	sort.SliceStable(m.Programs, func(i, j int) bool { return site.LessPages(m.Programs[i].Page, m.Programs[j].Page) })
	for _, c := range m.Certs {
		for i, id := range c.Page.Prerequisites {
			if rp := b.ref(c.Page, c.Page.ItemPos("prerequisites", i), id, "certification", "prerequisite"); rp != nil {
				pre := m.Cert(rp.ID)
				c.Prerequisites = append(c.Prerequisites, pre)
				pre.RequiredBy = append(pre.RequiredBy, c)
			}
		}
	}
}

// tiers makes the version's tiers and files each under its program.
func (b *builder) tiers() []*Tier {
	m := b.m
	var tiers []*Tier
	for _, p := range b.v.Pages {
		if p.Kind != "tier" {
			continue
		}
		t := &Tier{Page: p, ID: p.ID, Title: p.Title, Rank: p.Rank, Entry: p.Entry}
		m.byID[p.ID] = t
		tiers = append(tiers, t)
		if p.Program != "" {
			if rp := b.ref(p, p.RefPos("program"), p.Program, "program", "program"); rp != nil {
				t.Program = m.Program(rp.ID)
			}
		}
	}
	for _, t := range tiers {
		if t.Program != nil {
			t.Program.Tiers = append(t.Program.Tiers, t)
		}
	}
	return tiers
}

// rankTiers orders each program's tiers and reports ranks that clash or
// are below 1, and programs without tiers.
func (b *builder) rankTiers() {
	diags := b.diags
	for _, pr := range b.m.Programs {
		sort.SliceStable(pr.Tiers, func(i, j int) bool {
			if pr.Tiers[i].Rank != pr.Tiers[j].Rank {
				return pr.Tiers[i].Rank < pr.Tiers[j].Rank
			}
			return pr.Tiers[i].ID < pr.Tiers[j].ID
		})
		seen := map[int]*Tier{}
		for _, t := range pr.Tiers {
			if prev, ok := seen[t.Rank]; ok {
				l, c := t.Page.KeyPos("rank")
				diags.Errorf(t.Page.Source, l, c, diag.RuleDuplicateRank, "rank %d is also the rank of %s in %s", t.Rank, prev.ID, pr.ID)
			}
			seen[t.Rank] = t
			if t.Rank < 1 {
				l, c := t.Page.KeyPos("rank")
				diags.Errorf(t.Page.Source, l, c, diag.RuleFrontmatterField, "rank: must be 1 or more (1 is the entry tier)")
			}
		}
		if len(pr.Tiers) == 0 {
			diags.Warnf(pr.Page.Source, pr.Page.FMLine+1, 1, diag.RuleUnknownRef, "program %s has no tiers: no tier page names it in \"program\"", pr.ID)
		}
	}
}

func groupRank(g string) int {
	for i, x := range GroupOrder {
		if strings.EqualFold(x, g) {
			return i
		}
	}
	return len(GroupOrder)
}

// ref resolves a reference from front matter to a page of a kind: by id,
// by alias, or by the last segment of an id when that is unambiguous
// among pages of the kind ("sales-associate" for
// "certifications/sales-associate"). Unknown references are reported at
// at; references to pages left out of this build are audience warnings.
// refKinds are the kinds ref looks up: the only ones byKind indexes.
var refKinds = map[string]bool{"program": true, "tier": true, "certification": true, "terms": true, "designation": true, "benefit": true}

func (b *builder) ref(from *site.Page, at content.Pos, id, kind, what string) *site.Page {
	if p := b.v.Lookup(id); p != nil && p.Kind == kind {
		return p
	}
	if c := b.byKind[kind][id]; len(c) == 1 {
		return c[0]
	}
	if p := b.v.Lookup(id); p != nil && p.Broken {
		return nil // its front matter error is reported already
	}
	line, col := at.Line, at.Column
	if b.hidden(id) {
		b.diags.Warnf(from.Source, line, col, diag.RuleAudienceLink, "%s %q is left out of this build", what, id)
		return nil
	}
	var cands []string
	for k := range b.byKind[kind] {
		cands = append(cands, k)
	}
	sort.Strings(cands)
	msg := fmt.Sprintf("%s %q: no %s page with that id in %s", what, id, kind, b.v.Name)
	if p := b.v.Lookup(id); p != nil {
		msg = fmt.Sprintf("%s %q is a %s page, not a %s", what, id, p.Kind, kind)
	} else if c := b.byKind[kind][id]; len(c) > 1 {
		msg = fmt.Sprintf("%s %q is ambiguous: %s and %s both end in it; write the full id", what, id, c[0].ID, c[1].ID)
	}
	b.diags.Add(diag.Diagnostic{File: from.Source, Line: line, Column: col, Severity: diag.Error, Rule: diag.RuleUnknownRef,
		Message: msg, Suggestion: diag.Suggest(id, cands)})
	return nil
}

func (b *builder) hidden(id string) bool {
	if _, ok := b.v.Hidden[id]; ok {
		return true
	}
	for hid := range b.v.Hidden {
		if lastSegment(hid) == id {
			return true
		}
	}
	return false
}

// requirements resolves a list of requirements as written; nil when
// the key is absent. Items that could not be read are left out, after
// the ids they name are checked.
func (b *builder) requirements(t *Tier, list []content.Requirement) []*Requirement {
	if list == nil {
		return nil
	}
	out := []*Requirement{}
	for i := range list {
		if r := b.requirement(t, &list[i]); r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (b *builder) requirement(t *Tier, in *content.Requirement) *Requirement {
	r := &Requirement{Kind: in.Kind, CertID: in.Certification, Count: in.Count, Metric: in.Metric, Min: in.Min, Unit: in.Unit, Window: in.Window,
		TierID: in.Tier, DesigID: in.Designation, Months: in.Months, Text: in.Text, Label: in.Label}
	switch {
	case in.Kind == ReqCertification && in.Certification != "":
		if rp := b.ref(t.Page, in.RefPos, in.Certification, "certification", "certification"); rp != nil {
			r.Cert = b.m.Cert(rp.ID)
			r.Cert.Tiers = appendTier(r.Cert.Tiers, t)
		}
	case in.Kind == ReqTier && in.Tier != "":
		if rp := b.ref(t.Page, in.RefPos, in.Tier, "tier", "tier"); rp != nil {
			r.Tier = b.m.Tier(rp.ID)
		}
	case in.Kind == ReqDesignation && in.Designation != "":
		// Designations are read after the tiers' requirements (their
		// columns need ranked tiers): the page now, the designation once
		// it exists (linkDesignations).
		if rp := b.ref(t.Page, in.RefPos, in.Designation, "designation", "designation"); rp != nil {
			b.desigRefs = append(b.desigRefs, desigRef{r, rp.ID})
		}
	}
	for i := range in.AnyOf {
		if a := b.requirement(t, &in.AnyOf[i]); a != nil {
			r.AnyOf = append(r.AnyOf, a)
		}
	}
	if !in.Valid {
		return nil
	}
	return r
}

func appendTier(list []*Tier, t *Tier) []*Tier {
	for _, x := range list {
		if x == t {
			return list
		}
	}
	return append(list, t)
}

// tierKeys finds the columns a benefit's value keys name: tier and
// designation ids, or their last segments unambiguous among the benefit's
// programs. A designation in several of them is one key for all its
// columns.
type tierKeys struct {
	b     *builder
	ben   *Benefit
	keys  map[string][]*Tier
	names []string
}

func (b *builder) tierKeys(ben *Benefit) *tierKeys {
	tk := &tierKeys{b: b, ben: ben, keys: map[string][]*Tier{}}
	for _, pr := range ben.Programs {
		for _, t := range pr.Tiers {
			tk.add(t)
		}
		for _, t := range pr.Designations {
			tk.add(t)
		}
	}
	sort.Strings(tk.names)
	return tk
}

func (tk *tierKeys) add(t *Tier) {
	tk.keys[t.ID] = append(tk.keys[t.ID], t)
	if t.Short() != t.ID {
		tk.keys[t.Short()] = append(tk.keys[t.Short()], t)
	}
	tk.names = append(tk.names, t.Short())
}

// tiers returns the columns a key names, or nil after reporting why none.
func (tk *tierKeys) tiers(e content.ValueEntry) []*Tier {
	ts := tk.keys[e.Key]
	if len(ts) == 0 && tk.b.hidden(e.Key) {
		return nil // a tier left out of this build: its value is not shown
	}
	if len(ts) == 0 && tk.b.orphanTier(e.Key) {
		// The tier exists but names a program that does not: that one
		// error is reported on the tier, not again on every benefit.
		return nil
	}
	p := tk.ben.Page
	switch {
	case len(ts) == 1 || (len(ts) > 1 && sameDesignation(ts)):
		return ts
	case len(ts) > 1:
		tk.b.diags.Errorf(p.Source, e.KeyPos.Line, e.KeyPos.Column, diag.RuleMatrixUnknownTier, "tier key %q is ambiguous among the benefit's programs; use the full tier id", e.Key)
	default:
		tk.b.diags.Add(diag.Diagnostic{File: p.Source, Line: e.KeyPos.Line, Column: e.KeyPos.Column, Severity: diag.Error, Rule: diag.RuleMatrixUnknownTier,
			Message: fmt.Sprintf("no tier %q in %s", e.Key, programNames(tk.ben.Programs)), Suggestion: diag.Suggest(e.Key, tk.names)})
	}
	return nil
}

// orphanTier reports a tier page of the version, by id or last
// segment, whose program reference did not resolve.
func (b *builder) orphanTier(key string) bool {
	pages := b.byKind["tier"][key]
	if p := b.v.Lookup(key); p != nil && p.Kind == "tier" {
		pages = append(pages, p)
	}
	for _, p := range pages {
		if t, ok := b.m.byID[p.ID].(*Tier); ok && t.Program == nil && p.Program != "" {
			return true
		}
	}
	return false
}

// sameDesignation reports columns that are all one designation's.
func sameDesignation(ts []*Tier) bool {
	for _, t := range ts {
		if t.Designation == nil || t.Designation != ts[0].Designation {
			return false
		}
	}
	return true
}

func (b *builder) benefit(p *site.Page) {
	ben := &Benefit{Page: p, ID: p.ID, Title: p.Title, Group: p.Group, Values: map[*Tier]Value{}, Regions: map[string]map[*Tier]Value{}}
	if ben.Group == "" {
		ben.Group = "Other"
	}
	b.m.byID[p.ID] = ben
	if p.Program != "" {
		if rp := b.ref(p, p.RefPos("program"), p.Program, "program", "program"); rp != nil {
			ben.Programs = append(ben.Programs, b.m.Program(rp.ID))
		}
	}
	for i, id := range p.Programs {
		if rp := b.ref(p, p.ItemPos("programs", i), id, "program", "program"); rp != nil {
			ben.Programs = append(ben.Programs, b.m.Program(rp.ID))
		}
	}
	if p.Program == "" && len(p.Programs) == 0 {
		st := p.Start()
		b.diags.Errorf(p.Source, st.Line, st.Column, diag.RuleFrontmatterField, "missing required key \"program\" or \"programs\"")
	}
	if p.Terms != "" {
		ben.Terms = b.ref(p, p.RefPos("terms"), p.Terms, "terms", "terms")
	}
	b.requires(ben)
	tk := b.tierKeys(ben)
	for _, e := range b.current(p.Values) {
		if ts := tk.tiers(e); len(ts) > 0 && e.Valid {
			for _, t := range ts {
				ben.Values[t] = e.Value
			}
		}
	}
	for _, rv := range p.RegionValues {
		m := map[*Tier]Value{}
		for _, e := range b.current(rv.Values) {
			if ts := tk.tiers(e); len(ts) > 0 && e.Valid {
				for _, t := range ts {
					m[t] = e.Value
				}
			}
		}
		ben.Regions[rv.Region] = m
	}
	// Every tier of every program needs a value: a missing cell would
	// silently read as "not included".
	for _, pr := range ben.Programs {
		for _, t := range pr.Tiers {
			if _, ok := ben.Values[t]; ok {
				continue
			}
			b.diags.Errorf(p.Source, p.ValuesKey.Line, p.ValuesKey.Column, diag.RuleMatrixMissing, "no value for tier %s (%s) of %s", t.Short(), t.Title, pr.ID)
		}
		pr.Benefits = append(pr.Benefits, ben)
	}
}

// current keeps one value per key, by the build's day: the value that
// runs that day, else the next to start (it says from when), else, when
// every dated value of the key has ended, "not included" (the value has
// left the matrix; the key still has its cell).
func (b *builder) current(vals []content.ValueEntry) []content.ValueEntry {
	today := ""
	if b.s.Content != nil {
		today = b.s.Content.Today
	}
	var keys []string
	byKey := map[string][]content.ValueEntry{}
	for _, e := range vals {
		if _, ok := byKey[e.Key]; !ok {
			keys = append(keys, e.Key)
		}
		byKey[e.Key] = append(byKey[e.Key], e)
	}
	out := make([]content.ValueEntry, 0, len(keys))
	for _, k := range keys {
		es := byKey[k]
		if today == "" || (len(es) == 1 && es[0].Value.Starts == "" && es[0].Value.Ends == "") {
			out = append(out, es[0])
			continue
		}
		var now, next *content.ValueEntry
		for i := range es {
			v := es[i].Value
			switch {
			case (v.Starts == "" || v.Starts <= today) && (v.Ends == "" || v.Ends >= today):
				now = &es[i]
			case v.Starts > today && (next == nil || v.Starts < next.Value.Starts):
				next = &es[i]
			}
		}
		switch {
		case now != nil:
			out = append(out, *now)
		case next != nil:
			out = append(out, *next)
		default:
			ended := es[len(es)-1]
			ended.Value = content.Value{Kind: "bool", Bool: false}
			out = append(out, ended)
		}
	}
	return out
}

func programNames(ps []*Program) string {
	var names []string
	for _, p := range ps {
		names = append(names, p.ID)
	}
	if len(names) == 0 {
		return "the benefit's programs"
	}
	return strings.Join(names, ", ")
}

// requires resolves a benefit's eligibility conditions.
func (b *builder) requires(ben *Benefit) {
	p := ben.Page
	for _, c := range p.Requires {
		if c.Text != "" {
			ben.Requires = append(ben.Requires, &Requirement{Kind: ReqText, Text: c.Text})
			continue
		}
		r := &Requirement{Kind: ReqCertification, CertID: c.Certification, Count: 1}
		if rp := b.ref(p, c.RefPos, c.Certification, "certification", "requires"); rp != nil {
			r.Cert = b.m.Cert(rp.ID)
		}
		ben.Requires = append(ben.Requires, r)
	}
}

// cycles reports each prerequisite cycle once, naming all of it.
func (b *builder) cycles() {
	state := map[*Certification]int{} // 0 new, 1 on stack, 2 done
	var stack []*Certification
	reported := map[string]bool{}
	var visit func(c *Certification)
	visit = func(c *Certification) {
		state[c] = 1
		stack = append(stack, c)
		for _, p := range c.Prerequisites {
			switch state[p] {
			case 0:
				visit(p)
			case 1:
				var cyc []*Certification
				for i := len(stack) - 1; i >= 0; i-- {
					cyc = append([]*Certification{stack[i]}, cyc...)
					if stack[i] == p {
						break
					}
				}
				// Start the cycle at its smallest id so it is named the
				// same way whichever node the walk entered by.
				min := 0
				for i, x := range cyc {
					if x.ID < cyc[min].ID {
						min = i
					}
				}
				cyc = append(cyc[min:], cyc[:min]...)
				var names []string
				for _, x := range cyc {
					names = append(names, x.ID)
				}
				key := strings.Join(names, ">")
				if !reported[key] {
					reported[key] = true
					first := cyc[0]
					l, col := first.Page.KeyPos("prerequisites")
					b.diags.Errorf(first.Page.Source, l, col, diag.RulePrerequisiteCycle, "prerequisites form a cycle: %s → %s", strings.Join(names, " → "), names[0])
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[c] = 2
	}
	for _, c := range b.m.Certs {
		if state[c] == 0 {
			visit(c)
		}
	}
}

// checkReferences validates the front-matter references that are not part
// of the program model proper: announcements' affects, terms' supersedes
// and the programs of playbooks and events. Each may name another version with id@version.
func checkReferences(s *site.Site, diags *diag.List) {
	for _, v := range s.All() {
		for _, p := range v.Pages {
			switch p.Kind {
			case "announcement":
				for i, id := range p.Affects {
					checkRef(s, v, p, p.ItemPos("affects", i), id, "", "affects", diags)
				}
			case "terms":
				if p.Supersedes != "" {
					checkRef(s, v, p, p.RefPos("supersedes"), p.Supersedes, "terms", "supersedes", diags)
				}
			case "playbook", "event":
				for i, id := range p.Programs {
					checkRef(s, v, p, p.ItemPos("programs", i), id, "program", "programs", diags)
				}
			}
		}
	}
}

func checkRef(s *site.Site, v *site.Version, p *site.Page, at content.Pos, ref, kind, what string, diags *diag.List) {
	id, ver, cross := strings.Cut(ref, "@")
	tv := v
	if cross {
		tv = s.Version(ver)
	} else if v.Name == "" {
		tv = s.Latest
	}
	line, col := at.Line, at.Column
	if tv == nil {
		var names []string
		for _, x := range s.Versions {
			names = append(names, x.Name)
		}
		diags.Add(diag.Diagnostic{File: p.Source, Line: line, Column: col, Severity: diag.Error, Rule: diag.RuleUnknownVersion,
			Message: fmt.Sprintf("%s: no version %q", what, ver), Suggestion: diag.Suggest(ver, names)})
		return
	}
	target := tv.Lookup(id)
	if target == nil && v.Name == "" && !cross && s.Portal != nil {
		target = s.Portal.Lookup(id)
	}
	if target == nil {
		if _, ok := tv.Hidden[id]; ok {
			diags.Warnf(p.Source, line, col, diag.RuleAudienceLink, "%s: %q is left out of this build", what, ref)
			return
		}
		var ids []string
		for x := range tv.ByID {
			ids = append(ids, x)
		}
		sort.Strings(ids)
		diags.Add(diag.Diagnostic{File: p.Source, Line: line, Column: col, Severity: diag.Error, Rule: diag.RuleUnknownRef,
			Message: fmt.Sprintf("%s: no page %q in %s", what, id, versionName(tv)), Suggestion: diag.Suggest(id, ids)})
		return
	}
	if kind != "" && target.Kind != kind && !target.Broken {
		diags.Errorf(p.Source, line, col, diag.RuleUnknownRef, "%s: %q is a %s page, not a %s", what, ref, target.Kind, kind)
	}
}

func versionName(v *site.Version) string {
	if v.Name == "" {
		return "the portal"
	}
	return "version " + v.Name
}
