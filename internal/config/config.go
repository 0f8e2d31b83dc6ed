package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/feedback"
	"github.com/partnerdocs/partnerdocs/internal/textpos"
	"github.com/partnerdocs/partnerdocs/internal/yamlx"
	yaml "go.yaml.in/yaml/v3"
)

// FileName is the configuration file at the site root.
const FileName = "config.yaml"

// Audiences, widest first. A build for one audience holds the pages of that
// audience and of every wider one.
var Audiences = []string{"public", "partner", "internal"}

// AudienceRank orders audiences: a page is visible to a build when its
// rank is at most the build's.
func AudienceRank(a string) int {
	for i, x := range Audiences {
		if x == a {
			return i
		}
	}
	return -1
}

// Config is the validated site configuration.
type Config struct {
	Root            string // absolute site root
	Title           string
	BaseURL         string // always ends with "/"
	BasePath        string // the path of BaseURL: "/" or "/project/"
	Language        string
	Theme           string
	DefaultAudience string
	// SignIn is where a reader signs in to see the pages a build leaves
	// out for their audience: a link to such a page leads there, marked
	// as for partners (or internal) only. "" leaves it a marked text.
	SignIn   string
	Portal   string // folder relative to Root, slash-separated; "" if none
	Versions []Version
	Regions  []string
	Check    Check
	Search   Search
	Guides   Guides
	Markdown Markdown
	// Static is the folder of site files copied as they are to the output
	// root (Hugo's static/), relative to Root; "" if none.
	Static string
	Links  Links
	// Repository, when its URL is set, gives pages "Edit this page" and
	// "Report a problem" links in builds of its audiences. (A value, not a
	// pointer: the configuration is printed into the site's structure
	// hash.)
	Repository Repository
	// Feedback, when its URL is set, gives pages "Was this page
	// helpful? Yes / No" and "Suggest a change" links in builds of its
	// audiences.
	Feedback Feedback
	// Languages are the site's languages, the default first; without
	// the key, one: Language. Other languages are published under
	// /CODE/.
	Languages []Lang
	// Redirects is how /latest/ and former URLs redirect: "pages" (an
	// HTML page per address, any host) or "file" (a _redirects file, for
	// GitLab Pages, Netlify and Cloudflare Pages).
	Redirects string
	// Params are the site's parameters (a Hugo config's params, keys
	// lowercased), which templates read as .Site.Params.
	Params map[string]any
}

// Lang is one language of a site.
type Lang struct {
	Code, Label string
	Default     bool
}

// Multilingual reports whether the site has more than one language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 1 }

// Lang is the language with code, or nil.
func (c *Config) Lang(code string) *Lang {
	for i := range c.Languages {
		if c.Languages[i].Code == code {
			return &c.Languages[i]
		}
	}
	return nil
}

// LangCodes are the codes of the site's languages, the default first.
func (c *Config) LangCodes() []string {
	var out []string
	for _, l := range c.Languages {
		out = append(out, l.Code)
	}
	return out
}

// Repository is where the site's sources live, for edit and report
// links (GitLab's URL scheme).
type Repository struct {
	URL       string   // without a trailing slash
	Branch    string   // default main
	Audiences []string // builds that show the links; default internal only
}

// Feedback is where a reader's "Was this page helpful?" and "Suggest a
// change" clicks go. See FeedbackLink for how the address is filled.
type Feedback struct {
	URL       string   // an issue form or any form address
	Audiences []string // builds that show the links; default public and partner
	// Counts is the site's file of how often each page's links were
	// opened (page,yes,no,suggest), which the internal report lists;
	// "" when the site keeps none. Relative to Root, slash-separated.
	Counts string
}

// Shows reports whether builds for audience show the feedback links.
func (f Feedback) Shows(audience string) bool {
	return f.URL != "" && slices.Contains(f.Audiences, audience)
}

// Shows reports whether builds for audience show the repository's links.
func (r Repository) Shows(audience string) bool {
	if r.URL == "" {
		return false
	}
	for _, a := range r.Audiences {
		if a == audience {
			return true
		}
	}
	return false
}

// Links configures how links are resolved.
type Links struct {
	// Unmatched is where root-relative links outside the site's own
	// addresses go ("https://about.example.com/"); "" reports them.
	Unmatched string
}

