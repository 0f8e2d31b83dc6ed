package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io"
	"net/url"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/feedback"
	"github.com/partnerdocs/partnerdocs/internal/parallel"
	"github.com/partnerdocs/partnerdocs/internal/valuehash"

	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Shortcodes renders the shortcodes a site knows. It is nil-safe: with no
// renderer every shortcode shows nothing (check has reported it).
type Shortcodes interface {
	Render(d site.Drawer, page *site.Page, sc *markdown.Shortcode, inner []byte) ([]byte, error)
}

// OtherPagesReader is what Shortcodes may also say: whether a call of the
// named shortcode may show something of other pages than its own. A page
// whose shortcodes show none is kept in the preview's page cache like a
// page without shortcodes; without this every page with a shortcode is
// rendered every time.
type OtherPagesReader interface {
	ReadsOtherPages(name string) bool
}

// IncludeShower is what Shortcodes may also say: that a call of the
// named shortcode shows the body of a page of the calling page's
// Includes (site.Page.Includes) and nothing else of other pages. A page
// whose other shortcodes read no other page is then kept in the
// preview's page cache, keyed with the files and link digests of the
// pages it includes, at any depth (renderer.includeKey).
type IncludeShower interface {
	ShowsIncludes(name string) bool
}

// LinkedRenderer is what Shortcodes may also do: render a call with the
// links its output writes (a site template's) resolved through link,
// which records them for the preview's page cache as the page's own.
type LinkedRenderer interface {
	RenderLinked(d site.Drawer, p *site.Page, sc *markdown.Shortcode, inner []byte, link func(string, markdown.LinkKind) (string, bool)) ([]byte, error)
}

// CallsKeyer is what Shortcodes may also say: a key of what the calls on
// a page read beyond the page and their arguments (a site's templates
// and data files), "" for none. The page cache keys the page with it.
type CallsKeyer interface {
	CallsKey(p *site.Page) string
}

// What other stages add to a render, each a one-method interface (as
// goldmark's extenders are), so a stage implements only what it adds: the
// program model appends matrices and summaries to pages, writes data
// files and generates pages; the search stage writes its index files and
// the search page. Render stays ignorant of what they are.

// Appender adds parts after a page's own content.
type Appender interface {
	After(p *site.Page) []site.Part
}

// Prepender is an Appender that also puts parts before a page's own
// content, under its title (a program page's actions).
type Prepender interface {
	Before(p *site.Page) []site.Part
}

// Marker changes a page's own content once its links are resolved,
// before other stages' parts are added: the glossary marks the first use
// of each term.
type Marker interface {
	Mark(p *site.Page, body []byte, d site.Drawer) ([]byte, error)
}

// FileMaker adds output files, by path.
type FileMaker interface {
	Files() map[string][]byte
}

// PageMaker generates pages where no source provides them, drawing
// what it shows with the theme d.
type PageMaker interface {
	Pages(d site.Drawer) ([]site.Generated, error)
}

// Options for a render.
type Options struct {
	// PageCache, when set (the preview server), reuses pages rendered by
	// earlier builds.
	PageCache *PageCache
	// LastChanged is the day each page's file last changed in Git, by
	// source path ("" or absent: unknown); History names the commit it
	// was read at, for the preview's page cache.
	LastChanged map[string]string
	History     string
	// HTML is each body's HTML from its scan, by body hash (resolve's
	// site.Outputs). The render owns it: without a PageCache it deletes a
	// body's entry once the last page showing it is rendered.
	HTML map[[16]byte][]byte
	// What other stages add (see Appender).
	Appenders  []Appender
	Marker     Marker
	FileMakers []FileMaker
	PageMakers []PageMaker
	Shortcodes Shortcodes
	Assets     []*content.Asset // assets to copy: those that pages link to
	Audience   string
	// Today (YYYY-MM-DD) is the build's day, which dated pages are shown
	// by ("" is the machine's).
	Today string
	// Langs is set on a site with several languages (see Langs).
	Langs *Langs
}

// Langs is what the render knows of a site's languages: the site is
// rendered once per language, and each page links to itself in the
// others.
type Langs struct {
	// All are the site's languages, the default first.
	All []config.Lang
	// RootPath and RootURL are the default language's base path and
	// base URL; a language's pages are under CODE/ below them.
	RootPath, RootURL string
	// Translated lists the languages a page has a translation in, by its
	// version's name and its Rel.
	Translated func(version, rel string) []string
	// Key names everything Translated answers (which pages have a
	// translation in which language): the preview's page cache keys
	// pages with it, as a page names its translations.
	Key string
}

// prefix is where a language's pages are, below the root.
func (l *Langs) prefix(code string) string {
	if code == l.All[0].Code {
		return ""
	}
	return code + "/"
}

type renderer struct {
	sidebars  sync.Map // sidebarKey -> rendered sidebar without a current page
	levels    *levelCache
	navSums   sync.Map // sidebarKey -> navSum of its navigation
	crumbSums sync.Map // *site.Section -> crumbSum of its pages
	// docUsers counts, per body, the pages still to render with it, in a
	// build that keeps no page cache.
	docUsers map[[16]byte]*atomic.Int32
	// html is the bodies' HTML (Options.HTML), which the render consumes.
	htmlMu sync.Mutex
	html   map[[16]byte][]byte
	s      *site.Site
	r      *links.Resolver
	theme  *Theme
	w      Sink
	opts   Options
	info   SiteInfo
	vlinks []VersionLink
	// bodyErr is the first part the theme could not draw in a body
	// rendered for another page (an include, a guide).
	bodyErr atomic.Pointer[error]
}

// Rendering problems are bugs or theme errors, not content findings, so
// Render returns the first error it meets.
// Sink receives the files of a build: output.Writer stages them on disk,
// output.Memory keeps them for the preview server.
type Sink interface {
	Write(rel string, data []byte) error
	Has(rel string) bool
}

