package build

import (
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
	files    *content.FileCache
	checks   *links.CheckCache
	guides   *programs.GuideCache
	// langs are the caches of the site's other languages (rendered pages,
	// link findings and analysis depend on the language's site); the
	// scans, keyed by body, are shared.
	langs map[string]*Session
}

// NewSession returns a session with empty caches.
func NewSession() *Session {
	return &Session{docs: site.NewDocCache(), pages: render.NewPageCache(), analysis: search.NewAnalysisCache(),
		files: content.NewFileCache(), checks: links.NewCheckCache(), guides: programs.NewGuideCache()}
}

// Preview builds the site into mem, reusing what earlier builds of the
// session left. changed lists the files (slash paths from the site root)
// written since the last build, when nothing was created or removed; nil
// means anything may have changed.
func (s *Session) Preview(opts Options, mem *output.Memory, changed []string) *Result {
	opts.Memory = mem
	opts.indexSpace = "search-preview"
	opts.prevHistory = s.history
	opts.keepHistory = func(h *gittree.History) { s.history = h }
	opts.DocCache, opts.PageCache, opts.AnalysisCache, opts.FileCache, opts.CheckCache = s.docs, s.pages, s.analysis, s.files, s.checks
	// One guide cache for every language: a guide's key holds its language.
	opts.GuideCache = s.guides
	opts.Changed = changed
	opts.langSession = s.lang
	return Preview(opts)
}

// lang is the session of another language, made on first use.
func (s *Session) lang(code string) *Session {
	if s.langs == nil {
		s.langs = map[string]*Session{}
	}
	l := s.langs[code]
	if l == nil {
		l = &Session{docs: s.docs, pages: render.NewPageCache(), analysis: search.NewAnalysisCache(), checks: links.NewCheckCache()}
		s.langs[code] = l
	}
	return l
}

// Sweep forgets what the last build did not use.
func (s *Session) Sweep() {
	s.files.Sweep()
	s.checks.Sweep()
	s.guides.Sweep()
	s.docs.Sweep()
	s.pages.Sweep()
	s.analysis.Sweep()
	for _, l := range s.langs {
		l.checks.Sweep()
		l.pages.Sweep()
		l.analysis.Sweep()
	}
}

// Rendered says how many pages the last build rendered and how many it
// reused from the session.
func (s *Session) Rendered() (rendered, reused int64) {
	rendered, reused = s.pages.Misses.Load(), s.pages.Hits.Load()
	for _, l := range s.langs {
		rendered += l.pages.Misses.Load()
		reused += l.pages.Hits.Load()
	}
	return rendered, reused
}