// Version is one program year.
type Version struct {
	Name   string
	Label  string
	Path   string     // folder relative to Root for folder versions
	Git    *GitSource // set for versions read from a Git ref
	Latest bool
	Status string // current, supported or archived
	Line   int    // line of the entry in config.yaml, for later diagnostics
}

// GitSource names a folder as it was at a ref of the site's repository.
type GitSource struct {
	Ref  string
	Path string
	Line int
	// Positions of the values, for errors found when the ref is read.
	RefLine, RefCol, PathLine, PathCol int
}

// Check holds link-checking settings.
type Check struct {
	Level    string // error or warn
	External bool
	// Expiring is how many days ahead check warns about pages whose ends
	// comes (14 by default; 0 turns the warning off).
	Expiring int
}

// Search holds search settings.
type Search struct {
	Static bool
	// Synonyms are the site's own groups of words a search treats as one
	// ([lasts, valid, expires]), added to the built-in groups of each
	// language.
	Synonyms [][]string
}

// Guides holds the program guides' settings.
type Guides struct {
	// PDF asks build to print every program guide to PDF (through
	// Chromium, when one is found) and to link the file from the guide.
	PDF bool
	// Paper is the PDFs' paper size (a4 by default).
	Paper string
	// Line is where guides.pdf is set, for findings about it.
	Line, Column int
}

// Markdown holds rendering settings. Unsafe lets raw HTML in Markdown
// through; it is off by default because program managers paste from
// office tools, and a stray <script> should not reach partners.
type Markdown struct {
	// HTML is what happens to raw HTML in Markdown: "safe" (the default)
	// keeps an allowlist, "drop" removes it all, "unsafe" passes it.
	HTML string
	// IFrames are the hosts whose iframes safe mode keeps.
	IFrames []string
	// Unsafe is HTML == "unsafe" (markdown.unsafe: true, the older key).
	Unsafe bool
	// BlockAttributes allows {.class #id} lines after blocks
	// (markdown.attributes; Hugo's markup.goldmark.parser.attribute.block).
	BlockAttributes bool
	// Emoji turns :emoji_codes: into emoji (markdown.emoji; Hugo's
	// enableEmoji).
	Emoji bool
	// Mermaid draws mermaid fences as diagrams (markdown.mermaid, on by
	// default).
	Mermaid bool
	// PlantUMLServer is the PlantUML server that draws plantuml fences
	// (markdown.plantuml.server); "" leaves them code.
	PlantUMLServer string
}

// Latest returns the latest version.
func (c *Config) Latest() *Version {
	for i := range c.Versions {
		if c.Versions[i].Latest {
			return &c.Versions[i]
		}
	}
	return nil
}

// Version returns the version with that name, or nil.
func (c *Config) Version(name string) *Version {
	for i := range c.Versions {
		if c.Versions[i].Name == name {
			return &c.Versions[i]
		}
	}
	return nil
}

// HasRegion reports whether r is a configured region.
func (c *Config) HasRegion(r string) bool {
	for _, x := range c.Regions {
		if x == r {
			return true
		}
	}
	return false
}

var (
	versionNameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	regionRe      = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	topKeys       = []string{"title", "baseURL", "language", "theme", "defaultAudience", "signIn", "portal", "versions", "regions", "check", "search", "guides", "markdown", "static", "links", "repository", "feedback", "languages", "redirects"}
	versionKeys   = []string{"name", "label", "path", "git", "latest", "status"}
)

// Load reads config.yaml from root. The returned config is usable only when
// the diagnostics hold no error.
func Load(root string) (*Config, *diag.List) {
	diags := &diag.List{}
	abs, err := filepath.Abs(root)
	if err != nil {
		diags.Errorf(FileName, 0, 0, diag.RuleConfig, "cannot resolve site root %s: %v", root, err)
		return nil, diags
	}
	data, err := os.ReadFile(filepath.Join(abs, FileName))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(FileName, 0, 0, diag.RuleConfig, "no %s in %s: is this a partnerdocs site?", FileName, abs)
		} else {
			diags.Errorf(FileName, 0, 0, diag.RuleConfig, "cannot read %s: %v", FileName, err)
		}
		return nil, diags
	}
	cfg := Parse(abs, data, diags)
	return cfg, diags
}

