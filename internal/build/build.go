// Package build runs the stages in order, load → resolve → validate →
// render → write, and is the one place that knows their order. The
// command line, the server and the tests all build through it.
package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/check"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/gittree"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/programs"
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/partnerdocs/partnerdocs/internal/shortcode"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Options select what to build.
type Options struct {
	Source   string // site root
	Dest     string // output folder; relative to Source when not absolute
	Audience string
	Drafts   bool
	BaseURL  string // overrides config.yaml's baseURL when set
	// CheckOnly validates without rendering or writing anything.
	CheckOnly bool
	// External checks http(s) links too (check --external, or
	// check.external in config.yaml).
	External bool
	// Today (YYYY-MM-DD) is the date review_by is compared with; "" skips
	// the stale-content check.
	Today string
	// IndexOnly validates and updates the search indexes, without
	// rendering (partnerdocs search on a fresh checkout).
	IndexOnly bool
	// Memory renders into memory instead of a destination folder (the
	// preview server). Dest is then ignored and nothing is written.
	Memory *output.Memory
	// DocCache and PageCache let the preview server reuse the scans and
	// the rendered pages of earlier builds (see render.PageCache).
	DocCache      *site.DocCache
	PageCache     *render.PageCache
	AnalysisCache *search.AnalysisCache
	// CheckCache lets the preview server reuse the link findings of
	// pages whose file and the site's structure did not change.
	CheckCache *links.CheckCache
	// FileCache lets the preview server skip reading and parsing files
	// that have not changed since its last build.
	FileCache *content.FileCache
	// Changed, with FileCache, lists the files (slash paths from the
	// site root) that changed since the last build with that cache, and
	// promises that none came or went; see content.Options.Changed. Nil
	// means unknown: every folder is walked.
	Changed []string
	// Loaded, when set, is told the size of the sources once they are
	// loaded (the command line sizes the garbage collector's budget).
	Loaded func(sourceBytes int64)
	// Strict reports every front-matter key partnerdocs does not know
	// (kept as a parameter) as a warning (check --strict).
	Strict bool
	// DeferSearch lets Run return before the search indexes are done: the
	// bleve indexes and the static index then finish in the background,
	// and Result.Search waits for them. The preview server uses it so an
	// edit reloads the page without waiting for search.
	DeferSearch bool
}

// Outcome says how a build ended, and maps to the exit codes of section 9.
type Outcome int

// Outcomes.
const (
	OK          Outcome = 0 // success, warnings allowed
	ContentErr  Outcome = 1 // the content has errors
	UsageErr    Outcome = 2 // usage or configuration error
	InternalErr Outcome = 3 // internal failure
)

// VersionStats counts the pages of one version.
type VersionStats struct {
	Name   string
	Label  string
	Pages  int
	Hidden int
}

// Result is what a build did.
type Result struct {
	Outcome  Outcome
	Diags    *diag.List
	Err      error // set for UsageErr and InternalErr
	Versions []VersionStats
	Portal   int
	Files    int
	Bytes    int64
	Dest     string
	Elapsed  time.Duration
	Site     *site.Site
	Models   map[string]*model.Model
	IndexDir string   // where the bleve indexes of this audience are
	Notes    []string // things the user should know that are not findings
	// Stages is how long each stage took, in order, for the benchmark
	// work (printed with PARTNERDOCS_TIMINGS=1).
	Stages []Stage
	// Search, set by a build with DeferSearch, waits for the search
	// indexes and returns the static index's files (by output path).
	Search func() (map[string][]byte, error)
}

// Stage is the duration of one stage.
type Stage struct {
	Name     string
	Duration time.Duration
}

func (r *Result) mark(name string, since *time.Time) {
	now := time.Now()
	r.Stages = append(r.Stages, Stage{name, now.Sub(*since)})
	*since = now
}

