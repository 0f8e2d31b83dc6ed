package site

import (
	"slices"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/parallel"
	"github.com/partnerdocs/partnerdocs/internal/words"

	"path"
	"sort"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/memo"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
)

// Page is a loaded page with what its Markdown scan found.
type Page struct {
	*content.Page
	Doc     *markdown.Doc
	Summary string // description, or the first paragraph
	Section *Section
	// Includes are the pages its include shortcodes render in place, in
	// order (nil where a path names no page of its version).
	Includes []*Page
	// Clauses are a terms page's sections with their text, kept for the
	// changes report's redline (other pages' text is let go).
	Clauses []markdown.Section
}

// maxIncludeDepth bounds how deep includes nest, so a cycle of includes
// cannot make a page infinite (check reports the cycle).
const maxIncludeDepth = 4

// Headings are the page's headings with those of the pages it includes,
// each at its include's place: the page's contents and anchors.
func (p *Page) Headings() []markdown.Heading {
	return p.headings(0)
}

func (p *Page) headings(depth int) []markdown.Heading {
	if len(p.Includes) == 0 || depth >= maxIncludeDepth {
		return p.Doc.Headings
	}
	var out []markdown.Heading
	hs := p.Doc.Headings
	inc := 0
	for _, sc := range p.Doc.Shortcodes {
		if sc.Name != "include" {
			continue
		}
		for len(hs) > 0 && hs[0].Offset < sc.Offset {
			out = append(out, hs[0])
			hs = hs[1:]
		}
		if inc < len(p.Includes) && p.Includes[inc] != nil {
			out = append(out, p.Includes[inc].headings(depth+1)...)
		}
		inc++
	}
	return append(out, hs...)
}

// HasAnchor reports whether a heading of the page has the id. A page has
// a few dozen headings at most: a scan is as quick as a set, and building
// a set per page on every preview rebuild was not.
func (p *Page) HasAnchor(id string) bool {
	for _, h := range p.Headings() {
		if h.ID == id {
			return true
		}
	}
	for _, a := range p.Doc.Anchors {
		if a == id {
			return true
		}
	}
	for _, e := range p.Entries {
		if e.ID == id {
			return true
		}
	}
	return false
}

