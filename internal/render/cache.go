package render

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/memo"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// PageCache keeps rendered pages between builds of the preview server. A
// page is rendered again when its own file changed, or when something it
// shows of other pages changed:
//   - the site's frame (site.Frame: the configuration, the terms pages,
//     the assets), the theme, or which pages have a translation in which
//     language: every page;
//   - the titles, addresses, order, summaries and dates its navigation
//     block, its breadcrumbs and (a folder's page) its list of children
//     show, and its equivalents in the other program years: the key holds
//     a hash of those (renderer.shows);
//   - the addresses its links resolve to and the pages its layouts
//     looked up by id (View.Ref): recorded when it was rendered, and
//     compared again (links through the link check's digest of the page,
//     links.Resolver.LinkDigest);
//   - anything at all of the site, for the home page (its news and
//     sections) and when the site's theme has its own layouts, which may
//     read any page: such an entry holds the whole site's signature.
//
// What other stages add to a page (a matrix, a tier's requirements) is
// drawn from the program model: a page that shows the model
// (site.ModelShown) holds in its key the hash of those parts' data
// (renderer.modelKey), so a benefit's value edited renders the pages
// whose parts show it; a stage whose parts show other pages (a path's
// steps) names them (Shower), and their titles go into the key.
//
// So a page retitled, added or deleted re-renders the pages whose
// navigation or links show it, not every page. Pages calling a shortcode
// that may show other pages are always rendered (keyOf); a page that
// includes others holds in its key their files and link digests
// (includeKey), and a page calling the site's templates that read no
// other page holds the key of the site's templates and data files
// (CallsKeyer), the links those templates wrote resolved again whenever
// the core changed.
type PageCache struct {
	c *memo.Cache[pageKey, cachedPage]
	// seed hashes what a page shows of others (the same within the
	// process, which is the cache's life).
	seed maphash.Seed
	// full and core are this build's whole-site and core signatures;
	// sameFrame says its frame signature equals the last build's.
	full, core string
	sameFrame  bool
	// latest holds the last build's /latest/ redirect pages by path,
	// with the title and target each was made for: a redirect depends on
	// nothing else, so the same ones are reused (making 10,000 of them
	// was a fifth of a one-page rebuild).
	latest map[string]redirectEntry
	// frags are the navigation's folder lists by path, with the hash of
	// the list each was drawn for.
	keptMu sync.Mutex
	frags  map[string]fragmentEntry
	// Hits and Misses count the lookups since the last Sweep.
	Hits, Misses atomic.Int64
	// Rendered counts the pages rendered (not taken from the cache), all
	// builds together.
	Rendered atomic.Int64
}

// pageKey names a page's output under one frame signature (the cache's
// tag): its version, its path, the hash of its file and the hash of what
// it shows of other pages.
type pageKey struct {
	version, rel string
	source       [16]byte
	shows        uint64
	// includes is the hash of the pages it includes (includeKey), if
	// any; calls the key of what its shortcodes read (CallsKeyer).
	includes [32]byte
	calls    string
	// model is the hash of what a page that shows the program model
	// (site.ModelShown) shows of it (renderer.modelKey), else "".
	model string
}

// cachedPage is a rendered page and what it depended on beyond its key.
type cachedPage struct {
	out   []byte
	refs  []refDep
	links []linkDep
	calls []linkDep // links its shortcodes wrote (pageDeps.calls)
	// full is the whole site's signature when the page depends on it
	// (see PageCache), else ""; core is the site's core signature when
	// it was rendered.
	full, core string
	// digest is the link check's digest of the page's links when it was
	// rendered (links.Resolver.LinkDigest), if it had one.
	digest   uint64
	digested bool
}

// pageDeps is what rendering a page read beyond its key: whether it
// depends on the whole site (the home page), and the pages its layouts
// looked up by id.
type pageDeps struct {
	whole bool
	// calls are the links the page's shortcodes wrote (a site template's
	// output), which the link check's digest of the page does not cover.
	calls []linkDep
	// parts, when set, are the page's parts as its key read them, and
	// drawn those parts drawn when the key drew them.
	parts *pageParts
	drawn *drawnParts
	refs  []refDep
	links []linkDep
}

