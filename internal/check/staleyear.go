package check

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
)

// StaleYear warns about lines a program year's page shares word for word
// with the same page of the year before that name another year's label:
// a new year copied from the last one ("partnerdocs new-year") still says
// "FY2026" where it means itself, or "FY2025" where it means last year.
// A line written for the year, or one the author has reworded, is not
// reported, so a deliberate mention of an old year never is once edited.
// Years read from Git refs are compared only when both are folders.
func StaleYear(s *site.Site, diags *diag.List) {
	root := s.Config.Root
	for i, v := range s.Versions {
		if i+1 >= len(s.Versions) || v.Config == nil || v.Config.Git != nil {
			continue
		}
		prev := s.Versions[i+1]
		if prev.Config == nil || prev.Config.Git != nil {
			continue
		}
		var labels []string
		for _, o := range s.Versions {
			if o != v && len(o.Label) >= 3 {
				labels = append(labels, o.Label)
			}
		}
		for _, p := range v.Pages {
			q := prev.Lookup(p.ID)
			if q == nil {
				continue
			}
			b, err := sitefile.Read(root, p.Source)
			if err != nil || !mentions(b, labels) {
				continue
			}
			old, err := sitefile.Read(root, q.Source)
			if err != nil {
				continue
			}
			had := map[string]bool{}
			for _, l := range bytes.Split(old, []byte("\n")) {
				had[sameLine(string(l))] = true
			}
			for n, l := range strings.Split(string(b), "\n") {
				t := sameLine(l)
				if t == "" || t == "---" || !had[t] {
					continue
				}
				for _, label := range labels {
					if col := wordIndex(l, label); col >= 0 {
						diags.Warnf(p.Source, n+1, utf8.RuneCountInString(l[:col])+1, diag.RuleStaleYear,
							"this line names %s as the %s page does, word for word: copied from last year? Make it right for %s, or reword it", label, prev.Label, v.Label)
						break
					}
				}
			}
		}
	}
}

// sameLine is a line as compared with last year's: trimmed, and with
// year-qualified references (id@fy2025) left out, since new-year moves
// those on while the words around them stay as they were.
func sameLine(l string) string {
	return strings.TrimSpace(yearQualifier.ReplaceAllString(l, "@"))
}

var yearQualifier = regexp.MustCompile(`@[a-z0-9][a-z0-9._-]*`)

func mentions(b []byte, labels []string) bool {
	for _, l := range labels {
		if bytes.Contains(b, []byte(l)) {
			return true
		}
	}
	return false
}

// wordIndex is where label stands in line as a word of its own ("FY2026"
// in "the FY2026 guide", not in "FY20261"), or -1.
func wordIndex(line, label string) int {
	for from := 0; ; {
		i := strings.Index(line[from:], label)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(line[:i])
		after, _ := utf8.DecodeRuneInString(line[i+len(label):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + len(label)
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}
