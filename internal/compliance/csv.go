package compliance

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/csvsafe"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
)

// Column is one figure the review reads: a requirement row's id and what
// it holds.
type Column struct {
	ID    string
	Kind  string // certification, metric, tier or text
	Title string
	Unit  string // a metric's unit, as the rows write it
}

// Columns lists the figures a program's review reads, in the order its
// rows come: every requirement and keep row, and each alternative of an
// any_of on its own.
func Columns(doc *matrix.Export) []Column {
	var out []Column
	seen := map[string]bool{}
	add := func(c Column) {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	for _, rows := range [][]matrix.ExportRow{doc.Requirements, doc.Keep} {
		for _, r := range rows {
			if r.Kind != "any_of" {
				c := Column{ID: r.ID, Kind: r.Kind, Title: r.Title}
				for _, id := range columnIDs(doc) {
					if u := r.Cells[id].Unit; u != "" && c.Unit == "" {
						c.Unit = u
					}
				}
				add(c)
				continue
			}
			for _, id := range columnIDs(doc) {
				for _, a := range r.Cells[id].AnyOf {
					add(Column{ID: a.ID, Kind: a.Kind, Title: a.Title, Unit: a.Unit})
				}
			}
		}
	}
	return out
}

// columnIDs are the ids of the document's tiers, then its designations.
func columnIDs(doc *matrix.Export) []string {
	var ids []string
	for _, t := range doc.Tiers {
		ids = append(ids, t.ID)
	}
	for _, d := range doc.Designations {
		ids = append(ids, d.ID)
	}
	return ids
}

// Template is the header of a partners file for the program, with a
// first row that says what each column holds. Its cells are ids from
// front matter, written through csvsafe like every CSV the tool writes.
func Template(doc *matrix.Export) []byte {
	var b bytes.Buffer
	w := csvsafe.NewWriter(&b)
	head, hint := []string{"partner", "tier"}, []string{"Example partner", doc.Tiers[0].ID}
	for _, c := range Columns(doc) {
		head = append(head, c.ID)
		if YesNo(c.Kind) {
			hint = append(hint, "yes")
		} else {
			hint = append(hint, "0")
		}
	}
	_ = w.Write(head)
	_ = w.Write(hint)
	w.Flush()
	return b.Bytes()
}

// Bounds on a partners file: its size, its columns and rows, and the
// findings reported about it (the rest are counted).
const (
	MaxPartnersFile = 64 << 20
	MaxColumns      = 1000
	MaxPartners     = 100_000
	MaxFindings     = 100
)

// ReadPartners reads a partners CSV: a partner column, an optional tier
// column (a tier's id or its last segment), an optional region column
// (the caller checks it against the site's regions), and a column per
// figure named by Columns. Empty cells are 0 (or "no"); figures may carry a currency
// sign or code and thousands separators in the way of lang, the site's
// language (see parseNumber). Every problem of the file is reported in one
// run, with its row and column; the partners are returned only when there
// are none.
func ReadPartners(doc *matrix.Export, lang, name string, r io.Reader, diags *diag.List) []Partner {
	data, err := io.ReadAll(io.LimitReader(r, MaxPartnersFile+1))
	if err != nil {
		diags.Errorf(name, 0, 0, diag.RulePartnersInput, "cannot read: %v", err)
		return nil
	}
	if len(data) > MaxPartnersFile {
		diags.Errorf(name, 0, 0, diag.RulePartnersInput, "the file is over %d MiB", MaxPartnersFile>>20)
		return nil
	}
	if !utf8.Valid(data) {
		diags.Errorf(name, 1, 1, diag.RulePartnersInput, "the file is not UTF-8 text")
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	var records [][]string
	malformed := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The reader goes on at the next record: the rest of the
			// file is still checked, as far as it can be read.
			line, col := 0, 0
			var pe *csv.ParseError
			if !errors.As(err, &pe) || malformed == MaxFindings {
				diags.Errorf(name, line, col, diag.RulePartnersInput, "malformed CSV: %v", err)
				return nil
			}
			line, col = pe.Line, pe.Column
			diags.Errorf(name, line, col, diag.RulePartnersInput, "malformed CSV: %v", errors.Unwrap(err))
			malformed++
			records = append(records, nil) // keeps row numbers
			continue
		}
		if len(rec) > MaxColumns {
			diags.Errorf(name, len(records)+1, MaxColumns+1, diag.RulePartnersInput, "%d columns; a partners file may have at most %d", len(rec), MaxColumns)
			return nil
		}
		if len(records) > MaxPartners {
			diags.Errorf(name, len(records)+1, 1, diag.RulePartnersInput, "more than %d partners; split the file", MaxPartners)
			return nil
		}
		records = append(records, rec)
	}
	all := diags
	diags = &diag.List{}
	defer func() {
		// Past the first findings, a count: a file with a problem on
		// every row says so in a screenful, not a million lines.
		items := diags.Items()
		for i, d := range items {
			if i == MaxFindings {
				all.Errorf(name, 0, 0, diag.RulePartnersInput, "%d more problems not shown", len(items)-MaxFindings)
				break
			}
			all.Add(d)
		}
	}()
	rd := &reader{doc: doc, lang: lang, name: name, diags: diags, kinds: map[string]string{}}
	for _, c := range Columns(doc) {
		rd.kinds[c.ID] = c.Kind
		rd.ids = append(rd.ids, c.ID)
	}
	if len(records) < 2 {
		diags.Errorf(name, 1, 1, diag.RulePartnersInput, "no partners: the file needs a header row and a row per partner")
		return nil
	}
	if records[0] == nil {
		return nil // the header is malformed: its columns are unknown
	}
	// A bad header is reported, and the rows are still checked against
	// the columns it does name.
	rd.header(records[0])
	var out []Partner
	seen := map[string]int{}
	for i, rec := range records[1:] {
		line := i + 2
		if rec == nil {
			continue // malformed, reported
		}
		p, ok := rd.row(rec, line)
		if !ok || rd.partnerCol < 0 {
			continue
		}
		if prev, dup := seen[strings.ToLower(p.Name)]; dup {
			diags.Errorf(name, line, rd.partnerCol+1, diag.RulePartnersInput, "partner %q is also on row %d", p.Name, prev)
			continue
		}
		seen[strings.ToLower(p.Name)] = line
		out = append(out, p)
	}
	if diags.HasErrors() {
		return nil
	}
	return out
}

