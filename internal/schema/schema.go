package schema

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/model"
)

type obj = map[string]any

var (
	date    = obj{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}$`, "description": "a date, YYYY-MM-DD"}
	id      = obj{"type": "string", "pattern": `^[a-z0-9][a-z0-9/_-]*$`}
	ref     = obj{"type": "string", "minLength": 1, "description": "a page id; id@version names another version"}
	strList = obj{"oneOf": []any{obj{"type": "array", "items": obj{"type": "string"}}, obj{"type": "string"}}}
	refList = obj{"type": "array", "items": ref}
	label   = obj{"type": "string", "description": "the row's name, instead of the certification's title or the metric's name"}
)

func common() obj {
	return obj{
		"kind":        obj{"enum": content.Kinds, "default": "page"},
		"id":          id,
		"title":       obj{"type": "string", "minLength": 1},
		"description": obj{"type": "string"},
		"weight":      obj{"type": "integer"},
		"starts":      obj{"type": "string", "format": "date", "description": "the first day a dated page runs"},
		"ends":        obj{"type": "string", "format": "date", "description": "the last day a dated page runs; after it the page leaves the build"},
		"audience":    obj{"enum": []string{"public", "partner", "internal"}},
		"regions":     strList,
		"tags":        strList,
		"owner":       obj{"type": "string"},
		"review_by":   date,
		"aliases":     obj{"type": "array", "items": id},
		"draft":       obj{"type": "boolean"},
	}
}

func scalar() obj {
	return obj{"type": []string{"boolean", "number", "string"}}
}

func value() obj {
	object := obj{"type": "object", "required": []string{"value"}, "additionalProperties": false, "properties": obj{
		"value":    scalar(),
		"unit":     obj{"enum": model.Units},
		"note":     obj{"type": "string"},
		"footnote": obj{"type": "string"},
		"min":      amount(),
		"max":      amount(),
		"per":      obj{"type": "string", "description": "the period a limit applies to, such as half-year"},
		"starts":   obj{"type": "string", "format": "date", "description": "the first day the value runs"},
		"ends":     obj{"type": "string", "format": "date", "description": "the last day the value runs"},
	}}
	return obj{"oneOf": []any{
		obj{"type": []string{"boolean", "number", "string"}},
		object,
		obj{"type": "array", "minItems": 1, "items": object, "description": "dated values, one per period, that do not overlap"},
	}}
}

// amount is a limit: a number in the value's unit, or {value, unit}.
func amount() obj {
	return obj{"oneOf": []any{
		obj{"type": "number"},
		obj{"type": "object", "required": []string{"value"}, "additionalProperties": false, "properties": obj{
			"value": obj{"type": "number"}, "unit": obj{"enum": model.Units}}},
	}}
}

func requirement(nested bool) obj {
	alts := []any{
		obj{"type": "object", "required": []string{"certification"}, "additionalProperties": false, "properties": obj{"certification": ref, "count": obj{"type": "integer", "minimum": 1}, "label": label}},
		obj{"type": "object", "required": []string{"metric", "min"}, "additionalProperties": false, "properties": obj{"metric": obj{"type": "string"}, "min": obj{"type": "number"}, "unit": obj{"type": "string"}, "window": obj{"type": "string"}, "label": label}},
		obj{"type": "object", "required": []string{"tier"}, "additionalProperties": false, "properties": obj{"tier": ref, "months": obj{"type": "integer", "minimum": 1, "description": "months in the tier; leave out for \"has reached the tier\""}, "label": label}},
		obj{"type": "object", "required": []string{"designation"}, "additionalProperties": false, "properties": obj{"designation": obj{"type": "string", "description": "a designation's id: the partner holds it"}, "label": label}},
		obj{"type": "object", "required": []string{"text"}, "additionalProperties": false, "properties": obj{"text": obj{"type": "string"}, "label": label}},
	}
	if !nested {
		alts = append(alts, obj{"type": "object", "required": []string{"any_of"}, "additionalProperties": false,
			"properties": obj{"any_of": obj{"type": "array", "minItems": 2, "items": requirement(true)}, "label": label}})
	}
	return obj{"oneOf": alts}
}

func kindProps(kind string) (obj, []string) {
	switch kind {
	case "playbook":
		return obj{"roles": strList, "programs": refList}, nil
	case "terms":
		return obj{"version": obj{"type": []string{"string", "number"}}, "effective": date, "supersedes": ref}, nil
	case "program":
		return obj{"type": obj{"type": "string"}}, nil
	case "tier":
		return obj{"program": ref, "rank": obj{"type": "integer", "minimum": 1}, "entry": obj{"enum": []string{"open", "application", "invitation", "automatic"}},
			"requirements": obj{"type": "array", "items": requirement(false)},
			"keep":         obj{"type": "array", "items": requirement(false), "description": "requirements to keep the tier at a review, where they differ from requirements"}}, []string{"program"}
	case "designation":
		return obj{"programs": refList, "min_tier": obj{"oneOf": []any{ref, refList}, "description": "the tier to hold first, at most one per program"},
			"requirements": obj{"type": "array", "items": requirement(false)},
			"keep":         obj{"type": "array", "items": requirement(false), "description": "requirements to keep the designation at a review, where they differ from requirements"}}, []string{"programs"}
	case "benefit":
		values := obj{"type": "object", "additionalProperties": value(), "description": "one value per tier, keyed by tier id or its last segment; designation ids too (optional)"}
		requires := obj{"type": "array", "description": "conditions to use the benefit, all of them: certification ids or {text}", "items": obj{"oneOf": []any{
			ref, obj{"type": "object", "required": []string{"text"}, "additionalProperties": false, "properties": obj{"text": obj{"type": "string"}}}}}}
		return obj{"program": ref, "programs": refList, "group": obj{"type": "string"}, "terms": ref, "values": values, "requires": requires,
			"region_values": obj{"type": "object", "additionalProperties": values}}, nil
	case "certification":
		return obj{"track": obj{"type": "string"}, "level": obj{"type": "string"}, "prerequisites": refList, "duration_hours": obj{"type": "number", "minimum": 0},
			"validity_months": obj{"type": "integer", "minimum": 0}, "exam": obj{"enum": []string{"written", "proctored", "lab"}}, "badge": obj{"type": "string"}}, nil
	case "announcement":
		return obj{"date": date, "expires": date, "affects": refList}, []string{"date"}
	case "glossary":
		entry := obj{"type": "object", "required": []string{"term", "definition"}, "additionalProperties": false, "properties": obj{
			"term":       obj{"type": "string", "minLength": 1, "description": "the term as pages write it; it matches with its first letter in either case, and with a plural s"},
			"also":       strList,
			"definition": obj{"type": "string", "minLength": 1, "description": "plain text, shown where the term is first used on a page"},
			"id":         obj{"type": "string", "pattern": "^[\\p{L}\\p{N}_-]+$", "description": "the entry's anchor on the glossary page; the term's slug by default"}}}
		return obj{"entries": obj{"type": "array", "items": entry}}, nil
	case "event":
		when := obj{"type": "string", "description": "RFC 3339 (2027-03-10T16:00:00+01:00), or 2027-03-10T16:00 in the timezone"}
		web := obj{"type": "string", "pattern": "^https?://", "format": "uri"}
		return obj{"start": when, "end": when, "timezone": obj{"type": "string", "description": "an IANA time zone: Europe/Berlin"},
			"programs": refList, "format": obj{"enum": content.EventFormats}, "location": obj{"type": "string"}, "register": web, "recording": web}, []string{"start", "timezone"}
	case "path":
		common := obj{"id": obj{"type": "string", "pattern": "^[\\p{L}\\p{N}_-]+$", "description": "the step's id, which a reader's progress is kept by; its title's slug by default"},
			"title": obj{"type": "string", "minLength": 1}, "stage": obj{"type": "string", "description": "the group the step is shown in (\"First 30 days\")"},
			"days": obj{"type": "integer", "minimum": 0, "description": "when the step is due, in days from the start"}}
		var alts []any
		for _, k := range content.StepKinds {
			props := obj{}
			for n, v := range common {
				props[n] = v
			}
			desc := map[string]string{"page": "the id of a page to read", "certification": "the id of a certification to earn", "benefit": "the id of a benefit to claim", "link": "the address of a task elsewhere"}[k]
			props[k] = obj{"type": "string", "description": desc}
			alts = append(alts, obj{"type": "object", "required": []string{"title", k}, "additionalProperties": false, "properties": props})
		}
		return obj{"program": ref, "tier": ref, "steps": obj{"type": "array", "minItems": 1, "items": obj{"oneOf": alts}}}, []string{"program"}
	}
	return obj{}, nil
}

// Kind returns the schema of one kind's front matter.
func Kind(kind string) (obj, error) {
	if _, ok := content.KindKeys[kind]; !ok {
		return nil, fmt.Errorf("%s", UnknownKind(kind))
	}
	props := common()
	own, req := kindProps(kind)
	for k, v := range own {
		props[k] = v
	}
	if kind != "page" {
		props["kind"] = obj{"const": kind}
	}
	return obj{
		"type":                 "object",
		"required":             append([]string{"title"}, req...),
		"additionalProperties": false,
		"properties":           props,
	}, nil
}

// All returns the schema of every kind: the "kind" key selects which
// kind's keys apply, and a page with no kind is a "page".
func All() obj {
	defs := obj{}
	var branches []any
	for _, k := range content.Kinds {
		s, _ := Kind(k)
		defs[k] = s
		cond := obj{"properties": obj{"kind": obj{"const": k}}, "required": []string{"kind"}}
		if k == "page" {
			cond = obj{"anyOf": []any{cond, obj{"not": obj{"required": []string{"kind"}}}}}
		}
		branches = append(branches, obj{"if": cond, "then": obj{"$ref": "#/$defs/" + k}})
	}
	return obj{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://partnerdocs.example/schema/frontmatter.json",
		"title":       "partnerdocs front matter",
		"type":        "object",
		"properties":  obj{"kind": obj{"enum": content.Kinds}},
		"required":    []string{"title"},
		"allOf":       branches,
		"$defs":       defs,
		"description": "Front matter of a partnerdocs page. See docs/content-model.md.",
	}
}

// JSON returns the schema of a kind ("" for all kinds), indented.
func JSON(kind string) ([]byte, error) {
	var s obj
	if kind == "" {
		s = All()
	} else {
		k, err := Kind(kind)
		if err != nil {
			return nil, err
		}
		k["$schema"] = "https://json-schema.org/draft/2020-12/schema"
		k["title"] = "partnerdocs front matter: " + kind
		s = k
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// UnknownKind is the message for a kind that does not exist: the nearest
// kind when one is close, and the list.
func UnknownKind(kind string) string {
	msg := fmt.Sprintf("unknown kind %q", kind)
	if near := diag.Suggest(kind, content.Kinds); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return msg + "; kinds: " + strings.Join(content.Kinds, ", ")
}
