package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
// edits: a paragraph added and a heading added (both quick rebuilds), and
// the title changed (the full rebuild: every page's navigation may show
// it, and every page is rendered again).
// PARTNERDOCS_BENCH_DIR points it at another site (a 10,000-page corpus).
func BenchmarkRebuildOnePage(b *testing.B) {
	b.Run("text", func(b *testing.B) {
		rebuildOnePage(b, func(orig []byte, i int) []byte { return append(orig, "\nEdited "+strconv.Itoa(i)+".\n"...) })
	})
	b.Run("heading", func(b *testing.B) {
		rebuildOnePage(b, func(orig []byte, i int) []byte {
			return append(orig, "\n## Added "+strconv.Itoa(i)+"\n\nText.\n"...)
		})
	})
	b.Run("title", func(b *testing.B) {
		rebuildOnePage(b, func(orig []byte, i int) []byte {
			return bytes.Replace(orig, []byte("title: \""), []byte("title: \"Edited "+strconv.Itoa(i)+" "), 1)
		})
	})
}

func rebuildOnePage(b *testing.B, edit func(orig []byte, i int) []byte) {
	dir := os.Getenv("PARTNERDOCS_BENCH_DIR")
	if dir == "" {
		dir = benchCorpus(b)
	}
	opts := Options{Source: dir, DeferSearch: true}
	session := NewSession()
	var changed []string
	mem := output.NewMemory()
	build := func() {
		res := session.Preview(opts, mem, changed)
		if res.Outcome != OK {
			b.Fatal(res.Diags.Items(), res.Err)
		}
		if _, err := res.Search(); err != nil {
			b.Fatal(err)
		}
	}
	build()
	var page string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		// A guide page: editing a program's files re-renders every page
		// (the matrices and summaries depend on them).
		folder := filepath.Base(filepath.Dir(p))
		if page == "" && err == nil && !d.IsDir() && filepath.Ext(p) == ".md" && filepath.Base(p) != "_index.md" &&
			(strings.HasPrefix(folder, "section-") || folder == "guides") {
			page = p
		}
		return nil
	})
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(page, orig, 0o644)
	// As the preview server does on a write event: only this page changed.
	rel, err := filepath.Rel(dir, page)
	if err != nil {
		b.Fatal(err)
	}
	changed = []string{filepath.ToSlash(rel)}
	// The median too: a garbage collection of the first build's heap, or
	// a neighbour on a shared machine, lands on some rebuilds.
	var took []time.Duration
	defer func() {
		slices.Sort(took)
		if len(took) > 0 {
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := os.WriteFile(page, edit(slices.Clip(orig), i), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		// Sized as the server sizes it, by the last build's count.
		mem = output.NewMemorySized(len(mem.Files()))
		var res *Result
		// Labelled, so a CPU profile can tell the rebuilds from the first
		// build: go tool pprof -tagfocus phase=rebuild.
		pprof.Do(context.Background(), pprof.Labels("phase", "rebuild"), func(context.Context) { res = session.Preview(opts, mem, changed) })
		if res.Outcome != OK {
			b.Fatal(res.Diags.Items(), res.Err)
		}
		b.StopTimer()
		took = append(took, time.Since(t0))
		if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
			b.Log(res.Stages, res.Elapsed)
		}
		// The search indexes finish in the background in the server; here
		// they finish before the next edit, outside the timing.
		if _, err := res.Search(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