// Run builds a site.
func Run(opts Options) *Result {
	start := time.Now()
	res := &Result{Diags: &diag.List{}}
	defer func() { res.Elapsed = time.Since(start) }()
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Audience == "" {
		opts.Audience = "partner"
	}
	if config.AudienceRank(opts.Audience) < 0 {
		res.Outcome, res.Err = UsageErr, fmt.Errorf("--audience must be public, partner or internal, not %q", opts.Audience)
		return res
	}

	// Load.
	t0 := time.Now()
	cfg, cdiags := config.Load(opts.Source)
	res.Diags.Merge(cdiags)
	if cdiags.HasErrors() {
		res.Outcome = UsageErr
		return res
	}
	if opts.BaseURL != "" {
		bu, bp, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			res.Outcome, res.Err = UsageErr, fmt.Errorf("--base-url: %w", err)
			return res
		}
		cfg.BaseURL, cfg.BasePath = bu, bp
	}
	var dest string
	if !opts.CheckOnly && opts.Memory == nil {
		d := opts.Dest
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
		var err error
		dest, err = output.CheckDest(d, cfg.Root, protected)
		if err != nil {
			res.Outcome, res.Err = UsageErr, err
			return res
		}
		res.Dest = dest
	}
	if opts.FileCache != nil {
		// A page depends on its file and on the configuration.
		raw, _ := os.ReadFile(filepath.Join(cfg.Root, config.FileName))
		opts.FileCache.Reset(string(raw))
	}
	var changed map[string]bool
	if opts.Changed != nil && opts.FileCache != nil {
		changed = make(map[string]bool, len(opts.Changed))
		for _, c := range opts.Changed {
			changed[c] = true
		}
	}
	cs, ldiags := content.Load(cfg, content.Options{Audience: opts.Audience, Drafts: opts.Drafts, OpenTree: openGit, Files: opts.FileCache, Changed: changed})
	res.Diags.Merge(ldiags)
	if hasRule(ldiags, diag.RuleConfig) {
		res.Outcome = UsageErr
		return res
	}
	if opts.Strict {
		strictParams(cs, res.Diags)
	}

	if opts.Loaded != nil {
		var n int64
		for _, v := range cs.All() {
			for _, p := range v.Pages {
				n += int64(len(p.Body))
			}
		}
		opts.Loaded(n)
	}
	res.mark("load", &t0)

	// Resolve.
	// check needs no HTML and no text; search on a fresh checkout
	// (IndexOnly) needs the text.
	checkOnly := opts.CheckOnly && !opts.IndexOnly
	engine := markdown.New(markdown.Options{HTML: cfg.Markdown.HTML, IFrameHosts: cfg.Markdown.IFrames, NoHTML: checkOnly})
	engineKey := fmt.Sprintf("html=%s,iframes=%v", cfg.Markdown.HTML, cfg.Markdown.IFrames)
	docs := opts.DocCache
	docs.Reset(engineKey)
	var saveScans func()
	if docs == nil && checkOnly {
		// check keeps its scans (links, headings; no HTML) on disk by page
		// hash, so a second check parses only what changed. Scans made
		// by another program (another partnerdocs) are not trusted.
		docs = site.NewDocCache()
		scanPath := filepath.Join(CacheDir(cfg.Root), "scan", "check.gob")
		docs.LoadFile(scanPath, "check,"+engineKey+","+programID())
		saveScans = func() { _ = docs.SaveFile(scanPath) }
	}
	if docs == nil {
		// Within one build, pages with the same body (a guide unchanged
		// from one program year to the next) are parsed once: a scan does
		// not depend on where the page is.
		docs = site.NewDocCache()
	}
	// Builds that keep nothing for a next one let each body go once it
	// is scanned.
	s := site.ResolveCached(cs, engine, docs, opts.FileCache == nil)
	if saveScans != nil {
		// Saved beside validation, which does not change the scans.
		saved := make(chan struct{})
		go func() { saveScans(); close(saved) }()
		defer func() { <-saved }()
	}
	res.Site = s
	for _, v := range s.Versions {
		res.Versions = append(res.Versions, VersionStats{Name: v.Name, Label: v.Label, Pages: len(v.Pages), Hidden: len(v.Hidden)})
	}
	if s.Portal != nil {
		res.Portal = len(s.Portal.Pages)
	}

	res.mark("resolve", &t0)

	// Validate.
	// The program model and the link check read the site and nothing of
	// each other: they run side by side, each into its own list, merged
	// in a fixed order so the findings do not depend on scheduling.
	modelDiags, linkDiags := &diag.List{}, &diag.List{}
	var models map[string]*model.Model
	modelDone := make(chan struct{})
	go func() {
		models = model.Build(s, modelDiags)
		close(modelDone)
	}()
	resolver := links.New(s)
	report := resolver.CheckCached(linkDiags, cfg.Check.Level == "error", opts.CheckCache)
	<-modelDone
	res.Diags.Merge(modelDiags)
	res.Diags.Merge(linkDiags)
	res.Models = models
	codes := shortcode.New(s, resolver)
	progs := programs.New(s, models)
	progs.Register(codes)
	codes.Check(res.Diags)
	check.RawHTML(s, res.Diags)
	check.Stale(s, opts.Today, res.Diags)
	if opts.External || (opts.CheckOnly && cfg.Check.External) {
		c := check.NewChecker(filepath.Join(CacheDir(cfg.Root), "external.json"))
		check.External(context.Background(), s, c, cfg.Check.Level == "error", res.Diags)
	}
	if res.Diags.HasErrors() {
		res.Outcome = ContentErr
		res.mark("validate", &t0)
		return res
	}
	if opts.CheckOnly && !opts.IndexOnly {
		res.mark("validate", &t0)
		return res
	}
	// Front matter nodes serve validation only (positions of findings);
	// let them go before the render. Pages shared with a later build
	// (the preview's file cache) stay. (Bodies went after their scan.)
	if opts.FileCache == nil {
		for _, v := range s.All() {
			for _, p := range v.Pages {
				p.FrontMatter = nil
			}
		}
	}

	// Search: every document is analysed once, in the background, for
	// both indexes; the bleve indexes are updated beside the render, off
	// its critical path, and the static index is rendered with the site.
	var allDocs []search.Doc
	type span struct {
		name       string
		start, end int
	}
	var spans []span
	collect := func() {
		for _, v := range s.All() {
			docs := search.Docs(v, models[v.Name])
			spans = append(spans, span{search.IndexName(v), len(allDocs), len(allDocs) + len(docs)})
			allDocs = append(allDocs, docs...)
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].name < spans[j].name })
	}
	if !opts.DeferSearch {
		// Collected before the texts are let go, below.
		collect()
	}
	analysisDone := make(chan struct{})
	var analysed []search.Analysed
	if opts.DocCache == nil && !opts.DeferSearch {
		// Nothing reads the pages' extracted text but the search
		// documents, which hold it now; once analysed, it goes (below).
		// The preview server keeps it, in its scan cache.
		for _, v := range s.All() {
			for _, p := range v.Pages {
				p.Doc.Text = ""
			}
		}
	}
	analyse := func() {
		if opts.DeferSearch {
			// The preview keeps the texts (in its scan cache), so the
			// documents are collected here, off the reload's path.
			collect()
		}
		analysed = search.AnalyseDocs(allDocs, opts.AnalysisCache)
		// The indexes need the terms from here on, not the texts.
		for i := range allDocs {
			allDocs[i].Body, allDocs[i].Headings = "", ""
		}
		close(analysisDone)
	}
	if opts.DeferSearch {
		// Started when Run returns, so it does not take a core from the
		// render the preview is waiting for.
		defer func() { go analyse() }()
	} else {
		go analyse()
	}
	analysis := func() ([]search.Doc, []search.Analysed) { <-analysisDone; return allDocs, analysed }
	res.IndexDir = filepath.Join(CacheDir(cfg.Root), "search", opts.Audience)
	indexErr := make(chan error, 1)
	var notesMu sync.Mutex
	go func() {
		_, an := analysis()
		for _, sp := range spans {
			if _, err := search.Update(filepath.Join(res.IndexDir, sp.name+".bleve"), allDocs[sp.start:sp.end], an[sp.start:sp.end]); err != nil {
				if errors.Is(err, search.ErrIndexBusy) {
					// A running serve keeps the index current itself; the
					// site build must not fail or wait for it.
					notesMu.Lock()
					res.Notes = append(res.Notes, err.Error())
					notesMu.Unlock()
					continue
				}
				indexErr <- err
				return
			}
		}
		indexErr <- nil
	}()
	if opts.IndexOnly {
		if err := <-indexErr; err != nil {
			res.Outcome, res.Err = InternalErr, err
		}
		return res
	}
	var static *search.Static
	if cfg.Search.Static {
		order, latest := search.Order(s)
		static = search.NewStatic(analysis, order, latest, cfg.BasePath, opts.DeferSearch)
	}
	if opts.DeferSearch {
		res.Search = func() (map[string][]byte, error) {
			err := <-indexErr
			if static == nil {
				return nil, err
			}
			return static.Wait(), err
		}
	} else {
		defer func() {
			// The index goroutine must finish before the process may exit.
			t := time.Now()
			if err := <-indexErr; err != nil && res.Outcome == OK {
				res.Outcome, res.Err = InternalErr, fmt.Errorf("search index: %w", err)
			}
			res.mark("index wait", &t)
		}()
	}
	extras := []render.Extras{progs}
	if static != nil {
		extras = append(extras, static)
	}

	res.mark("validate", &t0)

	// Render and write.
	theme, err := render.LoadTheme(cfg.Root, cfg.Theme, cfg.BasePath)
	if err != nil {
		res.Outcome, res.Err = UsageErr, err
		return res
	}
	if opts.Memory != nil {
		if err := render.Render(s, resolver, theme, opts.Memory, render.Options{Extras: extras, Shortcodes: codes, Assets: report.Assets, Audience: opts.Audience, PageCache: opts.PageCache}); err != nil {
			res.Outcome, res.Err = InternalErr, err
		}
		res.mark("render", &t0)
		res.Files = len(opts.Memory.Files())
		return res
	}
	w, err := output.NewWriter(dest)
	if err != nil {
		res.Outcome, res.Err = InternalErr, err
		return res
	}
	if err := render.Render(s, resolver, theme, w, render.Options{Extras: extras, Shortcodes: codes, Assets: report.Assets, Audience: opts.Audience}); err != nil {
		w.Abort()
		res.Outcome, res.Err = InternalErr, err
		return res
	}
	res.mark("render", &t0)
	res.Files, res.Bytes = w.Stats()
	if err := w.Commit(); err != nil {
		res.Outcome, res.Err = InternalErr, err
		return res
	}
	res.mark("commit", &t0)
	return res
}

