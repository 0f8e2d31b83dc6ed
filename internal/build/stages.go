package build

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/check"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/events"
	"github.com/partnerdocs/partnerdocs/internal/feedback"
	"github.com/partnerdocs/partnerdocs/internal/gittree"
	"github.com/partnerdocs/partnerdocs/internal/glossary"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/programs"
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/report"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/partnerdocs/partnerdocs/internal/shortcode"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// run is one build on its way through the stages. Each stage is a method
// that reads what the earlier ones left and adds its own result; every
// entry point (Check, Index, Preview, Build) takes its run through the
// same list (stages), with a plan that says what it needs. A stage that
// fails sets the outcome and returns false.
type run struct {
	opts  Options
	plan  plan
	res   *Result
	start time.Time
	last  time.Time // end of the last timed stage
	// after runs when the entry point returns, last registered first.
	after []func()

	cfg *config.Config
	// root is the default language's configuration in the run of another
	// language (nil in the default language's own).
	root     *config.Config
	dest     string // approved output folder (plan.dest)
	cs       *content.Site
	site     *site.Site
	resolver *links.Resolver
	report   *links.Report
	models   map[string]*model.Model
	codes    *shortcode.Set
	progs    *programs.Programs
	glossary *glossary.Set

	// The scans' outputs (site.Outputs), each until its reader has it:
	// texts until the search documents are collected, html until the
	// render, which consumes it.
	texts map[[16]byte]string
	html  map[[16]byte][]byte
	// allTexts are the texts a preview's search reads, kept for the
	// session's quick rebuild.
	allTexts map[[16]byte]string

	// The search stage's output: its error once the bleve indexes are up
	// to date (nil), and the documents' analysis.
	indexErr chan error

	// langSearches are the deferred searches of the preview's other
	// languages, which the default language's Result.Search waits for.
	langSearches []langSearch

	// history is when each page's file last changed in Git, read beside
	// validation (Build and Preview); done is closed when it is known.
	history     *gittree.History
	historyDone chan struct{}

	// What the render stage uses and leaves: the static search index
	// (search stage), the theme, where it writes (the preview's memory,
	// the staged output folder, or a language's folder in its default
	// language's output) and the options it rendered with.
	static *search.Static
	theme  *render.Theme
	out    render.Sink
	writer *output.Writer
	// printWith is the browser the guides are printed with, "" when
	// they are not (guidepdf.go).
	printWith string
	committed bool
	rendered  render.Options

	// A quick rebuild's (plan.from): the copies of the edited pages, and
	// how many pages the render drew.
	edited        []*site.Page
	quickRendered int
}

func start(opts Options) *run {
	now := time.Now()
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Audience == "" {
		opts.Audience = "partner"
	}
	return &run{opts: opts, res: &Result{Diags: &diag.List{}}, start: now, last: now}
}

// finish runs what the stages left for the end and times the build.
func (b *run) finish() {
	for i := len(b.after) - 1; i >= 0; i-- {
		b.after[i]()
	}
	b.res.Elapsed = time.Since(b.start)
}

// mark records a stage that ended now; its time runs from the last mark.
func (b *run) mark(name string) {
	now := time.Now()
	b.res.Stages = append(b.res.Stages, Stage{name, now.Sub(b.last)})
	b.last = now
}

