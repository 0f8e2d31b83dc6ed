package content

import (
	"io"
	"path"
	"strings"
	"time"
	"unicode"
)

// Kinds of page (docs/content-model.md describes each).
var Kinds = []string{"page", "guide", "playbook", "terms", "program", "tier", "designation", "benefit", "certification", "announcement", "glossary", "path", "event"}

// CommonKeys may appear on any page.
var CommonKeys = []string{"kind", "id", "title", "description", "weight", "audience", "regions", "tags", "owner", "review_by", "aliases", "draft", "starts", "ends"}

// KindKeys lists the keys each kind adds to CommonKeys.
var KindKeys = map[string][]string{
	"page":          nil,
	"guide":         nil,
	"playbook":      {"roles", "programs"},
	"terms":         {"version", "effective", "supersedes"},
	"program":       {"type"},
	"tier":          {"program", "rank", "entry", "requirements", "keep"},
	"designation":   {"programs", "min_tier", "requirements", "keep"},
	"benefit":       {"program", "programs", "group", "values", "region_values", "terms", "requires"},
	"certification": {"track", "level", "prerequisites", "duration_hours", "validity_months", "exam", "badge"},
	"announcement":  {"date", "expires", "affects"},
	"glossary":      {"entries"},
	"path":          {"program", "tier", "steps"},
	"event":         {"start", "end", "timezone", "programs", "format", "location", "register", "recording"},
}

// ParamKey is an unknown front-matter key kept as a parameter, with its
// position in the file.
type ParamKey struct {
	Name         string
	Line, Column int
}

// Page is one Markdown source with its typed front matter. Pages are built
// by Load and not changed afterwards, so later stages may share them
// across goroutines.
type Page struct {
	Version string // version name; "" for the portal
	Source  string // path relative to the site root, slash-separated
	Rel     string // path relative to the version or portal folder
	Dir     string // folder of Rel ("" at the top)
	URL     string // site-relative pretty URL path without leading slash: "fy2026/terms/mdf/"
	IsIndex bool   // an _index.md or index.md: the page of its folder
	// Lang is the language code of a translation (mdf.de.md); "" for a
	// page in the default language. A translation has its source's id,
	// address and model keys (see Translate).
	Lang string

	ID          string
	Kind        string
	Title       string
	Description string
	Weight      int
	Audience    string
	Regions     []string
	Tags        []string
	Owner       string
	ReviewBy    string
	Aliases     []string
	URLAliases  []string // former URLs (aliases starting with /), site-relative: "handbook/old/"
	Draft       bool
	// Starts and Ends (YYYY-MM-DD, "" when open) are the days a dated
	// thing (an incentive, a promotion) runs, both included: before it
	// starts a page says from when, while it runs until when, and once
	// it has ended it is left out of the build.
	Starts, Ends string

	// Kind-specific scalars, decoded here because the theme shows them.
	Type           string   // program
	Program        string   // tier, benefit (single program)
	Programs       []string // benefit (several), playbook, designation
	MinTier        []string // designation: the tier to hold first, per program
	Rank           int      // tier
	Entry          string   // tier
	Group          string   // benefit
	Terms          string   // benefit: id of governing terms page
	Track          string   // certification
	Level          string   // certification
	Prerequisites  []string // certification
	DurationHours  float64  // certification
	ValidityMonths int      // certification
	Exam           string   // certification
	Badge          string   // certification
	Roles          []string // playbook
	TermsVersion   string   // terms: "version"
	Effective      string   // terms
	Supersedes     string   // terms
	Date           string   // announcement
	Expires        string   // announcement
	Affects        []string // announcement

	// Params are the front-matter keys partnerdocs does not know (Hugo's
	// toc_hide, a site's own status), kept for templates as .Params.NAME;
	// ParamKeys are where they are, for check --strict.
	Params    map[string]any
	ParamKeys []ParamKey

	// The program model's keys, typed (see Requirement, ValueEntry):
	// Requirements and Keep are nil when the key is absent; ValuesKey is
	// where values is written (the front matter's start when it is not).
	Requirements []Requirement
	Keep         []Requirement
	Values       []ValueEntry
	ValuesKey    Pos
	RegionValues []RegionValues
	Requires     []Condition

	// Entries are a glossary page's terms; nil when the key is absent.
	Entries []GlossaryEntry
	// Steps are a path's steps, in order; PathTier is the tier a path
	// leads to (a path's program is Program).
	Steps    []PathStep
	PathTier string
	// Event is an event's schedule and links (nil on other kinds).
	Event *Event

	// FMLine is the file line before the front matter's first line; keys
	// records where each key's value is, for findings about it.
	FMLine int
	keys   []keyPos
	start  Pos

	// Broken is true when the front matter could not be read: the page
	// is kept (links to it still resolve) but its kind is unknown, so
	// references that expect a kind do not report it a second time.
	Broken bool

	BodyHash   [16]byte // identifies the body (see Bodies), so scans can be shared and versions compared
	SourceHash [16]byte // identifies the whole file, for the preview's render cache
	BodyOffset int      // byte offset of Body in the file
	BodyLine   int      // file line on which Body starts
}