// Render writes the whole site into w.
func Render(s *site.Site, r *links.Resolver, theme *Theme, w Sink, opts Options) error {
	rd := newRenderer(s, r, theme, w, opts)
	if pc := opts.PageCache; pc != nil {
		pc.full, pc.core = signature(s.Shown(), theme, opts), signature(s.Core(), theme, opts)
		pc.sameFrame = !pc.c.Reset(signature(s.Frame(), theme, opts))
	} else {
		rd.countUsers()
	}

	var errMu sync.Mutex
	var firstErr error
	fail := func(err error) {
		errMu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		errMu.Unlock()
	}

	type job struct {
		v *site.Version
		p *site.Page
	}
	var jobs []job
	for _, v := range s.All() {
		for _, p := range v.Pages {
			jobs = append(jobs, job{v, p})
		}
	}
	parallel.Each(len(jobs), func(i int) {
		if err := rd.page(jobs[i].v, jobs[i].p); err != nil {
			fail(fmt.Errorf("%s: %w", jobs[i].p.Source, err))
		}
	})
	if firstErr != nil {
		return firstErr
	}

	// The /latest/ copies, the feed and the sitemap write files of their
	// own: they run beside the rest (a preview rebuild at 10,000 pages
	// spent a third of its render in them, one after the other). The
	// rest keep their order: generated pages yield to written ones, and
	// assets come after them.
	side := []func() error{rd.latest, rd.feed, rd.sitemap}
	errs := make([]error, len(side))
	var sideWG sync.WaitGroup
	for i, step := range side {
		sideWG.Add(1)
		go func() {
			defer sideWG.Done()
			errs[i] = step()
		}()
	}
	var err error
	for _, step := range []func() error{rd.generated, rd.navFragments, rd.robots, rd.notFound, rd.static, rd.assets, rd.formerURLs} {
		if err = step(); err != nil {
			break
		}
	}
	sideWG.Wait()
	if err != nil {
		return err
	}
	if e := rd.bodyErr.Load(); e != nil {
		return *e
	}
	return errors.Join(errs...)
}

// newRenderer makes the renderer of one render, and gives the shortcodes
// and page makers that render other pages' bodies its way to do it.
func newRenderer(s *site.Site, r *links.Resolver, theme *Theme, w Sink, opts Options) *renderer {
	cfg := s.Config
	rd := &renderer{s: s, r: r, theme: theme, w: w, opts: opts, html: opts.HTML, levels: &levelCache{},
		info: SiteInfo{Title: cfg.Title, BaseURL: cfg.BaseURL, BasePath: cfg.BasePath, Language: cfg.Language, Audience: opts.Audience, Built: buildDay()}}
	body := func(p *site.Page) []byte {
		var err error
		out := rd.s.Engine.Finalize(p.Doc, rd.bodyHTML(p), pageLinks{rd, p, &err, nil})
		if err != nil {
			rd.bodyErr.CompareAndSwap(nil, &err)
		}
		return out
	}
	if br, ok := opts.Shortcodes.(BodyRenderer); ok {
		br.SetBodyRenderer(body)
	}
	for _, x := range opts.PageMakers {
		if br, ok := x.(BodyRenderer); ok {
			br.SetBodyRenderer(body)
		}
	}
	for _, v := range s.Versions {
		rd.vlinks = append(rd.vlinks, VersionLink{Name: v.Name, Label: v.Label, URL: v.Name + "/", Status: v.Status, Latest: v.Latest})
	}
	return rd
}

// Pages renders pages of s into w as Render renders them, with every page
// Render never takes from a page cache (see PageCache), and writes nothing
// else; it returns how many pages it rendered. It is the preview's quick
// rebuild after an edit that changed the text of these pages and nothing
// else of the site: every other file of the last build stands. The page
// cache is neither read nor written.
func Pages(s *site.Site, r *links.Resolver, theme *Theme, w Sink, opts Options, pages []*site.Page) (int, error) {
	opts.PageCache = nil
	rd := newRenderer(s, r, theme, w, opts)
	todo := map[*site.Page]bool{}
	for _, p := range pages {
		todo[p] = true
	}
	n := 0
	for _, v := range s.All() {
		for _, p := range v.Pages {
			if !todo[p] && rd.keptInQuick(p, todo) {
				continue
			}
			out, err := rd.renderPage(v, p, &pageDeps{})
			if err == nil {
				err = w.Write(p.URL+"index.html", out)
			}
			if err != nil {
				return n, fmt.Errorf("%s: %w", p.Source, err)
			}
			n++
		}
	}
	return n, nil
}

// BuildDay is the day a render stamps on its pages (see SiteInfo.Built):
// a rebuild that reuses pages of another day's render is not the same.
func BuildDay() string { return buildDay() }

func incHash(p *site.Page) [16]byte {
	if p == nil {
		return [16]byte{}
	}
	return p.BodyHash
}

// countUsers counts, per body, the pages still to render with it, in a
// build without a page cache: pages with the same body share one scan,
// and its HTML is let go once the last of them is rendered.
func (rd *renderer) countUsers() {
	s, opts := rd.s, rd.opts
	rd.docUsers = map[[16]byte]*atomic.Int32{}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			n := rd.docUsers[p.BodyHash]
			if n == nil {
				n = new(atomic.Int32)
				rd.docUsers[p.BodyHash] = n
			}
			n.Add(1)
		}
	}
	// A page rendered into others by include, or shown in a page
	// another stage generates, keeps its HTML to the end: its own
	// render does not know when they are done.
	var keepers []BodyKeeper
	for _, x := range opts.PageMakers {
		if k, ok := x.(BodyKeeper); ok {
			keepers = append(keepers, k)
		}
	}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			for _, inc := range p.Includes {
				// An include-only file (from assets/) is no page of its
				// own: nothing counts its users, and its HTML stays.
				if n := rd.docUsers[incHash(inc)]; n != nil {
					n.Add(1)
				}
			}
			for _, k := range keepers {
				if k.Keeps(p) {
					rd.docUsers[p.BodyHash].Add(1)
				}
			}
		}
	}
}

// BodyRenderer is implemented by shortcodes that render another page's
// body in place (include), and by page makers whose pages show other
// pages' bodies (the program guide): the render hands them its own way
// to do it, with that page's links.
type BodyRenderer interface {
	SetBodyRenderer(func(p *site.Page) []byte)
}