// load reads the configuration, approves the output folder (Build), and
// loads every version's sources.
func (b *run) load() bool {
	opts, res := &b.opts, b.res
	if f := b.plan.from; f != nil {
		// A quick rebuild: the edited files were read to decide the plan,
		// and nothing else changed (see quick.go).
		b.cfg = f.last.cfg
		b.mark("load")
		return true
	}
	if config.AudienceRank(opts.Audience) < 0 {
		res.Outcome, res.Err = UsageErr, fmt.Errorf("--audience must be public, partner or internal, not %q", opts.Audience)
		return false
	}
	cfg, cdiags := config.Load(opts.Source)
	res.Diags.Merge(cdiags)
	if cdiags.HasErrors() {
		res.Outcome = UsageErr
		return false
	}
	if opts.BaseURL != "" {
		bu, bp, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			res.Outcome, res.Err = UsageErr, fmt.Errorf("--base-url: %w", err)
			return false
		}
		cfg.BaseURL, cfg.BasePath = bu, bp
	}
	b.cfg = cfg
	if b.plan.dest && !b.approveDest() {
		return false
	}
	if opts.caches.files != nil {
		// A page depends on its file and on the configuration.
		raw, _ := os.ReadFile(filepath.Join(cfg.Root, config.FileName))
		opts.caches.files.Reset(string(raw))
	}
	var changed, added, removed map[string]bool
	if opts.Changed != nil && opts.caches.files != nil {
		set := func(files []string) map[string]bool {
			m := make(map[string]bool, len(files))
			for _, f := range files {
				m[f] = true
			}
			return m
		}
		// A page added is read as a changed one is.
		changed, added, removed = set(append(slices.Clip(opts.Changed), opts.Added...)), set(opts.Added), set(opts.Removed)
	}
	cs, ldiags := content.Load(cfg, content.Options{Audience: opts.Audience, Drafts: opts.Drafts, OpenTree: openGit, Files: opts.caches.files,
		Changed: changed, Added: added, Removed: removed, Today: opts.Today})
	res.Diags.Merge(ldiags)
	if hasRule(ldiags, diag.RuleConfig) {
		res.Outcome = UsageErr
		return false
	}
	if opts.Strict {
		strictParams(cs, res.Diags)
	}
	b.cs = cs
	if opts.Loaded != nil {
		opts.Loaded(cs.Bodies.Size())
	}
	b.mark("load")
	return true
}

// approveDest refuses an output folder whose replacement would destroy
// sources (see output.CheckDest).
func (b *run) approveDest() bool {
	cfg := b.cfg
	d := b.opts.Dest
	if d == "" {
		d = "public"
	}
	if !filepath.IsAbs(d) {
		d = filepath.Join(cfg.Root, d)
	}
	protected := []string{}
	for _, v := range cfg.Versions {
		if v.Path != "" {
			protected = append(protected, filepath.Join(cfg.Root, v.Path))
		}
	}
	if cfg.Portal != "" {
		protected = append(protected, filepath.Join(cfg.Root, cfg.Portal))
	}
	protected = append(protected, filepath.Join(cfg.Root, "content"), filepath.Join(cfg.Root, "themes"))
	dest, err := output.CheckDest(d, cfg.Root, protected)
	if err != nil {
		b.res.Outcome, b.res.Err = UsageErr, err
		return false
	}
	b.dest, b.res.Dest = dest, dest
	return true
}

// resolve parses every page's Markdown (scans, from the caches where they
// hold them) and builds the site's sections and indexes.
func (b *run) resolve() bool {
	if f := b.plan.from; f != nil {
		return b.resolveEdits(f)
	}
	opts, cfg := &b.opts, b.cfg
	// check needs no HTML and no text; search on a fresh checkout needs
	// the text, which comes with the HTML.
	noHTML := !b.plan.html && !b.plan.text
	md := cfg.Markdown
	engine := markdown.New(markdown.Options{HTML: md.HTML, IFrameHosts: md.IFrames, NoHTML: noHTML, BlockAttributes: md.BlockAttributes,
		Emoji: md.Emoji, Mermaid: md.Mermaid, PlantUMLServer: md.PlantUMLServer})
	engineKey := fmt.Sprintf("html=%s,iframes=%v,attr=%v,emoji=%v,mermaid=%v,plantuml=%q", md.HTML, md.IFrames, md.BlockAttributes, md.Emoji, md.Mermaid, md.PlantUMLServer)
	docs := opts.caches.docs
	docs.Reset(engineKey)
	var saveScans func()
	if docs == nil && b.plan.keepScans {
		// check keeps its scans (links, headings; no HTML) on disk by page
		// hash, so a second check parses only what changed. Scans made
		// by another program (another partnerdocs) are not trusted.
		docs = site.NewDocCache()
		scanPath := filepath.Join(CacheDir(cfg.Root), "scan", "check.bin")
		docs.LoadFile(scanPath, "check,"+engineKey+","+programID())
		saveScans = func() { _ = docs.SaveFile(scanPath) }
	}
	w, err := words.Load(cfg.Root, cfg.Theme, cfg.Language)
	if err != nil {
		b.res.Outcome, b.res.Err = UsageErr, err
		return false
	}
	s, outs := site.ResolveCached(b.cs, engine, docs)
	s.Words = w
	b.texts, b.html = outs.Text, outs.HTML
	if saveScans != nil {
		// Saved beside validation, which does not change the scans.
		saved := make(chan struct{})
		go func() { saveScans(); close(saved) }()
		b.after = append(b.after, func() { <-saved })
	}
	b.site, b.res.Site = s, s
	for _, v := range s.Versions {
		b.res.Versions = append(b.res.Versions, VersionStats{Name: v.Name, Label: v.Label, Pages: len(v.Pages), Hidden: len(v.Hidden)})
	}
	if s.Portal != nil {
		b.res.Portal = len(s.Portal.Pages)
	}
	b.mark("resolve")
	return true
}

