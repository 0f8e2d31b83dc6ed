// Package feedback makes a page's "Was this page helpful? Yes / No" and
// "Suggest a change" links, and reads the counts a site keeps of them.
//
// The links are plain addresses: nothing is sent unless the reader clicks
// one, and then only to the address the site configured, with what the
// page already shows (its title, address, year, language, audience and
// section). partnerdocs keeps no counts of its own; a site that collects
// them (from its issue tracker or form) writes them to a CSV file that
// the internal report lists.
package feedback

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/diag"
)

// Answers are the three links, in the order a page shows them.
const (
	Yes     = "yes"
	No      = "no"
	Suggest = "suggest"
)

// Page is what a link may carry about its page.
type Page struct {
	Title    string
	URL      string // absolute when the site has a base URL
	ID       string
	Year     string // the program year's label, "" for the portal
	Language string
	Audience string
	Section  string // the title of the page's folder, "" at the top
}

// Placeholders are the names a form address may hold in braces, each
// replaced by the value, escaped for where it stands.
var Placeholders = []string{"answer", "title", "url", "page", "year", "language", "audience", "section"}

var placeholder = regexp.MustCompile(`\{([a-z]+)\}`)

// Check returns why an address cannot take feedback, or "".
func Check(s string) string {
	probe := placeholder.ReplaceAllString(s, "x")
	u, err := url.Parse(probe)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "must be an http(s) address, such as https://gitlab.com/acme/partner-feedback/-/issues/new"
	}
	if u.Fragment != "" {
		return "must not have a #fragment"
	}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(Placeholders, m[1]) {
			return fmt.Sprintf("has an unknown placeholder {%s}; known: {%s}", m[1], strings.Join(Placeholders, "}, {"))
		}
	}
	return ""
}