// BodyKeeper is implemented by a page maker whose pages show other
// pages' bodies: the render keeps the HTML of the pages it keeps until
// the generated pages are made, after every written page.
type BodyKeeper interface {
	Keeps(p *site.Page) bool
}

// Shower is implemented by an Appender whose parts show other pages'
// titles beyond the site's core (site.Core): Shows lists the pages the
// parts of p show, for the preview's page cache.
type Shower interface {
	Shows(p *site.Page) []*site.Page
}

// BodyReader is implemented by a page maker whose pages depend on other
// pages' bodies, not only on the site's structure: ReadsBody reports
// whether giving p a body hashed to to instead of from changes one of
// them. The preview's quick rebuild, which keeps the generated pages of
// the last build, asks before it takes an edit.
type BodyReader interface {
	ReadsBody(p *site.Page, from, to [16]byte) bool
}

// pageLinks adapts the link resolver to one page for the Markdown engine.
type pageLinks struct {
	rd *renderer
	p  *site.Page
	// err is the first part the theme could not draw: the page fails
	// with it.
	err *error
	// deps, when set, records each link's address for the preview's page
	// cache.
	deps *pageDeps
}

func (pl pageLinks) Link(dest string, kind markdown.LinkKind) (string, bool) {
	out, ok := pl.rd.r.Address(pl.p, dest, kind, pl.rd.info.BasePath)
	if pl.deps != nil {
		pl.deps.links = append(pl.deps.links, linkDep{dest: dest, kind: kind, out: out, ok: ok})
	}
	return out, ok
}

// Restricted implements markdown.Restricter: a link to a page this build
// leaves out for its audience says so, and leads to the site's sign-in
// page when config.yaml names one.
func (pl pageLinks) Restricted(dest string, kind markdown.LinkKind) (string, string, bool) {
	audience, ok := pl.rd.r.Restricted(pl.p, dest, kind)
	if pl.deps != nil {
		pl.deps.links = append(pl.deps.links, linkDep{dest: dest, kind: kind, out: audience, ok: ok, restricted: true})
	}
	if !ok {
		return "", "", false
	}
	return pl.rd.theme.Words().T("restricted_" + audience), pl.rd.s.Config.SignIn, true
}

func (pl pageLinks) Shortcode(sc *markdown.Shortcode, inner []byte) []byte {
	if pl.rd.opts.Shortcodes == nil {
		return nil
	}
	var out []byte
	var err error
	if lr, ok := pl.rd.opts.Shortcodes.(LinkedRenderer); ok {
		out, err = lr.RenderLinked(pl.rd.theme, pl.p, sc, inner, func(dest string, kind markdown.LinkKind) (string, bool) {
			a, ok := pl.rd.r.Address(pl.p, dest, kind, pl.rd.info.BasePath)
			if pl.deps != nil {
				pl.deps.calls = append(pl.deps.calls, linkDep{dest: dest, kind: kind, out: a, ok: ok})
			}
			return a, ok
		})
	} else {
		out, err = pl.rd.opts.Shortcodes.Render(pl.rd.theme, pl.p, sc, inner)
	}
	if err != nil && *pl.err == nil {
		*pl.err = fmt.Errorf("%s: shortcode %s: %w", pl.p.Source, sc.Name, err)
	}
	return out
}

func (rd *renderer) base(v *site.Version) View {
	view := View{Site: rd.info, ver: v, site: rd.s, words: rd.theme.Words(), levels: rd.levels}
	view.Versions = make([]VersionLink, len(rd.vlinks))
	copy(view.Versions, rd.vlinks)
	if v != nil && v.Name != "" {
		for i := range view.Versions {
			view.Versions[i].Active = view.Versions[i].Name == v.Name
		}
		vl := VersionLink{Name: v.Name, Label: v.Label, URL: v.Name + "/", Status: v.Status, Latest: v.Latest, Active: true}
		view.Version = &vl
		view.NoIndex = v.Status == "archived"
	}
	return view
}

func (rd *renderer) abs(url string) string {
	return rd.info.BaseURL + url
}

func (rd *renderer) page(v *site.Version, p *site.Page) error {
	var key pageKey
	var deps pageDeps
	cacheable := false
	c := rd.opts.PageCache
	if c != nil {
		key, cacheable = rd.keyOf(p)
		if cacheable {
			key.shows = rd.shows(v, p)
			if site.ModelShown(p) {
				var err error
				if key.model, err = rd.modelKey(v, p, &deps); err != nil {
					return err
				}
			}
			if e, ok := c.get(key); ok && rd.stillShows(v, p, e) {
				return rd.w.Write(p.URL+"index.html", e.out)
			}
		}
	}
	out, err := rd.renderPage(v, p, &deps)
	if err != nil {
		return err
	}
	if c != nil {
		c.Rendered.Add(1)
	}
	if cacheable {
		e := cachedPage{out: out, refs: deps.refs, links: deps.links, calls: deps.calls, core: c.core}
		e.digest, e.digested = rd.r.LinkDigest(p)
		if deps.whole || rd.theme.own {
			e.full = c.full
		}
		c.c.Put(key, e)
	}
	return rd.w.Write(p.URL+"index.html", out)
}

// repoLinks are a page's edit and report links, in builds of the
// repository's audiences only: a public portal never names the
// repository. Pages read from a Git ref (an older year kept on a tag) get
// none: their file is not on the branch to edit.
func (rd *renderer) repoLinks(v *site.Version, p *site.Page) *RepoLinks {
	r := rd.s.Config.Repository
	if !r.Shows(rd.opts.Audience) || (v.Config != nil && v.Config.Git != nil) {
		return nil
	}
	year := "the portal"
	if v.Name != "" {
		year = v.Label
	}
	owner := p.Owner
	if owner == "" {
		owner = "(none)"
	}
	desc := fmt.Sprintf("Page: %s\nProgram year: %s\nSource: %s\nOwner: %s\n\nWhat is wrong or missing:\n", rd.abs(p.URL), year, p.Source, owner)
	q := url.Values{}
	q.Set("issue[title]", "Problem on \""+p.Title+"\"")
	q.Set("issue[description]", desc)
	return &RepoLinks{
		Edit:   r.URL + "/-/edit/" + url.PathEscape(r.Branch) + "/" + escapePath(p.Source),
		Report: r.URL + "/-/issues/new?" + q.Encode(),
	}
}