// resolveEdits is resolve in a quick rebuild: the last build's site with
// the edited pages in it (a copy: the last one stays as it was), and the
// bodies' HTML and text with theirs.
func (b *run) resolveEdits(f *fromLast) bool {
	q := f.last
	s, copies := q.site.Edited(f.siteEdits())
	b.site, b.res.Site, b.cs = s, s, s.Content
	b.texts, b.html = maps.Clone(q.texts), maps.Clone(q.html)
	for _, e := range f.edits {
		b.texts[e.np.BodyHash], b.html[e.np.BodyHash] = e.text, e.html
		b.edited = append(b.edited, copies[e.p])
	}
	b.res.Versions, b.res.Portal = q.versions, q.portal
	b.mark("resolve")
	return true
}

// validate builds the program model, checks every link, shortcode and
// raw HTML, and reports stale pages (and external links when asked). In
// a quick rebuild the edits change no finding (quick.go decided so): the
// model, the link resolver and what the render reads are made for the
// edited site, and the last build's findings stand.
func (b *run) validate() bool {
	opts, res, s := &b.opts, b.res, b.site
	// The program model and the link check read the site and nothing of
	// each other: they run side by side, each into its own list, merged
	// in a fixed order so the findings do not depend on scheduling.
	modelDiags, linkDiags := &diag.List{}, &diag.List{}
	modelDone := make(chan struct{})
	go func() {
		b.models = model.Build(s, modelDiags)
		close(modelDone)
	}()
	b.resolver = links.New(s)
	if f := b.plan.from; f != nil {
		b.report = f.last.report
	} else {
		b.report = b.resolver.CheckCached(linkDiags, b.cfg.Check.Level == "error", opts.caches.checks)
	}
	<-modelDone
	res.Models = b.models
	b.codes = shortcode.New(s, b.resolver)
	b.progs = programs.New(s, b.models)
	b.progs.SetCache(opts.caches.guides)
	b.progs.SetLinkDigests(b.resolver.LinkDigest)
	b.progs.Register(b.codes)
	if f := b.plan.from; f != nil {
		b.glossary = glossary.Collect(s, b.cfg.BasePath, &diag.List{})
		for _, d := range f.last.diags {
			res.Diags.Add(d)
		}
		return true
	}
	res.Diags.Merge(modelDiags)
	res.Diags.Merge(linkDiags)
	b.codes.Check(res.Diags)
	check.RawHTML(s, res.Diags)
	b.glossary = glossary.Collect(s, b.cfg.BasePath, res.Diags)
	check.Stale(s, opts.Today, res.Diags)
	check.Expiring(s, opts.Today, b.cfg.Check.Expiring, res.Diags)
	check.StaleYear(s, res.Diags)
	if b.cfg.Feedback.Counts != "" && opts.Audience == "internal" {
		// Only the internal report shows the counts, and only an internal
		// build has every page a row may name.
		res.Feedback = readFeedback(b.cfg, s, res.Diags)
	}
	if opts.External || (b.plan.configExternal && b.cfg.Check.External) {
		c := check.NewChecker(filepath.Join(CacheDir(b.cfg.Root), "external.json"))
		check.External(context.Background(), s, c, b.cfg.Check.Level == "error", res.Diags)
	}
	if b.cfg.Check.Level == "warn" {
		res.Diags.Demote(diag.WarnLevelRules...)
	}
	if res.Diags.HasErrors() {
		res.Outcome = ContentErr
		b.mark("validate")
		return false
	}
	return true
}

