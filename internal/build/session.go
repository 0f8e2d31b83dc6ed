package build

import (
	"sync"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/gittree"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/programs"
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Session carries what one preview build can hand to the next: one cache
// per stage (sources by file, scans by body, link findings, rendered
// pages, search analysis), owned here, so the preview server holds a
// Session and knows nothing of the stages.
//
// The caches' contract, written once: what they keep is never changed by
// a later build (a page that changed is a new value, replacing the old
// entry); each entry is keyed by everything its value depends on (the
// file and the configuration, a body's hash, the site's structure and
// the theme); and Sweep, after a build, forgets what that build did not
// use, so a session's memory follows the site, not its history.
type Session struct {
	history  *gittree.History // the last build's, read again only when HEAD moves
	docs     *site.DocCache
	pages    *render.PageCache
	analysis *search.AnalysisCache
	// exports is the last static index's state, not a cache: each
	// search stage starts from the last one's and leaves its own
	// (search.ExportState), one at a time, as the preview runs one
	// build's search after another.
	exports *search.ExportState
	files   *content.FileCache
	checks  *links.CheckCache
	guides  *programs.GuideCache
	// quick is what the last build left for a quick rebuild (nil: none),
	// and wasQuick says the last build was one: it used no cache, so
	// Sweep must not forget what the caches hold.
	quick    *quick
	wasQuick bool
	// stop is the last build's: set, its search gives up.
	stop *atomic.Bool
	// reparsed are the files quick rebuilds read since the last full
	// one: the file cache still holds their old pages, so the next full
	// rebuild is told they changed.
	reparsed map[string]bool
	// langs are the caches of the site's other languages (rendered pages,
	// link findings and analysis depend on the language's site); the
	// scans, keyed by body, are shared.
	langs map[string]*Session
}

// NewSession returns a session with empty caches.
func NewSession() *Session {
	return &Session{docs: site.NewDocCache(), pages: render.NewPageCache(), analysis: search.NewAnalysisCache(), exports: search.NewExportState(),
		files: content.NewFileCache(), checks: links.NewCheckCache(), guides: programs.NewGuideCache()}
}

// Preview builds the site into mem, reusing what earlier builds of the
// session left. changed lists the files (slash paths from the site root)
// written since the last build, when nothing was created or removed but
// the pages opts.Added and opts.Removed list; nil means anything may have
// changed.
func (s *Session) Preview(opts Options, mem *output.Memory, changed []string) *Result {
	s.stop = new(atomic.Bool)
	opts = s.options(opts, mem)
	if len(opts.Added)+len(opts.Removed) > 0 {
		// Pages came or went: the site's structure changed.
		s.quick = nil
	}
	if from := s.quick.decide(opts, changed); from != nil {
		var next *quick
		opts.keepQuick = func(q *quick) { next = q }
		opts.from = from
		res := Preview(opts)
		s.wasQuick = true
		if s.reparsed == nil {
			s.reparsed = map[string]bool{}
		}
		for _, f := range changed {
			s.reparsed[f] = true
		}
		s.quick = next
		if res.Outcome != OK || next == nil {
			s.quick = nil
			return res
		}
		s.awaitSearch(res, next)
		return res
	}
	s.quick, s.wasQuick = nil, false
	if changed != nil {
		for f := range s.reparsed {
			changed = append(changed, f)
		}
	}
	var next *quick
	opts.keepQuick = func(q *quick) { next = q }
	opts.Changed = changed
	res := Preview(opts)
	if res.Outcome == OK {
		s.reparsed = nil
	}
	if next != nil {
		s.quick = next
		s.awaitSearch(res, next)
	}
	return res
}

// options are a preview build's options with the session's caches, for
// the full rebuild and the quick one alike (the quick one's search uses
// the analysis cache and the preview's own index space).
func (s *Session) options(opts Options, mem *output.Memory) Options {
	opts.Memory = mem
	opts.stopSearch = s.stop
	opts.indexSpace = "search-preview"
	opts.prevHistory = s.history
	opts.keepHistory = func(h *gittree.History) { s.history = h }
	// One guide cache for every language: a guide's key holds its language.
	opts.caches = caches{docs: s.docs, pages: s.pages, analysis: s.analysis, exports: s.exports, files: s.files, checks: s.checks, guides: s.guides}
	opts.langSession = s.lang
	return opts
}

// awaitSearch has the result's Search tell q when the search is done.
func (s *Session) awaitSearch(res *Result, q *quick) {
	wait := res.Search
	if wait == nil {
		close(q.searched)
		return
	}
	var once sync.Once
	res.Search = func() (map[string][]byte, error) {
		files, err := wait()
		once.Do(func() { close(q.searched) })
		return files, err
	}
}

// lang is the session of another language, made on first use.
func (s *Session) lang(code string) *Session {
	if s.langs == nil {
		s.langs = map[string]*Session{}
	}
	l := s.langs[code]
	if l == nil {
		l = &Session{docs: s.docs, pages: render.NewPageCache(), analysis: search.NewAnalysisCache(), exports: search.NewExportState(), checks: links.NewCheckCache()}
		s.langs[code] = l
	}
	return l
}

// Sweep forgets what the last build did not use.
func (s *Session) Sweep() {
	if s.wasQuick {
		return
	}
	s.files.Sweep()
	s.checks.Sweep()
	s.guides.Sweep()
	s.docs.Sweep()
	s.pages.Sweep()
	// The analysis cache is swept by the search stage, once its analysis
	// is done: a preview's search runs after the build returns, and a
	// sweep here would forget what it is about to use.
	for _, l := range s.langs {
		l.checks.Sweep()
		l.pages.Sweep()
	}
}

// Rendered says how many pages the last build rendered and how many it
// reused from the session.
func (s *Session) Rendered() (rendered, reused int64) {
	if s.wasQuick && s.quick != nil {
		n := int64(s.quick.rendered)
		return n, int64(s.quick.totalPages()) - n
	}
	rendered, reused = s.pages.Misses.Load(), s.pages.Hits.Load()
	for _, l := range s.langs {
		rendered += l.pages.Misses.Load()
		reused += l.pages.Hits.Load()
	}
	return rendered, reused
}

// StopSearch asks the search of the last build, when it is still running,
// to stop where it can: the preview server calls it when the next edit
// comes, which otherwise waits for the search. That build's Result.Search then returns ErrSearchStopped soon,
// and the indexes are those of the last complete search or newer.
func (s *Session) StopSearch() {
	if s.stop != nil {
		s.stop.Store(true)
	}
}

// LastQuick says the last build was a quick rebuild (see quick.go): the
// edit changed pages' text only, and nothing else was looked at.
func (s *Session) LastQuick() bool { return s.wasQuick }