// Parse validates the bytes of a config file for the site at root (an
// absolute path), recording problems in diags.
func Parse(root string, data []byte, diags *diag.List) *Config {
	cfg := &Config{
		Root: root, BaseURL: "/", BasePath: "/", Language: "en", Theme: "default",
		DefaultAudience: "partner", Check: Check{Level: "error", Expiring: 14}, Search: Search{Static: true}, Guides: Guides{Paper: "a4"}, Redirects: "pages",
	}
	d := &yamlx.Decoder{File: FileName, Diags: diags, SyntaxRule: diag.RuleConfig, FieldRule: diag.RuleConfig}
	top := parseDocument(data, diags)
	if top == nil {
		return cfg
	}
	p := &parser{d: d, root: root, cfg: cfg}
	seen := map[string]*yaml.Node{}
	for _, f := range d.Fields(top, "config.yaml") {
		seen[f.Key] = f.KeyN
		p.field(f)
	}
	set := map[string]bool{}
	for k := range seen {
		set[k] = true
	}
	p.readHugo(set)
	if set["title"] && seen["title"] == nil {
		seen["title"] = top
	}
	if set["static"] && seen["static"] == nil {
		seen["static"] = top
	}
	p.finish(top, seen)
	return cfg
}

// parseDocument reads config.yaml's YAML tree, or reports why it cannot.
func parseDocument(data []byte, diags *diag.List) *yaml.Node {
	if l, c, bad := textpos.InvalidUTF8(data); bad {
		diags.Errorf(FileName, l, c, diag.RuleConfig, "config.yaml is not valid UTF-8")
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			line = yamlErrLine(err.Error())
		}
		diags.Errorf(FileName, line, 0, diag.RuleConfig, "malformed YAML: %s", yamlErrMessage(err.Error()))
		return nil
	}
	return yamlx.Resolve(&doc)
}

// parser fills one Config from config.yaml's top-level keys.
type parser struct {
	d    *yamlx.Decoder
	root string
	cfg  *Config
	// mermaidSet: markdown.mermaid was written (it defaults to on).
	mermaidSet bool
}

func (p *parser) field(f yamlx.Field) {
	d, cfg, v := p.d, p.cfg, f.Value
	switch f.Key {
	case "title":
		cfg.Title, _ = d.String("title", v)
	case "baseURL":
		if s, ok := d.String("baseURL", v); ok {
			if bu, bp, err := NormalizeBaseURL(s); err != nil {
				d.Errorf(yamlx.Resolve(v), "baseURL: %v", err)
			} else {
				cfg.BaseURL, cfg.BasePath = bu, bp
			}
		}
	case "language":
		cfg.Language, _ = d.String("language", v)
	case "theme":
		p.theme(v)
	case "defaultAudience":
		cfg.DefaultAudience, _ = d.OneOf("defaultAudience", v, Audiences...)
	case "signIn":
		if u, ok := d.String("signIn", v); ok {
			if pu, err := url.Parse(u); err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
				d.Errorf(v, "signIn: %q is not an http or https address (https://partners.example.com/login)", u)
			} else {
				cfg.SignIn = u
			}
		}
	case "portal":
		if s, ok := d.String("portal", v); ok {
			cfg.Portal = checkFolder(d, p.root, "portal", s, v)
		}
	case "versions":
		parseVersions(d, p.root, cfg, f)
	case "regions":
		p.regions(v)
	case "check":
		for _, cf := range d.Fields(v, "check") {
			switch cf.Key {
			case "level":
				cfg.Check.Level, _ = d.OneOf("check.level", cf.Value, "error", "warn")
			case "external":
				cfg.Check.External, _ = d.Bool("check.external", cf.Value)
			case "expiring":
				if n, ok := d.Int("check.expiring", cf.Value); ok {
					if n < 0 {
						d.Errorf(cf.Value, "check.expiring: %d days; give 0 or more", n)
					} else {
						cfg.Check.Expiring = n
					}
				}
			default:
				d.Unknown(cf, "check", []string{"level", "external", "expiring"})
			}
		}
	case "search":
		for _, sf := range d.Fields(v, "search") {
			switch sf.Key {
			case "static":
				cfg.Search.Static, _ = d.Bool("search.static", sf.Value)
			case "synonyms":
				for _, g := range d.List("search.synonyms", sf.Value) {
					if words, ok := d.StringList("search.synonyms", g); ok {
						if len(words) < 2 {
							d.Errorf(g, "search.synonyms: a group needs two words or more")
							continue
						}
						cfg.Search.Synonyms = append(cfg.Search.Synonyms, words)
					}
				}
			default:
				d.Unknown(sf, "search", []string{"static", "synonyms"})
			}
		}
	case "guides":
		for _, gf := range d.Fields(v, "guides") {
			switch gf.Key {
			case "pdf":
				cfg.Guides.PDF, _ = d.Bool("guides.pdf", gf.Value)
				cfg.Guides.Line, cfg.Guides.Column = d.Pos(gf.Value)
			case "paper":
				cfg.Guides.Paper, _ = d.OneOf("guides.paper", gf.Value, "a4", "letter", "a3", "legal")
			default:
				d.Unknown(gf, "guides", []string{"pdf", "paper"})
			}
		}
	case "markdown":
		p.markdown(v)
	case "static":
		if s, ok := d.String("static", v); ok {
			cfg.Static = checkFolder(d, p.root, "static", s, v)
		}
	case "links":
		p.links(v)
	case "repository":
		p.repository(v)
	case "feedback":
		p.feedback(v)
	case "languages":
		p.languages(v)
	case "redirects":
		cfg.Redirects, _ = d.OneOf("redirects", v, "pages", "file")
	default:
		d.Unknown(f, "config.yaml", topKeys)
	}
}

