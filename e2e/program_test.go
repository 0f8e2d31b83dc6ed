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
	dest := exampleOut(t, "partner")
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
	site := copyOneLanguage(t)
	r := run(t, site, "new", "tier", "programs/reseller/platinum")
	if r.code != 0 || !strings.Contains(r.stdout, "content/fy2026/programs/reseller/platinum.md") {
		t.Fatalf("new: %d %s%s", r.code, r.stdout, r.stderr)
	}
	// A new tier goes above the top one (Premier is rank 3) and starts
	// from its requirements.
	b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/programs/reseller/platinum.md"))
	for _, want := range []string{"program: programs/reseller", "rank: 4\n", "entry: invitation", "# The requirements of Premier", `{certification: "solutions-architect", count: 1}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new tier lacks %q:\n%s", want, b)
		}
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
	if b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/benefits/partner-perk.md")); !strings.Contains(string(b), "program: programs/alliances   # or: programs/reseller, programs/services") ||
		!strings.Contains(string(b), "  member: false   # Member\n  validated: false   # Validated\n  strategic: false   # Strategic\n") {
		t.Errorf("new benefit template: %s", b)
	}
	os.Remove(filepath.Join(site, "content/fy2026/benefits/partner-perk.md"))
	// --program picks the program, and the benefit checks clean as written.
	if r := run(t, site, "new", "benefit", "partner-perk", "--program", "reseller"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/benefits/partner-perk.md")); !strings.Contains(string(b), "program: programs/reseller   # or:") ||
		!strings.Contains(string(b), "  premier: false   # Premier\n  managed-services: false   # Managed Services Provider\n") {
		t.Errorf("new benefit --program reseller: %s", b)
	}
	if r := run(t, site, "check"); r.code != 0 {
		t.Errorf("after new benefit: %s", r.stdout)
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
	site := copyOneLanguage(t)
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
	dest := exampleOut(t, "partner")
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

// TestChangesLinked: "what changed" is one click from the portal home,
// the year's home, each program page (at its own section), and an older
// year's banner.
func TestChangesLinked(t *testing.T) {
	t.Parallel()
	dest := exampleOut(t, "partner")
	if _, err := os.Stat(filepath.Join(dest, "fy2026/changes/index.html")); err != nil {
		t.Fatal(err)
	}
	for page, anchor := range map[string]string{"index.html": "", "fy2026/index.html": "", "fy2026/programs/reseller/index.html": "#changes-programs-reseller", "fy2025/terms/mdf/index.html": ""} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`<a [^>]*href="/fy2026/changes/` + anchor + `">What changed in FY2026</a>`).Match(b) {
			t.Errorf("%s does not link the changes page%s", page, anchor)
		}
	}
	changes, _ := os.ReadFile(filepath.Join(dest, "fy2026/changes/index.html"))
	if !strings.Contains(string(changes), `id="changes-programs-reseller"`) {
		t.Error("the changes page has no section the reseller program's link lands on")
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
	dest := exampleOut(t, "partner")
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
	dest := exampleOut(t, "partner")
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

// TestInit: init writes a portal of one's own that builds and checks
// clean, names its first year, and never overwrites.
func TestInit(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "portal")
	r := runEnv(t, t.TempDir(), []string{"PARTNERDOCS_TODAY=2027-03-01"}, "init", dir, "--title", `Acme "Partners"`)
	if r.code != 0 || !strings.Contains(r.stdout, "content/fy2027") {
		t.Fatalf("init: %d %s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, dir, "check"); r.code != 0 || !strings.Contains(r.stderr+r.stdout, "0 errors, 0 warnings") {
		t.Errorf("check: %d %s%s", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	if r := run(t, dir, "build", "--quiet", "--dest", out); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "fy2027/programs/partner/index.html"))
	if err != nil || !strings.Contains(string(b), "Acme &#34;Partners&#34;") || !strings.Contains(string(b), `class="matrix`) {
		t.Errorf("the program page: %v", err)
	}
	if r := run(t, dir, "matrix", "partner", "--format", "csv"); r.code != 0 || !strings.Contains(r.stdout, "resale-discount") {
		t.Errorf("matrix: %d %s", r.code, r.stdout)
	}
	if r := run(t, t.TempDir(), "init", dir); r.code != 2 || !strings.Contains(r.stderr, "never overwrites") {
		t.Errorf("init over a portal: %d %s", r.code, r.stderr)
	}
	if r := run(t, t.TempDir(), "init", filepath.Join(t.TempDir(), "x"), "--year", "27"); r.code != 2 {
		t.Errorf("init --year 27: %d", r.code)
	}
}