// feedbackLinks are a page's feedback addresses, in builds of the
// feedback's audiences only. They carry what the page shows (its title,
// address, year and section) and the reader's language and audience.
func (rd *renderer) feedbackLinks(v *site.Version, p *site.Page) *FeedbackLinks {
	f := rd.s.Config.Feedback
	if !f.Shows(rd.opts.Audience) {
		return nil
	}
	fp := feedback.Page{Title: p.Title, URL: rd.abs(p.URL), ID: p.ID, Language: rd.info.Language, Audience: rd.opts.Audience}
	if v.Name != "" {
		fp.Year = v.Label
	}
	if p.Section != nil && p.Section.Dir != "" {
		fp.Section = p.Section.Title
		if p.IsIndex && p.Section.Parent != nil {
			fp.Section = p.Section.Parent.Title
		}
	}
	return &FeedbackLinks{
		Yes:     feedback.Link(f.URL, feedback.Yes, fp),
		No:      feedback.Link(f.URL, feedback.No, fp),
		Suggest: feedback.Link(f.URL, feedback.Suggest, fp),
		Host:    feedback.Host(f.URL),
	}
}

// escapePath escapes each segment of a slash path for a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// buildDay is today in UTC, or the day of SOURCE_DATE_EPOCH when set
// (the reproducible-builds convention), so two builds of one commit can
// be byte-identical.
func buildDay() string {
	t := time.Now().UTC()
	if e := os.Getenv("SOURCE_DATE_EPOCH"); e != "" {
		if n, err := strconv.ParseInt(e, 10, 64); err == nil {
			t = time.Unix(n, 0).UTC()
		}
	}
	return t.Format("2006-01-02")
}

// bodyHTML is a page's body as its scan rendered it.
func (rd *renderer) bodyHTML(p *site.Page) []byte {
	rd.htmlMu.Lock()
	defer rd.htmlMu.Unlock()
	return rd.html[p.BodyHash]
}

// drawnParts is what the appenders put before and after a page's text,
// drawn, and the headings of what they put after.
type drawnParts struct {
	before, after []byte
	headings      []markdown.Heading
}

// pageParts are what the appenders put before and after a page's text.
type pageParts struct {
	before, after []site.Part
}

func (rd *renderer) partsOf(p *site.Page) *pageParts {
	pp := &pageParts{}
	for _, x := range rd.opts.Appenders {
		if pre, ok := x.(Prepender); ok {
			pp.before = append(pp.before, pre.Before(p)...)
		}
	}
	for _, x := range rd.opts.Appenders {
		pp.after = append(pp.after, x.After(p)...)
	}
	return pp
}

func (rd *renderer) draw(pp *pageParts) (*drawnParts, error) {
	d := &drawnParts{}
	for _, part := range pp.before {
		b, err := rd.theme.Draw(part)
		if err != nil {
			return nil, err
		}
		d.before = append(d.before, b...)
	}
	for _, part := range pp.after {
		b, err := rd.theme.Draw(part)
		if err != nil {
			return nil, err
		}
		d.after = append(d.after, b...)
		d.headings = append(d.headings, part.Headings...)
	}
	return d, nil
}

// modelKey hashes what a page that shows the program model shows of it:
// the parts around its text (a matrix, a tier's requirements, a
// benefit's values) and, for a tier, its place among its program's
// tiers. A benefit's value edited renders the pages whose parts show it,
// not every page of the model's kinds. The parts' data is hashed by
// content (valuehash), which costs a tenth of drawing it; data it cannot
// hash is drawn, and the drawing hashed (deps.drawn keeps it).
func (rd *renderer) modelKey(v *site.Version, p *site.Page, deps *pageDeps) (string, error) {
	pp := rd.partsOf(p)
	deps.parts = pp
	h := sha256.New()
	byData := func() bool {
		for _, list := range [][]site.Part{pp.before, pp.after} {
			h.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(list))))
			for _, part := range list {
				sum, ok := valuehash.Sum(part.Data)
				if !ok {
					return false
				}
				fmt.Fprintf(h, "%s|%x|", part.Partial, sum)
				for _, hd := range part.Headings {
					fmt.Fprintf(h, "%d|%s|%s\n", hd.Level, hd.ID, hd.Text)
				}
			}
		}
		return true
	}
	if !byData() {
		d, err := rd.draw(pp)
		if err != nil {
			return "", err
		}
		deps.drawn = d
		h.Reset()
		h.Write([]byte("drawn|"))
		for _, b := range [][]byte{d.before, d.after} {
			h.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(b))))
			h.Write(b)
		}
		for _, hd := range d.headings {
			fmt.Fprintf(h, "%d|%s|%s\n", hd.Level, hd.ID, hd.Text)
		}
	}
	view := View{ver: v, words: rd.theme.Words()}
	view.Page = p
	h.Write([]byte(view.TierPosition()))
	return string(h.Sum(nil)), nil
}

