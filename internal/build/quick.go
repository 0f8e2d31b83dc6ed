package build

import (
	"maps"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/gittree"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// The quick rebuild. Most edits in the preview change a page's text and
// nothing else of the site: no front matter, no heading, link, shortcode
// or description. Then no other page, no finding and no generated file
// can differ from the last build's (every one of them depends on the
// site's structure, its program model and its configuration, or on this
// page's shape), and the page alone is rendered again, with the pages a
// render always renders (those calling a shortcode that may show other
// pages, among them any page that includes this one, and the changes
// pages). A full preview rebuild goes
// through every page to find that out, which grows with the site; the
// quick one does not look at the others.
//
// It runs the stages every build runs, from the last build's result
// (plan.from): load reads nothing (the edited files were read to decide),
// resolve copies the last site with the edited pages in it
// (site.Site.Edited: the last one is left as it was, for whoever still
// reads it), validate makes the program model, the link resolver and the
// shortcodes for the copy and keeps the last findings, search and render
// take the edited pages, and commit leaves the state the next quick
// rebuild starts from.
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
// its files. Nothing in it is changed once made: a quick rebuild makes
// the next one (keepQuick) from copies, and the last one's search may
// still be reading this one's site.
type quick struct {
	key    quickKey
	day    string
	cfg    *config.Config
	site   *site.Site
	theme  *render.Theme
	report *links.Report
	// readers are the generated pages that show pages' bodies: an edit
	// of a body they show is not taken.
	readers  []render.BodyReader
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
	// searched is closed when the build's search indexes are done.
	searched chan struct{}
	// rendered is how many pages the build rendered, when it was a quick
	// one.
	rendered int
}

// fromLast is a quick rebuild's start: the last build's state and the
// edits it was taken for. A plan that has one runs every stage on the
// last build's site with the edited pages in it: nothing is loaded but
// the edited files, no finding can change, and the render draws the
// edited pages alone (see stages.go).
type fromLast struct {
	last  *quick
	edits []edit
}

// siteEdits are the edits as the site takes them.
func (f *fromLast) siteEdits() map[*site.Page]site.Edit {
	out := make(map[*site.Page]site.Edit, len(f.edits))
	for _, e := range f.edits {
		out[e.p] = site.Edit{Page: e.np, Doc: e.doc}
	}
	return out
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
	var readers []render.BodyReader
	for _, x := range o.PageMakers {
		if r, ok := x.(render.BodyReader); ok {
			readers = append(readers, r)
		}
	}
	return &quick{readers: readers, key: keyOfOptions(b.opts), day: render.BuildDay(), cfg: b.cfg, site: b.site, report: b.report,
		theme: theme, checks: b.opts.caches.checks, history: b.history, diags: b.res.Diags.Items(),
		versions: b.res.Versions, portal: b.res.Portal, files: maps.Clone(b.plan.memory.Files()),
		html: o.HTML, texts: b.allTexts, searched: make(chan struct{}), flagged: filesNamed(b.res.Diags.Items()), rendered: b.quickRendered}
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
	// headings: the page's headings changed (see anchorsHold).
	headings bool
}

// decide says whether a preview after the files changed can be a quick
// rebuild from q (see above), and returns its start, or nil. It reads
// the changed files and changes nothing.
func (q *quick) decide(opts Options, changed []string) *fromLast {
	if q == nil || len(changed) == 0 || len(changed) > 8 || keyOfOptions(opts) != q.key || render.BuildDay() != q.day {
		return nil
	}
	select {
	case <-q.searched:
	default:
		return nil
	}
	f := &fromLast{last: q, edits: q.edits(changed)}
	if f.edits == nil || !f.anchorsHold() {
		return nil
	}
	if h := historySince(q.site, q.cfg.Root, q.history); h != q.history {
		return nil // a commit: the pages' dates may have changed
	}
	return f
}

// edits reads each changed file again; nil when one of them is not a
// body-only edit of a page the quick rebuild may take.
func (q *quick) edits(changed []string) []edit {
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
		for _, r := range q.readers {
			if r.ReadsBody(p, p.BodyHash, np.BodyHash) {
				return nil
			}
		}
		doc, scanned := q.site.Engine.ScanAll(body)
		if !markdown.SameButHeadings(p.Doc, doc) {
			return nil
		}
		out = append(out, edit{p: p, np: np, doc: doc, html: scanned.HTML, text: scanned.Text, headings: !markdown.SameHeadings(p.Doc, doc)})
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
// in the site with the new headings. A page that another includes shows
// its headings there: not taken.
func (f *fromLast) anchorsHold() bool {
	q := f.last
	var changed []edit
	for _, e := range f.edits {
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
	s, copies := q.site.Edited(f.siteEdits())
	r := links.New(s)
	for _, e := range changed {
		pages := []*site.Page{copies[e.p]}
		for _, from := range q.checks.LinkingTo(e.p.Version, e.p.Rel) {
			v := s.Version(from[0])
			if v == nil || v.ByRel[from[1]] == nil {
				return false
			}
			pages = append(pages, v.ByRel[from[1]])
		}
		for _, p := range pages {
			if q.flagged[p.Source] || !r.Clean(p) {
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
