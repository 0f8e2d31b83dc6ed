package content

import (
	"fmt"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/yamlx"
	yaml "go.yaml.in/yaml/v3"
)

// The program model's keys (requirements, keep, values, region_values,
// requires), decoded here into typed values with the positions the model
// needs for its findings, so the YAML tree is read once and let go when
// the page is parsed. The model resolves the ids they name.

// Pos is a position in a page's file: 1-based line and column.
type Pos struct{ Line, Column int }

// Requirement kinds.
var RequirementKinds = []string{"certification", "metric", "tier", "designation", "text", "any_of"}

var requirementKeys = map[string][]string{
	"certification": {"certification", "count", "label"},
	"metric":        {"metric", "min", "unit", "window", "label"},
	"tier":          {"tier", "months", "label"},
	"designation":   {"designation", "label"},
	"text":          {"text", "label"},
	"any_of":        {"any_of", "label"},
}

// Requirement is one item of a tier's or designation's requirements or
// keep, as written. Invalid items are kept (Valid false) so the ids they
// name are still checked.
type Requirement struct {
	Kind          string
	Certification string
	Count         int
	Metric        string
	Min           float64
	Unit          string
	Window        string
	Tier          string
	Designation   string // a designation the partner holds
	Months        int
	Text          string
	Label         string
	AnyOf         []Requirement
	// RefPos is where the certification, tier or designation id is
	// written.
	RefPos Pos
	Valid  bool
}

// Value is a benefit value as written.
type Value struct {
	Kind     string // bool, number, text
	Bool     bool
	Number   float64
	Text     string
	Unit     string
	Note     string
	Footnote string
	Min, Max *Amount
	Per      string
	// Starts and Ends (YYYY-MM-DD, both days included) date a value that
	// runs for a period: a quarter's rebate. A tier may have a list of
	// them, one per period.
	Starts, Ends string
}

// Amount is a limit of a value: a number with its unit ("" for the
// value's own).
type Amount struct {
	Number float64
	Unit   string
}

// ValueEntry is one key of a benefit's values: a tier or designation id
// (or its last segment) and the value, when it could be read.
type ValueEntry struct {
	Key    string
	KeyPos Pos
	Value  Value
	Valid  bool
}

// RegionValues are a benefit's values in one configured region.
type RegionValues struct {
	Region string
	Values []ValueEntry
}

// Condition is one of a benefit's requires: a certification id, or text.
type Condition struct {
	Certification string
	Text          string
	RefPos        Pos
}

// ValueUnits are the units a benefit value may carry.
var ValueUnits = []string{"percent", "USD", "EUR", "count", "hours", "days"}

// programKey decodes one of the program model's keys.
func (fp *fmParser) programKey(f yamlx.Field) {
	d, p := fp.d, fp.p
	switch f.Key {
	case "requirements":
		p.Requirements = fp.requirementList(f)
	case "keep":
		p.Keep = fp.requirementList(f)
	case "values":
		l, c := d.Pos(f.KeyN)
		p.ValuesKey = Pos{l, c}
		for _, vf := range d.Fields(f.Value, "values") {
			p.Values = append(p.Values, fp.valueEntries(vf)...)
		}
	case "region_values":
		for _, rf := range d.Fields(f.Value, "region_values") {
			if !fp.cfg.HasRegion(rf.Key) {
				l, c := d.Pos(rf.KeyN)
				fp.diags.Add(diag.Diagnostic{File: p.Source, Line: l, Column: c, Severity: diag.Error, Rule: diag.RuleUnknownRegion,
					Message: fmt.Sprintf("unknown region %q", rf.Key), Suggestion: diag.Suggest(rf.Key, fp.cfg.Regions)})
				continue
			}
			rv := RegionValues{Region: rf.Key, Values: []ValueEntry{}}
			for _, vf := range d.Fields(rf.Value, "region_values."+rf.Key) {
				rv.Values = append(rv.Values, fp.valueEntries(vf)...)
			}
			p.RegionValues = append(p.RegionValues, rv)
		}
	case "requires":
		fp.requires(f)
	}
}