// linkDep is one link of a page's text and the address it was given (or,
// restricted, whether it leads to a page of a narrower audience, and
// which).
type linkDep struct {
	dest, out      string
	kind           markdown.LinkKind
	ok, restricted bool
}

// refDep is one lookup by id and what it found.
type refDep struct {
	id    string
	info  RefInfo
	found bool
}

// fragmentEntry is one folder's navigation list and the hash of its items.
type fragmentEntry struct {
	sum  uint64
	page []byte
}

// redirectEntry is one /latest/ redirect page and what it was made for.
type redirectEntry struct {
	title, target string
	page          []byte
}

// NewPageCache returns an empty cache.
func NewPageCache() *PageCache {
	return &PageCache{c: memo.New[pageKey, cachedPage](), seed: maphash.MakeSeed()}
}

func (c *PageCache) get(k pageKey) (cachedPage, bool) {
	b, ok := c.c.Get(k)
	if ok {
		c.Hits.Add(1)
	} else {
		c.Misses.Add(1)
	}
	return b, ok
}

// Sweep forgets pages the last build did not use, and resets the counts.
func (c *PageCache) Sweep() {
	c.c.Sweep()
	c.Hits.Store(0)
	c.Misses.Store(0)
}

// signature hashes a signature of the site (Shown or Core) with the
// theme, the audience, the Git history and the languages.
func signature(structure string, theme *Theme, opts Options) string {
	langs := ""
	if opts.Langs != nil {
		langs = opts.Langs.Key
	}
	sum := sha256.Sum256([]byte(structure + "|" + theme.Hash + "|" + opts.Audience + "|" + opts.History + "|" + langs))
	return fmt.Sprintf("%x", sum)
}

// shows hashes what page p's navigation block, breadcrumbs, the parts
// other stages add (Shower) and (a folder's page) list of children show
// of other pages.
func (rd *renderer) shows(v *site.Version, p *site.Page) uint64 {
	var h maphash.Hash
	h.SetSeed(rd.opts.PageCache.seed)
	n := rd.navSum(v, p)
	h.Write(binary.LittleEndian.AppendUint64(nil, n))
	// The same page in the other program years: the version switcher,
	// the banner and the canonical address name it.
	for _, o := range rd.s.Versions {
		if q := Equivalent(p, o); q != nil {
			h.WriteString(q.URL)
		}
		h.WriteByte(0)
	}
	if p.IsIndex {
		writeCrumbs(&h, rd.crumbs(v, p.Section, p))
	} else {
		// A page's own crumb is its title: of its own file.
		h.Write(binary.LittleEndian.AppendUint64(nil, rd.crumbSum(v, p.Section)))
	}
	for _, x := range rd.opts.Appenders {
		if sh, ok := x.(Shower); ok {
			for _, q := range sh.Shows(p) {
				h.WriteString(q.Title)
				h.WriteByte(0)
				h.WriteString(q.URL)
				h.WriteByte(0)
			}
		}
	}
	if p.IsIndex && p.Section != nil {
		for _, it := range childrenOf(p.Section) {
			for _, f := range []string{it.Title, it.URL, it.Summary, it.Kind, it.Date} {
				h.WriteString(f)
				h.WriteByte(0)
			}
		}
	}
	return h.Sum64()
}

// crumbSum hashes the breadcrumbs of the pages of a folder (not its own
// page's), once per folder.
func (rd *renderer) crumbSum(v *site.Version, sec *site.Section) uint64 {
	if x, ok := rd.crumbSums.Load(sec); ok {
		return x.(uint64)
	}
	var h maphash.Hash
	h.SetSeed(rd.opts.PageCache.seed)
	writeCrumbs(&h, rd.crumbs(v, sec, nil))
	x, _ := rd.crumbSums.LoadOrStore(sec, h.Sum64())
	return x.(uint64)
}