func (p *parser) theme(v *yaml.Node) {
	s, ok := p.d.String("theme", v)
	if !ok {
		return
	}
	if s != "default" && !regionRe.MatchString(s) {
		p.d.Errorf(yamlx.Resolve(v), "theme: %q is not a folder name under themes/", s)
		return
	}
	p.cfg.Theme = s
	if s != "default" {
		if st, err := os.Stat(filepath.Join(p.root, "themes", s)); err != nil || !st.IsDir() {
			p.d.Errorf(yamlx.Resolve(v), "theme: no folder themes/%s", s)
		}
	}
}

func (p *parser) regions(v *yaml.Node) {
	rs, ok := p.d.StringList("regions", v)
	if !ok {
		return
	}
	seen := map[string]bool{}
	for i, r := range rs {
		n := itemNode(v, i)
		if !regionRe.MatchString(r) {
			p.d.Errorf(n, "regions: %q is not a valid region name ([a-z0-9][a-z0-9_-]*)", r)
		} else if seen[r] {
			p.d.Errorf(n, "regions: %q is listed twice", r)
		}
		seen[r] = true
	}
	p.cfg.Regions = rs
}

func (p *parser) markdown(v *yaml.Node) {
	d, cfg := p.d, p.cfg
	for _, mf := range d.Fields(v, "markdown") {
		switch mf.Key {
		case "unsafe":
			if b, _ := d.Bool("markdown.unsafe", mf.Value); b {
				cfg.Markdown.HTML = "unsafe"
			}
		case "html":
			cfg.Markdown.HTML, _ = d.OneOf("markdown.html", mf.Value, "safe", "drop", "unsafe")
		case "iframes":
			if hs, ok := d.StringList("markdown.iframes", mf.Value); ok {
				cfg.Markdown.IFrames = hs
			}
		case "attributes":
			cfg.Markdown.BlockAttributes, _ = d.Bool("markdown.attributes", mf.Value)
		case "emoji":
			cfg.Markdown.Emoji, _ = d.Bool("markdown.emoji", mf.Value)
		case "mermaid":
			if b, ok := d.Bool("markdown.mermaid", mf.Value); ok {
				p.mermaidSet, cfg.Markdown.Mermaid = true, b
			}
		case "plantuml":
			for _, pf := range d.Fields(mf.Value, "markdown.plantuml") {
				if pf.Key != "server" {
					d.Unknown(pf, "markdown.plantuml", []string{"server"})
					continue
				}
				if u, ok := d.String("markdown.plantuml.server", pf.Value); ok {
					if pu, err := url.Parse(u); err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" || pu.RawQuery != "" || pu.Fragment != "" {
						d.Errorf(pf.Value, "markdown.plantuml.server: %q is not an http or https address of a PlantUML server (https://plantuml.example.com/plantuml)", u)
					} else {
						cfg.Markdown.PlantUMLServer = u
					}
				}
			}
		default:
			d.Unknown(mf, "markdown", []string{"attributes", "emoji", "html", "iframes", "mermaid", "plantuml", "unsafe"})
		}
	}
}

