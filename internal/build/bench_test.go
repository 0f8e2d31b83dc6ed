package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/corpus"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// The stage benchmarks share one generated corpus of 1,000 pages.
var (
	corpusOnce sync.Once
	corpusDir  string
)

func benchCorpus(b *testing.B) string {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "partnerdocs-bench-")
		if err != nil {
			b.Fatal(err)
		}
		if err := corpus.Generate(corpus.Options{Pages: 1000, Seed: 1, Dir: dir}); err != nil {
			b.Fatal(err)
		}
		corpusDir = dir
	})
	return corpusDir
}

func load(b *testing.B) (*config.Config, *content.Site) {
	cfg, d := config.Load(benchCorpus(b))
	if d.HasErrors() {
		b.Fatal(d.Items())
	}
	cs, d := content.Load(cfg, content.Options{})
	if d.HasErrors() {
		b.Fatal(d.Items())
	}
	return cfg, cs
}

func BenchmarkLoad(b *testing.B) {
	benchCorpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		load(b)
	}
}

func BenchmarkResolve(b *testing.B) {
	for i := 0; i < b.N; i++ {
		// Resolve takes the bodies it scans: each run needs a fresh load.
		b.StopTimer()
		_, cs := load(b)
		b.StartTimer()
		site.Resolve(cs, markdown.New(markdown.Options{}))
	}
}

func BenchmarkValidate(b *testing.B) {
	_, cs := load(b)
	s := site.Resolve(cs, markdown.New(markdown.Options{}))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var d diag.List
		model.Build(s, &d)
		links.New(s).Check(&d, true)
		if d.HasErrors() {
			b.Fatal(d.Items())
		}
	}
}

func BenchmarkRender(b *testing.B) {
	dir := benchCorpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mem := output.NewMemory()
		if res := Run(Options{Source: dir, Memory: mem}); res.Outcome != OK {
			b.Fatal(res.Diags.Items(), res.Err)
		}
	}
}

func BenchmarkIndex(b *testing.B) {
	_, cs := load(b)
	s, outs := site.ResolveCached(cs, markdown.New(markdown.Options{}), nil)
	var d diag.List
	models := model.Build(s, &d)
	docs := search.Entries(s.Version("v1"), models["v1"], outs.Text)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		an, words := search.AnalyseDocs(docs, nil)
		if _, err := search.Update(filepath.Join(b.TempDir(), "v1.bleve"), docs, an); err != nil {
			b.Fatal(err)
		}
		search.Export(docs, an, words, []string{"v1"}, "v1", nil)
	}
}

func BenchmarkWrite(b *testing.B) {
	dir := benchCorpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dest := filepath.Join(b.TempDir(), "public")
		if res := Run(Options{Source: dir, Dest: dest}); res.Outcome != OK {
			b.Fatal(res.Diags.Items(), res.Err)
		}
	}
}