func (rd *renderer) renderPage(v *site.Version, p *site.Page, deps *pageDeps) ([]byte, error) {
	var drawErr error
	body := rd.s.Engine.Finalize(p.Doc, rd.bodyHTML(p), pageLinks{rd, p, &drawErr, deps})
	if drawErr != nil {
		return nil, drawErr
	}
	if rd.opts.Marker != nil {
		var err error
		if body, err = rd.opts.Marker.Mark(p, body, rd.theme); err != nil {
			return nil, err
		}
	}
	if n := rd.docUsers[p.BodyHash]; n != nil && n.Add(-1) == 0 {
		// Every page with this body is rendered: the render, which owns
		// the HTML it was given, lets it go.
		rd.htmlMu.Lock()
		delete(rd.html, p.BodyHash)
		rd.htmlMu.Unlock()
	}
	view := rd.base(v)
	view.Page, view.Kind, view.Title, view.Description = p, p.Kind, p.Title, p.Summary
	view.deps = deps
	parts := deps.drawn
	if parts == nil {
		pp := deps.parts
		if pp == nil {
			pp = rd.partsOf(p)
		}
		var err error
		if parts, err = rd.draw(pp); err != nil {
			return nil, err
		}
	}
	if len(parts.before) > 0 {
		body = append(parts.before, body...)
	}
	body = append(body, parts.after...)
	generated := parts.headings
	view.Content = template.HTML(body)
	view.setNav(v.Root, p)
	if err := rd.sidebar(&view, v, p); err != nil {
		return nil, err
	}
	view.Breadcrumbs = rd.crumbs(v, p.Section, p)
	view.Canonical = rd.abs(rd.canonical(v, p))
	view.Repo = rd.repoLinks(v, p)
	view.Feedback = rd.feedbackLinks(v, p)
	view.Runs = rd.runs(p)
	view.LastChanged = rd.opts.LastChanged[p.Source]
	view.ShowOwner = rd.opts.Audience == "internal"
	if v.Name != "" {
		rd.switcher(&view, v, p)
	}
	rd.languages(&view, v, p)
	for _, h := range p.Headings() {
		if h.Level == 2 || h.Level == 3 {
			view.TOC = append(view.TOC, h)
		}
	}
	// Sections other stages add (a matrix, a tier's requirements) are in
	// the contents too: readers look for them there.
	view.TOC = append(view.TOC, generated...)
	if len(view.TOC) < 2 {
		view.TOC = nil
	}
	layout := "page.html"
	if v.Name == "" && p.URL == "" {
		rd.home(&view)
		layout = "home.html"
		deps.whole = true
		// The portal's own pages are a section of the home page, not a
		// menu above its title.
		for _, it := range view.Nav() {
			if it.URL != "" && it.URL != p.URL {
				view.More = append(view.More, it)
			}
		}
		view.Sidebar = ""
		view.setNav(nil, nil)
		view.Breadcrumbs = nil
	} else if p.IsIndex && p.Section != nil {
		view.Children = childrenOf(p.Section)
	}
	return rd.theme.Execute(layout, &view)
}

// sidebar renders the theme's sidebar.html for the page's section once,
// and marks the current page in a copy.
func (rd *renderer) sidebar(view *View, v *site.Version, p *site.Page) error {
	key := rd.sidebarKeyOf(v, p)
	cached, ok := rd.sidebars.Load(key)
	if !ok {
		plain := *view
		plain.setNav(v.Root, p)
		clearActive(plain.Nav())
		html, err := rd.theme.Partial("sidebar.html", &plain)
		if err != nil {
			return err
		}
		cached, _ = rd.sidebars.LoadOrStore(key, html)
	}
	html := cached.(string)
	href := `href="` + template.HTMLEscapeString(rd.info.BasePath+p.URL) + `"`
	if i := strings.Index(html, href+">"); i >= 0 {
		html = html[:i+len(href)] + ` aria-current="page"` + html[i+len(href):]
	}
	view.Sidebar = template.HTML(html)
	return nil
}

// sidebarKeyOf is the key of a page's sidebar: pages of one window of
// their folder's navigation share one.
func (rd *renderer) sidebarKeyOf(v *site.Version, p *site.Page) sidebarKey {
	key := sidebarKey{v, -1}
	if p.Section != nil {
		key.s = p.Section
		if !p.IsIndex {
			lv := rd.levels.get(p.Section)
			key.block, _, _ = lv.window(lv.at[p.Rel])
		}
	}
	return key
}

// sidebarKey names a rendered sidebar: a folder (or version) and the
// block of its pages the current page is in (-1 for the folder's page).
type sidebarKey struct {
	s     any
	block int
}

// navFragments writes, for each folder whose level of the navigation is
// cut to NavWindow items, the file listing all of them, which the
// sidebar's "all N" item loads.
func (rd *renderer) navFragments() error { return rd.writeNavFragments(rd.w) }

// fragment draws a folder's list for its navigation, or takes the last
// build's for the same list when the site's frame is the same (a title
// edited in one folder of ten thousand pages drew the other folders'
// lists again).
func (rd *renderer) fragment(path string, list []FragmentItem) ([]byte, error) {
	pc := rd.opts.PageCache
	var sum uint64
	if pc != nil {
		var h maphash.Hash
		h.SetSeed(pc.seed)
		for _, f := range list {
			h.WriteString(f.Title)
			h.WriteByte(0)
			h.WriteString(f.URL)
			h.WriteByte(0)
		}
		sum = h.Sum64()
		pc.keptMu.Lock()
		e, ok := pc.frags[path]
		pc.keptMu.Unlock()
		if ok && pc.sameFrame && e.sum == sum {
			return e.page, nil
		}
	}
	b, err := rd.theme.Draw(site.Part{Partial: "nav-fragment.html", Data: list})
	if err == nil && pc != nil {
		pc.keptMu.Lock()
		if pc.frags == nil {
			pc.frags = map[string]fragmentEntry{}
		}
		pc.frags[path] = fragmentEntry{sum, b}
		pc.keptMu.Unlock()
	}
	return b, err
}