func (p *parser) links(v *yaml.Node) {
	d := p.d
	for _, lf := range d.Fields(v, "links") {
		if lf.Key != "unmatched" {
			d.Unknown(lf, "links", []string{"unmatched"})
			continue
		}
		s, ok := d.String("links.unmatched", lf.Value)
		if !ok {
			continue
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			d.Errorf(yamlx.Resolve(lf.Value), "links.unmatched: %q must be an http(s) address such as https://about.example.com/", s)
		} else {
			p.cfg.Links.Unmatched = strings.TrimSuffix(s, "/") + "/"
		}
	}
}

// langCodeRe is a language code as BCP 47 writes the common ones: "de",
// "ja", "pt-br", "zh-hans" (lower case, as in file names and addresses).
var langCodeRe = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// languages reads the languages key: a list of {code, label, default},
// exactly one default (the first when none says so), codes unique.
func (p *parser) languages(v *yaml.Node) {
	d := p.d
	var out []Lang
	defaults := 0
	seen := map[string]bool{}
	for _, item := range d.List("languages", v) {
		l := Lang{}
		for _, f := range d.Fields(item, "languages item") {
			switch f.Key {
			case "code":
				c, ok := d.String("languages.code", f.Value)
				if ok && !langCodeRe.MatchString(c) {
					d.Errorf(yamlx.Resolve(f.Value), "languages: %q is not a language code such as en, de, ja or pt-br (lower case)", c)
					ok = false
				}
				if ok && seen[c] {
					d.Errorf(yamlx.Resolve(f.Value), "languages: %q is listed twice", c)
					ok = false
				}
				if ok {
					l.Code = c
					seen[c] = true
				}
			case "label":
				l.Label, _ = d.String("languages.label", f.Value)
			case "default":
				if b, _ := d.Bool("languages.default", f.Value); b {
					l.Default = true
					defaults++
					if defaults == 2 {
						d.Errorf(yamlx.Resolve(f.Value), "languages: %q is a second default language; one language is the default", l.Code)
					}
				}
			default:
				d.Unknown(f, "languages", []string{"code", "label", "default"})
			}
		}
		if l.Code == "" {
			d.Errorf(yamlx.Resolve(item), "languages: each language needs a code")
			continue
		}
		if l.Label == "" {
			l.Label = l.Code
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return
	}
	if defaults == 0 {
		out[0].Default = true
	}
	// The default first: it is published at the site root.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Default && !out[j].Default })
	for i := 1; i < len(out); i++ {
		out[i].Default = false
	}
	p.cfg.Languages = out
	p.cfg.Language = out[0].Code
}

// repository reads the repository key: an http(s) URL, a branch and the
// audiences whose builds show the links.
func (p *parser) repository(v *yaml.Node) {
	d := p.d
	r := &Repository{Branch: "main", Audiences: []string{"internal"}}
	ok := true
	hasURL := false
	for _, f := range d.Fields(v, "repository") {
		switch f.Key {
		case "url":
			s, good := d.String("repository.url", f.Value)
			if !good {
				ok = false
				continue
			}
			hasURL = true
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
				d.Errorf(yamlx.Resolve(f.Value), "repository.url: %q must be an http(s) address such as https://gitlab.com/acme/partner-portal", s)
				ok = false
				continue
			}
			r.URL = strings.TrimSuffix(s, "/")
		case "branch":
			b, good := d.String("repository.branch", f.Value)
			if good && (b == "" || strings.ContainsAny(b, " ?#")) {
				d.Errorf(yamlx.Resolve(f.Value), "repository.branch: %q is not a branch name", b)
				good = false
			}
			ok = ok && good
			if good {
				r.Branch = b
			}
		case "audiences":
			ok = audiences(d, "repository.audiences", f.Value, &r.Audiences) && ok
		default:
			d.Unknown(f, "repository", []string{"url", "branch", "audiences"})
			ok = false
		}
	}
	if !hasURL && ok {
		d.Errorf(v, "repository: missing required key \"url\"")
		ok = false
	}
	if ok {
		p.cfg.Repository = *r
	}
}

