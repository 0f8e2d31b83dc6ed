package content

import (
	"gopkg.in/yaml.v3"
)

// Kinds of page (docs/content-model.md describes each).
var Kinds = []string{"page", "guide", "playbook", "terms", "program", "tier", "designation", "benefit", "certification", "announcement"}

// CommonKeys may appear on any page.
var CommonKeys = []string{"kind", "id", "title", "description", "weight", "audience", "regions", "tags", "owner", "review_by", "aliases", "draft"}

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

	// FrontMatter is the root mapping of the front matter, kept so that the
	// program model can decode structured keys (requirements, values) and
	// every stage can point at the line of a key. FMLine is added to node
	// lines to get file lines.
	FrontMatter *yaml.Node
	FMLine      int

	// Broken is true when the front matter could not be read: the page
	// is kept (links to it still resolve) but its kind is unknown, so
	// references that expect a kind do not report it a second time.
	Broken bool

	Body       []byte   // the Markdown below the front matter; released after validation
	BodyHash   [16]byte // identifies Body, so versions can be compared after it is released
	SourceHash [16]byte // identifies the whole file, for the preview's render cache
	BodyOffset int      // byte offset of Body in the file
	BodyLine   int      // file line on which Body starts
}

// Key returns the key node and value node of a front-matter key, or nils.
func (p *Page) Key(name string) (key, value *yaml.Node) {
	if p.FrontMatter == nil {
		return nil, nil
	}
	fm := p.FrontMatter
	for i := 0; i+1 < len(fm.Content); i += 2 {
		if fm.Content[i].Value == name {
			return fm.Content[i], fm.Content[i+1]
		}
	}
	return nil, nil
}

// KeyPos returns the file line and column of the value of a front-matter
// key, or of the front matter's start when the key is absent.
func (p *Page) KeyPos(name string) (int, int) {
	_, v := p.Key(name)
	return p.NodePos(v)
}

// NodePos returns the file position of a front-matter node.
func (p *Page) NodePos(n *yaml.Node) (int, int) {
	if n == nil || n.Line == 0 {
		if p.FMLine > 0 {
			return p.FMLine, 1
		}
		return 1, 1
	}
	return n.Line + p.FMLine, n.Column
}

// Asset is a non-Markdown file in a content folder (an image, a PDF).
type Asset struct {
	Version string // "" for the portal
	Source  string // path relative to the site root
	Rel     string // path relative to the version or portal folder
	URL     string // site-relative URL path without leading slash
	Size    int64
	Open    func() ([]byte, error)
	Static  bool // a file of the static folder, copied whether linked or not
}

// Hidden records a page left out of this build (another audience, or a
// draft), without any of its content: links to it keep their text and lose
// their address, and check reports them.
type Hidden struct {
	Version, ID, Rel, Audience string
	Draft                      bool
	Aliases                    []string // its former ids, which lead to it too
	URL                        string   // the address it would have had
}