func (rd *renderer) writeNavFragments(w Sink) error {
	var walk func(s *site.Section) error
	walk = func(s *site.Section) error {
		items := rd.levels.get(s).items
		if len(items) > NavWindow {
			list := make([]FragmentItem, 0, len(items))
			for _, it := range items {
				f := FragmentItem{Title: it.Title}
				if it.URL != "" || (it.section != nil && it.section.Index != nil) {
					f.URL = rd.info.BasePath + it.URL
				}
				list = append(list, f)
			}
			b, err := rd.fragment(NavFragment(s), list)
			if err != nil {
				return err
			}
			if err := w.Write(NavFragment(s), b); err != nil {
				return err
			}
		}
		for _, c := range s.Children {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	for _, v := range rd.s.All() {
		if v.Root != nil {
			if err := walk(v.Root); err != nil {
				return err
			}
		}
	}
	return nil
}

// FragmentItem is an item of a folder's whole list in the navigation
// (nav-fragment.html): a page, or a heading when URL is "".
type FragmentItem struct {
	URL, Title string
}

func clearActive(items []*NavItem) {
	for _, it := range items {
		it.Active = false
		clearActive(it.Children)
	}
}

// Equivalent finds the page of target that corresponds to p: the same id,
// an alias of p's id there, or a page there that p names as its alias.
func Equivalent(p *site.Page, target *site.Version) *site.Page {
	if target == nil {
		return nil
	}
	if q := target.Lookup(p.ID); q != nil {
		return q
	}
	for _, a := range p.Aliases {
		if q := target.Lookup(a); q != nil {
			return q
		}
	}
	return nil
}

func (rd *renderer) switcher(view *View, v *site.Version, p *site.Page) {
	for i := range view.Versions {
		vl := &view.Versions[i]
		if q := Equivalent(p, rd.s.Version(vl.Name)); q != nil {
			vl.URL = q.URL
		} else {
			vl.Missing = true
		}
	}
	if !v.Latest && rd.s.Latest != nil {
		b := &Banner{Label: v.Label, Archived: v.Status == "archived", LatestLabel: rd.s.Latest.Label, URL: rd.s.Latest.Name + "/"}
		// The latest year compares itself with the one before it.
		for i, x := range rd.s.Versions {
			if x == rd.s.Latest && i+1 < len(rd.s.Versions) {
				b.ChangesURL = x.Name + "/changes/"
			}
		}
		if q := Equivalent(p, rd.s.Latest); q != nil {
			b.URL = q.URL
		} else {
			b.Missing = true
		}
		view.Banner = b
	}
}

// canonical is the latest version's page for the same id (or alias), so
// search engines fold program years into the current one.
func (rd *renderer) canonical(v *site.Version, p *site.Page) string {
	if v.Name == "" || v.Latest || rd.s.Latest == nil {
		return p.URL
	}
	if lp := Equivalent(p, rd.s.Latest); lp != nil {
		return lp.URL
	}
	return p.URL
}

func (rd *renderer) crumbs(v *site.Version, sec *site.Section, cur *site.Page) []Crumb {
	var chain []Crumb
	for s := sec; s != nil; s = s.Parent {
		if s.Index == cur && cur != nil {
			continue
		}
		c := Crumb{Title: s.Title}
		if s.Index != nil {
			c.URL, c.Link = s.Index.URL, true
		}
		if s.Parent == nil {
			if v.Name == "" {
				continue // the portal home is the first crumb anyway
			}
			c = Crumb{Title: v.Label, URL: v.Name + "/", Link: true}
		}
		chain = append([]Crumb{c}, chain...)
	}
	out := []Crumb{{Title: rd.word("home"), URL: "", Link: true}}
	out = append(out, chain...)
	if cur != nil {
		out = append(out, Crumb{Title: cur.Title})
	}
	return out
}

func (rd *renderer) announcements(limit int) []ListItem {
	var pages []*site.Page
	for _, v := range []*site.Version{rd.s.Portal, rd.s.Latest} {
		if v == nil {
			continue
		}
		for _, p := range v.Pages {
			if p.Kind == "announcement" {
				pages = append(pages, p)
			}
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if pages[i].Date != pages[j].Date {
			return pages[i].Date > pages[j].Date
		}
		return pages[i].URL < pages[j].URL
	})
	if limit > 0 && len(pages) > limit {
		pages = pages[:limit]
	}
	out := make([]ListItem, len(pages))
	for i, p := range pages {
		out[i] = listItem(p)
	}
	return out
}

// portalTop lists the portal's top-level pages and folders (a Hugo
// handbook's sections) for a home page the site does not write itself.
func portalTop(s *site.Site) []*NavItem {
	if s.Portal == nil || s.Portal.Root == nil {
		return nil
	}
	var out []*NavItem
	root := s.Portal.Root
	for _, p := range root.Pages {
		out = append(out, &NavItem{Title: p.Title, URL: p.URL})
	}
	for _, c := range root.Children {
		out = append(out, &NavItem{Title: c.Title, URL: c.URLPrefix()})
	}
	return out
}

func (rd *renderer) home(view *View) {
	view.IsHome = true
	view.Kind = "home"
	view.Announcements = rd.announcements(5)
	for i, x := range rd.s.Versions {
		if x == rd.s.Latest && i+1 < len(rd.s.Versions) {
			view.Changes = &ChangesLink{URL: x.Name + "/changes/", Label: x.Label, Previous: rd.s.Versions[i+1].Label}
		}
	}
	if l := rd.s.Latest; l != nil {
		var progs []*site.Page
		for _, p := range l.Pages {
			if p.Kind == "program" {
				progs = append(progs, p)
			}
		}
		sort.SliceStable(progs, func(i, j int) bool { return site.LessPages(progs[i], progs[j]) })
		for _, p := range progs {
			view.Programs = append(view.Programs, listItem(p))
		}
	}
}

// generated writes the pages a site always has even when no source
// provides them: the portal home, each version's home and /news/.
func (rd *renderer) generated() error {
	if !rd.w.Has("index.html") {
		view := rd.base(nil)
		view.Title, view.Description = rd.info.Title, rd.word("home_description")
		rd.home(&view)
		view.More = portalTop(rd.s)
		if err := rd.emit("home.html", "index.html", &view); err != nil {
			return err
		}
	}
	for _, v := range rd.s.Versions {
		if rd.w.Has(v.Name + "/index.html") {
			continue
		}
		view := rd.base(v)
		view.Kind, view.Title = "version", rd.theme.Words().T("version_title", v.Label)
		view.setNav(v.Root, nil)
		view.Breadcrumbs = []Crumb{{Title: rd.word("home"), Link: true}, {Title: v.Label}}
		view.Children = childrenOf(v.Root)
		view.Canonical = rd.abs(v.Name + "/")
		if err := rd.emit("page.html", v.Name+"/index.html", &view); err != nil {
			return err
		}
	}
	for _, x := range rd.opts.PageMakers {
		pages, err := x.Pages(rd.theme)
		if err != nil {
			return err
		}
		for _, g := range pages {
			if rd.w.Has(g.URL + "index.html") {
				continue
			}
			v := rd.s.Version(g.Version)
			view := rd.base(v)
			view.Kind, view.Title, view.Description = g.Kind, g.Title, g.Description
			view.Content = template.HTML(g.HTML)
			if v != nil && v.Root != nil {
				view.setNav(v.Root, nil)
			}
			view.Breadcrumbs = []Crumb{{Title: rd.word("home"), Link: true}}
			if v != nil && v.Name != "" {
				view.Breadcrumbs = append(view.Breadcrumbs, Crumb{Title: v.Label, URL: v.Name + "/", Link: true})
			}
			view.Breadcrumbs = append(view.Breadcrumbs, Crumb{Title: g.Title})
			view.Canonical = rd.abs(g.URL)
			rd.languageLinks(&view, g.URL, nil)
			if err := rd.emit("page.html", g.URL+"index.html", &view); err != nil {
				return err
			}
		}
	}
	for _, x := range rd.opts.FileMakers {
		files := x.Files()
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if err := rd.w.Write(n, files[n]); err != nil {
				return err
			}
		}
	}
	if !rd.w.Has("news/index.html") {
		view := rd.base(nil)
		view.Kind, view.Title = "list", rd.word("news")
		view.Description = "Program announcements, newest first."
		view.Breadcrumbs = []Crumb{{Title: rd.word("home"), Link: true}, {Title: rd.word("news")}}
		view.Children = rd.announcements(0)
		view.Canonical = rd.abs("news/")
		if err := rd.emit("page.html", "news/index.html", &view); err != nil {
			return err
		}
	}
	return nil
}

// latest writes /latest/...: a redirect page for every page of the latest
// version, so partners can bookmark "the current guide", and copies of
// its data files (a redirect page cannot stand in for matrix.json).
func (rd *renderer) latest() error {
	l := rd.s.Latest
	if l == nil || rd.s.Config.Redirects == "file" {
		return nil // one rule of _redirects (formerURLs)
	}
	prefix := l.Name + "/"
	if err := rd.latestPages(l, prefix); err != nil {
		return err
	}
	for _, x := range rd.opts.FileMakers {
		files := x.Files()
		names := make([]string, 0, len(files))
		for n := range files {
			if strings.HasPrefix(n, prefix) {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			if err := rd.w.Write("latest/"+strings.TrimPrefix(n, prefix), files[n]); err != nil {
				return err
			}
		}
	}
	return nil
}

// latestPages writes a redirect page under /latest/ for every page of the
// latest version l, reusing the previous build's for the same title and
// target when the site's frame is the same.
func (rd *renderer) latestPages(l *site.Version, prefix string) error {
	pc := rd.opts.PageCache
	var last, keep map[string]redirectEntry
	if pc != nil {
		if pc.sameFrame {
			last = pc.latest
		}
		keep = make(map[string]redirectEntry, len(l.Pages)+1)
		defer func() { pc.latest = keep }()
	}
	targets := map[string]string{"": prefix} // /latest/ -> the version home
	titles := map[string]string{"": l.Label}
	for _, p := range l.Pages {
		rel := strings.TrimPrefix(p.URL, prefix)
		targets[rel], titles[rel] = p.URL, p.Title
	}
	rels := make([]string, 0, len(targets))
	for r := range targets {
		rels = append(rels, r)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		path := "latest/" + rel + "index.html"
		e, ok := last[path]
		var err error
		if !ok || e.title != titles[rel] || e.target != targets[rel] {
			e = redirectEntry{title: titles[rel], target: targets[rel]}
			e.page, err = rd.redirectPage(e.title, e.target, "The current version of this page is")
		}
		if err == nil {
			err = rd.w.Write(path, e.page)
		}
		if err != nil {
			keep = nil // an incomplete set is not kept
			return err
		}
		if keep != nil {
			keep[path] = e
		}
	}
	return nil
}

// redirectPage is a page that sends the reader to target (site-relative)
// at once, with a canonical link and a visible link for readers whose
// browser does not follow the refresh.
func (rd *renderer) redirectPage(title, target, lead string) ([]byte, error) {
	return rd.theme.ExecuteRedirect(&Redirect{Language: rd.info.Language, Title: title,
		Canonical: rd.abs(target), Target: rd.info.BasePath + target, Lead: lead})
}

// formerURLs writes a redirect page at each former URL of a page
// (aliases starting with /), as Hugo does for its aliases.
func (rd *renderer) formerURLs() error {
	var rules []string
	byFile := rd.s.Config.Redirects == "file"
	root := rd.opts.Langs == nil || len(rd.opts.Langs.All) < 2 || rd.info.Language == rd.opts.Langs.All[0].Code
	if byFile && root && rd.s.Latest != nil {
		// The site's root holds the one file hosts read: a rule for
		// /latest/ in every language.
		prefixes := []string{""}
		if l := rd.opts.Langs; l != nil && len(l.All) > 1 {
			for _, lang := range l.All[1:] {
				prefixes = append(prefixes, lang.Code+"/")
			}
		}
		for _, pre := range prefixes {
			rules = append(rules, fmt.Sprintf("%slatest/* %s%s/:splat 302", rd.info.BasePath+pre, rd.info.BasePath+pre, rd.s.Latest.Name))
		}
	}
	for _, v := range rd.s.All() {
		for _, p := range v.Pages {
			for _, u := range p.URLAliases {
				if byFile && root && len(rules) < MaxRedirectRules {
					rules = append(rules, fmt.Sprintf("%s %s 301", rd.info.BasePath+u, rd.info.BasePath+p.URL))
					continue
				}
				// Past the hosts' limit (or outside the root), a page.
				file := u
				if strings.HasSuffix(u, "/") {
					file += "index.html"
				}
				b, err := rd.redirectPage(p.Title, p.URL, "This page has moved to")
				if err == nil {
					err = rd.w.Write(file, b)
				}
				if err != nil {
					return err
				}
			}
		}
	}
	if len(rules) == 0 {
		return nil
	}
	return rd.w.Write("_redirects", []byte(strings.Join(rules, "\n")+"\n"))
}

// MaxRedirectRules is how many rules a _redirects file may hold: GitLab
// Pages and Netlify read the first 1,000 (redirects: file).
const MaxRedirectRules = 1000

func (rd *renderer) emit(layout, file string, view *View) error {
	out, err := rd.theme.Execute(layout, view)
	if err != nil {
		return err
	}
	return rd.w.Write(file, out)
}

func (rd *renderer) notFound() error {
	view := rd.base(nil)
	view.Kind, view.Title, view.NoIndex = "page", "Page not found", true
	return rd.emit("404.html", "404.html", &view)
}

func xmlText(s string) string {
	// Most titles and addresses need no escaping: skip the encoder (it
	// was a tenth of a preview rebuild at 10,000 pages, through the
	// /latest/ pages).
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>'
	}
	if plain {
		return s
	}
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// robots lets crawlers into public builds only: partner and internal
// builds are deployed behind access control and should not be indexed
// even if a crawler gets in.
func (rd *renderer) robots() error {
	l := rd.opts.Langs
	if l != nil && len(l.All) > 1 && rd.info.Language != l.All[0].Code {
		return nil // robots.txt is read at the root only; it names each language's sitemap
	}
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	if rd.opts.Audience == "public" {
		b.WriteString("Allow: /\n")
	} else {
		b.WriteString("Disallow: /\n")
	}
	if strings.Contains(rd.info.BaseURL, "://") {
		fmt.Fprintf(&b, "Sitemap: %s\n", rd.abs("sitemap.xml"))
		if l != nil && len(l.All) > 1 {
			for _, lang := range l.All[1:] {
				fmt.Fprintf(&b, "Sitemap: %s\n", rd.abs(lang.Code+"/sitemap.xml"))
			}
		}
	}
	return rd.w.Write("robots.txt", []byte(b.String()))
}

func (rd *renderer) static() error {
	// The site's static folder first: its files override the theme's
	// (a site's own assets/style.css), as in Hugo.
	site := map[string]bool{}
	if rd.s.Content != nil {
		names := make([]string, 0, len(rd.s.Content.Static))
		for n := range rd.s.Content.Static {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if err := rd.copyAsset(n, rd.s.Content.Static[n]); err != nil {
				return err
			}
			site[n] = true
		}
	}
	names := make([]string, 0, len(rd.theme.Static))
	for n := range rd.theme.Static {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if site[n] {
			continue
		}
		if err := rd.w.Write(n, rd.theme.Static[n]); err != nil {
			return err
		}
	}
	if !rd.w.Has("assets/syntax.css") {
		return rd.w.Write("assets/syntax.css", SyntaxCSS())
	}
	return nil
}

// SyntaxCSS is the stylesheet of chroma's classes: GitHub's colours, and
// GitHub's dark ones under prefers-color-scheme: dark.
func SyntaxCSS() []byte {
	var b bytes.Buffer
	f := html.New(html.WithClasses(true))
	_ = f.WriteCSS(&b, styles.Get("github"))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get("github-dark"))
	b.WriteString("}\n")
	return b.Bytes()
}

func (rd *renderer) assets() error {
	for _, a := range rd.opts.Assets {
		if err := rd.copyAsset(a.URL, a); err != nil {
			return err
		}
	}
	return nil
}

// Copier is a Sink that copies a file from a stream (the output folder
// does; the preview's memory does not).
type Copier interface {
	Copy(rel string, open func() (io.ReadCloser, error), size int64) error
}

// copyAsset writes a file of the site at rel: streamed where the sink
// copies, else read whole.
func (rd *renderer) copyAsset(rel string, a *content.Asset) error {
	if c, ok := rd.w.(Copier); ok && a.Stream != nil {
		return c.Copy(rel, a.Stream, a.Size)
	}
	b, err := a.Open()
	if err != nil {
		return fmt.Errorf("reading %s: %w", a.Source, err)
	}
	return rd.w.Write(rel, b)
}

// languages gives a page its language switcher, its hreflang alternates
// and, when it stands in for a missing translation, its fallback notice.
// A page shown in the default language for want of a translation names
// the default language's page as canonical: it is that page.
func (rd *renderer) languages(view *View, v *site.Version, p *site.Page) {
	l := rd.opts.Langs
	if l == nil || len(l.All) < 2 {
		return
	}
	var translated []string
	if l.Translated != nil {
		translated = l.Translated(v.Name, p.Rel)
	}
	rd.languageLinks(view, p.URL, translated)
	if rd.info.Language != l.All[0].Code && p.Lang == "" {
		def := l.All[0]
		view.Fallback = &LangLink{Code: def.Code, Label: def.Label, URL: l.RootPath + p.URL}
		view.Canonical = l.RootURL + p.URL
	}
}

// languageLinks gives the page at url its language switcher and its
// hreflang alternates (the default language and those it is translated
// into).
func (rd *renderer) languageLinks(view *View, url string, translated []string) {
	l := rd.opts.Langs
	if l == nil || len(l.All) < 2 {
		return
	}
	for _, lang := range l.All {
		view.Languages = append(view.Languages, LangLink{Code: lang.Code, Label: lang.Label, URL: l.RootPath + l.prefix(lang.Code) + url, Active: lang.Code == rd.info.Language})
		if lang.Code == l.All[0].Code || slices.Contains(translated, lang.Code) {
			view.Alternates = append(view.Alternates, LangLink{Code: lang.Code, Label: lang.Label, URL: l.RootURL + l.prefix(lang.Code) + url})
		}
	}
	if len(view.Alternates) < 2 {
		view.Alternates = nil
	}
}

// word is a word of the theme's string table in the build's language.
// runs is when a dated page runs, by the build's day.
func (rd *renderer) runs(p *site.Page) string {
	w := rd.theme.Words()
	if w == nil || (p.Starts == "" && p.Ends == "") {
		return ""
	}
	today := rd.opts.Today
	if today == "" {
		today = time.Now().Format("2006-01-02")
	}
	if p.Starts != "" && p.Starts > today {
		return w.T("runs_from", w.Date(p.Starts))
	}
	if p.Ends != "" {
		return w.T("runs_until", w.Date(p.Ends))
	}
	return ""
}

func (rd *renderer) word(key string) string {
	if rd.theme == nil || rd.theme.Words() == nil {
		return key
	}
	return rd.theme.Words().T(key)
}