type reader struct {
	doc        *matrix.Export
	lang       string
	name       string
	diags      *diag.List
	kinds      map[string]string // column id -> kind
	ids        []string
	cols       []string // header, by position
	partnerCol int
	tierCol    int
	regionCol  int
}

func (rd *reader) header(head []string) bool {
	rd.partnerCol, rd.tierCol, rd.regionCol = -1, -1, -1
	seen := map[string]bool{}
	ok := true
	for i, h := range head {
		h = strings.TrimSpace(h)
		rd.cols = append(rd.cols, h)
		switch {
		case seen[h]:
			rd.diags.Errorf(rd.name, 1, i+1, diag.RulePartnersInput, "column %q appears twice", h)
			ok = false
		case h == "partner":
			rd.partnerCol = i
		case h == "tier":
			rd.tierCol = i
		case h == "region":
			rd.regionCol = i
		case rd.kinds[h] == "":
			rd.diags.Add(diag.Diagnostic{File: rd.name, Line: 1, Column: i + 1, Severity: diag.Error, Rule: diag.RulePartnersInput,
				Message:    fmt.Sprintf("unknown column %q: %s has no requirement row with that id (partnerdocs compliance --template prints the header)", h, rd.doc.Program.ID),
				Suggestion: diag.Suggest(h, append([]string{"partner", "tier", "region"}, rd.ids...))})
			ok = false
		}
		seen[h] = true
	}
	if rd.partnerCol < 0 {
		rd.diags.Errorf(rd.name, 1, 1, diag.RulePartnersInput, "no \"partner\" column")
		ok = false
	}
	return ok
}

