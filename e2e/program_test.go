package e2e

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestProgramOutputs checks what the program model adds to a build of the
// example portal: matrices on program pages, exports, tier and
// certification summaries and the curriculum, for both years.
func TestProgramOutputs(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, repoRoot, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dest, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, v := range []string{"fy2026", "fy2025"} {
		for _, p := range []string{"reseller", "services", "alliances"} {
			page := read(v + "/programs/" + p + "/index.html")
			if !strings.Contains(page, `<table class="matrix stackable"`) {
				t.Errorf("%s %s: no matrix on the program page", v, p)
			}
			var j struct {
				Tiers    []struct{ ID string }
				Benefits []struct{ ID string }
			}
			if err := json.Unmarshal([]byte(read(v+"/programs/"+p+"/matrix.json")), &j); err != nil || len(j.Tiers) != 3 || len(j.Benefits) < 5 {
				t.Errorf("%s %s matrix.json: %v %+v", v, p, err, j)
			}
			if _, err := csv.NewReader(strings.NewReader(read(v + "/programs/" + p + "/matrix.csv"))).ReadAll(); err != nil {
				t.Errorf("%s %s matrix.csv: %v", v, p, err)
			}
		}
	}
	// The two years differ as the content says.
	if !strings.Contains(read("fy2026/programs/reseller/matrix.csv"), "benefits/resale-discount,Resale discount,programs/reseller/select,Select,2,number,25,percent,25%") ||
		!strings.Contains(read("fy2025/programs/reseller/matrix.csv"), "benefits/resale-discount,Resale discount,programs/reseller/select,Select,2,number,22,percent,22%") {
		t.Error("resale discount for Select is not 25% in FY2026 and 22% in FY2025")
	}
	if strings.Contains(read("fy2026/programs/services/matrix.csv"), "demo-environments") || !strings.Contains(read("fy2025/programs/services/matrix.csv"), "demo-environments") {
		t.Error("the retired benefit is in the wrong year")
	}
	// The internal benefit is not a row in a partner build.
	if strings.Contains(read("fy2026/programs/alliances/matrix.json"), "field-enablement") {
		t.Error("internal benefit leaked into the partner matrix")
	}
	tier := read("fy2026/programs/reseller/select/index.html")
	for _, want := range []string{`id="requirements"`, `href="/fy2026/certifications/sales-associate/"`, `Next tier: <a href="/fy2026/programs/reseller/premier/">Premier</a>`} {
		if !strings.Contains(tier, want) {
			t.Errorf("tier page lacks %s", want)
		}
	}
	cert := read("fy2026/certifications/pipeline-engineer/index.html")
	for _, want := range []string{`id="leads-to"`, `Tidewater Certified Solutions Architect`, `Reseller Program: Premier`} {
		if !strings.Contains(cert, want) {
			t.Errorf("certification page lacks %s", want)
		}
	}
	catalog := read("fy2026/certifications/index.html")
	if strings.Index(catalog, "Tidewater Certified Associate") > strings.Index(catalog, "Tidewater Certified Solutions Architect") {
		t.Error("curriculum is not in prerequisite order")
	}
	if !strings.Contains(read("fy2026/guides/getting-started/index.html"), `class="curriculum-table stackable"`) {
		t.Error("curriculum shortcode not rendered")
	}
}

func TestMatrixCommand(t *testing.T) {
	t.Parallel()
	r := run(t, repoRoot, "matrix", "reseller", "--region", "apac")
	if r.code != 0 || !strings.Contains(r.stdout, "Market development funds") || !strings.Contains(r.stdout, "40% (of approved activity cost)") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, repoRoot, "matrix", "programs/reseller", "--version", "fy2025", "--format", "csv")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "version,program,region,") || !strings.Contains(r.stdout, "fy2025,programs/reseller") {
		t.Fatalf("csv: %d %s", r.code, r.stderr)
	}
	for _, f := range []string{"json", "markdown"} {
		if r := run(t, repoRoot, "matrix", "services", "--format", f); r.code != 0 || len(r.stdout) < 200 {
			t.Errorf("--format %s: %d %s", f, r.code, r.stderr)
		}
	}
	if r := run(t, repoRoot, "matrix", "nope"); r.code != 2 {
		t.Errorf("unknown program: exit %d", r.code)
	}
}

