package matrix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/csvsafe"
)

// CSVColumns are the columns of matrix.csv, one row per cell. The long
// layout keeps the columns the same for every program whatever its tiers,
// so partners' spreadsheets and scripts do not break when a tier is added.
var CSVColumns = []string{"version", "program", "region", "section", "group", "row_id", "row", "tier_id", "tier", "tier_rank", "kind", "value", "unit", "display", "note", "footnote"}

// section is a run of rows under one heading, for the flat exports.
type section struct {
	section string // requirements or benefits
	group   string
	rows    []Row
}

func (mx *Matrix) sections() []section {
	var out []section
	if len(mx.Requirements) > 0 {
		out = append(out, section{"requirements", "", mx.Requirements})
	}
	for _, g := range mx.Groups {
		out = append(out, section{"benefits", g.Name, g.Rows})
	}
	return out
}

func rawValue(c Cell) string {
	switch v := c.Value.(type) {
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	}
	return ""
}

func (mx *Matrix) region() string {
	if mx.Region == "" {
		return "global"
	}
	return mx.Region
}

// CSV writes matrix.csv.
func (mx *Matrix) CSV() []byte {
	var buf bytes.Buffer
	w := csvsafe.NewWriter(&buf)
	_ = w.Write(CSVColumns)
	for _, s := range mx.sections() {
		for _, r := range s.rows {
			for i, c := range r.Cells {
				t := mx.Tiers[i]
				foot := ""
				if c.Footnote > 0 {
					foot = mx.Footnotes[c.Footnote-1]
				}
				kind := c.Kind
				if kind == "" {
					kind = "none"
				}
				_ = w.Write([]string{mx.Version, mx.Program.ID, mx.region(), s.section, s.group, r.ID, r.Title, t.ID, t.Title, strconv.Itoa(t.Rank), kind, rawValue(c), c.Unit, c.Display, c.Note, foot})
			}
		}
	}
	_ = w.Flush()
	return buf.Bytes()
}

type jsonCell struct {
	Kind     string `json:"kind"`
	Value    any    `json:"value"`
	Unit     string `json:"unit,omitempty"`
	Display  string `json:"display"`
	Note     string `json:"note,omitempty"`
	Footnote string `json:"footnote,omitempty"`
}

type jsonRow struct {
	ID    string              `json:"id"`
	Title string              `json:"title"`
	URL   string              `json:"url,omitempty"`
	Group string              `json:"group,omitempty"`
	Terms string              `json:"terms,omitempty"`
	Cells map[string]jsonCell `json:"cells"`
}

type jsonTier struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Rank  int    `json:"rank"`
	Entry string `json:"entry,omitempty"`
	URL   string `json:"url"`
}

type jsonProgram struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

type jsonMatrix struct {
	Version      string      `json:"version"`
	Program      jsonProgram `json:"program"`
	Region       string      `json:"region"`
	Tiers        []jsonTier  `json:"tiers"`
	Requirements []jsonRow   `json:"requirements"`
	Benefits     []jsonRow   `json:"benefits"`
}

// JSON writes matrix.json: tiers in rank order, and each row's cells keyed
// by tier id. URLs are site-relative paths under base.
func (mx *Matrix) JSON(base string) []byte {
	out := jsonMatrix{Version: mx.Version, Region: mx.region(),
		Program:      jsonProgram{ID: mx.Program.ID, Title: mx.Program.Title, URL: base + mx.Program.Page.URL},
		Requirements: []jsonRow{}, Benefits: []jsonRow{}}
	for _, t := range mx.Tiers {
		out.Tiers = append(out.Tiers, jsonTier{ID: t.ID, Title: t.Title, Rank: t.Rank, Entry: t.Entry, URL: base + t.Page.URL})
	}
	conv := func(r Row) jsonRow {
		jr := jsonRow{ID: r.ID, Title: r.Title, Cells: map[string]jsonCell{}}
		if r.URL != "" {
			jr.URL = base + r.URL
		}
		if r.Group != "Requirements" {
			jr.Group = r.Group
		}
		if r.TermsURL != "" {
			jr.Terms = base + r.TermsURL
		}
		for i, c := range r.Cells {
			kind := c.Kind
			if kind == "" {
				kind = "none"
			}
			jc := jsonCell{Kind: kind, Value: c.Value, Unit: c.Unit, Display: c.Display, Note: c.Note}
			if c.Footnote > 0 {
				jc.Footnote = mx.Footnotes[c.Footnote-1]
			}
			jr.Cells[mx.Tiers[i].ID] = jc
		}
		return jr
	}
	for _, r := range mx.Requirements {
		out.Requirements = append(out.Requirements, conv(r))
	}
	for _, g := range mx.Groups {
		for _, r := range g.Rows {
			out.Benefits = append(out.Benefits, conv(r))
		}
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	return append(b, '\n')
}

func cellText(c Cell, mx *Matrix) string {
	s := c.Display
	if c.Note != "" {
		s += " (" + c.Note + ")"
	}
	if c.Footnote > 0 {
		s += fmt.Sprintf(" [%d]", c.Footnote)
	}
	return s
}

// Text renders an aligned table for the terminal.
func (mx *Matrix) Text() string {
	header := []string{""}
	for _, t := range mx.Tiers {
		header = append(header, t.Title)
	}
	var rows [][]string
	for _, s := range mx.sections() {
		name := s.group
		if s.section == "requirements" {
			name = "Requirements"
		}
		rows = append(rows, []string{strings.ToUpper(name)})
		for _, r := range s.rows {
			line := []string{r.Title}
			for _, c := range r.Cells {
				line = append(line, cellText(c, mx))
			}
			rows = append(rows, line)
		}
	}
	width := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		if len(r) == 1 {
			continue
		}
		for i, c := range r {
			if n := utf8.RuneCountInString(c); n > width[i] {
				width[i] = n
			}
		}
	}
	var b strings.Builder
	region := ""
	if mx.Region != "" {
		region = " · region " + RegionLabel(mx.Region)
	}
	fmt.Fprintf(&b, "%s (%s)%s\n\n", mx.Program.Title, mx.Version, region)
	line := func(r []string) {
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
			}
		}
		b.WriteString("\n")
	}
	line(header)
	for i, r := range rows {
		if len(r) == 1 && i > 0 {
			b.WriteString("\n")
		}
		line(r)
	}
	if len(mx.Footnotes) > 0 {
		b.WriteString("\n")
		for i, f := range mx.Footnotes {
			fmt.Fprintf(&b, "[%d] %s\n", i+1, f)
		}
	}
	return b.String()
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Markdown renders a GitHub-flavoured Markdown table.
func (mx *Matrix) Markdown() string {
	var b strings.Builder
	b.WriteString("| |")
	for _, t := range mx.Tiers {
		b.WriteString(" " + mdEscape(t.Title) + " |")
	}
	b.WriteString("\n|---|")
	for range mx.Tiers {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, s := range mx.sections() {
		name := s.group
		if s.section == "requirements" {
			name = "Requirements"
		}
		b.WriteString("| **" + mdEscape(name) + "** |" + strings.Repeat(" |", len(mx.Tiers)) + "\n")
		for _, r := range s.rows {
			b.WriteString("| " + mdEscape(r.Title) + " |")
			for _, c := range r.Cells {
				b.WriteString(" " + mdEscape(cellText(c, mx)) + " |")
			}
			b.WriteString("\n")
		}
	}
	for i, f := range mx.Footnotes {
		fmt.Fprintf(&b, "\n[%d] %s\n", i+1, f)
	}
	return b.String()
}
