package compliance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/csvsafe"
)

// Header is the output's columns.
var Header = []string{"partner", "tier", "qualifies", "status", "missing", "designations"}

func fields(r Result) []string {
	return []string{r.Partner, r.Tier, r.Qualifies, r.Status, strings.Join(r.Missing, "; "), strings.Join(r.Designations, " ")}
}

// CSV writes the results as CSV, with spreadsheet formulas neutralised.
func CSV(rs []Result) []byte {
	var b bytes.Buffer
	w := csvsafe.NewWriter(&b)
	_ = w.Write(Header)
	for _, r := range rs {
		_ = w.Write(fields(r))
	}
	_ = w.Flush()
	return b.Bytes()
}

// JSON writes the results as a JSON array.
func JSON(rs []Result) []byte {
	if rs == nil {
		rs = []Result{}
	}
	b, _ := json.MarshalIndent(rs, "", "  ")
	return append(b, '\n')
}

// Text writes the results as an aligned table for a terminal. missing,
// the long column, comes last there; the data formats keep Header's order.
func Text(rs []Result) []byte {
	order := []int{0, 1, 2, 3, 5, 4}
	head := make([]string, len(order))
	for i, j := range order {
		head[i] = Header[j]
	}
	rows := [][]string{head}
	for _, r := range rs {
		f := fields(r)
		row := make([]string, len(order))
		for i, j := range order {
			row[i] = terminalSafe(f[j])
		}
		rows = append(rows, row)
	}
	width := make([]int, len(head)-1)
	for _, row := range rows {
		for i := range width {
			width[i] = max(width[i], utf8.RuneCountInString(row[i]))
		}
	}
	var b bytes.Buffer
	for _, row := range rows {
		for i, c := range row {
			if i < len(width) {
				fmt.Fprintf(&b, "%s%s  ", c, strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
			} else {
				b.WriteString(c)
			}
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// terminalSafe writes control characters (escape sequences, newlines,
// carriage returns) as Go escapes: a partner's name in the input must not
// move the cursor, recolour or rewrite the reader's terminal.
func terminalSafe(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
