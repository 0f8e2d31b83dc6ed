package model

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/yamlx"
	"gopkg.in/yaml.v3"
)

// Units a benefit value may carry.
var Units = []string{"percent", "USD", "EUR", "count", "hours", "days"}

type builder struct {
	s     *site.Site
	v     *site.Version
	m     *Model
	diags *diag.List
	// byKind indexes the pages of each kind by full id and by last segment.
	byKind map[string]map[string][]*site.Page
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

func (b *builder) dec(p *site.Page) *yamlx.Decoder {
	return &yamlx.Decoder{File: p.Source, LineOffset: p.FMLine, Diags: b.diags, SyntaxRule: diag.RuleFrontmatterSyntax, FieldRule: diag.RuleFrontmatterField}
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
		t.Requirements = b.requirements(t, "requirements")
		t.Keep = b.requirements(t, "keep")
	}
	for _, pr := range m.Programs {
		cumulate(pr)
	}
	b.designations()
	for _, c := range m.Certs {
		sort.SliceStable(c.Tiers, func(i, j int) bool {
			if c.Tiers[i].Program != c.Tiers[j].Program {
				return c.Tiers[i].Program.ID < c.Tiers[j].Program.ID
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
		_, list := c.Page.Key("prerequisites")
		for i, id := range c.Page.Prerequisites {
			if rp := b.ref(c.Page, itemNode(list, i), id, "certification", "prerequisite"); rp != nil {
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
			_, n := p.Key("program")
			if rp := b.ref(p, n, p.Program, "program", "program"); rp != nil {
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

func itemNode(list *yaml.Node, i int) *yaml.Node {
	list = yamlx.Resolve(list)
	if list != nil && list.Kind == yaml.SequenceNode && i < len(list.Content) {
		return list.Content[i]
	}
	return list
}

// ref resolves a reference from front matter to a page of a kind: by id,
// by alias, or by the last segment of an id when that is unambiguous
// among pages of the kind ("sales-associate" for
// "certifications/sales-associate"). Unknown references are reported at
// n; references to pages left out of this build are audience warnings.
// refKinds are the kinds ref looks up: the only ones byKind indexes.
var refKinds = map[string]bool{"program": true, "tier": true, "certification": true, "terms": true}

func (b *builder) ref(from *site.Page, n *yaml.Node, id, kind, what string) *site.Page {
	if p := b.v.Lookup(id); p != nil && p.Kind == kind {
		return p
	}
	if c := b.byKind[kind][id]; len(c) == 1 {
		return c[0]
	}
	if p := b.v.Lookup(id); p != nil && p.Broken {
		return nil // its front matter error is reported already
	}
	line, col := from.NodePos(yamlx.Resolve(n))
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

var reqKinds = []string{ReqCertification, ReqMetric, ReqTier, ReqText, ReqAnyOf}
var reqKeys = map[string][]string{
	ReqCertification: {"certification", "count", "label"},
	ReqMetric:        {"metric", "min", "unit", "window", "label"},
	ReqTier:          {"tier", "months", "label"},
	ReqText:          {"text", "label"},
	ReqAnyOf:         {"any_of", "label"},
}

// requirements reads a tier's list of requirements under key; nil when
// the key is absent.
func (b *builder) requirements(t *Tier, key string) []*Requirement {
	_, n := t.Page.Key(key)
	if n == nil {
		return nil
	}
	d := b.dec(t.Page)
	out := []*Requirement{}
	for _, item := range d.List(key, n) {
		if r := b.requirement(t, d, item, false); r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (b *builder) requirement(t *Tier, d *yamlx.Decoder, item *yaml.Node, nested bool) *Requirement {
	fields := d.Fields(item, "requirement")
	if fields == nil {
		return nil
	}
	var kinds []string
	for _, f := range fields {
		if _, ok := reqKeys[f.Key]; ok {
			kinds = append(kinds, f.Key)
		}
	}
	if len(kinds) == 0 {
		d.Errorf(yamlx.Resolve(item), "a requirement needs one of %s", strings.Join(reqKinds, ", "))
		return nil
	}
	if len(kinds) > 1 {
		d.Errorf(yamlx.Resolve(item), "a requirement has one kind; this one has %s (split it, or use any_of)", strings.Join(kinds, " and "))
		return nil
	}
	r := &Requirement{Kind: kinds[0]}
	allowed := reqKeys[r.Kind]
	ok := true
	for _, f := range fields {
		known := false
		for _, a := range allowed {
			if a == f.Key {
				known = true
			}
		}
		if !known {
			d.Unknown(f, r.Kind+" requirement", allowed)
			ok = false
			continue
		}
		var good bool
		switch f.Key {
		case "certification":
			r.CertID, good = d.String("certification", f.Value)
			if good {
				if rp := b.ref(t.Page, f.Value, r.CertID, "certification", "certification"); rp != nil {
					r.Cert = b.m.Cert(rp.ID)
					r.Cert.Tiers = appendTier(r.Cert.Tiers, t)
				}
			}
		case "count":
			r.Count, good = d.Int("count", f.Value)
		case "metric":
			r.Metric, good = d.String("metric", f.Value)
		case "min":
			r.Min, good = d.Float("min", f.Value)
		case "unit":
			r.Unit, good = d.String("unit", f.Value)
		case "window":
			r.Window, good = d.String("window", f.Value)
		case "tier":
			r.TierID, good = d.String("tier", f.Value)
			if good {
				if rp := b.ref(t.Page, f.Value, r.TierID, "tier", "tier"); rp != nil {
					r.Tier = b.m.Tier(rp.ID)
				}
			}
		case "months":
			r.Months, good = d.Int("months", f.Value)
			if good && r.Months < 1 {
				d.Errorf(yamlx.Resolve(f.Value), "months: must be 1 or more; leave it out to mean \"has reached the tier\"")
				good = false
			}
		case "label":
			r.Label, good = d.String("label", f.Value)
		case "text":
			r.Text, good = d.String("text", f.Value)
		case "any_of":
			if nested {
				d.Errorf(f.KeyN, "any_of cannot be nested inside any_of")
				return nil
			}
			good = true
			for _, alt := range d.List("any_of", f.Value) {
				if a := b.requirement(t, d, alt, true); a != nil {
					r.AnyOf = append(r.AnyOf, a)
				}
			}
			if len(r.AnyOf) < 2 {
				d.Errorf(f.KeyN, "any_of needs at least two alternatives")
				good = false
			}
		}
		ok = ok && good
	}
	if r.Kind == ReqCertification && r.Count == 0 {
		r.Count = 1
	}
	if !ok {
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
	d     *yamlx.Decoder
	keys  map[string][]*Tier
	names []string
}

func (b *builder) tierKeys(ben *Benefit, d *yamlx.Decoder) *tierKeys {
	tk := &tierKeys{b: b, ben: ben, d: d, keys: map[string][]*Tier{}}
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
func (tk *tierKeys) tiers(f yamlx.Field) []*Tier {
	ts := tk.keys[f.Key]
	if len(ts) == 0 && tk.b.hidden(f.Key) {
		return nil // a tier left out of this build: its value is not shown
	}
	p := tk.ben.Page
	switch {
	case len(ts) == 1 || (len(ts) > 1 && sameDesignation(ts)):
		return ts
	case len(ts) > 1:
		l, c := tk.d.Pos(f.KeyN)
		tk.b.diags.Errorf(p.Source, l, c, diag.RuleMatrixUnknownTier, "tier key %q is ambiguous among the benefit's programs; use the full tier id", f.Key)
	default:
		l, c := tk.d.Pos(f.KeyN)
		tk.b.diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleMatrixUnknownTier,
			Message: fmt.Sprintf("no tier %q in %s", f.Key, programNames(tk.ben.Programs)), Suggestion: diag.Suggest(f.Key, tk.names)})
	}
	return nil
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
	d := b.dec(p)
	if p.Program != "" {
		_, n := p.Key("program")
		if rp := b.ref(p, n, p.Program, "program", "program"); rp != nil {
			ben.Programs = append(ben.Programs, b.m.Program(rp.ID))
		}
	}
	_, plist := p.Key("programs")
	for i, id := range p.Programs {
		if rp := b.ref(p, itemNode(plist, i), id, "program", "program"); rp != nil {
			ben.Programs = append(ben.Programs, b.m.Program(rp.ID))
		}
	}
	if p.Program == "" && len(p.Programs) == 0 {
		d.Errorf(p.FrontMatter, "missing required key \"program\" or \"programs\"")
	}
	if p.Terms != "" {
		_, n := p.Key("terms")
		ben.Terms = b.ref(p, n, p.Terms, "terms", "terms")
	}
	b.requires(ben, d)
	tk := b.tierKeys(ben, d)
	valuesKey, valuesNode := p.Key("values")
	for _, f := range d.Fields(valuesNode, "values") {
		ts := tk.tiers(f)
		if len(ts) == 0 {
			continue
		}
		if v, ok := b.value(d, f.Value); ok {
			for _, t := range ts {
				ben.Values[t] = v
			}
		}
	}
	_, rvNode := p.Key("region_values")
	for _, rf := range d.Fields(rvNode, "region_values") {
		if !b.s.Config.HasRegion(rf.Key) {
			l, c := d.Pos(rf.KeyN)
			b.diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleUnknownRegion,
				Message: fmt.Sprintf("unknown region %q", rf.Key), Suggestion: diag.Suggest(rf.Key, b.s.Config.Regions)})
			continue
		}
		m := map[*Tier]Value{}
		for _, f := range d.Fields(rf.Value, "region_values."+rf.Key) {
			if ts := tk.tiers(f); len(ts) > 0 {
				if v, ok := b.value(d, f.Value); ok {
					for _, t := range ts {
						m[t] = v
					}
				}
			}
		}
		ben.Regions[rf.Key] = m
	}
	// Every tier of every program needs a value: a missing cell would
	// silently read as "not included".
	for _, pr := range ben.Programs {
		for _, t := range pr.Tiers {
			if _, ok := ben.Values[t]; ok {
				continue
			}
			n := valuesKey
			if n == nil {
				n = p.FrontMatter
			}
			l, c := d.Pos(n)
			b.diags.Errorf(p.Source, l, c, diag.RuleMatrixMissing, "no value for tier %s (%s) of %s", t.Short(), t.Title, pr.ID)
		}
		pr.Benefits = append(pr.Benefits, ben)
	}
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

var valueKeys = []string{"value", "unit", "note", "footnote", "min", "max", "per"}

func (b *builder) value(d *yamlx.Decoder, n *yaml.Node) (Value, bool) {
	n = yamlx.Resolve(n)
	switch n.Kind {
	case yaml.ScalarNode:
		return scalarValue(n)
	case yaml.MappingNode:
		var v Value
		hasValue := false
		ok := true
		for _, f := range d.Fields(n, "value") {
			switch f.Key {
			case "value":
				sv, good := scalarValue(yamlx.Resolve(f.Value))
				if !good {
					d.Errorf(yamlx.Resolve(f.Value), "value: expected true, false, a number or text")
					ok = false
				}
				v.Kind, v.Bool, v.Number, v.Text = sv.Kind, sv.Bool, sv.Number, sv.Text
				hasValue = true
			case "unit":
				u, good := d.OneOf("unit", f.Value, Units...)
				v.Unit, ok = u, ok && good
			case "note":
				v.Note, _ = d.String("note", f.Value)
			case "footnote":
				v.Footnote, _ = d.String("footnote", f.Value)
			case "min", "max":
				a, good := b.amount(d, f)
				ok = ok && good
				if f.Key == "min" {
					v.Min = a
				} else {
					v.Max = a
				}
			case "per":
				v.Per, _ = d.String("per", f.Value)
			default:
				d.Unknown(f, "a benefit value", valueKeys)
				ok = false
			}
		}
		if !hasValue {
			d.Errorf(n, "a benefit value written as a mapping needs \"value\"")
			return v, false
		}
		return v, ok
	}
	d.Errorf(n, "a benefit value is true, false, a number, text, or {value, unit, note, footnote}; got a list")
	return Value{}, false
}

// amount reads a limit: a number (in the value's unit) or {value, unit}.
func (b *builder) amount(d *yamlx.Decoder, f yamlx.Field) (*Amount, bool) {
	n := yamlx.Resolve(f.Value)
	if n.Kind == yaml.ScalarNode {
		x, ok := d.Float(f.Key, n)
		return &Amount{Number: x}, ok
	}
	a := &Amount{}
	ok, has := true, false
	for _, af := range d.Fields(n, f.Key) {
		switch af.Key {
		case "value":
			var good bool
			a.Number, good = d.Float(f.Key+".value", af.Value)
			ok, has = ok && good, true
		case "unit":
			u, good := d.OneOf(f.Key+".unit", af.Value, Units...)
			a.Unit, ok = u, ok && good
		default:
			d.Unknown(af, f.Key, []string{"value", "unit"})
			ok = false
		}
	}
	if !has {
		d.Errorf(n, "%s: needs \"value\"", f.Key)
		ok = false
	}
	return a, ok
}

// requires reads a benefit's eligibility conditions: certification ids,
// or {text: ...}.
func (b *builder) requires(ben *Benefit, d *yamlx.Decoder) {
	p := ben.Page
	_, n := p.Key("requires")
	if n == nil {
		return
	}
	for _, item := range d.List("requires", n) {
		item = yamlx.Resolve(item)
		if item.Kind == yaml.ScalarNode {
			r := &Requirement{Kind: ReqCertification, CertID: item.Value, Count: 1}
			if rp := b.ref(p, item, item.Value, "certification", "requires"); rp != nil {
				r.Cert = b.m.Cert(rp.ID)
			}
			ben.Requires = append(ben.Requires, r)
			continue
		}
		var r *Requirement
		for _, f := range d.Fields(item, "requires") {
			if f.Key != "text" {
				d.Unknown(f, "requires", []string{"text"})
				continue
			}
			if s, ok := d.String("requires.text", f.Value); ok && s != "" {
				r = &Requirement{Kind: ReqText, Text: s}
			}
		}
		if r != nil {
			ben.Requires = append(ben.Requires, r)
		} else {
			d.Errorf(item, "requires: each condition is a certification id or {text: ...}")
		}
	}
}

func scalarValue(n *yaml.Node) (Value, bool) {
	if n.Kind != yaml.ScalarNode {
		return Value{}, false
	}
	switch n.Tag {
	case "!!bool":
		return Value{Kind: "bool", Bool: strings.EqualFold(n.Value, "true")}, true
	case "!!int", "!!float":
		var f float64
		if _, err := fmt.Sscan(strings.ReplaceAll(n.Value, "_", ""), &f); err == nil {
			return Value{Kind: "number", Number: f}, true
		}
		return Value{}, false
	case "!!null":
		return Value{}, false
	}
	return Value{Kind: "text", Text: n.Value}, true
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
// and playbooks' programs. Each may name another version with id@version.
func checkReferences(s *site.Site, diags *diag.List) {
	for _, v := range s.All() {
		for _, p := range v.Pages {
			switch p.Kind {
			case "announcement":
				_, list := p.Key("affects")
				for i, id := range p.Affects {
					checkRef(s, v, p, itemNode(list, i), id, "", "affects", diags)
				}
			case "terms":
				if p.Supersedes != "" {
					_, n := p.Key("supersedes")
					checkRef(s, v, p, n, p.Supersedes, "terms", "supersedes", diags)
				}
			case "playbook":
				_, list := p.Key("programs")
				for i, id := range p.Programs {
					checkRef(s, v, p, itemNode(list, i), id, "program", "programs", diags)
				}
			}
		}
	}
}

func checkRef(s *site.Site, v *site.Version, p *site.Page, n *yaml.Node, ref, kind, what string, diags *diag.List) {
	id, ver, cross := strings.Cut(ref, "@")
	tv := v
	if cross {
		tv = s.Version(ver)
	} else if v.Name == "" {
		tv = s.Latest
	}
	line, col := p.NodePos(yamlx.Resolve(n))
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