// audiences reads a list of audiences into *out (left as it was when the
// list is empty or names something else), and reports whether it read.
func audiences(d *yamlx.Decoder, key string, v *yaml.Node, out *[]string) bool {
	as, good := d.StringList(key, v)
	for _, a := range as {
		if AudienceRank(a) < 0 {
			d.Errorf(yamlx.Resolve(v), "%s: %q is not public, partner or internal", key, a)
			good = false
		}
	}
	if good && len(as) > 0 {
		*out = as
	}
	return good
}

// feedback reads the feedback key: an http(s) address (an issue form or
// any form, with {placeholders}), the audiences whose builds show the
// links, and the site's file of counts for the internal report.
func (p *parser) feedback(v *yaml.Node) {
	d := p.d
	fb := Feedback{Audiences: []string{"public", "partner"}}
	ok := true
	for _, f := range d.Fields(v, "feedback") {
		switch f.Key {
		case "url":
			s, good := d.String("feedback.url", f.Value)
			if !good {
				ok = false
				continue
			}
			if msg := feedback.Check(s); msg != "" {
				d.Errorf(yamlx.Resolve(f.Value), "feedback.url: %q %s", s, msg)
				ok = false
				continue
			}
			fb.URL = s
		case "audiences":
			ok = audiences(d, "feedback.audiences", f.Value, &fb.Audiences) && ok
		case "counts":
			if s, good := d.String("feedback.counts", f.Value); good {
				fb.Counts = checkFile(d, p.root, "feedback.counts", s, f.Value)
				ok = ok && fb.Counts != ""
			} else {
				ok = false
			}
		default:
			d.Unknown(f, "feedback", []string{"url", "audiences", "counts"})
			ok = false
		}
	}
	if fb.URL == "" && ok {
		d.Errorf(v, "feedback: missing required key \"url\"")
		ok = false
	}
	if ok {
		p.cfg.Feedback = fb
	}
}

// finish checks what needs all keys read, and fills the defaults that
// depend on them.
func (p *parser) finish(top *yaml.Node, seen map[string]*yaml.Node) {
	d, cfg := p.d, p.cfg
	if len(cfg.Languages) > 0 {
		// languages names the default; language, if also given, yields.
		cfg.Language = cfg.Languages[0].Code
	}
	if seen["title"] == nil {
		d.Errorf(top, "missing required key \"title\"")
	}
	if seen["versions"] == nil {
		d.Errorf(top, "missing required key \"versions\": a site needs at least one version")
	}
	for _, v := range cfg.Versions {
		// Other languages live under /CODE/: a version of that name
		// would be written to the same folder.
		if l := cfg.Lang(v.Name); l != nil && !l.Default && len(cfg.Languages) > 1 {
			d.Errorf(yamlx.Resolve(seen["versions"]), "versions: %q is also a language's code; its pages and the %s pages would share /%s/", v.Name, l.Label, v.Name)
		}
	}
	if n := seen["portal"]; n != nil && cfg.Portal != "" {
		// A portal folder that holds a version's folder, or lies inside
		// one, would publish those pages twice.
		for _, v := range cfg.Versions {
			if v.Path != "" && (within(v.Path, cfg.Portal) || within(cfg.Portal, v.Path)) {
				d.Errorf(yamlx.Resolve(n), "portal: %q overlaps the folder %q of version %s; each page must belong to one folder", cfg.Portal, v.Path, v.Name)
				cfg.Portal = ""
				break
			}
		}
	}
	if cfg.Markdown.HTML == "" {
		cfg.Markdown.HTML = "safe"
	}
	cfg.Markdown.Unsafe = cfg.Markdown.HTML == "unsafe"
	if cfg.Markdown.IFrames == nil {
		cfg.Markdown.IFrames = []string{"www.youtube-nocookie.com", "www.youtube.com", "youtube.com", "player.vimeo.com", "docs.google.com"}
	}
	if !p.mermaidSet {
		cfg.Markdown.Mermaid = true
	}
	if seen["static"] == nil {
		// As in Hugo, a static/ folder beside config.yaml is copied
		// without being named.
		if st, err := os.Stat(filepath.Join(p.root, "static")); err == nil && st.IsDir() {
			cfg.Static = "static"
		}
	}
	if cfg.Static != "" {
		for _, v := range cfg.Versions {
			if v.Path != "" && (within(v.Path, cfg.Static) || within(cfg.Static, v.Path)) {
				d.Errorf(top, "static: %q overlaps the folder %q of version %s", cfg.Static, v.Path, v.Name)
				cfg.Static = ""
				break
			}
		}
	}
	// "global" is every page's default region, so it always exists.
	if !cfg.HasRegion("global") {
		cfg.Regions = append([]string{"global"}, cfg.Regions...)
	}
}

