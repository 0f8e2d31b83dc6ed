package build

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/feedback"
	"github.com/partnerdocs/partnerdocs/internal/gittree"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/programs"
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/search"
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
	// caches are what a preview session lends its builds (see Session);
	// a build without a session has none.
	caches caches
	// Changed, with a session's file cache, lists the files (slash paths from the
	// site root) that changed since the last build with that cache, and
	// promises that none came or went; see content.Options.Changed. Nil
	// means unknown: every folder is walked.
	Changed []string
	// Added and Removed, with Changed, are the page files created and
	// deleted since that build: the last walk of the folders is reused
	// with them (see content.Options.Added). The preview server knows
	// them from file-system events.
	Added, Removed []string
	// Loaded, when set, is told the size of the sources once they are
	// loaded (the command line sizes the garbage collector's budget).
	Loaded func(sourceBytes int64)
	// Strict reports every front-matter key partnerdocs does not know
	// (kept as a parameter) as a warning (check --strict).
	Strict bool
	// prevHistory is the Git history the last build of a session read;
	// keepHistory receives this build's (the preview's session keeps it).
	prevHistory *gittree.History
	keepHistory func(*gittree.History)
	// stopSearch, when set (the preview's session), asks a deferred
	// search to give up (see Session.StopSearch).
	stopSearch *atomic.Bool
	// keepQuick receives what a preview build leaves for the session's
	// quick rebuild (nil when the site cannot have one).
	keepQuick func(*quick)
	// from starts a preview from the last build's (a quick rebuild).
	from *fromLast
	// langSession gives the run of another language its caches (the
	// preview's session); nil: none.
	langSession func(code string) *Session
	// indexSpace names the folder of the cache the bleve indexes live in
	// ("search" when empty). The preview keeps its own, so that
	// partnerdocs search and build, which use "search", never meet the
	// lock a running serve holds on its indexes.
	indexSpace string
	// DeferSearch lets Run return before the search indexes are done: the
	// bleve indexes and the static index then finish in the background,
	// and Result.Search waits for them. The preview server uses it so an
	// edit reloads the page without waiting for search.
	DeferSearch bool
}

// caches are a session's caches, one per stage, passed to a build as one
// value: the stages read and add entries, never change one (see Session).
type caches struct {
	docs     *site.DocCache        // scans by body
	pages    *render.PageCache     // rendered pages
	analysis *search.AnalysisCache // search documents' analysis
	exports  *search.ExportState   // the preview's last static index
	guides   *programs.GuideCache  // program guides
	checks   *links.CheckCache     // link findings by page
	files    *content.FileCache    // sources by file
}

// Outcome says how a build ended; it is the command line's exit code.
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
	// Feedback are the site's feedback counts (feedback.counts), by
	// page address, most first; nil when the site keeps none.
	Feedback []feedback.Count
	// Stages is how long each stage took, in order, for the benchmark
	// work (printed with PARTNERDOCS_TIMINGS=1).
	Stages []Stage
	// Search, set by a build with DeferSearch, waits for the search
	// indexes and returns the static index's files (by output path).
	Search func() (map[string][]byte, error)
	// SearchSoon, set with Search, waits for the bleve indexes and the
	// preview's quick static index (search.ExportState), whose files it
	// returns, or nil when there is none; Search has the full one.
	SearchSoon func() (map[string][]byte, error)
}

// Stage is the duration of one stage.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Run builds a site in the mode its options name: Check (CheckOnly),
// Index (CheckOnly and IndexOnly), Preview (Memory) or Build.
func Run(opts Options) *Result {
	switch {
	case opts.CheckOnly && opts.IndexOnly:
		return Index(opts)
	case opts.CheckOnly:
		return Check(opts)
	case opts.Memory != nil:
		return Preview(opts)
	}
	return Build(opts)
}

// Check validates a site: load, resolve, validate. It renders and writes
// nothing; its scans are kept on disk for the next check.
func Check(opts Options) *Result {
	opts.CheckOnly, opts.IndexOnly, opts.Memory = true, false, nil
	return runPlan(opts, checkPlan(opts))
}

// Index validates a site and brings its search indexes up to date,
// without rendering (partnerdocs search on a fresh checkout).
func Index(opts Options) *Result {
	opts.CheckOnly, opts.IndexOnly, opts.Memory = true, true, nil
	return runPlan(opts, indexPlan(opts))
}

// Preview builds a site into opts.Memory, reusing the caches the options
// carry; with DeferSearch the search indexes finish after it returns.
func Preview(opts Options) *Result {
	opts.CheckOnly, opts.IndexOnly = false, false
	return runPlan(opts, previewPlan(opts))
}

// Build writes a site to its destination: staged beside it, and swapped
// in whole only when every stage succeeded.
func Build(opts Options) *Result {
	opts.CheckOnly, opts.IndexOnly, opts.Memory = false, false, nil
	return runPlan(opts, buildPlan(opts))
}

// runPlan takes a run through every stage.
func runPlan(opts Options, p plan) *Result {
	b := start(opts)
	b.plan = p
	defer b.finish()
	b.execute("load", "commit")
	return b.res
}

// CacheDir is the site's cache folder (search indexes, link-check
// results). It holds a .gitignore that ignores it whole, as pytest does
// for its cache, so a build never shows up in git status.
func CacheDir(root string) string {
	dir := filepath.Join(root, ".partnerdocs-cache")
	if d := os.Getenv("PARTNERDOCS_CACHE"); d != "" {
		// A cache kept elsewhere: a read-only checkout, a CI cache path,
		// tests that must not write into the repository.
		dir = d
	}
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
