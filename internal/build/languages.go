package build

import (
	"io"
	"path/filepath"
	"sort"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/gittree"
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// A site with several languages is built once per language: the default
// language at the root, each other one under /CODE/ from the site as it
// publishes it (content.Site.ForLanguage: every page, translated where a
// translation exists). Each language's run resolves, validates, indexes
// and renders its own pages with the same stages as the default's, so its
// matrices, search indexes and links are its own; its findings about the
// default language's pages (already reported) are dropped, and those about
// its translations are the build's.

// language is the run of one other language, sharing this run's load and
// Git history.
func (b *run) language(l config.Lang) *run {
	cfg := *b.cfg
	cfg.BasePath += l.Code + "/"
	cfg.BaseURL += l.Code + "/"
	cfg.Language = l.Code
	opts := b.opts
	// The caches of the default language's run know its site, not this
	// one's: the preview's session has a set per language.
	own := caches{files: opts.caches.files, guides: opts.caches.guides}
	if opts.langSession != nil {
		ls := opts.langSession(l.Code)
		own.docs, own.pages, own.checks, own.analysis, own.exports = ls.docs, ls.pages, ls.checks, ls.analysis, ls.exports
	}
	opts.caches = own
	space := opts.indexSpace
	if space == "" {
		space = "search"
	}
	opts.indexSpace = space + "-" + l.Code
	// The preview's other languages finish their search after the pages
	// are served, as the default language does (Result.Search waits for
	// all of them); a build waits for each with its pages.
	now := time.Now()
	p := b.plan
	p.keepQuick = nil // a quick rebuild takes sites of one language only
	lb := &run{opts: opts, plan: p, res: &Result{Diags: &diag.List{}}, start: now, last: now, cfg: &cfg, root: b.cfg, dest: b.dest}
	cs := b.cs.ForLanguage(l.Code)
	cs.Config = &cfg
	lb.cs = cs
	lb.history, lb.historyDone = b.history, b.historyDone
	lb.printWith = b.printWith
	return lb
}

// otherLanguages are the site's languages but the default.
func (b *run) otherLanguages() []config.Lang {
	if !b.cfg.Multilingual() {
		return nil
	}
	return b.cfg.Languages[1:]
}

// languages is the stage that runs every other language through the
// same stages, from resolve to render, into its folder of this run's
// output. A language's findings about its translations are the build's;
// those about the default language's pages were reported already.
func (b *run) languages() bool {
	if b.root != nil {
		return true
	}
	for _, l := range b.otherLanguages() {
		lb := b.language(l)
		if b.out != nil {
			lb.out = prefixSink{b.out, l.Code + "/"}
		}
		// Validation's verdict is the findings it keeps below.
		lb.execute("resolve", "validate")
		own := map[string]bool{}
		for _, v := range lb.cs.All() {
			for _, p := range v.Pages {
				if p.Lang != "" {
					own[p.Source] = true
				}
			}
		}
		for _, d := range lb.res.Diags.Items() {
			if own[d.File] {
				b.res.Diags.Add(d)
			}
		}
		if b.res.Diags.HasErrors() {
			lb.finish()
			b.res.Outcome = ContentErr
			return false
		}
		lb.res.Outcome = OK
		lb.execute("translations", "render")
		lb.finish()
		if lb.res.Search != nil {
			b.langSearches = append(b.langSearches, langSearch{l.Code, lb.res.Search, lb.res.SearchSoon})
		}
		if lb.res.Outcome != OK {
			b.res.Outcome, b.res.Err = lb.res.Outcome, lb.res.Err
			if b.res.Err == nil {
				b.res.Outcome = InternalErr
			}
			return false
		}
	}
	b.mark("languages")
	return true
}

// langSearch is another language's deferred search.
type langSearch struct {
	code         string
	search, soon func() (map[string][]byte, error)
}

// LanguageIndexDir is where another language's bleve indexes are, given
// where the default language's are (Result.IndexDir): the same audience
// folder in a search space named for the language ("search-de").
func LanguageIndexDir(indexDir, code string) string {
	space, audience := filepath.Split(filepath.Clean(indexDir))
	space = filepath.Clean(space)
	return filepath.Join(filepath.Dir(space), filepath.Base(space)+"-"+code, audience)
}

// aliaser is a sink that can store a file as another's content.
type aliaser interface {
	Alias(rel, target string) error
}

// prefixSink writes a language's files under its folder.
type prefixSink struct {
	w      render.Sink
	prefix string
}

func (p prefixSink) Write(rel string, data []byte) error { return p.w.Write(p.prefix+rel, data) }
func (p prefixSink) Has(rel string) bool                 { return p.w.Has(p.prefix + rel) }

// Copy streams a file under the language's folder when the sink can.
func (p prefixSink) Copy(rel string, open func() (io.ReadCloser, error), size int64) error {
	// The default language wrote the same file at the root: share it.
	if a, ok := p.w.(aliaser); ok && p.w.Has(rel) {
		return a.Alias(p.prefix+rel, rel)
	}
	if c, ok := p.w.(render.Copier); ok {
		return c.Copy(p.prefix+rel, open, size)
	}
	r, err := open()
	if err != nil {
		return err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return p.w.Write(p.prefix+rel, b)
}

// staleTranslations reports each translation whose source was committed
// after it: the translation says what the source used to say. Without
// Git history (not a repository, or a file never committed) nothing is
// reported.
func staleTranslations(s *site.Site, h *gittree.History, diags *diag.List) {
	if h == nil {
		return
	}
	for _, v := range s.All() {
		for _, code := range sortedKeys(v.Translations) {
			trs := v.Translations[code]
			for _, rel := range sortedKeys(trs) {
				t, src := trs[rel], v.Version.ByRel[rel]
				if src == nil {
					continue
				}
				st, tt := h.Times[src.Source], h.Times[t.Source]
				if st == 0 || tt == 0 || st <= tt {
					continue
				}
				diags.Warnf(t.Source, 1, 1, diag.RuleTranslationStale, "%s changed on %s, after this translation (last changed %s): bring the %s translation up to date",
					src.Source, h.Dates[src.Source], h.Dates[t.Source], code)
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