func (fp *fmParser) pos(n *yaml.Node) Pos {
	l, c := fp.d.Pos(yamlx.Resolve(n))
	return Pos{l, c}
}

// requirementList reads a list of requirements: empty, not nil, when the
// key is there.
func (fp *fmParser) requirementList(f yamlx.Field) []Requirement {
	out := []Requirement{}
	for _, item := range fp.d.List(f.Key, f.Value) {
		if r, ok := fp.requirement(item, false); ok {
			out = append(out, r)
		}
	}
	return out
}

// requirement reads one item; ok is false when it has no single kind
// (nothing of it can be used).
func (fp *fmParser) requirement(item *yaml.Node, nested bool) (Requirement, bool) {
	d := fp.d
	fields := d.Fields(item, "requirement")
	if fields == nil {
		return Requirement{}, false
	}
	var kinds []string
	for _, f := range fields {
		if _, ok := requirementKeys[f.Key]; ok {
			kinds = append(kinds, f.Key)
		}
	}
	if len(kinds) == 0 {
		d.Errorf(yamlx.Resolve(item), "a requirement needs one of %s", strings.Join(RequirementKinds, ", "))
		return Requirement{}, false
	}
	if len(kinds) > 1 {
		d.Errorf(yamlx.Resolve(item), "a requirement has one kind; this one has %s (split it, or use any_of)", strings.Join(kinds, " and "))
		return Requirement{}, false
	}
	r := Requirement{Kind: kinds[0], Valid: true}
	allowed := requirementKeys[r.Kind]
	for _, f := range fields {
		if !contains(allowed, f.Key) {
			d.Unknown(f, r.Kind+" requirement", allowed)
			r.Valid = false
			continue
		}
		if !fp.requirementField(&r, f, nested) {
			r.Valid = false
		}
		if f.Key == "any_of" && nested {
			return r, true
		}
	}
	if r.Kind == "certification" && r.Count == 0 {
		r.Count = 1
	}
	return r, true
}

func (fp *fmParser) requirementField(r *Requirement, f yamlx.Field, nested bool) bool {
	d := fp.d
	var good bool
	switch f.Key {
	case "certification":
		r.Certification, good = d.String("certification", f.Value)
		r.RefPos = fp.pos(f.Value)
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
		r.Tier, good = d.String("tier", f.Value)
		r.RefPos = fp.pos(f.Value)
	case "designation":
		r.Designation, good = d.String("designation", f.Value)
		r.RefPos = fp.pos(f.Value)
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
			return false
		}
		good = true
		for _, alt := range d.List("any_of", f.Value) {
			if a, ok := fp.requirement(alt, true); ok {
				r.AnyOf = append(r.AnyOf, a)
			}
		}
		valid := 0
		for _, a := range r.AnyOf {
			if a.Valid {
				valid++
			}
		}
		if valid < 2 {
			d.Errorf(f.KeyN, "any_of needs at least two alternatives")
			good = false
		}
	}
	return good
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var valueKeys = []string{"value", "unit", "note", "footnote", "min", "max", "per", "starts", "ends"}

func (fp *fmParser) valueEntry(f yamlx.Field) ValueEntry {
	l, c := fp.d.Pos(f.KeyN)
	v, ok := fp.value(f.Value)
	return ValueEntry{Key: f.Key, KeyPos: Pos{l, c}, Value: v, Valid: ok}
}