func itemNode(list *yaml.Node, i int) *yaml.Node {
	list = yamlx.Resolve(list)
	if list.Kind == yaml.SequenceNode && i < len(list.Content) {
		return list.Content[i]
	}
	return list
}

func parseVersions(d *yamlx.Decoder, root string, cfg *Config, f yamlx.Field) {
	items := d.List("versions", f.Value)
	if items == nil && yamlx.Resolve(f.Value).Kind == yaml.SequenceNode {
		d.Errorf(f.KeyN, "versions: at least one version is required")
	}
	names := map[string]bool{}
	var latest []*yaml.Node
	for _, it := range items {
		v := Version{Line: it.Line + d.LineOffset}
		var seenName, seenSource bool
		var latestKey *yaml.Node
		for _, vf := range d.Fields(it, "a version") {
			switch vf.Key {
			case "name":
				if s, ok := d.String("versions.name", vf.Value); ok {
					seenName = true
					switch {
					case !versionNameRe.MatchString(s):
						d.Errorf(yamlx.Resolve(vf.Value), "versions.name: %q must match [a-z0-9][a-z0-9._-]* (it is used in URLs)", s)
					case s == "latest" || s == "search" || s == "news":
						d.Errorf(yamlx.Resolve(vf.Value), "versions.name: %q is reserved for the portal's own addresses", s)
					case names[s]:
						d.Errorf(yamlx.Resolve(vf.Value), "versions.name: two versions are named %q", s)
					}
					names[s] = true
					v.Name = s
				}
			case "label":
				v.Label, _ = d.String("versions.label", vf.Value)
			case "path":
				if s, ok := d.String("versions.path", vf.Value); ok {
					seenSource = true
					v.Path = checkFolder(d, root, "versions.path", s, vf.Value)
				}
			case "git":
				seenSource = true
				v.Git = parseGit(d, vf)
			case "latest":
				if b, ok := d.Bool("versions.latest", vf.Value); ok && b {
					v.Latest = true
					latestKey = vf.KeyN
				}
			case "status":
				v.Status, _ = d.OneOf("versions.status", vf.Value, "current", "supported", "archived")
			default:
				d.Unknown(vf, "a version", versionKeys)
			}
		}
		if yamlx.Resolve(it).Kind != yaml.MappingNode {
			continue
		}
		if !seenName {
			d.Errorf(it, "versions: missing required key \"name\"")
		}
		if !seenSource {
			d.Errorf(it, "versions: %q needs a \"path\" or a \"git\" source", v.Name)
		}
		if v.Path != "" && v.Git != nil {
			d.Errorf(it, "versions: %q has both \"path\" and \"git\"; choose one", v.Name)
		}
		if v.Label == "" {
			v.Label = strings.ToUpper(v.Name)
		}
		if latestKey != nil {
			latest = append(latest, latestKey)
		}
		cfg.Versions = append(cfg.Versions, v)
	}
	switch {
	case len(latest) > 1:
		for _, n := range latest[1:] {
			d.Errorf(n, "versions.latest: exactly one version may be latest, and %d are", len(latest))
		}
	case len(latest) == 0 && len(cfg.Versions) == 1:
		cfg.Versions[0].Latest = true
	case len(latest) == 0 && len(cfg.Versions) > 1:
		d.Errorf(f.KeyN, "versions: no version is marked \"latest: true\"; exactly one must be")
	}
	for i := range cfg.Versions {
		if cfg.Versions[i].Status == "" {
			if cfg.Versions[i].Latest {
				cfg.Versions[i].Status = "current"
			} else {
				cfg.Versions[i].Status = "supported"
			}
		}
	}
}

