package e2e

import (
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

type hitJSON struct {
	Title, URL, Kind, Version string
	Snippet                   string
	Also                      []struct{ Version, URL string }
}

// bleveSearch runs partnerdocs search --json.
func bleveSearch(t *testing.T, dir, q string, extra ...string) []hitJSON {
	t.Helper()
	r := run(t, dir, append([]string{"search", q, "--json", "--limit", "10"}, extra...)...)
	if r.code != 0 {
		t.Fatalf("search %q: %d %s", q, r.code, r.stderr)
	}
	var res struct{ Hits []hitJSON }
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	return res.Hits
}

// bleveSearchAll answers every query with one run of partnerdocs search
// --queries (JSON Lines, one answer per query, in order).
func bleveSearchAll(t *testing.T, dir string, qs []string, extra ...string) [][]hitJSON {
	t.Helper()
	f := filepath.Join(t.TempDir(), "queries.txt")
	if err := os.WriteFile(f, []byte(strings.Join(qs, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, append([]string{"search", "--queries", f, "--json", "--limit", "10"}, extra...)...)
	if r.code != 0 {
		t.Fatalf("search --queries: %d %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(qs) {
		t.Fatalf("%d queries, %d answers", len(qs), len(lines))
	}
	out := make([][]hitJSON, len(qs))
	for i, l := range lines {
		var res struct {
			Query string
			Hits  []hitJSON
		}
		if err := json.Unmarshal([]byte(l), &res); err != nil {
			t.Fatal(err)
		}
		if res.Query != strings.TrimSpace(qs[i]) {
			t.Fatalf("answer %d is for %q, want %q", i, res.Query, qs[i])
		}
		out[i] = res.Hits
	}
	return out
}

// staticSearch runs the browser client in Node against a built index.
func staticSearch(t *testing.T, idxDir string, queries []string, opts map[string]any) [][]hitJSON {
	t.Helper()
	nodePath := needTool(t, "node")
	js := filepath.Join(repoRoot, "themes", "default", "static", "assets", "search.js")
	script := `const S=require(` + jsq(js) + `);const fs=require('fs');const path=require('path');
const input=JSON.parse(fs.readFileSync(0,'utf8'));
const idx=new S.Index(input.dir+'/', u=>Promise.resolve(JSON.parse(fs.readFileSync(u,'utf8'))));
(async()=>{const out=[];for(const q of input.queries){const r=await idx.search(q,input.opts);out.push(r.hits.map(h=>({title:h.title,url:h.url,kind:h.kind,version:h.version,snippet:h.snippet,also:h.also})));}
process.stdout.write(JSON.stringify(out));})().catch(e=>{console.error(e);process.exit(1)});`
	in, _ := json.Marshal(map[string]any{"dir": idxDir, "queries": queries, "opts": opts})
	cmd := exec.Command(nodePath, "-e", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var res [][]hitJSON
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return res
}

func jsq(s string) string { b, _ := json.Marshal(s); return string(b) }

// urls are the pages of the first n hits (a hit on a section is its
// page's address with #anchor: the anchor is left out).
func urls(hs []hitJSON, n int) []string {
	var out []string
	for i, h := range hs {
		if i >= n {
			break
		}
		out = append(out, page(h.URL))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// relevance: queries a partner or field seller would type, with the page
// that must be first, or in the top 3.
var relevance = []struct {
	q, url string
	top    int
}{
	{"deal registration terms", "fy2026/terms/deal-registration/", 1},
	{"market development funds terms", "fy2026/terms/mdf/", 1},
	{"program agreement", "fy2026/terms/program-agreement/", 1},
	{"tier reviews", "fy2026/guides/tier-reviews/", 1},
	{"getting started", "fy2026/guides/getting-started/", 1},
	{"legacy ci displacement", "fy2026/playbooks/legacy-ci-displacement/", 1},
	{"migration specialist", "fy2026/certifications/migration-specialist/", 3},
	{"sandbox credits", "fy2026/benefits/sandbox-credits/", 1},
	{"resale discount", "fy2026/benefits/resale-discount/", 1},
	{"premier", "fy2026/programs/reseller/premier/", 3},
	{"observability", "fy2026/certifications/observability-engineer/", 3},
	{"partner support line", "fy2026/benefits/support-escalation/", 3},
	{"registering deals", "fy2026/guides/deal-registration/", 1},
	{"exam vouchers", "fy2026/benefits/training-vouchers/", 1},
}

func TestSearchRelevanceAndParity(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	idx := filepath.Join(site, "public", "search", "idx")
	var queries []string
	for _, c := range relevance {
		queries = append(queries, c.q)
	}
	static := staticSearch(t, idx, queries, map[string]any{"versions": []string{"fy2026", "portal"}})
	cli := bleveSearchAll(t, site, queries)
	for i, c := range relevance {
		b := cli[i]
		if !contains(urls(b, c.top), c.url) {
			t.Errorf("bleve %q: %s not in top %d: %v", c.q, c.url, c.top, urls(b, 5))
		}
		if !contains(urls(static[i], c.top), c.url) {
			t.Errorf("static %q: %s not in top %d: %v", c.q, c.url, c.top, urls(static[i], 5))
		}
		// Parity: both engines put the same page first.
		if len(b) > 0 && len(static[i]) > 0 && b[0].URL != static[i][0].URL {
			t.Errorf("parity %q: bleve first %s, static first %s", c.q, b[0].URL, static[i][0].URL)
		}
	}
	// Filters and facets.
	b := bleveSearch(t, site, "tier", "--kind", "tier")
	for _, h := range b {
		if h.Kind != "tier" {
			t.Errorf("kind filter let through %+v", h)
		}
	}
	r := run(t, site, "search", "registration", "--json", "--version", "fy2025")
	if !strings.Contains(r.stdout, "fy2025/guides/registering-deals/") || strings.Contains(r.stdout, `"version": "fy2026"`) {
		t.Errorf("version filter: %s", r.stdout)
	}
	var facets struct {
		Facets map[string][]struct {
			Value string
			Count int
		}
	}
	json.Unmarshal([]byte(run(t, site, "search", "mdf", "--json").stdout), &facets)
	if len(facets.Facets["kind"]) == 0 || facets.Facets["kind"][0].Count < 1 {
		t.Errorf("facets %+v", facets)
	}
	sf := staticSearch(t, idx, []string{"tier"}, map[string]any{"kind": "tier"})
	for _, h := range sf[0] {
		if h.Kind != "tier" {
			t.Errorf("static kind filter let through %+v", h)
		}
	}
}

// typo makes a one-letter typo in word: a deletion, a substitution, a
// swap or an insertion, never in the first letter.
func typo(r *rand.Rand, w string) string {
	rs := []rune(w)
	if len(rs) < 5 {
		return w
	}
	i := 1 + r.Intn(len(rs)-2)
	switch r.Intn(4) {
	case 0:
		return string(append(rs[:i:i], rs[i+1:]...))
	case 1:
		c := rune('a' + r.Intn(26))
		if c == rs[i] {
			c = 'z'
		}
		out := append([]rune(nil), rs...)
		out[i] = c
		return string(out)
	case 2:
		out := append([]rune(nil), rs...)
		out[i], out[i+1] = out[i+1], out[i]
		return string(out)
	}
	out := append([]rune(nil), rs[:i]...)
	out = append(out, 'e')
	return string(append(out, rs[i:]...))
}

// TestSearchTypos: a title with one mistyped word finds its page in the
// top 5, through both engines.
func TestSearchTypos(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	r := rand.New(rand.NewSource(7))
	type tc struct{ q, url string }
	var cases []tc
	filepath.WalkDir(filepath.Join(site, "content", "fy2026"), func(p string, d os.DirEntry, err error) error {
		// Translations (mdf.de.md) are in their own language's index.
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || translationFile.MatchString(d.Name()) {
			return err
		}
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "audience: internal") {
			return nil
		}
		title := ""
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "title: ") {
				title = strings.Trim(strings.TrimPrefix(l, "title: "), `"`)
				break
			}
		}
		rel, _ := filepath.Rel(filepath.Join(site, "content", "fy2026"), p)
		url := "fy2026/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"
		url = strings.Replace(strings.Replace(url, "/_index/", "/", 1), "fy2026/_index/", "fy2026/", 1)
		// Mistype the longest word of the title.
		ws := strings.Fields(title)
		li := 0
		for i, w := range ws {
			if len(w) > len(ws[li]) {
				li = i
			}
		}
		if len(ws[li]) < 5 {
			return nil
		}
		ws[li] = typo(r, strings.ToLower(ws[li]))
		cases = append(cases, tc{strings.Join(ws, " "), url})
		return nil
	})
	if len(cases) < 30 {
		t.Fatalf("only %d typo cases", len(cases))
	}
	var qs []string
	for _, c := range cases {
		qs = append(qs, c.q)
	}
	static := staticSearch(t, filepath.Join(site, "public", "search", "idx"), qs, map[string]any{"versions": []string{"fy2026", "portal"}})
	cli := bleveSearchAll(t, site, qs)
	okStatic, okBleve := 0, 0
	for i, c := range cases {
		if contains(urls(static[i], 5), c.url) {
			okStatic++
		} else {
			t.Logf("static miss: %q -> %v", c.q, urls(static[i], 3))
		}
		if contains(urls(cli[i], 5), c.url) {
			okBleve++
		}
	}
	t.Logf("typo cases: %d; static top-5 %d (%.0f%%), bleve top-5 %d (%.0f%%)", len(cases), okStatic, 100*float64(okStatic)/float64(len(cases)), okBleve, 100*float64(okBleve)/float64(len(cases)))
	if float64(okStatic) < 0.9*float64(len(cases)) || float64(okBleve) < 0.9*float64(len(cases)) {
		t.Errorf("fewer than 90%% of typo queries find their page in the top 5")
	}
}

// TestStaticSearchBadShard: a missing or corrupt shard is a clear message
// from the client, not a crash, and other queries keep working.
func TestStaticSearchBadShard(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	if r := run(t, site, "build", "--quiet"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	idx := filepath.Join(site, "public", "search", "idx")
	entries, _ := os.ReadDir(idx)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "t-") && strings.HasSuffix(e.Name(), ".json") {
			os.WriteFile(filepath.Join(idx, e.Name()), []byte("{broken"), 0o644)
		}
	}
	nodePath := needTool(t, "node")
	js := filepath.Join(repoRoot, "themes", "default", "static", "assets", "search.js")
	script := `const S=require(` + jsq(js) + `);const fs=require('fs');
const idx=new S.Index(` + jsq(idx+"/") + `, u=>new Promise((ok,no)=>{try{ok(JSON.parse(fs.readFileSync(u,'utf8')))}catch(e){no(new Error(require('path').basename(u)+': '+e.message))}}));
idx.search('mdf').then(()=>console.log('no error'),e=>console.log('message: '+e.message)).then(()=>idx.search('')).then(r=>console.log('empty: '+r.hits.length));`
	out, err := exec.Command(nodePath, "-e", script).CombinedOutput()
	if err != nil {
		t.Fatalf("node crashed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "message: t-") || !strings.Contains(string(out), "empty: 0") {
		t.Errorf("output: %s", out)
	}
}

// TestSearchQueriesFile: --queries answers each line in order, in text
// and as JSON Lines; a query and a file together, neither, or a line too
// long are usage errors that name the problem.
func TestSearchQueriesFile(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	f := filepath.Join(t.TempDir(), "q.txt")
	writeFile(t, filepath.Dir(f), "q.txt", "mdf claim window\n\n  deal registration  \n")
	r := run(t, site, "search", "--queries", f, "--limit", "1")
	if r.code != 0 || !strings.Contains(r.stdout, `for "mdf claim window"`) || !strings.Contains(r.stdout, `for "deal registration"`) ||
		strings.Index(r.stdout, "mdf claim window") > strings.Index(r.stdout, "deal registration") {
		t.Errorf("text answers: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := bleveSearchAll(t, site, []string{"resale discount", "exam vouchers"}); len(got[0]) == 0 || len(got[1]) == 0 {
		t.Errorf("JSON Lines answers: %+v", got)
	}
	writeFile(t, filepath.Dir(f), "long.txt", "mdf\n"+strings.Repeat("word ", 500)+"\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"search"}, "give a query"},
		{[]string{"search", "mdf", "--queries", f}, "not both"},
		{[]string{"search", "--queries", filepath.Join(filepath.Dir(f), "long.txt")}, "long.txt: query 2 is 2499 bytes long"},
		{[]string{"search", "--queries", filepath.Join(filepath.Dir(f), "missing.txt")}, "missing.txt"},
	} {
		if r := run(t, site, c.args...); r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestSearchSeesEdits: the command answers from the index while nothing
// changed, and notices a new page at once.
func TestSearchSeesEdits(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	if r := run(t, site, "search", "zebracrossing", "--json"); !strings.Contains(r.stdout, `"total": 0`) {
		t.Fatalf("before: %s %s", r.stdout, r.stderr)
	}
	writeFile(t, site, "content/fy2026/guides/zebra.md", "---\ntitle: Zebracrossing guide\n---\nZebracrossing.\n")
	if r := run(t, site, "search", "zebracrossing", "--json"); !strings.Contains(r.stdout, "fy2026/guides/zebra/") {
		t.Fatalf("after: %s %s", r.stdout, r.stderr)
	}
}

// TestSearchFreshCheckout: on a checkout that was never built, search
// builds its index from the sources, with page bodies: a word found only
// in a code block of one guide finds it.
func TestSearchFreshCheckout(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	hits := bleveSearch(t, site, "Freightways")
	if len(hits) == 0 || hits[0].Title != "Registering deals" {
		t.Fatalf("search on a fresh checkout: %+v", hits)
	}
}

// TestSearchWhileServing: partnerdocs search answers and build runs
// without a note while serve runs on the same site (serve keeps its
// indexes in a folder of its own).
func TestSearchWhileServing(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	srv := startServe(t, site)
	// The first build's indexes are done before serve says it listens.
	if code, body := srv.get(t, "/api/search?q=mdf", 10*time.Second); code != 200 || !strings.Contains(body, "terms/mdf") {
		t.Fatalf("serve's search: %d %s", code, body)
	}
	hits := bleveSearch(t, site, "market development funds terms")
	if len(hits) == 0 || hits[0].URL != "fy2026/terms/mdf/" {
		t.Errorf("search while serving: %+v", hits)
	}
	start := time.Now()
	r := run(t, site, "build", "--dest", filepath.Join(t.TempDir(), "out"))
	if r.code != 0 || strings.Contains(r.stdout+r.stderr, "in use") {
		t.Errorf("build while serving: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("build while serving took %v", d)
	}
}

// TestSearchLabels: filters and facets show titles, not ids, and the
// command line and the static index agree on them.
func TestSearchLabels(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	r := run(t, site, "search", "deal registration", "--json", "--version", "fy2026,fy2025,portal")
	var res struct {
		Facets map[string][]struct{ Value, Label string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	cli := map[string]string{}
	for f, vs := range res.Facets {
		for _, v := range vs {
			cli[f+"="+v.Value] = v.Label
		}
	}
	for k, want := range map[string]string{"program=programs/reseller": "Reseller Program", "version=fy2026": "FY2026", "version=fy2025": "FY2025", "kind=benefit": "Benefit"} {
		if cli[k] != want {
			t.Errorf("command line facet %s: label %q, want %q (all: %v)", k, cli[k], want, cli)
		}
	}
	meta, err := os.ReadFile(filepath.Join(site, "public", "search", "idx", "meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Labels map[string]string }
	if err := json.Unmarshal(meta, &m); err != nil {
		t.Fatal(err)
	}
	for k, label := range cli {
		key := strings.SplitN(k, "=", 2)[1]
		if strings.HasPrefix(k, "kind=") {
			key = "kind:" + key
		}
		if m.Labels[key] != label {
			t.Errorf("static index label of %s: %q, command line %q", k, m.Labels[key], label)
		}
	}
}

// TestSearchFolding: searching several program years, a page's copies
// fold into one hit that shows the newest year and lists the others, in
// the command line and in the static client alike.
func TestSearchFolding(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	idx := filepath.Join(site, "public", "search", "idx")
	queries := []string{"deal registration", "market development funds", "resale discount", "tier reviews", "nfr licenses"}
	static := staticSearch(t, idx, queries, map[string]any{"limit": 5})
	show := func(hs []hitJSON) []string {
		var out []string
		for i, h := range hs {
			if i >= 5 {
				break
			}
			s := h.URL
			for _, a := range h.Also {
				s += " +" + a.URL
			}
			out = append(out, s)
		}
		return out
	}
	folded := 0
	cli := bleveSearchAll(t, site, queries, "--version", "fy2026,fy2025,portal")
	for i, q := range queries {
		b := cli[i]
		seen := map[string]bool{}
		for _, h := range b {
			key := strings.TrimPrefix(strings.TrimPrefix(page(h.URL), "fy2026/"), "fy2025/")
			if seen[key] {
				t.Errorf("%q: %s twice: %v", q, key, show(b))
			}
			seen[key] = true
			for _, a := range h.Also {
				folded++
				// FY2026 renamed guides/registering-deals (its new page
				// lists the old id in aliases): that copy folds too.
				renamed := key == "guides/deal-registration/" && a.URL == "fy2025/guides/registering-deals/"
				if h.Version != "fy2026" || a.Version != "fy2025" || (a.URL != "fy2025/"+key && !renamed) {
					t.Errorf("%q: %s folds %+v", q, h.URL, a)
				}
			}
		}
		// The engines do not rank every hit alike across years (their
		// first hits agree for the latest year: TestSearchRelevanceAndParity);
		// where both show a page, they fold it alike.
		st, cl := show(static[i]), show(b)
		if len(st) == 0 || len(cl) == 0 {
			t.Errorf("%q: static %v, command line %v", q, st, cl)
		}
		byURL := map[string]string{}
		for _, s := range cl {
			byURL[strings.Fields(s)[0]] = s
		}
		for _, s := range st {
			if c, ok := byURL[strings.Fields(s)[0]]; ok && c != s {
				t.Errorf("%q: static folds %q, command line %q", q, s, c)
			}
		}
	}
	if folded == 0 {
		t.Error("no copies folded: the queries do not exercise folding")
	}
}

// translationFile is a translation's file name: a language code before
// ".md".
var translationFile = regexp.MustCompile(`\.[a-z]{2,3}(-[a-z0-9]+)?\.md$`)

// TestSearchFoldsRenamedPages: a page FY2026 renamed (its new file lists
// the old id in aliases) folds its FY2025 copy under it, in the command
// line's results and the static client's, though the addresses differ.
func TestSearchFoldsRenamedPages(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	old := filepath.Join(site, "content/fy2026/guides/tier-reviews.md")
	b, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(old)
	// Links to the old file are reported, as warnings here.
	cfg, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	writeFile(t, site, "config.yaml", strings.Replace(string(cfg), "level: error", "level: warn", 1))
	writeFile(t, site, "content/fy2026/guides/tier-review-calendar.md", strings.Replace(string(b), "---\n", "---\naliases: [guides/tier-reviews]\n", 1))
	if r := run(t, site, "build", "--quiet"); r.code != 0 {
		t.Fatalf("build: %s%s", r.stdout, r.stderr)
	}
	check := func(engine string, hs []hitJSON) {
		t.Helper()
		var found *hitJSON
		for i := range hs {
			switch page(hs[i].URL) {
			case "fy2026/guides/tier-review-calendar/":
				found = &hs[i]
			case "fy2025/guides/tier-reviews/":
				t.Errorf("%s: the FY2025 copy stands alone: %+v", engine, hs)
			}
		}
		if found == nil || len(found.Also) != 1 || found.Also[0].URL != "fy2025/guides/tier-reviews/" {
			t.Errorf("%s: renamed page not folded: %+v", engine, hs)
		}
	}
	check("command line", bleveSearch(t, site, "tier reviews", "--version", "fy2026,fy2025,portal"))
	static := staticSearch(t, filepath.Join(site, "public", "search", "idx"), []string{"tier reviews"}, map[string]any{"limit": 10})
	check("static", static[0])
}

// TestSearchFindsBenefitValues: a benefit's value for each tier is on its
// page, not in its text; both engines find it there and show the figure
// in the snippet ("Advanced: 25"), and a tier's name among the values
// does not make benefit pages outrank the tier's own page.
func TestSearchFindsBenefitValues(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	qs := []string{"how many exam vouchers does Advanced get", "Premier resale discount", "what do we need to apply for Select"}
	want := []struct{ url, snippet string }{
		{"fy2026/benefits/training-vouchers/#values-by-tier", "Advanced: 25"},
		{"fy2026/benefits/resale-discount/#values-by-tier", "Premier: 32%"},
		{"fy2026/programs/reseller/select/", ""},
	}
	static := staticSearch(t, filepath.Join(site, "public", "search", "idx"), qs, map[string]any{"versions": []string{"fy2026", "portal"}})
	cli := bleveSearchAll(t, site, qs, "--version", "fy2026,portal")
	for name, hits := range map[string][][]hitJSON{"static": static, "command line": cli} {
		for i, w := range want {
			if len(hits[i]) == 0 {
				t.Errorf("%s, %q: no hits", name, qs[i])
				continue
			}
			if i == 2 {
				// The tier's page stays in the top 3 (benefit pages name
				// Select among their values).
				found := false
				for _, h := range hits[i][:min(3, len(hits[i]))] {
					found = found || h.URL == w.url
				}
				if !found {
					t.Errorf("%s, %q: %s not in the top 3: %v", name, qs[i], w.url, full(hits[i], 3))
				}
				continue
			}
			// The command line marks the query's words; the static
			// client's page does when it shows the snippet.
			snippet := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(hits[i][0].Snippet)
			if h := hits[i][0]; h.URL != w.url || !strings.Contains(snippet, w.snippet) {
				t.Errorf("%s, %q: first hit %s %q; want %s with %q", name, qs[i], h.URL, h.Snippet, w.url, w.snippet)
			}
		}
	}
}