func writeCrumbs(h *maphash.Hash, crumbs []Crumb) {
	for _, c := range crumbs {
		h.WriteString(c.Title)
		h.WriteByte(0)
		h.WriteString(c.URL)
		h.WriteByte(0)
		if c.Link {
			h.WriteByte(1)
		}
	}
}

// navSum hashes the navigation of p's sidebar, shared by its block.
func (rd *renderer) navSum(v *site.Version, p *site.Page) uint64 {
	key := rd.sidebarKeyOf(v, p)
	if x, ok := rd.navSums.Load(key); ok {
		return x.(uint64)
	}
	var h maphash.Hash
	h.SetSeed(rd.opts.PageCache.seed)
	var walk func(items []*NavItem)
	walk = func(items []*NavItem) {
		for _, it := range items {
			h.WriteString(it.Title)
			h.WriteByte(0)
			h.WriteString(it.URL)
			h.WriteByte(0)
			h.WriteString(it.Fragment)
			h.WriteByte(0)
			if it.More {
				h.WriteByte('+')
			}
			if it.Open {
				h.WriteByte('(')
				walk(it.Children)
				h.WriteByte(')')
			}
		}
	}
	walk(navFor(v.Root, p, rd.levels))
	x, _ := rd.navSums.LoadOrStore(key, h.Sum64())
	return x.(uint64)
}

// stillShows reports whether a cached page's lookups find what they found
// when it was rendered, and whether the site it depended on whole is the
// same.
func (rd *renderer) stillShows(v *site.Version, p *site.Page, e cachedPage) bool {
	if e.full != "" && e.full != rd.opts.PageCache.full {
		return false
	}
	// Links resolve the same while the site's core does (which pages
	// exist, where, under which ids and aliases), and while the link
	// check finds them resolved the same (its digest of the page); only
	// without one are they resolved again here.
	same := e.core == rd.opts.PageCache.core
	if d, ok := rd.r.LinkDigest(p); !same && ok && e.digested && d == e.digest {
		same = true
	}
	// The links the page's shortcodes wrote: the digest does not cover
	// them.
	if e.core != rd.opts.PageCache.core && !rd.sameAddresses(p, e.calls) {
		return false
	}
	if !same && !rd.sameAddresses(p, e.links) {
		return false
	}
	if len(e.refs) == 0 {
		return true
	}
	view := View{ver: v, site: rd.s}
	for _, d := range e.refs {
		info := view.Ref(d.id)
		if (info != nil) != d.found || (info != nil && *info != d.info) {
			return false
		}
	}
	return true
}

// sameAddresses reports whether each recorded link of p still resolves
// as it did.
func (rd *renderer) sameAddresses(p *site.Page, links []linkDep) bool {
	for _, l := range links {
		var out string
		var ok bool
		if l.restricted {
			out, ok = rd.r.Restricted(p, l.dest, l.kind)
		} else {
			out, ok = rd.r.Address(p, l.dest, l.kind, rd.info.BasePath)
		}
		if out != l.out || ok != l.ok {
			return false
		}
	}
	return true
}

// keyOf is a page's cache key, and false for pages that are always
// rendered: those calling a shortcode that may show other pages (a
// site's template: see OtherPagesReader; an include only through the
// pages it includes, see includeKey) and the changes pages.
// A page whose shortcodes show only their arguments and inner content is
// kept as a page without any: its output depends on its own file and on
// what the cache already compares.
func (rd *renderer) keyOf(p *site.Page) (pageKey, bool) {
	if strings.HasSuffix(p.URL, "/changes/") {
		return pageKey{}, false
	}
	if !rd.readsNoOtherPage(p) {
		return pageKey{}, false
	}
	key := pageKey{version: p.Version, rel: p.Rel, source: p.SourceHash}
	if ck, ok := rd.opts.Shortcodes.(CallsKeyer); ok {
		key.calls = ck.CallsKey(p)
	}
	if len(p.Includes) > 0 {
		var ok bool
		if key.includes, ok = rd.includeKey(p); !ok {
			return pageKey{}, false
		}
	}
	return key, true
}

