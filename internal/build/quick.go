package build

import (
	"fmt"
	"maps"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/gittree"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// The quick rebuild. Most edits in the preview change a page's text and
// nothing else of the site: no front matter, no heading, link, shortcode
// or description. Then no other page, no finding and no generated file
// can differ from the last build's (every one of them depends on the
// site's structure, its program model and its configuration, or on this
// page's shape), and the page alone is rendered again, with the pages a
// render always renders (those with shortcodes, among them any page that
// includes this one, and the changes pages). A full preview rebuild goes
// through every page to find that out, which grows with the site; the
// quick one does not look at the others.
//
// It is taken only when all of this holds, and otherwise the full
// rebuild runs, which is always right:
//   - the last build was a full one or a quick one, it succeeded, and its
//     search finished; the site has one language; the options, the day
//     and the Git commit are the same;
//   - the watcher names the files that changed (none came or went), each
//     a page of a folder version or the portal with no finding in the
//     last build;
//   - each page reads with no finding, with the same front matter, and
//     its body has the same shape (markdown.SameShape) but perhaps for
//     its headings; when they changed, the page and every page that links
//     to one of its anchors (as the link check's cache recorded) had no
//     finding and still resolve every link, and no page includes it;
//   - the page is not part of the program model, is not a terms page
//     (their clauses are shown elsewhere), and no page a stage
//     generates reads its body (render.BodyReader: a
//     program guide shows it; a changes page lists it as edited when
//     its body differs from last year's, so the edit must not change
//     that).

// quick is what a successful preview build leaves for a quick rebuild:
// its resolved site and what the render needs of it, its findings and
// its files.
type quick struct {
	key      quickKey
	day      string
	cfg      *config.Config
	site     *site.Site
	resolver *links.Resolver
	models   map[string]*model.Model
	theme    *render.Theme
	render   render.Options
	checks   *links.CheckCache // which pages link to which anchors
	history  *gittree.History
	diags    []diag.Diagnostic
	flagged  map[string]bool // the files diags name
	versions []VersionStats
	portal   int
	// files are the build's files; html and texts are its bodies' HTML
	// and text by body hash (the render's and the search's inputs).
	files map[string][]byte
	html  map[[16]byte][]byte
	texts map[[16]byte]string
	// searched is closed when the build's search indexes are done: until
	// then they read the site, which a quick rebuild changes.
	searched chan struct{}
	// rendered is how many pages the last quick rebuild rendered.
	rendered int
}

// quickKey is what of the options a quick rebuild must share with the
// build it follows.
type quickKey struct {
	source, audience, baseURL, today string
	drafts, strict, external         bool
}

func keyOfOptions(o Options) quickKey {
	o = start(o).opts // with its defaults
	return quickKey{o.Source, o.Audience, o.BaseURL, o.Today, o.Drafts, o.Strict, o.External}
}

// keepQuick records what a preview build b, rendered with o, leaves for a
// quick rebuild; nil when the site cannot have one.
func (b *run) keepQuick(o render.Options, theme *render.Theme) *quick {
	if b.res.Outcome != OK || b.cfg.Multilingual() || b.allTexts == nil || o.HTML == nil {
		return nil
	}
	return &quick{key: keyOfOptions(b.opts), day: render.BuildDay(), cfg: b.cfg, site: b.site, resolver: b.resolver,
		models: b.models, theme: theme, render: o, checks: b.opts.caches.checks, history: b.history, diags: b.res.Diags.Items(),
		versions: b.res.Versions, portal: b.res.Portal, files: maps.Clone(b.plan.memory.Files()),
		html: o.HTML, texts: b.allTexts, searched: make(chan struct{}), flagged: filesNamed(b.res.Diags.Items())}
}

// filesNamed are the files findings are about.
func filesNamed(diags []diag.Diagnostic) map[string]bool {
	out := map[string]bool{}
	for _, d := range diags {
		out[d.File] = true
	}
	return out
}

// edit is one page's new file and scan, before it is applied.
type edit struct {
	p    *site.Page
	np   *content.Page
	doc  *markdown.Doc
	html []byte
	text string
	old  *markdown.Doc // the page's scan before the edit
	// headings: the page's headings changed (see anchorsHold).
	headings bool
}

// quickPreview is the quick rebuild of q after the files changed, into
// mem, or nil when it cannot be taken (see above). The site of q is
// changed in place: q stays the state of the last build.
func (q *quick) quickPreview(opts Options, mem *output.Memory, changed []string) *Result {
	if q == nil || len(changed) == 0 || len(changed) > 8 || keyOfOptions(opts) != q.key || render.BuildDay() != q.day {
		return nil
	}
	select {
	case <-q.searched:
	default:
		return nil
	}
	b := start(opts)
	b.plan = previewPlan(opts)
	edits := q.edits(changed)
	if edits == nil || !q.anchorsHold(edits) {
		return nil
	}
	if h := historySince(q.site, q.cfg.Root, q.history); h != q.history {
		return nil // a commit: the pages' dates may have changed
	}
	b.mark("quick")
	q.searched = make(chan struct{}) // this build's search
	// From here on the site is the new one.
	pages := make([]*site.Page, len(edits))
	for i, e := range edits {
		e.p.Page, e.p.Doc = e.np, e.doc
		q.html[e.np.BodyHash], q.texts[e.np.BodyHash] = e.html, e.text
		pages[i] = e.p
	}
	res := b.res
	res.Site, res.Models, res.Versions, res.Portal = q.site, q.models, q.versions, q.portal
	for _, d := range q.diags {
		res.Diags.Add(d)
	}
	b.cfg, b.site, b.models, b.texts, b.allTexts = q.cfg, q.site, q.models, q.texts, q.texts
	// Deferred: Result.Search returns the static index; the generated
	// search page is the last build's.
	b.startSearch()
	b.timed("render", func() {
		fresh := output.NewMemory()
		o := q.render
		o.HTML = q.html
		n, err := render.Pages(q.site, q.resolver, q.theme, fresh, o, pages)
		if err != nil {
			res.Outcome, res.Err = InternalErr, fmt.Errorf("render: %w", err)
			return
		}
		q.rendered = n
		maps.Copy(q.files, fresh.Files())
		for rel, data := range q.files {
			if err := mem.Write(rel, data); err != nil {
				res.Outcome, res.Err = InternalErr, err
				return
			}
		}
	})
	res.Files = len(q.files)
	b.finish()
	return res
}

// edits reads each changed file again; nil when one of them is not a
// body-only edit of a page the quick rebuild may take.
func (q *quick) edits(changed []string) []edit {
	var readers []render.BodyReader
	for _, x := range q.render.PageMakers {
		if r, ok := x.(render.BodyReader); ok {
			readers = append(readers, r)
		}
	}
	var out []edit
	for _, f := range changed {
		p := q.page(f)
		if p == nil || q.flagged[f] || p.Kind == "terms" || site.ModelKind(p.Kind) {
			return nil
		}
		np, body, ok := content.Reparse(q.cfg, p.Page)
		if !ok {
			return nil
		}
		for _, r := range readers {
			if r.ReadsBody(p, p.BodyHash, np.BodyHash) {
				return nil
			}
		}
		doc, scanned := q.site.Engine.ScanAll(body)
		if !markdown.SameButHeadings(p.Doc, doc) {
			return nil
		}
		out = append(out, edit{p: p, np: np, doc: doc, old: p.Doc, html: scanned.HTML, text: scanned.Text, headings: !markdown.SameHeadings(p.Doc, doc)})
	}
	return out
}

// page is the page whose file is f (a slash path from the site root) in a
// version read from a folder, or nil.
func (q *quick) page(f string) *site.Page {
	for _, v := range q.site.All() {
		if v.Config != nil && v.Config.Git != nil {
			continue
		}
		for _, p := range v.Pages {
			if p.Source == f {
				return p
			}
		}
	}
	return nil
}

// anchorsHold reports whether the edits that change a page's headings
// leave every link that names one of its anchors as it was: the page
// itself and every page that links to it with a fragment (as the link
// check's cache recorded) had no finding, and still resolve every link
// with the new headings. A page that another includes shows its
// headings there: not taken.
func (q *quick) anchorsHold(edits []edit) bool {
	var changed []edit
	for _, e := range edits {
		if e.headings {
			changed = append(changed, e)
		}
	}
	if len(changed) == 0 {
		return true
	}
	if q.checks == nil {
		return false
	}
	for _, v := range q.site.All() {
		for _, p := range v.Pages {
			for _, inc := range p.Includes {
				for _, e := range changed {
					if inc == e.p {
						return false
					}
				}
			}
		}
	}
	// The new headings, for the resolver; put back whatever is decided
	// (the edits are applied later, all together).
	for _, e := range changed {
		e.p.Doc = e.doc
	}
	defer func() {
		for _, e := range changed {
			e.p.Doc = e.old
		}
	}()
	for _, e := range changed {
		pages := []*site.Page{e.p}
		for _, from := range q.checks.LinkingTo(e.p.Version, e.p.Rel) {
			v := q.site.Version(from[0])
			if v == nil || v.ByRel[from[1]] == nil {
				return false
			}
			pages = append(pages, v.ByRel[from[1]])
		}
		for _, p := range pages {
			if q.flagged[p.Source] || !q.resolver.Clean(p) {
				return false
			}
		}
	}
	return true
}

// totalPages counts the pages of the site.
func (q *quick) totalPages() int {
	n := 0
	for _, v := range q.site.All() {
		n += len(v.Pages)
	}
	return n
}
