// Package model is the program model: programs with their tiers ordered by
// rank, requirements, benefits with per-tier and per-region values, and the
// certification graph, resolved from front matter for one version and
// validated with positions. The model is built once and not changed
// afterwards; rendering, exports, check and the version diff all read it.
package model