// readsNoOtherPage reports whether every shortcode p calls shows its
// arguments, its inner content and its own page only, or (an include)
// pages of p.Includes, which includeKey keys.
func (rd *renderer) readsNoOtherPage(p *site.Page) bool {
	if len(p.Doc.Shortcodes) == 0 {
		return true
	}
	r, ok := rd.opts.Shortcodes.(OtherPagesReader)
	if !ok {
		return false
	}
	inc, _ := rd.opts.Shortcodes.(IncludeShower)
	for _, sc := range p.Doc.Shortcodes {
		if inc != nil && inc.ShowsIncludes(sc.Name) {
			continue
		}
		if r.ReadsOtherPages(sc.Name) {
			return false
		}
	}
	return true
}

// maxKeyedIncludes is the most pages an include key walks: a page that
// includes more is rendered every time.
const maxKeyedIncludes = 64

// includeKey hashes what p's includes show: each included page at any
// depth, in the order the calls name them, by its file, its scan's file
// hash and its link check's digest (where its links lead), so a page
// that includes another is rendered again when that page, or where its
// links lead, changes. False when an included page calls a shortcode
// that reads other pages or a template of the site (the links its
// templates write are not recorded for the page that includes it), has
// no digest, or there are too many.
func (rd *renderer) includeKey(p *site.Page) ([32]byte, bool) {
	h := sha256.New()
	var k [32]byte
	ok := rd.walkIncludes(p, func(inc *site.Page, again bool) bool {
		if inc == nil {
			h.Write([]byte("-|"))
			return true
		}
		h.Write([]byte(inc.Source + "|"))
		if again {
			// Met again (a cycle is not rendered; a second include of
			// the same page is the same body).
			h.Write([]byte("again|"))
			return true
		}
		d, ok := rd.r.LinkDigest(inc)
		if !ok {
			return false
		}
		if ck, ok := rd.opts.Shortcodes.(CallsKeyer); ok && ck.CallsKey(inc) != "" {
			// The links its templates write are not recorded for the
			// page that includes it.
			return false
		}
		h.Write(inc.SourceHash[:])
		h.Write(binary.LittleEndian.AppendUint64(nil, d))
		return true
	}, func(open bool) {
		if open {
			h.Write([]byte{'('})
		} else {
			h.Write([]byte{')'})
		}
	})
	if !ok {
		return k, false
	}
	h.Sum(k[:0])
	return k, true
}

// walkIncludes visits the pages p includes, depth first in call order,
// each page once (again for the later meetings), and brackets each
// page's list of includes with list(true) and list(false). It stops,
// false, when visit does, when an included page calls a shortcode that
// reads other pages, or past maxKeyedIncludes pages.
func (rd *renderer) walkIncludes(p *site.Page, visit func(inc *site.Page, again bool) bool, list func(open bool)) bool {
	seen := map[*site.Page]bool{p: true}
	count := 0
	var walk func(q *site.Page) bool
	walk = func(q *site.Page) bool {
		list(true)
		for _, inc := range q.Includes {
			if inc == nil || seen[inc] {
				if !visit(inc, inc != nil) {
					return false
				}
				continue
			}
			seen[inc] = true
			if count++; count > maxKeyedIncludes || !rd.readsNoOtherPage(inc) || !visit(inc, false) || !walk(inc) {
				return false
			}
		}
		list(false)
		return true
	}
	return walk(p)
}

// keptInQuick reports whether a quick rebuild may keep p's last output
// (it edits only pages' text, and changes where no link leads): p's
// shortcodes, and those of the pages it includes, read no other page,
// and it includes none of the edited pages.
func (rd *renderer) keptInQuick(p *site.Page, edited map[*site.Page]bool) bool {
	if strings.HasSuffix(p.URL, "/changes/") || !rd.readsNoOtherPage(p) {
		return false
	}
	return rd.walkIncludes(p, func(inc *site.Page, _ bool) bool { return !edited[inc] }, func(bool) {})
}
