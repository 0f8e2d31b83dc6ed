package compliance

import (
	"bytes"
	"encoding/json"
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

// Text writes the results for a terminal: an aligned table of partner,
// tier, what they qualify for, status and designations, with ids short
// (select, not programs/reseller/select), and under each partner what
// they still miss, one item per line. The data formats keep full ids and
// Header's order.
func Text(rs []Result) []byte {
	short := func(id string) string { return id[strings.LastIndex(id, "/")+1:] }
	rows := [][]string{{"partner", "tier", "qualifies", "status", "designations"}}
	for _, r := range rs {
		var ds []string
		for _, d := range r.Designations {
			ds = append(ds, short(d))
		}
		rows = append(rows, []string{terminalSafe(r.Partner), short(r.Tier), short(r.Qualifies), r.Status, terminalSafe(strings.Join(ds, " "))})
	}
	width := make([]int, len(rows[0])-1)
	for _, row := range rows {
		for i := range width {
			width[i] = max(width[i], utf8.RuneCountInString(row[i]))
		}
	}
	var b bytes.Buffer
	for n, row := range rows {
		var line strings.Builder
		for i, c := range row {
			line.WriteString(c)
			if i < len(width) {
				line.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		if n == 0 {
			continue
		}
		for i, m := range rs[n-1].Missing {
			lead := "             "
			if i == 0 {
				lead = "    missing: "
			}
			b.WriteString(lead + terminalSafe(m) + "\n")
		}
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