// readFeedback reads the site's feedback counts (feedback.counts), each
// row's page resolved to a page of the site: a row that names none is a
// warning at its line, and left out. A row for a page in another
// language (/de/fy2026/...) counts for the page itself, with the rows of
// its other languages: the report lists pages, not their translations.
func readFeedback(cfg *config.Config, s *site.Site, diags *diag.List) []feedback.Count {
	file := cfg.Feedback.Counts
	data, err := sitefile.Read(cfg.Root, file)
	if err != nil {
		diags.Warnf(file, 0, 0, diag.RuleFeedbackCounts, "the feedback counts file cannot be read: %v", err)
		return nil
	}
	pages := map[string]bool{}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			pages[p.URL] = true
		}
	}
	var out []feedback.Count
	at := map[string]int{} // a page's place in out
	for _, c := range feedback.ReadCounts(file, data, diags) {
		c.Page = feedback.Path(c.Page, cfg.BasePath)
		if !pages[c.Page] && cfg.Multilingual() {
			for _, code := range cfg.LangCodes()[1:] {
				if rest, ok := strings.CutPrefix(c.Page, code+"/"); ok && pages[rest] {
					c.Page = rest
				}
			}
		}
		if !pages[c.Page] {
			diags.Warnf(file, c.Line, 1, diag.RuleFeedbackCounts, "the row names /%s, which is no page of this build", c.Page)
			continue
		}
		if i, ok := at[c.Page]; ok {
			out[i].Yes, out[i].No, out[i].Suggest = out[i].Yes+c.Yes, out[i].No+c.No, out[i].Suggest+c.Suggest
			continue
		}
		at[c.Page] = len(out)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Total() > out[j].Total() })
	return out
}

// searchWork is the search stage's data: every document of the site, in
// spans by index, and their analysis once done is closed.
type searchWork struct {
	// stopped: the preview's next edit came before the analysis started,
	// so there is none (see Session.StopSearch).
	stopped  bool
	docs     []search.Entry
	spans    []indexSpan
	analysed []search.Analysed
	words    []search.Word // the typo dictionary
	done     chan struct{}
}

// indexSpan is the documents of one index (a version, or the portal).
type indexSpan struct {
	name       string
	start, end int
}

func (w *searchWork) collect(s *site.Site, models map[string]*model.Model, texts map[[16]byte]string, cache *search.AnalysisCache) {
	folds := search.RenamedFolds(s)
	for _, v := range s.All() {
		docs := search.EntriesCached(v, models[v.Name], texts, cache)
		if m := models[v.Name]; m != nil && s.Words != nil {
			// A benefit's value for each tier is on its page
			// (BenefitSection), not in its text: "how many exam vouchers
			// does Advanced get" finds "Advanced: 25" there.
			for i, p := range v.Pages {
				if b := m.Benefit(p.ID); p.Kind == "benefit" && b != nil {
					if text := matrix.BenefitValuesText(b, s.Words); text != "" {
						docs[i].AddSections(search.Section{Anchor: "values-by-tier", Title: s.Words.T("values_by_tier"), Text: text, Added: true})
					}
				}
			}
		}
		for i, p := range v.Pages {
			// A glossary's definitions are found as sections of its page
			// ("what is NFR" finds the entry, at its anchor).
			if p.Kind != "glossary" {
				continue
			}
			var secs []search.Section
			for _, e := range p.Entries {
				text := e.Definition
				if len(e.Also) > 0 {
					text += " (" + strings.Join(e.Also, ", ") + ")"
				}
				secs = append(secs, search.Section{Anchor: e.ID, Title: e.Term, Text: text})
			}
			docs[i].AddSections(secs...)
		}
		for i := range docs {
			docs[i].Lang = s.Config.Language
			docs[i].Fold = folds[v.Name][docs[i].URL]
		}
		w.spans = append(w.spans, indexSpan{search.IndexName(v), len(w.docs), len(w.docs) + len(docs)})
		w.docs = append(w.docs, docs...)
	}
	sort.Slice(w.spans, func(i, j int) bool { return w.spans[i].name < w.spans[j].name })
}

