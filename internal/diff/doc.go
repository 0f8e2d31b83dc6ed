// Package diff compares two versions of a site: the program model (tiers,
// requirements, benefit values, certifications) and the pages. The report
// is generated from structured data, so "what changed this year" is never
// written by hand and never misses a change.
package diff