// parseGit reads a version's git source: a ref and an optional path.
func parseGit(d *yamlx.Decoder, vf yamlx.Field) *GitSource {
	g := &GitSource{Line: vf.KeyN.Line + d.LineOffset}
	for _, gf := range d.Fields(vf.Value, "versions.git") {
		switch gf.Key {
		case "ref":
			g.Ref, _ = d.String("versions.git.ref", gf.Value)
			g.RefLine, g.RefCol = d.Pos(yamlx.Resolve(gf.Value))
		case "path":
			g.PathLine, g.PathCol = d.Pos(yamlx.Resolve(gf.Value))
			if s, ok := d.String("versions.git.path", gf.Value); ok {
				if clean, ok := cleanRel(s); ok {
					g.Path = clean
				} else {
					d.Errorf(yamlx.Resolve(gf.Value), "versions.git.path: %q must be a relative path inside the repository", s)
				}
			}
		default:
			d.Unknown(gf, "versions.git", []string{"ref", "path"})
		}
	}
	if g.Ref == "" {
		d.Errorf(vf.KeyN, "versions.git: missing required key \"ref\"")
	}
	return g
}

// cleanRel cleans a slash-separated relative path and refuses one that is
// absolute or climbs out of its root.
func cleanRel(s string) (string, bool) {
	s = filepath.ToSlash(s)
	if s == "" || path.IsAbs(s) || filepath.IsAbs(s) {
		return "", false
	}
	c := path.Clean(s)
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", false
	}
	return c, true
}

func checkFolder(d *yamlx.Decoder, root, key, s string, n *yaml.Node) string {
	n = yamlx.Resolve(n)
	clean, ok := cleanRel(s)
	if !ok {
		d.Errorf(n, "%s: %q must be a folder inside the site", key, s)
		return ""
	}
	if clean == "." {
		// The site root holds config.yaml, themes and the output: as a
		// content folder it would publish every page twice.
		d.Errorf(n, "%s: %q is the site root; name a folder inside it, such as content/portal", key, s)
		return ""
	}
	st, err := os.Stat(filepath.Join(root, filepath.FromSlash(clean)))
	switch {
	case err != nil:
		d.Errorf(n, "%s: folder %q does not exist", key, s)
		return ""
	case !st.IsDir():
		d.Errorf(n, "%s: %q is a file, not a folder", key, s)
		return ""
	}
	return clean
}

// checkFile is checkFolder for a file the site keeps (a data file).
func checkFile(d *yamlx.Decoder, root, key, s string, n *yaml.Node) string {
	n = yamlx.Resolve(n)
	clean, ok := cleanRel(s)
	if !ok || clean == "." {
		d.Errorf(n, "%s: %q must be a file inside the site", key, s)
		return ""
	}
	st, err := os.Stat(filepath.Join(root, filepath.FromSlash(clean)))
	switch {
	case err != nil:
		d.Errorf(n, "%s: file %q does not exist", key, s)
		return ""
	case st.IsDir():
		d.Errorf(n, "%s: %q is a folder, not a file", key, s)
		return ""
	}
	return clean
}

// NormalizeBaseURL checks a base URL and returns it with a trailing slash,
// and its path, which every link of the site is prefixed with.
func NormalizeBaseURL(s string) (string, string, error) {
	if s == "" {
		return "/", "/", nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", "", fmt.Errorf("%q is not a URL", s)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return "", "", fmt.Errorf("%q: only http and https base URLs are supported", s)
	}
	if u.Scheme != "" && u.Host == "" {
		return "", "", fmt.Errorf("%q has no host", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", "", fmt.Errorf("%q must not have a query or fragment", s)
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u.Path = p
	return u.String(), p, nil
}

var lineRe = regexp.MustCompile(`line (\d+)`)

func yamlErrLine(msg string) int {
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscanf(m[1], "%d", &n)
		return n
	}
	return 0
}

var linePrefixRe = regexp.MustCompile(`^line \d+: `)

func yamlErrMessage(msg string) string {
	msg = strings.TrimPrefix(msg, "yaml: ")
	return linePrefixRe.ReplaceAllString(msg, "")
}

// within reports whether the slash path child is parent or lies below it.
func within(child, parent string) bool {
	return child == parent || strings.HasPrefix(child, parent+"/")
}