// analysis waits for the analysis and returns the documents with it.
func (w *searchWork) analysis() ([]search.Entry, []search.Analysed, []search.Word) {
	<-w.done
	return w.docs, w.analysed, w.words
}

// startSearch is the search stage: every document is analysed once, in
// the background, for both indexes; the bleve indexes are updated off the
// render's critical path (b.indexErr reports when they are), and the
// static index, returned, is rendered with the site. With DeferSearch
// (the preview) all of it runs after the entry point returns, and
// Result.Search waits for it; otherwise the entry point waits for the
// bleve indexes before it returns, so the process may exit.
func (b *run) startSearch() *search.Static {
	opts, s := &b.opts, b.site
	w := &searchWork{done: make(chan struct{})}
	texts := b.texts
	// Release point: the search documents are the texts' only reader.
	b.texts = nil
	if b.plan.keepQuick != nil {
		b.allTexts = texts
	}
	if !b.plan.deferSearch {
		// Collected now, so the texts can go before the render.
		w.collect(s, b.models, texts, opts.caches.analysis)
		texts = nil
	}
	analyse := func() {
		defer close(w.done)
		if b.searchStopped() {
			w.stopped = true
			return
		}
		if b.plan.deferSearch {
			// The preview keeps the texts (in its scan cache), so the
			// documents are collected here, off the reload's path.
			w.collect(s, b.models, texts, opts.caches.analysis)
			if b.searchStopped() {
				w.stopped = true
				return
			}
		}
		w.analysed, w.words = search.AnalyseDocs(w.docs, opts.caches.analysis)
		// What this build did not use is forgotten here, when its
		// analysis is done (see Session.Sweep).
		opts.caches.analysis.Sweep()
		// The indexes need the terms from here on, and the sections'
		// text for snippets only: packed, a third of its size.
		for i := range w.docs {
			w.docs[i].Headings = ""
			w.docs[i].Pack()
		}
	}
	if b.plan.deferSearch {
		// Started when the entry point returns, so it does not take a
		// core from the render the preview is waiting for.
		b.after = append(b.after, func() { go analyse() })
	} else {
		go analyse()
	}
	b.updateIndexes(w)
	var static *search.Static
	if b.plan.static && b.cfg.Search.Static {
		order, latest := search.Order(s)
		static = search.NewStatic(w.analysis, order, latest, b.cfg.BasePath, search.LabelsOf(s), search.SynonymsFor(b.cfg.Language, b.cfg.Search.Synonyms), b.plan.deferSearch, b.searchStopped, opts.caches.exports)
	}
	b.awaitSearch(static)
	return static
}

// updateIndexes brings the bleve indexes up to date in the background,
// once the analysis is done, and reports on b.indexErr.
func (b *run) updateIndexes(w *searchWork) {
	res := b.res
	space := b.opts.indexSpace
	if space == "" {
		space = "search"
	}
	res.IndexDir = filepath.Join(CacheDir(b.cfg.Root), space, b.opts.Audience)
	b.indexErr = make(chan error, 1)
	var notesMu sync.Mutex
	labels := search.LabelsOf(b.site)
	go func() {
		docs, an, words := w.analysis()
		if w.stopped || b.searchStopped() {
			// The indexes stay as the last complete search left them;
			// once started, an update is finished (it is small after an
			// edit, and a half-made index would rank differently from
			// the static one).
			b.indexErr <- ErrSearchStopped
			return
		}
		if err := search.WriteLabels(res.IndexDir, labels); err != nil {
			b.indexErr <- err
			return
		}
		if err := search.WriteWords(res.IndexDir, words); err != nil {
			b.indexErr <- err
			return
		}
		if err := search.WriteSynonyms(res.IndexDir, search.SynonymsFor(b.cfg.Language, b.cfg.Search.Synonyms)); err != nil {
			b.indexErr <- err
			return
		}
		for _, sp := range w.spans {
			if _, err := search.Update(filepath.Join(res.IndexDir, sp.name+".bleve"), docs[sp.start:sp.end], an[sp.start:sp.end]); err != nil {
				if errors.Is(err, search.ErrIndexBusy) {
					// A running serve keeps the index current itself; the
					// site build must not fail or wait for it.
					notesMu.Lock()
					res.Notes = append(res.Notes, err.Error())
					notesMu.Unlock()
					continue
				}
				b.indexErr <- err
				return
			}
		}
		b.indexErr <- search.WriteDay(res.IndexDir, b.opts.Today)
	}()
}