// BenchmarkRebuildOnePage is the preview server's path: an edit of one
// page, rebuilt into memory with every cache of the previous build. The
// edits, one kind each: a paragraph added and a heading added (quick
// rebuilds), the title and the weight changed (every page's navigation
// may show them), the folder's landing page's text, a page added and a
// page deleted.
// PARTNERDOCS_BENCH_DIR points it at another site (a generated corpus of
// 10 folders of 1,000 pages, or 200 of 50: cmd/gencorpus -sections).
func BenchmarkRebuildOnePage(b *testing.B) {
	page := func(f func(orig []byte, i int) []byte) benchEdit {
		return func(p string, orig []byte, i int) (string, error) {
			if i < 0 {
				return "", nil
			}
			return p, os.WriteFile(p, f(slices.Clip(orig), i), 0o644)
		}
	}
	b.Run("text", func(b *testing.B) {
		rebuildOnePage(b, "", page(func(orig []byte, i int) []byte { return append(orig, "\nEdited "+strconv.Itoa(i)+".\n"...) }))
	})
	b.Run("heading", func(b *testing.B) {
		rebuildOnePage(b, "", page(func(orig []byte, i int) []byte {
			return append(orig, "\n## Added "+strconv.Itoa(i)+"\n\nText.\n"...)
		}))
	})
	b.Run("title", func(b *testing.B) {
		rebuildOnePage(b, "", page(func(orig []byte, i int) []byte {
			return bytes.Replace(orig, []byte("title: \""), []byte("title: \"Edited "+strconv.Itoa(i)+" "), 1)
		}))
	})
	b.Run("weight", func(b *testing.B) {
		rebuildOnePage(b, "", page(func(orig []byte, i int) []byte {
			return bytes.Replace(orig, []byte("---\n"), []byte("---\nweight: "+strconv.Itoa(100+i)+"\n"), 1)
		}))
	})
	b.Run("draft", func(b *testing.B) {
		// Turned draft, then back, in turns: a page leaving the build and
		// coming back.
		rebuildOnePage(b, "", page(func(orig []byte, i int) []byte {
			if i%2 == 1 {
				return orig
			}
			return bytes.Replace(orig, []byte("---\n"), []byte("---\ndraft: true\n"), 1)
		}))
	})
	b.Run("landing-text", func(b *testing.B) {
		rebuildOnePage(b, "landing", page(func(orig []byte, i int) []byte { return append(orig, "\nEdited "+strconv.Itoa(i)+".\n"...) }))
	})
	b.Run("benefit-value", func(b *testing.B) {
		// A tier's value in a benefit's front matter: the program model
		// changes, which the matrices and every benefit and tier page show.
		rebuildOnePage(b, "benefit", page(func(orig []byte, i int) []byte {
			return bytes.Replace(orig, []byte("{value: "), []byte("{value: "+strconv.Itoa(100+i)), 1)
		}))
	})
	// A page created or deleted: the server's watcher tells the build
	// which ("+path" and "-path" below).
	newPage := func(p string, i int) string {
		return filepath.Join(filepath.Dir(p), "bench-new-"+strconv.Itoa(i)+".md")
	}
	b.Run("new-page", func(b *testing.B) {
		rebuildOnePage(b, "", func(p string, _ []byte, i int) (string, error) {
			if i < 0 {
				return "", nil
			}
			return "+" + newPage(p, i), os.WriteFile(newPage(p, i), []byte("---\ntitle: \"New "+strconv.Itoa(i)+"\"\n---\nA new page.\n"), 0o644)
		})
	})
	b.Run("delete", func(b *testing.B) {
		// Each round deletes one of the pages written before the first
		// build (round -1), which nothing links to.
		rebuildOnePage(b, "", func(p string, _ []byte, i int) (string, error) {
			if i < 0 {
				for k := range b.N {
					if err := os.WriteFile(newPage(p, k), []byte("---\ntitle: \"Doomed\"\n---\nA page to delete.\n"), 0o644); err != nil {
						return "", err
					}
				}
				return "", nil
			}
			return "-" + newPage(p, i), os.Remove(newPage(p, i))
		})
	})
}

// benchEdit makes one round's edit near page p (its text orig) and says
// which file it changed, "+file" or "-file" for a page it added or
// deleted. Round -1 comes before the first build.
type benchEdit func(p string, orig []byte, i int) (string, error)

// restoreFolder removes the pages a benchmark added to a folder and puts
// back the ones it deleted.
func restoreFolder(folder string) {
	entries, _ := os.ReadDir(folder)
	for _, e := range entries {
		p := filepath.Join(folder, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "bench-new-"):
			os.Remove(p)
		case strings.HasSuffix(e.Name(), ".deleted"):
			os.Rename(p, strings.TrimSuffix(p, ".deleted"))
		}
	}
}

