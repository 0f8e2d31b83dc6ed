package schema

import "encoding/json"

// Matrix returns the JSON Schema of matrix.json (schema 2).
func Matrix() obj {
	str := obj{"type": "string"}
	tier := obj{"type": "object", "required": []string{"id", "title", "rank", "url"}, "properties": obj{
		"id": str, "title": str, "rank": obj{"type": "integer", "minimum": 1}, "url": str,
		"entry": obj{"enum": []string{"open", "application", "invitation", "automatic"}}}}
	alt := obj{"type": "object", "required": []string{"id", "kind", "value", "text", "title"}, "properties": obj{
		"id": str, "kind": obj{"enum": []string{"certification", "metric", "tier", "designation", "text"}},
		"value": obj{"type": []string{"number", "boolean"}}, "unit": str, "text": str, "title": str, "reached": obj{"type": "boolean"}}}
	cell := obj{"type": "object", "required": []string{"kind", "value", "display"}, "properties": obj{
		"kind":           obj{"enum": []string{"bool", "number", "text", "requirement", "none"}, "description": "none: the tier has no entry on this row"},
		"value":          obj{"type": []string{"boolean", "number", "string", "null"}, "description": "a requirement's threshold: people holding the certification, the metric's minimum, months in the tier (0 when reached), true for text"},
		"unit":           str,
		"display":        obj{"type": "string", "description": "what the portal shows"},
		"note":           str,
		"footnote":       str,
		"text":           obj{"type": "string", "description": "a requirement in words"},
		"inherited_from": obj{"type": "string", "description": "the lower tier that states the requirement"},
		"reached":        obj{"type": "boolean", "description": "a tier requirement met by having reached the tier"},
		"any_of":         obj{"type": "array", "items": alt},
	}}
	row := obj{"type": "object", "required": []string{"id", "title", "cells"}, "properties": obj{
		"id":       obj{"type": "string", "description": "a benefit's id, or a requirement's row id: certification:ID, metric:NAME, tier:ID, text:TEXT, any_of:ID|ID"},
		"title":    str,
		"kind":     obj{"enum": []string{"certification", "metric", "tier", "designation", "text", "any_of"}, "description": "requirement rows only"},
		"url":      str,
		"group":    str,
		"terms":    str,
		"requires": obj{"type": "array", "items": obj{"type": "object", "required": []string{"id", "text"}, "properties": obj{"id": str, "text": str}}},
		"cells":    obj{"type": "object", "additionalProperties": cell, "description": "keyed by tier or designation id"},
	}}
	rows := obj{"type": "array", "items": row}
	return obj{
		"$schema":  "https://json-schema.org/draft/2020-12/schema",
		"$id":      "https://partnerdocs.example/schema/matrix-2.json",
		"title":    "partnerdocs matrix.json",
		"type":     "object",
		"required": []string{"schema", "version", "program", "region", "tiers", "designations", "requirements", "keep", "benefits"},
		"properties": obj{
			"schema":  obj{"const": 2},
			"version": str,
			"program": obj{"type": "object", "required": []string{"id", "title", "url"}, "properties": obj{"id": str, "title": str, "url": str}},
			"region":  obj{"type": "string", "description": "global for the default values"},
			"tiers":   obj{"type": "array", "items": tier},
			"designations": obj{"type": "array", "description": "badges earned on top of a tier; rows have cells keyed by their ids", "items": obj{
				"type": "object", "required": []string{"id", "title", "url"}, "properties": obj{
					"id": str, "title": str, "url": str, "min_tier": obj{"type": "string", "description": "the tier to hold first"}}}},
			"requirements": rows,
			"keep":         rows,
			"benefits":     rows,
		},
	}
}

// MatrixJSON is Matrix, indented.
func MatrixJSON() []byte {
	b, _ := json.MarshalIndent(Matrix(), "", "  ")
	return append(b, '\n')
}