// awaitSearch arranges who waits for the search stage: the preview, through
// Result.Search; anything else, the entry point before it returns.
func (b *run) awaitSearch(static *search.Static) {
	res := b.res
	if b.plan.deferSearch {
		indexed := sync.OnceValue(func() error { return <-b.indexErr })
		// files gathers the static index's files of every language, by
		// output path; nil when this language's has none, or, soon, when
		// another language's has none (a quick index is served only when
		// every language has one: the server replaces them all).
		files := func(own func() map[string][]byte, lang func(langSearch) func() (map[string][]byte, error), soon bool) (map[string][]byte, error) {
			err := indexed()
			var out map[string][]byte
			if static != nil {
				out = own()
			}
			missing := static != nil && out == nil
			// The other languages' searches, under their folders; all of
			// them are waited for, whatever one of them returned.
			for _, l := range b.langSearches {
				lf, lerr := lang(l)()
				if err == nil {
					err = lerr
				}
				if lf == nil && soon {
					missing = true
				}
				for p, data := range lf {
					if out == nil {
						out = map[string][]byte{}
					}
					out[l.code+"/"+p] = data
				}
			}
			if missing {
				out = nil
			}
			return out, err
		}
		res.SearchSoon = func() (map[string][]byte, error) {
			return files(static.Soon, func(l langSearch) func() (map[string][]byte, error) { return l.soon }, true)
		}
		res.Search = func() (map[string][]byte, error) {
			out, err := files(static.Wait, func(l langSearch) func() (map[string][]byte, error) { return l.search }, false)
			if err == nil && out == nil && static != nil {
				err = ErrSearchStopped // the bleve indexes are new, a static one is not
			}
			if err != nil {
				return nil, err
			}
			return out, nil
		}
		return
	}
	b.after = append(b.after, func() {
		// The index goroutine must finish before the process may exit.
		t := time.Now()
		if err := <-b.indexErr; err != nil && res.Outcome == OK {
			res.Outcome, res.Err = InternalErr, fmt.Errorf("search index: %w", err)
		}
		res.Stages = append(res.Stages, Stage{"index wait", time.Since(t)})
	})
}

// ErrSearchStopped is what Result.Search returns when the preview's next
// edit stopped the search before it was done (Session.StopSearch): no new
// static index, and the bleve indexes either as before or up to date.
var ErrSearchStopped = errors.New("search stopped: a newer edit came")

// searchStopped says the session asked this build's search to stop.
func (b *run) searchStopped() bool {
	return b.opts.stopSearch != nil && b.opts.stopSearch.Load()
}

// readHistory is the history stage: it starts reading when each page's
// file last changed in the site's Git history, beside validation, when
// the pages show it or translations are compared with their sources.
// Another language's run has its default language's.
func (b *run) readHistory() bool {
	if b.root != nil {
		return true
	}
	b.historyDone = make(chan struct{})
	if f := b.plan.from; f != nil {
		// Decided with the history as the last build read it.
		b.history = f.last.history
		close(b.historyDone)
		return true
	}
	if !b.plan.history && !b.cfg.Multilingual() {
		close(b.historyDone)
		return true
	}
	s, root, prev := b.site, b.cfg.Root, b.opts.prevHistory
	go func() {
		defer close(b.historyDone)
		b.history = historySince(s, root, prev)
		if b.opts.keepHistory != nil {
			b.opts.keepHistory(b.history)
		}
	}()
	// Read to the end whatever happens next, so no reader outlives the
	// run.
	b.after = append(b.after, func() { <-b.historyDone })
	return true
}