// AnchorIDs returns the page's heading ids, sorted, without repeats.
func (p *Page) AnchorIDs() []string {
	hs := p.Headings()
	out := make([]string, 0, len(hs))
	for _, h := range hs {
		out = append(out, h.ID)
	}
	out = append(out, p.Doc.Anchors...)
	for _, e := range p.Entries {
		out = append(out, e.ID)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// IncludePath is the file an include call names: its "file" argument or
// first positional one.
func IncludePath(sc *markdown.Shortcode) string {
	if f, ok := sc.Arg("file"); ok {
		return f
	}
	f, _ := sc.Get("0")
	return f
}

// resolveIncludes finds, for each include call of each page, the file it
// names where Hugo sites keep them: below assets/, then below the site
// root, then as a page of its version (relative to the page's folder, or
// to the version's folder when it starts with /). A file outside the
// content folders becomes an include-only page: scanned, rendered where
// it is included, never published by itself.
func (ld *includeLoader) resolveIncludes(v *Version) {
	for _, p := range v.Pages {
		for _, sc := range p.Doc.Shortcodes {
			if sc.Name != "include" {
				continue
			}
			f := IncludePath(sc)
			rel := path.Join(p.Dir, f)
			if strings.HasPrefix(f, "/") {
				rel = strings.TrimPrefix(path.Clean(f), "/")
			}
			inc := v.ByRel[rel]
			if inc == nil && f != "" {
				inc = ld.load(v, f)
			}
			p.Includes = append(p.Includes, inc)
		}
	}
}

// IncludeDirs are where an include's file is looked for before the
// content folders, in order: Hugo sites keep shared Markdown in
// assets/includes/ or beside config (a folder such as includes/).
var IncludeDirs = []string{"assets", ""}

// includeLoader reads include-only files once per version and path.
type includeLoader struct {
	s      *Site
	engine *markdown.Engine
	outs   *Outputs
	pages  map[string]*Page
}

func (ld *includeLoader) load(v *Version, f string) *Page {
	clean := strings.TrimPrefix(path.Clean("/"+f), "/")
	if clean == "" || !strings.HasSuffix(clean, ".md") {
		return nil
	}
	key := v.Name + "\x00" + clean
	if p, ok := ld.pages[key]; ok {
		return p
	}
	ld.pages[key] = nil
	root := ld.s.Config.Root
	for _, dir := range IncludeDirs {
		src := path.Join(dir, clean)
		if ld.inContent(src) || !sitefile.Exists(root, src) {
			continue
		}
		b, err := sitefile.Read(root, src)
		if err != nil {
			continue
		}
		var diags diag.List
		cp, body := content.ParsePage(ld.s.Config, v.Name, src, clean, b, &diags)
		if cp == nil {
			continue
		}
		d, out := ld.engine.ScanAll(body)
		p := &Page{Page: cp, Doc: d, Summary: d.Description}
		ld.outs.HTML[cp.BodyHash] = out.HTML
		ld.pages[key] = p
		v.IncludeOnly = append(v.IncludeOnly, p)
		return p
	}
	return nil
}

// inContent reports whether a site path lies in a version or portal
// folder: those files are pages, found as pages.
func (ld *includeLoader) inContent(src string) bool {
	cfg := ld.s.Config
	folders := []string{cfg.Portal}
	for _, v := range cfg.Versions {
		folders = append(folders, v.Path)
	}
	for _, f := range folders {
		if f != "" && (src == f || strings.HasPrefix(src, strings.TrimSuffix(f, "/")+"/")) {
			return true
		}
	}
	return false
}

// IncludeSearched says where an include of f was looked for, for the
// finding when none was found.
func IncludeSearched(p *Page, f string) string {
	clean := strings.TrimPrefix(path.Clean("/"+f), "/")
	var where []string
	for _, dir := range IncludeDirs {
		where = append(where, path.Join(dir, clean))
	}
	rel := path.Join(p.Dir, f)
	if strings.HasPrefix(f, "/") {
		rel = clean
	}
	where = append(where, "the page "+rel+" of this version")
	return strings.Join(where, ", ")
}

// Version is a resolved version, or the portal (Name "").
type Version struct {
	*content.Version
	Label   string
	Latest  bool
	Status  string
	Pages   []*Page // sorted by Source
	ByID    map[string]*Page
	ByAlias map[string]*Page
	ByRel   map[string]*Page
	Hidden  map[string]content.Hidden // by id
	HiddenR map[string]content.Hidden // by rel
	Root    *Section
	// IncludeOnly are the files outside the content folders that pages
	// include (assets/includes/x.md): checked like pages, rendered where
	// they are included, never published by themselves.
	IncludeOnly []*Page
}

// Section is a folder of a version: its index page (if any), its pages and
// its subfolders, each ordered by weight then title.
type Section struct {
	Dir      string // "" for the version root
	Version  string // its version's name; "" for the portal
	Title    string
	Index    *Page
	Pages    []*Page
	Children []*Section
	Parent   *Section
	Weight   int
}

// Site is the resolved site.
type Site struct {
	Config   *config.Config
	Content  *content.Site
	Engine   *markdown.Engine
	Portal   *Version
	Versions []*Version
	Latest   *Version
	// Words are the words the site prints in its language; every stage
	// that writes text for readers takes them from here.
	Words *words.Table

	structureOnce sync.Once
	structure     string
	shown         string    // the structure without the anchors (Shown)
	core          string    // Shown without plain pages' navigation (Core)
	frame         string    // Core without plain pages and the model's (Frame)
	docs          *DocCache // remembers each page's part of the structure
}

// Version returns the version with that name, "" for the portal.
func (s *Site) Version(name string) *Version {
	if name == "" {
		return s.Portal
	}
	for _, v := range s.Versions {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// All returns the portal (if any) and every version.
func (s *Site) All() []*Version {
	var out []*Version
	if s.Portal != nil {
		out = append(out, s.Portal)
	}
	return append(out, s.Versions...)
}

// DocCache keeps scan results between builds, keyed by the hash of a
// page body: an unchanged page is not parsed again. Its tag is the
// engine's options. The preview server keeps one in memory; check keeps
// one on disk (LoadFile, SaveFile).
type DocCache struct {
	c      *memo.Cache[[16]byte, scan]
	loaded int          // entries read by LoadFile
	added  atomic.Int64 // entries scanned since
	// Each page's hashed part of Site.Structure, by its loaded file: a
	// preview rebuild hashes only the pages that were read again.
	parts *memo.Cache[*content.Page, structurePart]
}

type structurePart struct {
	doc *markdown.Doc // the scan it was computed with
	// sum is the page's part with its anchors, shown without them.
	sum, shown, core [32]byte
	// framed: the page's whole part is of the site's Frame, unless it
	// is a program model's page (model).
	framed, model bool
}

// scan is one body's scan: its structure and its output.
type scan struct {
	doc *markdown.Doc
	out markdown.Output
}

// NewDocCache returns an empty cache.
func NewDocCache() *DocCache {
	return &DocCache{c: memo.New[[16]byte, scan](), parts: memo.New[*content.Page, structurePart]()}
}

// Reset empties the cache when key (the engine's options) changes.
func (c *DocCache) Reset(key string) {
	if c != nil && c.c.Reset(key) {
		c.loaded = 0
		c.added.Store(0)
		c.parts.Reset(key)
	}
}

func (c *DocCache) get(h [16]byte) (scan, bool) {
	if c == nil {
		return scan{}, false
	}
	return c.c.Get(h)
}

func (c *DocCache) put(h [16]byte, sc scan) {
	if c == nil {
		return
	}
	c.c.Put(h, sc)
	c.added.Add(1)
}

// Sweep forgets entries no build used since the last sweep.
func (c *DocCache) Sweep() {
	if c != nil {
		c.c.Sweep()
		c.parts.Sweep()
	}
}

// Resolve scans every page in parallel and builds the indexes.
func Resolve(cs *content.Site, engine *markdown.Engine) *Site {
	s, _ := ResolveCached(cs, engine, nil)
	return s
}

// Outputs are the scans' HTML and search text by body hash: resolve's
// second result, kept apart from the pages so that the build can hand
// each to its one reader (the render, search) and let it go when that
// reader is done, while pages and their scans stay unchanged.
type Outputs struct {
	HTML map[[16]byte][]byte
	Text map[[16]byte]string
}

// ResolveCached is Resolve with a scan cache (nil for none), and the
// scans' outputs. Cached scans are shared between builds and never
// changed. It takes every page's body from cs.Bodies: a body is let go
// once it is scanned (a scan records the positions findings need), so the
// bodies not yet scanned never sit beside the HTML and text of all the
// others.
func ResolveCached(cs *content.Site, engine *markdown.Engine, cache *DocCache) (*Site, *Outputs) {
	s := &Site{Config: cs.Config, Content: cs, Engine: engine, docs: cache}
	outs := &Outputs{HTML: map[[16]byte][]byte{}, Text: map[[16]byte]string{}}
	var all []*Page
	wrap := func(cv *content.Version) *Version {
		v := &Version{Version: cv, ByID: map[string]*Page{}, ByAlias: map[string]*Page{}, ByRel: map[string]*Page{},
			Hidden: map[string]content.Hidden{}, HiddenR: map[string]content.Hidden{}}
		if cv.Config != nil {
			v.Label, v.Latest, v.Status = cv.Config.Label, cv.Config.Latest, cv.Config.Status
		}
		wrapped := make(map[*content.Page]*Page, len(cv.Pages))
		for _, cp := range cv.Pages {
			p := &Page{Page: cp}
			wrapped[cp] = p
			v.Pages = append(v.Pages, p)
			v.ByRel[p.Rel] = p
			all = append(all, p)
		}
		// The loader decided which page owns a duplicated id.
		for id, cp := range cv.ByID {
			v.ByID[id] = wrapped[cp]
		}
		for _, p := range v.Pages {
			for _, a := range p.Aliases {
				if _, taken := v.ByID[a]; !taken {
					v.ByAlias[a] = p
				}
			}
		}
		for _, h := range cv.Hidden {
			v.Hidden[h.ID] = h
			v.HiddenR[h.Rel] = h
		}
		// A former id of a left-out page is left out too: a link through
		// it is an audience-link, not a broken reference. Ids and aliases
		// of pages in the build come first.
		for _, h := range cv.Hidden {
			for _, a := range h.Aliases {
				_, taken := v.Hidden[a]
				if !taken && v.ByID[a] == nil && v.ByAlias[a] == nil {
					v.Hidden[a] = h
				}
			}
		}
		return v
	}
	if cs.Portal != nil {
		s.Portal = wrap(cs.Portal)
	}
	for _, cv := range cs.Versions {
		v := wrap(cv)
		s.Versions = append(s.Versions, v)
		if v.Latest {
			s.Latest = v
		}
	}

	sc := &scanner{cs: cs, engine: engine, cache: cache, outs: outs, seen: map[[16]byte]*markdown.Doc{}}
	parallel.Each(len(all), func(i int) { sc.scan(all[i]) })

	ld := &includeLoader{s: s, engine: engine, outs: outs, pages: map[string]*Page{}}
	for _, v := range s.All() {
		v.Root = buildSections(v)
		ld.resolveIncludes(v)
	}
	return s, outs
}

// scanner scans the pages of one resolve, in parallel.
type scanner struct {
	cs     *content.Site
	engine *markdown.Engine
	cache  *DocCache
	mu     sync.Mutex
	outs   *Outputs
	// seen are this build's scans by body: unlike a cache, it holds no
	// output, which stays with outs alone so its readers can let it go.
	seen map[[16]byte]*markdown.Doc
}

// scan takes a page's body and gives the page its scan, from the cache or
// from another page with the same body where it can.
func (s *scanner) scan(p *Page) {
	body := s.cs.Bodies.Take(p.Page)
	sc, ok := s.cache.get(p.BodyHash)
	if !ok && s.cache == nil {
		// Within one build, pages with the same body (a guide unchanged
		// from one program year to the next) share a scan.
		s.mu.Lock()
		sc.doc, ok = s.seen[p.BodyHash]
		s.mu.Unlock()
	}
	if !ok {
		scanAll := s.engine.ScanAll
		if p.Kind == "terms" {
			// Its clauses need the text: one parse, not a second one below.
			scanAll = s.engine.ScanAllText
		}
		d, out := scanAll(body)
		sc = scan{d, out}
		s.cache.put(p.BodyHash, sc)
	}
	p.Doc = sc.doc
	p.Summary = p.Description
	if p.Summary == "" {
		p.Summary = p.Doc.Description
	}
	if p.Kind == "terms" {
		out := sc.out
		if out.Text == "" && len(body) > 0 {
			// check's engine collects no text, nor does a shared or
			// cached scan carry it here: terms pages are few.
			_, out = s.engine.ScanText(body)
		}
		p.Clauses = markdown.Sections(p.Doc, out)
	}
	if ok && s.cache == nil {
		return // its outputs are in outs already
	}
	s.mu.Lock()
	s.seen[p.BodyHash] = sc.doc
	s.outs.HTML[p.BodyHash], s.outs.Text[p.BodyHash] = sc.out.HTML, sc.out.Text
	s.mu.Unlock()
}

// Lookup finds a page of v by id, then by alias.
func (v *Version) Lookup(id string) *Page {
	if p := v.ByID[id]; p != nil {
		return p
	}
	return v.ByAlias[id]
}

// LessPages orders pages for navigation and lists: weight, then title,
// then source path so that equal titles still sort the same every time.
func LessPages(a, b *Page) bool {
	if a.Weight != b.Weight {
		return a.Weight < b.Weight
	}
	// News reads newest first, in navigation as in lists.
	if a.Kind == "announcement" && b.Kind == "announcement" && a.Date != b.Date {
		return a.Date > b.Date
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.Source < b.Source
}

// URLPrefix is the folder's site-relative address: "fy2026/guides/",
// "fy2026/" for a version's root, "" for the portal's.
func (s *Section) URLPrefix() string {
	out := ""
	if s.Version != "" {
		out = s.Version + "/"
	}
	if s.Dir != "" {
		out += s.Dir + "/"
	}
	return out
}

func buildSections(v *Version) *Section {
	root := &Section{Dir: "", Version: v.Name, Title: v.Label}
	secs := map[string]*Section{"": root}
	var get func(dir string) *Section
	get = func(dir string) *Section {
		if s, ok := secs[dir]; ok {
			return s
		}
		parent := get(parentDir(dir))
		s := &Section{Dir: dir, Version: v.Name, Title: titleFromDir(dir), Parent: parent}
		parent.Children = append(parent.Children, s)
		secs[dir] = s
		return s
	}
	for _, p := range v.Pages {
		if p.IsIndex {
			s := get(p.Dir)
			s.Index, s.Title, s.Weight = p, p.Title, p.Weight
			p.Section = s
			continue
		}
		s := get(p.Dir)
		p.Section = s
		if p.Unlisted() {
			continue // Hugo's build.list: published, not listed
		}
		s.Pages = append(s.Pages, p)
	}
	var sortSec func(s *Section)
	sortSec = func(s *Section) {
		sort.Slice(s.Pages, func(i, j int) bool { return LessPages(s.Pages[i], s.Pages[j]) })
		sort.Slice(s.Children, func(i, j int) bool {
			a, b := s.Children[i], s.Children[j]
			if a.Weight != b.Weight {
				return a.Weight < b.Weight
			}
			if a.Title != b.Title {
				return a.Title < b.Title
			}
			return a.Dir < b.Dir
		})
		for _, c := range s.Children {
			sortSec(c)
		}
	}
	sortSec(root)
	return root
}

func parentDir(dir string) string {
	p := path.Dir(dir)
	if p == "." {
		return ""
	}
	return p
}

// titleFromDir names a folder without an index page: "deal-registration"
// becomes "Deal registration".
func titleFromDir(dir string) string {
	base := path.Base(dir)
	base = strings.NewReplacer("-", " ", "_", " ").Replace(base)
	if base == "" {
		return ""
	}
	return strings.ToUpper(base[:1]) + base[1:]
}