func TestNewAndSchema(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	r := run(t, site, "new", "tier", "programs/reseller/platinum")
	if r.code != 0 || !strings.Contains(r.stdout, "content/fy2026/programs/reseller/platinum.md") {
		t.Fatalf("new: %d %s%s", r.code, r.stdout, r.stderr)
	}
	b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/programs/reseller/platinum.md"))
	if !strings.Contains(string(b), "program: programs/reseller") {
		t.Errorf("template: %s", b)
	}
	// Never overwrite.
	os.WriteFile(filepath.Join(site, "content/fy2026/programs/reseller/platinum.md"), []byte("mine"), 0o644)
	if r := run(t, site, "new", "tier", "programs/reseller/platinum"); r.code != 2 {
		t.Errorf("overwrite: exit %d", r.code)
	}
	if b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/programs/reseller/platinum.md")); string(b) != "mine" {
		t.Error("new overwrote a file")
	}
	// A new certification checks clean at once.
	if r := run(t, site, "new", "certification", "certifications/security-engineer"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	os.Remove(filepath.Join(site, "content/fy2026/programs/reseller/platinum.md"))
	if r := run(t, site, "check"); r.code != 0 {
		t.Errorf("after new certification: %s", r.stdout)
	}
	// A bare id goes in its kind's folder, and the year's programs are offered.
	if r := run(t, site, "new", "benefit", "partner-perk"); r.code != 0 || !strings.Contains(r.stdout, "content/fy2026/benefits/partner-perk.md (id benefits/partner-perk)") {
		t.Errorf("new benefit: %d %s%s", r.code, r.stdout, r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/benefits/partner-perk.md")); !strings.Contains(string(b), "program: programs/alliances   # or: programs/reseller, programs/services") {
		t.Errorf("new benefit template: %s", b)
	}
	os.Remove(filepath.Join(site, "content/fy2026/benefits/partner-perk.md"))
	if r := run(t, site, "new", "guide", "Bad Id"); r.code != 2 {
		t.Errorf("bad id: exit %d", r.code)
	}
	r = run(t, site, "schema", "benefit")
	var s map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &s) != nil || s["title"] != "partnerdocs front matter: benefit" {
		t.Errorf("schema benefit: %d %s", r.code, r.stdout[:min(200, len(r.stdout))])
	}
	if r := run(t, site, "schema"); r.code != 0 || !strings.Contains(r.stdout, `"$defs"`) {
		t.Errorf("schema: %d", r.code)
	}
	if r := run(t, site, "schema", "nope"); r.code != 2 {
		t.Errorf("schema nope: %d", r.code)
	}
}

// TestModelErrorsInOneRun breaks the example portal's program data in
// several ways and expects every finding, at its line, in one run.
func TestModelErrorsInOneRun(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	p := filepath.Join(site, "content/fy2026/benefits/renewal-margin.md")
	b, _ := os.ReadFile(p)
	s := strings.Replace(string(b), "  premier: {value: 15", "  premeir: {value: 15", 1)
	os.WriteFile(p, []byte(s), 0o644)
	p = filepath.Join(site, "content/fy2026/programs/reseller/select.md")
	b, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "rank: 2", "rank: 3", 1)), 0o644)
	writeFile(t, site, "content/fy2026/guides/matrix.md", "---\ntitle: M\n---\n\n{{< benefit-matrix program=\"programs/reselr\" region=\"latam\" >}}\n")
	r := run(t, site, "check")
	if r.code != 1 {
		t.Fatalf("exit %d", r.code)
	}
	for _, want := range []string{
		`content/fy2026/benefits/renewal-margin.md:10:3: error: no tier "premeir" in programs/reseller (did you mean "premier"?) [matrix-unknown-tier]`,
		`content/fy2026/benefits/renewal-margin.md:7:1: error: no value for tier premier (Premier) of programs/reseller [matrix-missing-value]`,
		`[duplicate-rank]`,
		`content/fy2026/guides/matrix.md:5:29: error: no program "programs/reselr" (did you mean "programs/reseller"?) [unknown-ref]`,
		`content/fy2026/guides/matrix.md:5:54: error: unknown region "latam" [unknown-region]`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %s in\n%s", want, r.stdout)
		}
	}
}