// valueEntries reads one key of values: a value, or a list of dated
// values for one key, one per period, which must not overlap (each is
// reported at its item's line when it does, and left out).
func (fp *fmParser) valueEntries(f yamlx.Field) []ValueEntry {
	n := yamlx.Resolve(f.Value)
	if n.Kind != yaml.SequenceNode {
		return []ValueEntry{fp.valueEntry(f)}
	}
	dated := false
	for _, item := range n.Content {
		if it := yamlx.Resolve(item); it.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(it.Content); i += 2 {
				if k := it.Content[i].Value; k == "starts" || k == "ends" {
					dated = true
				}
			}
		}
	}
	if !dated {
		fp.d.Errorf(n, "values.%s: a benefit value is true, false, a number, text, {value, unit, note, footnote}, or a list of dated values (each with starts or ends)", f.Key)
		return nil
	}
	var out []ValueEntry
	for _, item := range n.Content {
		v, ok := fp.value(item)
		at := fp.pos(item)
		if ok && v.Starts == "" && v.Ends == "" {
			fp.d.Errorf(yamlx.Resolve(item), "values.%s: in a list of values each one is dated (starts, ends)", f.Key)
			continue
		}
		if ok {
			for _, prev := range out {
				if overlap(prev.Value, v) {
					fp.d.Errorf(yamlx.Resolve(item), "values.%s: %s overlaps %s (line %d); a tier has one value at a time", f.Key, period(v), period(prev.Value), prev.KeyPos.Line)
					ok = false
					break
				}
			}
		}
		if ok {
			out = append(out, ValueEntry{Key: f.Key, KeyPos: at, Value: v, Valid: true})
		}
	}
	return out
}

// overlap reports whether two dated values share a day (an absent starts
// is the beginning of time, an absent ends its end).
func overlap(a, b Value) bool {
	lo := func(v Value) string { return v.Starts }
	hi := func(v Value) string {
		if v.Ends == "" {
			return "9999-12-31"
		}
		return v.Ends
	}
	return lo(a) <= hi(b) && lo(b) <= hi(a)
}

func period(v Value) string {
	switch {
	case v.Starts != "" && v.Ends != "":
		return v.Starts + " to " + v.Ends
	case v.Starts != "":
		return "from " + v.Starts
	case v.Ends != "":
		return "until " + v.Ends
	}
	return "always"
}

func (fp *fmParser) value(n *yaml.Node) (Value, bool) {
	d := fp.d
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
				u, good := d.OneOf("unit", f.Value, ValueUnits...)
				v.Unit, ok = u, ok && good
			case "note":
				v.Note, _ = d.String("note", f.Value)
			case "footnote":
				v.Footnote, _ = d.String("footnote", f.Value)
			case "min", "max":
				a, good := fp.amount(f)
				ok = ok && good
				if f.Key == "min" {
					v.Min = a
				} else {
					v.Max = a
				}
			case "per":
				v.Per, _ = d.String("per", f.Value)
			case "starts":
				v.Starts, _ = d.Date("starts", f.Value)
			case "ends":
				v.Ends, _ = d.Date("ends", f.Value)
			default:
				d.Unknown(f, "a benefit value", valueKeys)
				ok = false
			}
		}
		if !hasValue {
			d.Errorf(n, "a benefit value written as a mapping needs \"value\"")
			return v, false
		}
		if v.Starts != "" && v.Ends != "" && v.Ends < v.Starts {
			d.Errorf(n, "a benefit value's ends, %s, is before its starts, %s", v.Ends, v.Starts)
			return v, false
		}
		return v, ok
	}
	d.Errorf(n, "a benefit value is true, false, a number, text, {value, unit, note, footnote}, or a list of dated values")
	return Value{}, false
}

// amount reads a limit: a number (in the value's unit) or {value, unit}.
func (fp *fmParser) amount(f yamlx.Field) (*Amount, bool) {
	d := fp.d
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
			u, good := d.OneOf(f.Key+".unit", af.Value, ValueUnits...)
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
func (fp *fmParser) requires(f yamlx.Field) {
	d, p := fp.d, fp.p
	for _, item := range d.List("requires", f.Value) {
		item = yamlx.Resolve(item)
		if item.Kind == yaml.ScalarNode {
			p.Requires = append(p.Requires, Condition{Certification: item.Value, RefPos: fp.pos(item)})
			continue
		}
		text := ""
		for _, cf := range d.Fields(item, "requires") {
			if cf.Key != "text" {
				d.Unknown(cf, "requires", []string{"text"})
				continue
			}
			if s, ok := d.String("requires.text", cf.Value); ok && s != "" {
				text = s
			}
		}
		if text != "" {
			p.Requires = append(p.Requires, Condition{Text: text})
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