// keyPos is where a front-matter key's value is written: as written
// (raw) and after YAML aliases (ref), and each item's when it is a list.
type keyPos struct {
	name     string
	raw, ref Pos
	items    []Pos
}

func (p *Page) key(name string) *keyPos {
	for i := range p.keys {
		if p.keys[i].name == name {
			return &p.keys[i]
		}
	}
	return nil
}

// Has reports whether the front matter has a key.
func (p *Page) Has(name string) bool { return p.key(name) != nil }

// absent is the position findings about an absent key point at.
func (p *Page) absent() Pos {
	if p.FMLine > 0 {
		return Pos{p.FMLine, 1}
	}
	return Pos{1, 1}
}

// KeyPos returns the file line and column of the value of a front-matter
// key, or of the front matter's start when the key is absent.
func (p *Page) KeyPos(name string) (int, int) {
	if k := p.key(name); k != nil {
		return k.raw.Line, k.raw.Column
	}
	a := p.absent()
	return a.Line, a.Column
}

// RefPos is where a key's value is, as a reference to another page
// (following YAML aliases).
func (p *Page) RefPos(name string) Pos {
	if k := p.key(name); k != nil {
		return k.ref
	}
	return p.absent()
}

// ItemPos is where item i of a list key is (the value's, when it is not
// a list).
func (p *Page) ItemPos(name string, i int) Pos {
	k := p.key(name)
	switch {
	case k == nil:
		return p.absent()
	case i < len(k.items):
		return k.items[i]
	}
	return k.ref
}

// Start is where the front matter starts: findings about a missing key
// point there.
func (p *Page) Start() Pos { return p.start }

// Asset is a non-Markdown file in a content folder (an image, a PDF).
type Asset struct {
	Version string // "" for the portal
	Source  string // path relative to the site root
	Rel     string // path relative to the version or portal folder
	URL     string // site-relative URL path without leading slash
	Size    int64
	Open    func() ([]byte, error)
	// Stream opens the file to copy it without holding it whole (a
	// 1.5 GB download in static/ is copied, not read into memory).
	Stream func() (io.ReadCloser, error)
	Static bool // a file of the static folder, copied whether linked or not
}

// Hidden records a page left out of this build (another audience, or a
// draft), without any of its content: links to it keep their text and lose
// their address, and check reports them.
type Hidden struct {
	Version, ID, Rel, Audience string
	Draft                      bool
	// Reason is why a page the audience and drafts would keep is left
	// out: Hugo's build options, headless, publishDate or expiryDate, or
	// its ends; Ended is the day it ended when that is why.
	Reason  string
	Ended   string
	Aliases []string // its former ids, which lead to it too
	URL     string   // the address it would have had
	// FormerURLs are its former URLs (aliases starting with /).
	FormerURLs []string
}

// NameTitle is the title Hugo gives a page without one: its file name, or
// its folder's for an index page, with hyphens and underscores as spaces
// and the first letter capitalised.
func (p *Page) NameTitle() string {
	base := path.Base(p.Rel)
	if p.IsIndex {
		base = path.Base(p.Dir)
		if p.Dir == "" {
			base = "home"
		}
	}
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.NewReplacer("-", " ", "_", " ").Replace(base)
	if base == "" {
		return "Untitled"
	}
	r := []rune(base)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// LeftOut says why Hugo would not publish the page on the day today
// (YYYY-MM-DD; "" skips the dates), or "" when it would: build.render
// never or link (or _build, Hugo's older key, or render: false),
// headless, a publishDate after today or an expiryDate on or before it.
func (p *Page) LeftOut(today string) string {
	for _, key := range []string{"build", "_build"} {
		if m, ok := p.Params[key].(map[string]any); ok {
			switch r := m["render"].(type) {
			case string:
				if r == "never" || r == "link" {
					return key + ".render is " + r
				}
			case bool:
				if !r {
					return key + ".render is false"
				}
			}
		}
	}
	if h, ok := p.Params["headless"].(bool); ok && h {
		return "it is headless"
	}
	if today == "" {
		return ""
	}
	if d := paramDate(p.Params["publishdate"]); d != "" && d > today {
		return "its publishDate is " + d
	}
	if d := paramDate(p.Params["expirydate"]); d != "" && d <= today {
		return "its expiryDate was " + d
	}
	if p.Ends != "" && p.Ends < today {
		return "it ended on " + p.Ends
	}
	return ""
}

// Unlisted reports whether Hugo's build.list (never or local) keeps the
// page out of lists and navigation while publishing it.
func (p *Page) Unlisted() bool {
	for _, key := range []string{"build", "_build"} {
		if m, ok := p.Params[key].(map[string]any); ok {
			switch l := m["list"].(type) {
			case string:
				if l == "never" || l == "local" {
					return true
				}
			case bool:
				if !l {
					return true
				}
			}
		}
	}
	return false
}

// paramDate is a date parameter as YYYY-MM-DD, whether YAML read it as
// a time or as text.
func paramDate(v any) string {
	switch d := v.(type) {
	case time.Time:
		return d.UTC().Format("2006-01-02")
	case string:
		if len(d) >= 10 {
			return d[:10]
		}
	}
	return ""
}