// TestBenefitPagesShowValues: a partner who lands on a benefit page (from
// search, say) reads its value for each tier, by region where regions
// differ, and the terms that govern it.
func TestBenefitPagesShowValues(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, repoRoot, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for page, wants := range map[string][]string{
		"fy2026/benefits/nfr-licenses/index.html": {`id="values-by-tier"`, `>Registered</a></th><td>5<span class="cell-note">seats</span>`, `>Select</a></th><td>25<span`, `>Premier</a></th><td>100<span`, "in the Services Partner Program"},
		"fy2026/benefits/mdf/index.html":          {`<th scope="col">APAC</th>`, `>Select</a></th><td>50%`, `<td>40%<span class="cell-note">of approved activity cost; APAC funds are pooled by country.</span>`, `>Premier</a></th><td>60%`},
	} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
}

// TestChangesLinked: "what changed" is one click from the year's home,
// from each program page, and from an older year's banner.
func TestChangesLinked(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, repoRoot, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "fy2026/changes/index.html")); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"fy2026/index.html", "fy2026/programs/reseller/index.html", "fy2025/terms/mdf/index.html"} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`<a [^>]*href="/fy2026/changes/">What changed in FY2026</a>`).Match(b) {
			t.Errorf("%s does not link the changes page", page)
		}
	}
	// The oldest year has nothing to compare with, and says nothing.
	b, _ := os.ReadFile(filepath.Join(dest, "fy2025/index.html"))
	if strings.Contains(string(b), `class="changes-link"`) {
		t.Error("the oldest year links a changes page it does not have")
	}
}

// TestLabels: the words around a page say something. A tier says where it
// stands ("Tier 3 of 3", not "Rank: 3"); pages, sections and generated
// lists carry no "Page"/"Section" label; a list of one kind (news) puts
// no kind on each card; a certification lists its prerequisites once and
// says nothing of what it leads to when nothing does; news is newest first.
func TestLabels(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, repoRoot, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if tier := read("fy2026/programs/reseller/premier/index.html"); !strings.Contains(tier, "<dt>Level</dt><dd>Tier 3 of 3</dd>") || strings.Contains(tier, "<dt>Rank</dt>") {
		t.Error("the tier page does not say Tier 3 of 3")
	}
	for _, p := range []string{"search/index.html", "news/index.html", "fy2026/certifications/index.html", "fy2026/index.html"} {
		if strings.Contains(read(p), `class="page-kind"`) {
			t.Errorf("%s carries a kind label", p)
		}
	}
	news := read("news/index.html")
	if strings.Contains(news, `class="card-kind"`) {
		t.Error("every news card says its kind")
	}
	cert := read("fy2026/certifications/pipeline-engineer/index.html")
	cert = cert[strings.Index(cert, "<article"):] // the sidebar lists every certification
	if strings.Count(cert, ">Tidewater Certified Associate<") > 2 || strings.Contains(cert, "<p>None.</p>") || strings.Contains(cert, `id="prerequisites"`) {
		t.Error("the certification page repeats its prerequisites or says None")
	}
	// The news sidebar lists the newest first (the summit, 2026-05-20, is newest).
	side := news[strings.Index(news, `class="sidebar"`):]
	if i, j := strings.Index(side, "EMEA partner summit"), strings.Index(side, "Faster deal registration"); i < 0 || j < 0 || i > j {
		t.Errorf("news sidebar not newest first (%d, %d)", i, j)
	}
}

// TestNewsOutsideTheSwitcher: News is a link of the site, not an entry of
// the navigation labelled "This page in other program years".
func TestNewsOutsideTheSwitcher(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, repoRoot, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dest, "fy2026/terms/mdf/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	i := strings.Index(page, `aria-label="This page in other program years"`)
	j := strings.Index(page[i:], "</nav>")
	if i < 0 || j < 0 || strings.Contains(page[i:i+j], `href="/news/"`) {
		t.Error("News is inside the program-year switcher")
	}
	if !strings.Contains(page, `<nav class="site-links" aria-label="Site">`) || !strings.Contains(page, `<a href="/news/">News</a>`) {
		t.Error("no News link in the header")
	}
}
