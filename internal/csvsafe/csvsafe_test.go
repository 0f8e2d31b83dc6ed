package csvsafe

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"+SUM(1,2)", "'+SUM(1,2)"},
		{"@SUM(1)", "'@SUM(1)"},
		{"-2+3", "'-2+3"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "'-"},
		{"-5", "-5"},
		{"+1.5e3", "+1.5e3"},
		{"-.5", "-.5"},
		{"50%", "50%"},
		{"a=b", "a=b"},
		{"", ""},
		{"USD 1,000", "USD 1,000"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := Cell(c.in); got != c.want {
				t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Write([]string{"=1+1", "ok, with comma", "-3"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0][0] != "'=1+1" || rows[0][1] != "ok, with comma" || rows[0][2] != "-3" {
		t.Errorf("rows = %q", rows)
	}
}