// TestNewYear: new-year starts FY2027 from FY2026 as a program manager
// would: registered as the latest, terms superseding last year's,
// references moved a year on; check then points at every copied line
// that names another year, and stops once the line is reworded.
func TestNewYear(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	r := run(t, site, "new-year")
	if r.code != 0 || !strings.Contains(r.stdout, "wrote content/fy2027") || !strings.Contains(r.stdout, "(5 copied lines name another year") {
		t.Fatalf("new-year: %d %s%s", r.code, r.stdout, r.stderr)
	}
	cfg, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	if !strings.Contains(string(cfg), "versions:\n  - name: fy2027\n    label: \"FY2027\"\n    path: content/fy2027\n    latest: true\n  - name: fy2026\n    label: \"FY2026\"\n    path: content/fy2026\n    status: supported\n") {
		t.Errorf("config.yaml:\n%s", cfg)
	}
	if !strings.Contains(string(cfg), "# The example portal") {
		t.Error("config.yaml lost its comments")
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(site, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for rel, want := range map[string]string{
		"content/fy2027/terms/mdf.md":               "effective: 2027-02-01\nsupersedes: terms/mdf@fy2026\n",
		"content/fy2027/terms/program-agreement.md": "supersedes: terms/program-agreement@fy2026\n",
		"content/fy2027/_index.md":                  "(xref:index@fy2026)",
	} {
		if !strings.Contains(read(rel), want) {
			t.Errorf("%s lacks %q", rel, want)
		}
	}
	r = run(t, site, "check", "--format", "json")
	if r.code != 0 || strings.Count(r.stdout, `"rule": "stale-year"`) != 5 || !strings.Contains(r.stdout, `"file": "content/fy2027/benefits/sandbox-credits.md"`) {
		t.Errorf("check after new-year: %d\n%s", r.code, r.stdout)
	}
	// Reworded, a line is the new year's own.
	p := filepath.Join(site, "content/fy2027/benefits/sandbox-credits.md")
	b := strings.Replace(read("content/fy2027/benefits/sandbox-credits.md"), "the hosted demo environments of FY2025", "the hosted demo environments retired in FY2025", 1)
	if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, site, "check", "--format", "json"); strings.Count(r.stdout, `"rule": "stale-year"`) != 4 {
		t.Errorf("a reworded line is still reported:\n%s", r.stdout)
	}
	out := filepath.Join(t.TempDir(), "out")
	if r := run(t, site, "build", "--quiet", "--dest", out); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	// Nothing a partner signs or gets changed yet: only the year's home
	// page (its reference moved on) and the reworded benefit differ.
	if b, err := os.ReadFile(filepath.Join(out, "fy2027/changes/index.html")); err != nil || !strings.Contains(string(b), ">Pages: 2 changes<") || strings.Contains(string(b), `id="changes-terms"`) {
		t.Errorf("FY2027's changes page: %v\n%s", err, b)
	}
	// Never twice, never over a folder.
	if r := run(t, site, "new-year", "--name", "fy2026"); r.code != 2 || !strings.Contains(r.stderr, "already has a version fy2026") {
		t.Errorf("new-year onto an existing year: %d %s", r.code, r.stderr)
	}
}

// TestNewKinds: new writes a page of each kind that checks clean as
// written, in its kind's folder.
func TestNewKinds(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	for kind, file := range map[string]string{"glossary": "content/fy2026/words.md", "path": "content/fy2026/paths/first-steps.md",
		"event": "content/fy2026/events/launch-webcast.md", "designation": "content/fy2026/designations/cloud-partner.md"} {
		id := strings.TrimSuffix(filepath.Base(file), ".md")
		if r := run(t, site, "new", kind, id); r.code != 0 || !strings.Contains(r.stdout, file) {
			t.Errorf("new %s %s: %d %s%s", kind, id, r.code, r.stdout, r.stderr)
		}
	}
	if r := run(t, site, "check"); r.code != 0 || !strings.Contains(r.stderr+r.stdout, "0 errors, 0 warnings") {
		t.Errorf("check after new: %d %s%s", r.code, r.stdout, r.stderr)
	}
}