// rebuildOnePage edits a page of a folder of plain pages (where ""), that
// folder's landing page ("landing") or a benefit's page ("benefit") b.N
// times, rebuilding after each edit.
func rebuildOnePage(b *testing.B, where string, edit benchEdit) {
	dir := os.Getenv("PARTNERDOCS_BENCH_DIR")
	if dir == "" {
		dir = benchCorpus(b)
	}
	opts := Options{Source: dir, DeferSearch: true}
	session := NewSession()
	var changed []string
	mem := output.NewMemory()
	var page string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		// A guide page: editing a program's files re-renders every page
		// (the matrices and summaries depend on them).
		folder := filepath.Base(filepath.Dir(p))
		plain := strings.HasPrefix(folder, "section-") || folder == "guides"
		if where == "benefit" {
			plain = folder == "benefits"
		}
		if page == "" && err == nil && !d.IsDir() && filepath.Ext(p) == ".md" && filepath.Base(p) != "_index.md" && plain {
			page = p
		}
		return nil
	})
	// The site is put back as it was: the page, a landing page written
	// for the run, new pages removed and deleted ones restored.
	defer restoreFolder(filepath.Dir(page))
	if page == "" {
		b.Fatal("no page to edit")
	}
	if where == "landing" {
		index := filepath.Join(filepath.Dir(page), "_index.md")
		if _, err := os.Stat(index); err != nil {
			if err := os.WriteFile(index, []byte("---\ntitle: \"Landing\"\n---\nThe folder's landing page.\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			defer os.Remove(index)
		}
		page = index
	}
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(page, orig, 0o644)
	if _, err := edit(page, orig, -1); err != nil {
		b.Fatal(err)
	}
	res := session.Preview(opts, mem, nil)
	if res.Outcome != OK {
		b.Fatal(res.Diags.Items(), res.Err)
	}
	if _, err := res.Search(); err != nil {
		b.Fatal(err)
	}
	// The median too: a garbage collection of the first build's heap, or
	// a neighbour on a shared machine, lands on some rebuilds.
	var took []time.Duration
	var rendered []int // pages rendered by each rebuild
	var searched, full []time.Duration
	defer func() {
		slices.Sort(took)
		slices.Sort(rendered)
		slices.Sort(searched)
		slices.Sort(full)
		if len(took) > 0 {
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(rendered[len(rendered)/2]), "pages-rendered")
			b.ReportMetric(float64(searched[len(searched)/2].Microseconds())/1000, "search-ms-median")
			b.ReportMetric(float64(full[len(full)/2].Microseconds())/1000, "full-search-ms-median")
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		target, err := edit(page, orig, i)
		if err != nil {
			b.Fatal(err)
		}
		// As the preview server does on a write event: only this file
		// changed.
		changed, opts.Added, opts.Removed = nil, nil, nil
		if target != "" {
			came, went := strings.HasPrefix(target, "+"), strings.HasPrefix(target, "-")
			rel, err := filepath.Rel(dir, strings.TrimLeft(target, "+-"))
			if err != nil {
				b.Fatal(err)
			}
			rel = filepath.ToSlash(rel)
			switch {
			case came:
				changed, opts.Added = []string{}, []string{rel}
			case went:
				changed, opts.Removed = []string{}, []string{rel}
			default:
				changed = []string{rel}
			}
		}
		b.StartTimer()
		t0 := time.Now()
		// Sized as the server sizes it, by the last build's count.
		mem = output.NewMemorySized(len(mem.Files()))
		var res *Result
		// Labelled, so a CPU profile can tell the rebuilds from the first
		// build: go tool pprof -tagfocus phase=rebuild.
		before := session.pages.Rendered.Load()
		pprof.Do(context.Background(), pprof.Labels("phase", "rebuild"), func(context.Context) { res = session.Preview(opts, mem, changed) })
		n := int(session.pages.Rendered.Load() - before)
		if session.wasQuick {
			n = session.quick.rendered
		}
		rendered = append(rendered, n)
		if res.Outcome != OK {
			b.Fatal(res.Diags.Items(), res.Err)
		}
		b.StopTimer()
		took = append(took, time.Since(t0))
		if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
			b.Log(res.Stages, res.Elapsed, n, "pages rendered")
		}
		// The search indexes finish in the background in the server; here
		// they finish before the next edit, outside the timing, which
		// search-ms-median reports from the save: when the edit is
		// searchable (the quick static index, or the full one when there
		// is no quick one), and full-search-ms-median when the full
		// static index is done.
		soon, err := res.SearchSoon()
		if err != nil {
			b.Fatal(err)
		}
		if soon != nil {
			searched = append(searched, time.Since(t0))
		}
		if _, err := res.Search(); err != nil {
			b.Fatal(err)
		}
		if soon == nil {
			searched = append(searched, time.Since(t0))
		}
		full = append(full, time.Since(t0))
		// As the preview server does once the search is done: its
		// garbage is collected before the next edit, not during it.
		runtime.GC()
		b.StartTimer()
	}
}