// History reads when each page's file last changed in the site's Git
// history (nil outside Git, or when it cannot be read: pages then show no
// date). Pages of versions read from a Git ref are left out: their files
// are not the working tree's.
func History(s *site.Site, root string) *gittree.History {
	return historySince(s, root, nil)
}

func historySince(s *site.Site, root string, prev *gittree.History) *gittree.History {
	var paths []string
	for _, v := range s.All() {
		if v.Config != nil && v.Config.Git != nil {
			continue
		}
		for _, p := range v.Pages {
			paths = append(paths, p.Source)
		}
		for _, code := range sortedKeys(v.Translations) {
			for _, rel := range sortedKeys(v.Translations[code]) {
				paths = append(paths, v.Translations[code][rel].Source)
			}
		}
	}
	h, err := gittree.LastChangedSince(root, paths, filepath.Join(CacheDir(root), "history.json"), prev)
	if err != nil {
		return nil
	}
	return h
}

// translations is the stage after validation in the default language of
// a site with several: it reports translations older than their sources
// and redirects beyond what a _redirects file may hold.
func (b *run) translations() bool {
	if b.root != nil {
		return true
	}
	if b.cfg.Multilingual() {
		<-b.historyDone
		staleTranslations(b.site, b.history, b.res.Diags)
	}
	if b.plan.from == nil {
		b.redirectLimit()
	}
	b.mark("validate")
	return true
}

// searchStage analyses the documents and updates the indexes, when the
// plan asks (see startSearch).
func (b *run) searchStage() bool {
	if b.plan.search {
		b.static = b.startSearch()
		b.mark("search")
	}
	return true
}

// renderStage loads the theme and draws the site into the run's sink:
// the preview's memory, a new staged output folder, or (another
// language) its folder in the default language's output.
func (b *run) renderStage() bool {
	if !b.plan.render {
		return true
	}
	if f := b.plan.from; f != nil {
		// A quick rebuild follows edits of pages only: the theme is the
		// last build's.
		b.theme = f.last.theme
	} else {
		theme, err := render.LoadTheme(b.cfg.Root, b.cfg.Theme, b.cfg.BasePath, b.site.Words)
		if err != nil {
			b.res.Outcome, b.res.Err = UsageErr, err
			return false
		}
		b.theme = theme
	}
	if b.out == nil {
		if b.plan.memory != nil {
			b.out = b.plan.memory
		} else {
			w, err := output.NewWriter(b.dest)
			if err != nil {
				b.res.Outcome, b.res.Err = InternalErr, err
				return false
			}
			b.writer, b.out = w, w
			b.after = append(b.after, func() {
				if !b.committed {
					w.Abort()
				}
			})
		}
	}
	if b.root == nil {
		b.printWith = b.guideBrowser()
	}
	if b.printWith != "" && b.progs != nil {
		b.progs.SetGuidePDFs(b.guidePDFLang())
	}
	b.rendered = b.renderOptions(b.static, b.opts.caches.pages)
	if f := b.plan.from; f != nil {
		return b.renderEdits(f)
	}
	if err := render.Render(b.site, b.resolver, b.theme, b.out, b.rendered); err != nil {
		b.res.Outcome, b.res.Err = InternalErr, err
		return false
	}
	b.mark("render")
	return true
}

// renderEdits is the render of a quick rebuild: the edited pages (with
// those a render always draws, see render.Pages), and every other file
// as the last build wrote it.
func (b *run) renderEdits(f *fromLast) bool {
	fresh := output.NewMemory()
	n, err := render.Pages(b.site, b.resolver, b.theme, fresh, b.rendered, b.edited)
	if err != nil {
		b.res.Outcome, b.res.Err = InternalErr, fmt.Errorf("render: %w", err)
		return false
	}
	b.quickRendered = n
	drawn := fresh.Files()
	for rel, data := range f.last.files {
		if _, ok := drawn[rel]; !ok {
			if err := b.out.Write(rel, data); err != nil {
				b.res.Outcome, b.res.Err = InternalErr, err
				return false
			}
		}
	}
	for rel, data := range drawn {
		if err := b.out.Write(rel, data); err != nil {
			b.res.Outcome, b.res.Err = InternalErr, err
			return false
		}
	}
	b.mark("render")
	return true
}

