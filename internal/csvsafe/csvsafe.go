package csvsafe

import (
	"encoding/csv"
	"io"
	"regexp"
)

// plainNumber is a decimal number with an optional sign and exponent: a
// value a spreadsheet reads as that number and nothing else.
var plainNumber = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// Cell returns s as it must be written to a cell.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if plainNumber.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// Writer is an encoding/csv writer whose cells pass through Cell.
type Writer struct {
	w   *csv.Writer
	row []string
}

// NewWriter returns a writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record.
func (w *Writer) Write(record []string) error {
	w.row = w.row[:0]
	for _, c := range record {
		w.row = append(w.row, Cell(c))
	}
	return w.w.Write(w.row)
}

// Flush writes any buffered data and returns the first error.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
