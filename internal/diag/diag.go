package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Severity tells whether a finding fails a build.
type Severity string

// Severities, from the one that fails a build to the one that only informs.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Rule names, as docs/commands.md lists them. The rule
// "file" is ours: a source that cannot be read as a page at all (unreadable,
// too large, not UTF-8, a symlink loop or one that leaves the site).
const (
	RuleConfig            = "config"
	RuleFile              = "file"
	RuleFrontmatterSyntax = "frontmatter-syntax"
	RuleFrontmatterField  = "frontmatter-field"
	RuleDuplicateID       = "duplicate-id"
	RuleDuplicateURL      = "duplicate-url"
	RuleBrokenLink        = "broken-link"
	RuleBrokenAnchor      = "broken-anchor"
	RuleBrokenXref        = "broken-xref"
	RuleUnknownVersion    = "unknown-version"
	RuleMissingAsset      = "missing-asset"
	RuleUnknownRef        = "unknown-ref"
	RulePrerequisiteCycle = "prerequisite-cycle"
	RuleMatrixMissing     = "matrix-missing-value"
	RuleMatrixUnknownTier = "matrix-unknown-tier"
	RuleDuplicateRank     = "duplicate-rank"
	RuleUnknownShortcode  = "unknown-shortcode"
	RuleUnknownRegion     = "unknown-region"
	RuleAudienceLink      = "audience-link"
	RuleStaleContent      = "stale-content"
	// RuleStaleYear: a line copied unchanged from last year's page that
	// names another program year.
	RuleStaleYear    = "stale-year"
	RuleExternalLink = "external-link"
	RuleRawHTML      = "raw-html"
	// RuleDiagram: a diagram the portal cannot draw (a Mermaid fence
	// that does not start with a diagram type, or is too long).
	RuleDiagram = "diagram"
	// RuleDiagramNotRendered: PlantUML fences shown as code, for want of
	// a server (once per page).
	RuleDiagramNotRendered = "diagram-not-rendered"
	RulePartnersInput      = "partners-input"
	// Translations (languages in config.yaml): a translation whose source
	// changed after it in Git, one without a source, and a file name whose
	// language code is not configured.
	RuleTranslationStale    = "translation-stale"
	RuleTranslationOrphan   = "translation-orphan"
	RuleTranslationLanguage = "translation-language"
	// RuleFeedbackCounts: a row of the site's feedback counts file
	// (feedback.counts) that cannot be read or names no page.
	RuleFeedbackCounts = "feedback-counts"
	// RuleGlossaryDuplicate: a glossary term (or another form of one)
	// that two entries of a version define.
	RuleGlossaryDuplicate = "glossary-duplicate"
	// RuleExpiredLink: a link to a page whose ends has passed (it is
	// left out of the build); RuleExpiring: a page that ends within
	// check.expiring days.
	RuleExpiredLink = "expired-link"
	RuleExpiring    = "expiring"
)

// Diagnostic is one finding. File is relative to the site root, with
// forward slashes; Line and Column are 1-based (0 when unknown), and the
// column counts characters, not bytes, so editors land on the right spot.
type Diagnostic struct {
	File       string   `json:"file"`
	Line       int      `json:"line"`
	Column     int      `json:"column"`
	Severity   Severity `json:"severity"`
	Rule       string   `json:"rule"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion,omitempty"`
}

// String renders the diagnostic as one line of text:
// FILE:LINE:COL: SEVERITY: MESSAGE (did you mean "…"?) [RULE].
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(quotePath(d.File))
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Column > 0 {
				fmt.Fprintf(&b, ":%d", d.Column)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(string(d.Severity))
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Suggestion != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", d.Suggestion)
	}
	fmt.Fprintf(&b, " [%s]", d.Rule)
	return b.String()
}

// quotePath quotes a file name that holds a control character or a
// character that does not print (a newline would split the line, and
// editors and CI parse one finding per line); others are written as they
// are, as compilers do.
func quotePath(p string) string {
	if strings.IndexFunc(p, func(r rune) bool { return r == utf8.RuneError || !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(p)
	}
	return p
}

// List collects diagnostics from any number of goroutines. The same
// finding added twice (a value reached through several YAML aliases, a
// page scanned twice) is kept once.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
	seen  map[Diagnostic]struct{}
}

// Add records one diagnostic.
func (l *List) Add(d Diagnostic) {
	if d.Severity == "" {
		d.Severity = Error
	}
	l.mu.Lock()
	if _, dup := l.seen[d]; !dup {
		if l.seen == nil {
			l.seen = map[Diagnostic]struct{}{}
		}
		l.seen[d] = struct{}{}
		l.items = append(l.items, d)
	}
	l.mu.Unlock()
}

// Errorf records an error at a position.
func (l *List) Errorf(file string, line, col int, rule, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Column: col, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at a position.
func (l *List) Warnf(file string, line, col int, rule, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Column: col, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other == nil {
		return
	}
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns the diagnostics sorted by file, line, column, rule and
// message, so that output is the same from run to run whatever the
// scheduling of the stages.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	return out
}

// Len is the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Count returns the number of errors and warnings.
func (l *List) Count() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// WriteText writes one line per diagnostic (see Diagnostic.String).
func WriteText(w io.Writer, items []Diagnostic) error {
	for _, d := range items {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the diagnostics as a JSON array of {file, line,
// column, severity, rule, message, suggestion}; an empty
// run writes [] rather than null so tools can always iterate.
func WriteJSON(w io.Writer, items []Diagnostic) error {
	if items == nil {
		items = []Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

// Demote turns the errors of the given rules into warnings: what
// check.level warn lets through (a page that can still be read and
// built, a shortcode whose text is left out).
func (l *List) Demote(rules ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range l.items {
		if l.items[i].Severity != Error {
			continue
		}
		for _, r := range rules {
			if l.items[i].Rule == r {
				l.items[i].Severity = Warning
			}
		}
	}
}

// WarnLevelRules are the rules whose errors check.level warn reports as
// warnings: references, shortcodes and templates, raw HTML and front
// matter that still lets its page be read. Syntax errors, unreadable
// files, configuration and the program model stay errors.
var WarnLevelRules = []string{RuleUnknownShortcode, RuleFrontmatterField, RuleBrokenLink, RuleBrokenAnchor, RuleBrokenXref,
	RuleMissingAsset, RuleUnknownVersion, RuleRawHTML, RuleAudienceLink, RuleExpiredLink}