// Link is the address one answer opens, by the kind of address:
//   - with {placeholders}, each is filled in (query-escaped after the
//     "?", path-escaped before it);
//   - a GitLab issue form (ending /-/issues/new) gets issue[title] and
//     issue[description]; a GitHub one (github.com/OWNER/REPO/issues/new)
//     gets title and body, with a label per answer;
//   - any other address gets the fields as query parameters.
func Link(base, answer string, p Page) string {
	fields := map[string]string{
		"answer": answer, "title": p.Title, "url": p.URL, "page": p.ID,
		"year": p.Year, "language": p.Language, "audience": p.Audience, "section": p.Section,
	}
	if ms := placeholder.FindAllStringSubmatchIndex(base, -1); ms != nil {
		q := strings.IndexByte(base, '?')
		var b strings.Builder
		last := 0
		for _, m := range ms {
			b.WriteString(base[last:m[0]])
			v := fields[base[m[2]:m[3]]]
			if q >= 0 && m[0] > q {
				b.WriteString(url.QueryEscape(v))
			} else {
				b.WriteString(url.PathEscape(v))
			}
			last = m[1]
		}
		b.WriteString(base[last:])
		return b.String()
	}
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	switch {
	case strings.HasSuffix(u.Path, "/-/issues/new"):
		q.Set("issue[title]", title(answer, p))
		q.Set("issue[description]", description(answer, p))
	case u.Host == "github.com" && strings.HasSuffix(u.Path, "/issues/new"):
		q.Set("title", title(answer, p))
		q.Set("body", description(answer, p))
		q.Set("labels", "feedback")
	default:
		for _, k := range Placeholders {
			if fields[k] != "" {
				q.Set(k, fields[k])
			}
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Host is the host an address opens, as a reader should see it.
func Host(base string) string {
	u, err := url.Parse(placeholder.ReplaceAllString(base, "x"))
	if err != nil {
		return ""
	}
	return u.Hostname()
}

func title(answer string, p Page) string {
	switch answer {
	case Yes:
		return fmt.Sprintf("Helpful: %q", p.Title)
	case No:
		return fmt.Sprintf("Not helpful: %q", p.Title)
	}
	return fmt.Sprintf("Suggestion for %q", p.Title)
}

// description is the text: the page's details, then the question
// the reader answers. Issue trackers take it as Markdown.
func description(answer string, p Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Page: %s\n", p.URL)
	if p.Year != "" {
		fmt.Fprintf(&b, "Program year: %s\n", p.Year)
	}
	if p.Section != "" {
		fmt.Fprintf(&b, "Section: %s\n", p.Section)
	}
	fmt.Fprintf(&b, "Language: %s\nAudience: %s\n\n", p.Language, p.Audience)
	switch answer {
	case Yes:
		b.WriteString("What helped you?\n")
	case No:
		b.WriteString("What were you looking for, and what was missing or wrong?\n")
	default:
		b.WriteString("What should the page say instead?\n")
	}
	return b.String()
}

// Count is how often a page's links were opened, as the site counted.
type Count struct {
	Page             string // the page's address, as the file gives it
	Line             int    // its row's line in the file
	Yes, No, Suggest int
}

// Path is a page address as a site-relative URL ("fy2026/benefits/mdf/"):
// the counts file may give it whole (https://host/base/...), from the
// root (/base/...) or relative; basePath is the site's ("/" or "/base/").
func Path(addr, basePath string) string {
	if u, err := url.Parse(addr); err == nil {
		addr = u.Path
	}
	addr = strings.TrimSuffix(addr, "index.html")
	if strings.HasPrefix(addr, "/") {
		addr = "/" + strings.TrimPrefix(addr, basePath)
	}
	addr = strings.TrimLeft(addr, "/")
	if addr != "" && !strings.HasSuffix(addr, "/") {
		addr += "/"
	}
	return addr
}

// Total is every answer of the page.
func (c Count) Total() int { return c.Yes + c.No + c.Suggest }

// MaxCountsBytes bounds the counts file: a row per page of a large
// portal is well under it.
const MaxCountsBytes = 8 << 20

// ReadCounts reads a counts file: a header row naming page, yes, no and
// suggest (in any order; other columns are ignored), then a row per page.
// Every problem is a finding at its line; the rows that read are kept.
// The result is sorted by total, most first.
func ReadCounts(file string, data []byte, diags *diag.List) []Count {
	if len(data) > MaxCountsBytes {
		diags.Warnf(file, 1, 1, diag.RuleFeedbackCounts, "the feedback counts file is %d bytes; at most %d are read", len(data), MaxCountsBytes)
		return nil
	}
	if !utf8.Valid(data) {
		diags.Warnf(file, 1, 1, diag.RuleFeedbackCounts, "the feedback counts file is not UTF-8")
		return nil
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		diags.Warnf(file, 1, 1, diag.RuleFeedbackCounts, "the feedback counts file has no header row (page,yes,no,suggest)")
		return nil
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, k := range []string{"page", Yes, No, Suggest} {
		if _, ok := col[k]; !ok {
			diags.Warnf(file, 1, 1, diag.RuleFeedbackCounts, "the feedback counts file's header has no %q column (want page,yes,no,suggest)", k)
			return nil
		}
	}
	var out []Count
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				diags.Warnf(file, pe.Line, max(pe.Column, 1), diag.RuleFeedbackCounts, "feedback counts: %v", pe.Err)
				continue
			}
			diags.Warnf(file, 0, 0, diag.RuleFeedbackCounts, "feedback counts: %v", err)
			break
		}
		// FieldPos may only be asked of a record read without error, and
		// of its own fields.
		line, _ := r.FieldPos(0)
		field := func(k string) string {
			if i := col[k]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		c := Count{Page: field("page"), Line: line}
		if c.Page == "" {
			diags.Warnf(file, line, 1, diag.RuleFeedbackCounts, "feedback counts: the row names no page")
			continue
		}
		good := true
		for _, k := range []string{Yes, No, Suggest} {
			s := field(k)
			n := 0
			if s != "" {
				var err error
				n, err = strconv.Atoi(s)
				if err != nil || n < 0 {
					_, c := r.FieldPos(col[k]) // present: s is not empty
					diags.Warnf(file, line, c, diag.RuleFeedbackCounts, "feedback counts: %s is %q, not a count", k, s)
					good = false
					continue
				}
			}
			switch k {
			case Yes:
				c.Yes = n
			case No:
				c.No = n
			default:
				c.Suggest = n
			}
		}
		if good {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Total() != out[j].Total() {
			return out[i].Total() > out[j].Total()
		}
		return out[i].Page < out[j].Page
	})
	return out
}
