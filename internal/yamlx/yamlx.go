package yamlx

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	yaml "go.yaml.in/yaml/v3"
)

// Decoder reports problems found while reading nodes of one file.
type Decoder struct {
	File string // path relative to the site root
	// LineOffset is added to node lines: front matter starts below the
	// opening delimiter, but diagnostics must point at lines of the file.
	LineOffset int
	Diags      *diag.List
	// SyntaxRule and FieldRule name the rules used for type errors and for
	// unknown or missing keys ("config" for config.yaml, "frontmatter-*"
	// for pages).
	SyntaxRule string
	FieldRule  string
}

// Pos returns the position of n in the file.
func (d *Decoder) Pos(n *yaml.Node) (int, int) {
	if n == nil {
		return d.LineOffset + 1, 1
	}
	return n.Line + d.LineOffset, n.Column
}

// Errorf records an error at n under the field rule.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	l, c := d.Pos(n)
	d.Diags.Errorf(d.File, l, c, d.FieldRule, format, args...)
}

// RuleErrorf records an error at n under the given rule.
func (d *Decoder) RuleErrorf(n *yaml.Node, rule, format string, args ...any) {
	l, c := d.Pos(n)
	d.Diags.Errorf(d.File, l, c, rule, format, args...)
}

// Warnf records a warning at n under the given rule.
func (d *Decoder) Warnf(n *yaml.Node, rule, format string, args ...any) {
	l, c := d.Pos(n)
	d.Diags.Warnf(d.File, l, c, rule, format, args...)
}

func (d *Decoder) typeErr(key string, n *yaml.Node, want string) {
	l, c := d.Pos(n)
	got := describe(n)
	d.Diags.Errorf(d.File, l, c, d.FieldRule, "%s: expected %s, got %s", key, want, got)
}

func describe(n *yaml.Node) string {
	n = Resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return strconv.Quote(v)
	}
	return "an unknown node"
}

// Resolve follows aliases and unwraps documents.
func Resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < 100; i++ {
		switch n.Kind {
		case yaml.AliasNode:
			n = n.Alias
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
			}
			n = n.Content[0]
		default:
			return n
		}
	}
	return n
}

// Field is one key of a mapping with its value.
type Field struct {
	Key   string
	KeyN  *yaml.Node
	Value *yaml.Node
}

// Fields returns the keys of a mapping in source order. A duplicate key is
// reported and only its first occurrence kept, since YAML forbids them and
// a silent "last one wins" loses an author's edit. A node that is not a
// mapping is reported as what, and nil returned.
func (d *Decoder) Fields(n *yaml.Node, what string) []Field {
	n = Resolve(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.typeErr(what, n, "a mapping")
		return nil
	}
	seen := map[string]bool{}
	out := make([]Field, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := Resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.typeErr("key", k, "a plain key")
			continue
		}
		if k.Value == "<<" {
			d.Errorf(k, "merge keys (<<) are not supported")
			continue
		}
		if seen[k.Value] {
			d.Errorf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, Field{Key: k.Value, KeyN: k, Value: v})
	}
	return out
}

// Unknown reports a key that is not in known, suggesting the nearest one.
func (d *Decoder) Unknown(f Field, where string, known []string) {
	l, c := d.Pos(f.KeyN)
	d.Diags.Add(diag.Diagnostic{File: d.File, Line: l, Column: c, Severity: diag.Error, Rule: d.FieldRule,
		Message: fmt.Sprintf("unknown key %q in %s", f.Key, where), Suggestion: diag.Suggest(f.Key, known)})
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// String decodes a scalar as text; numbers and booleans are accepted as
// their source text since authors write `version: 2` meaning "2".
func (d *Decoder) String(key string, n *yaml.Node) (string, bool) {
	n = Resolve(n)
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.typeErr(key, n, "text")
		return "", false
	}
	return n.Value, true
}

// Bool decodes true or false.
func (d *Decoder) Bool(key string, n *yaml.Node) (bool, bool) {
	n = Resolve(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err == nil {
			return b, true
		}
	}
	d.typeErr(key, n, "true or false")
	return false, false
}

// Int decodes an integer.
func (d *Decoder) Int(key string, n *yaml.Node) (int, bool) {
	n = Resolve(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err == nil && v >= math.MinInt32 && v <= math.MaxInt32 {
			return int(v), true
		}
	}
	d.typeErr(key, n, "an integer")
	return 0, false
}

// Float decodes a number.
func (d *Decoder) Float(key string, n *yaml.Node) (float64, bool) {
	n = Resolve(n)
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return v, true
		}
	}
	d.typeErr(key, n, "a number")
	return 0, false
}

// StringList decodes a list of text values. A single scalar is accepted as
// a one-item list, as Hugo does for tags.
func (d *Decoder) StringList(key string, n *yaml.Node) ([]string, bool) {
	n = Resolve(n)
	if isNull(n) {
		return nil, true
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}, true
	}
	if n.Kind != yaml.SequenceNode {
		d.typeErr(key, n, "a list")
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	ok := true
	for _, c := range n.Content {
		if s, good := d.String(key, c); good {
			out = append(out, s)
		} else {
			ok = false
		}
	}
	return out, ok
}

// List returns the items of a sequence node.
func (d *Decoder) List(key string, n *yaml.Node) []*yaml.Node {
	n = Resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.typeErr(key, n, "a list")
		return nil
	}
	return n.Content
}

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Date decodes a YYYY-MM-DD date and returns it as that text, which sorts
// correctly and needs no time zone.
func (d *Decoder) Date(key string, n *yaml.Node) (string, bool) {
	n = Resolve(n)
	if n.Kind == yaml.ScalarNode && dateRe.MatchString(n.Value) {
		if _, err := parseDate(n.Value); err == nil {
			return n.Value, true
		}
	}
	d.typeErr(key, n, "a date YYYY-MM-DD")
	return "", false
}

// OneOf decodes text that must be one of allowed.
func (d *Decoder) OneOf(key string, n *yaml.Node, allowed ...string) (string, bool) {
	s, ok := d.String(key, n)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	l, c := d.Pos(Resolve(n))
	d.Diags.Add(diag.Diagnostic{File: d.File, Line: l, Column: c, Severity: diag.Error, Rule: d.FieldRule,
		Message:    fmt.Sprintf("%s: %q is not one of %s", key, s, strings.Join(allowed, ", ")),
		Suggestion: diag.Suggest(s, allowed)})
	return "", false
}

// IsNull reports whether a value is YAML's null (a key with nothing
// after it), following aliases.
func IsNull(n *yaml.Node) bool { return n != nil && isNull(Resolve(n)) }