// CacheDir is the site's cache folder (search indexes, link-check
// results). It holds a .gitignore that ignores it whole, as pytest does
// for its cache, so a build never shows up in git status.
func CacheDir(root string) string {
	dir := filepath.Join(root, ".partnerdocs-cache")
	if err := os.MkdirAll(dir, 0o755); err == nil {
		gi := filepath.Join(dir, ".gitignore")
		if _, err := os.Stat(gi); err != nil {
			_ = os.WriteFile(gi, []byte("# Written by partnerdocs: this folder is a cache.\n*\n"), 0o644)
		}
	}
	return dir
}

// programID identifies the running executable, so caches written by
// another build of partnerdocs are not read: a hash of its first 64 KB,
// which hold Go's build ID (a hash of the program, in an ELF note or at
// the start of the code), and its size. Not its modification time: go run
// links a fresh copy of the same program every time.
func programID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	n, _ := io.Copy(h, io.LimitReader(f, 64<<10))
	fi, err := f.Stat()
	if err != nil || n == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%x-%d", h.Sum(nil)[:12], fi.Size())
}

// openGit opens a version kept at a Git ref.
func openGit(cfg *config.Config, v *config.Version) (content.Tree, string, error) {
	t, label, err := gittree.Open(cfg.Root, v.Git.Ref, v.Git.Path)
	if err != nil {
		return nil, "", err
	}
	return t, label, nil
}

// strictParams reports the front-matter keys kept as parameters, for a
// site that wants only keys partnerdocs knows.
func strictParams(cs *content.Site, diags *diag.List) {
	for _, v := range cs.All() {
		for _, p := range v.Pages {
			for _, k := range p.ParamKeys {
				diags.Warnf(p.Source, k.Line, k.Column, diag.RuleFrontmatterField, "unknown key %q (kept for templates as .Params.%s)", k.Name, k.Name)
			}
		}
	}
}

func hasRule(l *diag.List, rule string) bool {
	for _, d := range l.Items() {
		if d.Rule == rule && d.Severity == diag.Error {
			return true
		}
	}
	return false
}
