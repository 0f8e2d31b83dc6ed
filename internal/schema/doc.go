// Package schema describes front matter as JSON Schema (draft 2020-12),
// so that editors such as VS Code's YAML extension validate and complete
// front matter while authors type. It is generated from the same key
// lists the loader enforces.
package schema
