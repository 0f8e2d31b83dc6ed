//go:build scale

// The long suite: the scale tests build a 10,000-page site (about a
// minute on two cores), and the sweeps repeat a quicker test of go test
// ./... in every variant; they run apart from it, behind the scale tag
// (CI runs them; README gives the command).

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/search"
)

func init() { longSuite = true }

// scaleSite is a generated site of 10,000 pages (cmd/gencorpus, 20
// folders of 500), built once for the tests that need the scale the
// budgets are stated at.
var scaleSite struct {
	once sync.Once
	dir  string
	err  string
}

func init() {
	afterAll = append(afterAll, func() {
		if scaleSite.dir != "" {
			os.RemoveAll(filepath.Dir(scaleSite.dir))
		}
	})
}

func bigSite(t testing.TB) string {
	t.Helper()
	scaleSite.once.Do(func() {
		dir, err := os.MkdirTemp("", "partnerdocs-scale-")
		if err != nil {
			scaleSite.err = err.Error()
			return
		}
		scaleSite.dir = filepath.Join(dir, "site")
		gen := exec.Command("go", "run", "./cmd/gencorpus", "-pages", "10000", "-sections", "20", "-out", scaleSite.dir)
		gen.Dir = repoRoot
		if out, err := gen.CombinedOutput(); err != nil {
			scaleSite.err = "gencorpus: " + err.Error() + "\n" + string(out)
			return
		}
		b := exec.Command(binary, "build", "--quiet")
		b.Dir = scaleSite.dir
		if out, err := b.CombinedOutput(); err != nil {
			scaleSite.err = "build: " + err.Error() + "\n" + string(out)
		}
	})
	if scaleSite.err != "" {
		t.Fatal(scaleSite.err)
	}
	return scaleSite.dir
}

// TestStaticSearchBudget: at 10,000 pages the static index is at most
// 500 files, and each query of up to three words run cold (nothing
// loaded before it) fetches at most 5 files and 100 KB compressed:
// common and rare words, a typo, a prefix being typed. Longer queries
// load a shard per word (logged).
func TestStaticSearchBudget(t *testing.T) {
	t.Parallel()
	site := bigSite(t)
	idx := filepath.Join(site, "public", "search", "idx")
	files, err := os.ReadDir(idx)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) > 500 {
		t.Errorf("the static index is %d files", len(files))
	}
	queries := []string{"claim", "migration voucher", "dashboard incident validation", "confidentiality", "registraton",
		"webinar 408", "escalation territory program security", "runn", "marketplace pricing", "acceptnce schedule"}
	nodePath := needTool(t, "node")
	js := filepath.Join(repoRoot, "themes", "default", "static", "assets", "search.js")
	// Each query gets a new index (a cold cache); the fetcher records
	// every file it loads, and the test sizes their .gz siblings.
	script := `const S=require(` + jsq(js) + `);const fs=require('fs');
const input=JSON.parse(fs.readFileSync(0,'utf8'));
(async()=>{const out=[];for(const q of input.queries){const got=[];
const idx=new S.Index(input.dir+'/', u=>{got.push(u);return Promise.resolve(JSON.parse(fs.readFileSync(u,'utf8')))});
const r=await idx.search(q,{limit:8});out.push({files:got,hits:r.hits.length,corrected:r.corrected||''});}
process.stdout.write(JSON.stringify(out));})().catch(e=>{console.error(e);process.exit(1)});`
	in, _ := json.Marshal(map[string]any{"dir": idx, "queries": queries})
	cmd := exec.Command(nodePath, "-e", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var res []struct {
		Files     []string
		Hits      int
		Corrected string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	worst := int64(0)
	for i, r := range res {
		total := int64(0)
		for _, f := range r.Files {
			st, err := os.Stat(f + ".gz")
			if err != nil {
				t.Fatalf("no .gz sibling for %s", f)
			}
			total += st.Size()
		}
		worst = max(worst, total)
		t.Logf("%-40q %d requests, %6d bytes compressed, %d hits %s", queries[i], len(r.Files), total, r.Hits, r.Corrected)
		if len(strings.Fields(queries[i])) <= 3 && (len(r.Files) > 5 || total > 100_000) {
			t.Errorf("%q: %d requests and %d bytes cold", queries[i], len(r.Files), total)
		}
		if r.Hits == 0 {
			t.Errorf("%q found nothing", queries[i])
		}
	}
	t.Logf("static index: %d files; worst cold query %d bytes", len(files), worst)
}

// BenchmarkSearchScale times command-line queries (the search the server
// answers too) on the 10,000-page site's bleve index, with facets, one
// sub-benchmark per query: one and several words, a typo, a prefix.
//
//	go test -run '^$' -bench SearchScale ./e2e/
func BenchmarkSearchScale(b *testing.B) {
	site := bigSite(b)
	s, err := search.Open(filepath.Join(site, ".partnerdocs-cache", "search", "partner"), []string{"v1", "portal"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{"claim", "migration voucher", "dashboard incident validation", "escalation territory program security", "registraton", "runn"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Search(search.Query{Q: q, Limit: 10, Facets: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestNavigationScale: on the 10,000-page site (20 folders of 500), a
// page's navigation stays a bounded block, and in the browser its folder
// opens in place and a page found there is one click away.
func TestNavigationScale(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(bigSite(t), "public")
	rel := filepath.Join("v1", "section-7")
	var page string
	filepath.WalkDir(filepath.Join(dest, rel), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Contains(p, "page-") && page == "" {
			page = p
		}
		return err
	})
	if page == "" {
		t.Fatal("no page in section-7")
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	nav := regexp.MustCompile(`(?s)<nav class="sidebar".*?</nav>`).FindString(string(b))
	if n := strings.Count(nav, "<li"); n > 60 {
		t.Errorf("%s: %d navigation items", page, n)
	}
	rel, _ = filepath.Rel(dest, page)
	openFolderAndFollow(t, dest, rel, 450)
}

// TestKillAtEveryRenameSweep kills a build at every rename it makes, in
// turn (go test ./... kills at the first three).
func TestKillAtEveryRenameSweep(t *testing.T) {
	t.Parallel()
	killAtRenames(t, nil)
}

// TestBrowserLayoutsSweep is TestBrowserLayouts on every page in every
// view (390 and 1366 px, light and dark): four times the page loads and
// axe runs, so it runs with the scale tests.
func TestBrowserLayoutsSweep(t *testing.T) {
	t.Parallel()
	browserLayouts(t, true)
}