// commit swaps the staged output folder in, or counts the preview's
// files and keeps what a quick rebuild needs.
func (b *run) commit() bool {
	switch {
	case b.writer != nil:
		b.res.Files, b.res.Bytes = b.writer.Stats()
		if err := b.writer.Commit(); err != nil {
			b.res.Outcome, b.res.Err = InternalErr, err
			return false
		}
		b.committed = true
		b.mark("commit")
	case b.plan.memory != nil:
		b.res.Files = len(b.plan.memory.Files())
		if b.plan.keepQuick != nil {
			b.plan.keepQuick(b.keepQuick(b.rendered, b.theme))
		}
	}
	return true
}

// Draw draws a part with the site's theme outside a build (the digest,
// which is an email, not a page of the site).
func Draw(s *site.Site, p site.Part) ([]byte, error) {
	theme, err := render.LoadTheme(s.Config.Root, s.Config.Theme, s.Config.BasePath, s.Words)
	if err != nil {
		return nil, err
	}
	return theme.Draw(p)
}

// renderOptions are what the render stage needs of the earlier ones.
func (b *run) renderOptions(static *search.Static, pages *render.PageCache) render.Options {
	evs := events.New(b.site, b.cfg.BasePath, b.opts.Today)
	o := render.Options{Appenders: []render.Appender{b.progs, b.glossary, evs}, Marker: b.glossary, FileMakers: []render.FileMaker{b.progs, evs}, PageMakers: []render.PageMaker{b.progs},
		Shortcodes: b.codes, Assets: b.report.Assets, Audience: b.opts.Audience, Today: b.opts.Today, PageCache: pages, HTML: b.html}
	// Release point: the render owns the HTML from here on.
	b.html = nil
	<-b.historyDone
	var changed map[string]string
	if h := b.history; h != nil {
		o.LastChanged, o.History = h.Dates, h.Head
		changed = h.Dates
	}
	if b.opts.Audience == "internal" {
		// The report names owners and broken pages: internal builds only.
		r := report.Build(b.site, b.models, b.res.Diags.Items(), changed, b.opts.Today)
		r.AddFeedback(b.site, b.res.Feedback)
		o.PageMakers = append(o.PageMakers, report.Pages{Report: r, Versions: b.site.Versions, Base: b.cfg.BasePath})
	}
	if static != nil {
		o.FileMakers = append(o.FileMakers, static)
		o.PageMakers = append(o.PageMakers, static)
	}
	if b.cfg.Multilingual() {
		root := b.cfg
		if b.root != nil {
			root = b.root
		}
		cs, codes := b.cs, b.cfg.LangCodes()
		o.Langs = &render.Langs{All: b.cfg.Languages, RootPath: root.BasePath, RootURL: root.BaseURL,
			Translated: func(version, rel string) []string {
				if v := cs.Version(version); v != nil {
					return v.TranslatedInto(rel, codes)
				}
				return nil
			}, Key: cs.TranslationKey()}
	}
	return o
}

// redirectLimit warns when redirects: file has more former URLs than a
// _redirects file may hold: the rest are written as redirect pages.
func (b *run) redirectLimit() {
	if b.cfg.Redirects != "file" || b.root != nil {
		return
	}
	n := 0
	if b.site.Latest != nil {
		n = max(1, len(b.cfg.Languages))
	}
	for _, v := range b.site.All() {
		for _, p := range v.Pages {
			n += len(p.URLAliases)
		}
	}
	if over := n - render.MaxRedirectRules; over > 0 {
		b.res.Diags.Warnf(config.FileName, 0, 0, diag.RuleConfig, "redirects: file: %d rules, and hosts read the first %d of a _redirects file; the other %d former URLs are written as redirect pages",
			n, render.MaxRedirectRules, over)
	}
}
