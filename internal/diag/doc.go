// Package diag holds the diagnostics every stage of a build reports: values
// with a file, a line and a column, collected and sorted, never printed from
// inside the stage that found them.
package diag
