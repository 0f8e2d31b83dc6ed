// Package programs connects the program model to the pages: it registers
// the benefit-matrix and curriculum shortcodes, appends matrices and
// summaries to program, tier and certification pages, and provides the
// matrix.json and matrix.csv exports and the certification catalog.
package programs