func (rd *reader) row(rec []string, line int) (Partner, bool) {
	p := Partner{Values: map[string]float64{}, Line: line}
	ok := true
	if len(rec) != len(rd.cols) {
		rd.diags.Errorf(rd.name, line, 1, diag.RulePartnersInput, "%d cells, and the header has %d", len(rec), len(rd.cols))
		return p, false
	}
	for i, cell := range rec {
		cell = strings.TrimSpace(cell)
		switch i {
		case rd.partnerCol:
			p.Name = cell
			if cell == "" {
				rd.diags.Errorf(rd.name, line, i+1, diag.RulePartnersInput, "the partner's name is empty")
				ok = false
			}
		case rd.regionCol:
			// Checked against the site's regions by the caller, which
			// knows them.
			p.Region = strings.ToLower(cell)
		case rd.tierCol:
			if cell == "" {
				continue
			}
			t := rd.tier(cell)
			if t == "" {
				var ids []string
				for _, x := range rd.doc.Tiers {
					ids = append(ids, x.ID)
				}
				rd.diags.Add(diag.Diagnostic{File: rd.name, Line: line, Column: i + 1, Severity: diag.Error, Rule: diag.RulePartnersInput,
					Message:    fmt.Sprintf("column \"tier\": %s has no tier %q (tiers: %s)", rd.doc.Program.ID, cell, strings.Join(ids, ", ")),
					Suggestion: diag.Suggest(cell, ids)})
				ok = false
			}
			p.Tier = t
		default:
			if rd.kinds[rd.cols[i]] == "" {
				continue // an unknown or repeated column, reported with the header
			}
			v, good := rd.value(rd.cols[i], cell, line, i+1)
			ok = ok && good
			p.Values[rd.cols[i]] = v
		}
	}
	return p, ok
}

// tier finds a tier by id or last segment, case aside.
func (rd *reader) tier(s string) string {
	for _, t := range rd.doc.Tiers {
		if strings.EqualFold(t.ID, s) || strings.EqualFold(t.ID[strings.LastIndex(t.ID, "/")+1:], s) {
			return t.ID
		}
	}
	return ""
}

var yes = map[string]float64{"": 0, "yes": 1, "y": 1, "true": 1, "1": 1, "x": 1, "no": 0, "n": 0, "false": 0, "0": 0}

func (rd *reader) value(col, cell string, line, c int) (float64, bool) {
	if YesNo(rd.kinds[col]) {
		v, ok := yes[strings.ToLower(cell)]
		if !ok {
			rd.diags.Errorf(rd.name, line, c, diag.RulePartnersInput, "column %q: %q is not yes or no", col, cell)
		}
		return v, ok
	}
	if cell == "" {
		return 0, true
	}
	v, why := parseNumber(cell, rd.lang)
	if why == "" && (v < 0 || math.IsNaN(v) || math.IsInf(v, 0)) {
		why = "is not a number of 0 or more"
	}
	if why != "" {
		rd.diags.Errorf(rd.name, line, c, diag.RulePartnersInput, "column %q: %q %s", col, cell, why)
		return 0, false
	}
	return v, true
}

// parseNumber reads a figure as a CRM export writes it: "500,000",
// "$200000", "USD 1,250.50", "85%", "1_000"; in a language that writes
// decimals with a comma (de, fr…), "1.250,5" and "1 250,5". A figure
// that reads two ways is refused rather than guessed: in an English file
// "1.000" is one thousand to a German reader and one to an English one.
// why is "" for a number, else what is wrong with it.
func parseNumber(cell, lang string) (v float64, why string) {
	s := strings.TrimSpace(cell)
	for _, c := range []string{"USD", "EUR", "GBP", "$", "€", "£"} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, c), c))
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	s = strings.NewReplacer("_", "", " ", "", "\u00a0", "", "\u202f", "").Replace(s)
	// The language's own way: "1,000.5", "1.000,5", "1 000,5".
	f := matrix.FormatNumber(1000.5, lang)
	group, dec := f[1:len(f)-5], f[len(f)-2:len(f)-1]
	digits := func(x string) bool {
		return x != "" && strings.Trim(x, "0123456789") == ""
	}
	intPart, frac, hasDec := s, "", false
	if i := strings.LastIndex(s, dec); i >= 0 {
		intPart, frac, hasDec = s[:i], s[i+1:], true
		if !digits(frac) || strings.Contains(intPart, dec) {
			return 0, "is not a number"
		}
	}
	if strings.Contains(intPart, group) {
		parts := strings.Split(intPart, group)
		if !digits(parts[0]) || len(parts[0]) > 3 {
			return 0, "has its thousands separators in the wrong places"
		}
		for _, p := range parts[1:] {
			if len(p) != 3 || !digits(p) {
				return 0, "has its thousands separators in the wrong places"
			}
		}
		intPart = strings.Join(parts, "")
	} else if hasDec && len(frac) == 3 && digits(intPart) && intPart[0] != '0' {
		return 0, fmt.Sprintf("reads two ways (%s%s or %s.%s): write it without a separator, or with %d decimals", intPart, frac, intPart, frac, 2)
	}
	n := intPart
	if hasDec {
		n += "." + frac
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil || !digits(intPart) && intPart != "" {
		return 0, "is not a number"
	}
	return v, ""
}
