package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// guideMatrix is what the guide tests read of a program's matrix.json:
// the tiers and every benefit's value for each.
type guideMatrix struct {
	Tiers        []struct{ ID, Title string }
	Designations []struct{ ID, Title string }
	Benefits     []struct {
		Title string
		Terms string
		Cells map[string]struct{ Display string }
	}
}

func readMatrix(t *testing.T, dest, program string) guideMatrix {
	t.Helper()
	var m guideMatrix
	b, err := os.ReadFile(filepath.Join(dest, "fy2026", "programs", program, "matrix.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

var (
	idAttrRE   = regexp.MustCompile(`\sid="([^"]*)"`)
	fragHrefRE = regexp.MustCompile(`href="#([^"]*)"`)
)

// TestProgramGuide builds the example and reads the reseller program's
// guide as a page: cover, contents whose every entry lands on a part, the
// program's text, every tier and benefit with its values, the clauses of
// the MDF terms, ids unique although the guide holds many pages, and a
// link to it from the program page. A public build's guide of the
// alliances program leaves out the internal-only benefit.
func TestProgramGuide(t *testing.T) {
	t.Parallel()
	dest := exampleOut(t, "partner")
	raw, err := os.ReadFile(filepath.Join(dest, "fy2026", "programs", "reseller", "guide", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	for _, want := range []string{
		`<h1>Reseller Program guide</h1>`, `class="guide-cover"`, `<p class="guide-year">FY2026</p>`,
		`class="guide-contents"`, `id="program-title">About the program</h2>`, `id="tiers-title">Tiers</h2>`,
		`id="benefits-title">Benefits</h2>`, `id="certifications-title">Required certifications</h2>`,
		// The program's own text, its headings moved under the part's.
		`>How resale works<a`,
		// The MDF terms' clauses, once, under the first benefit they govern.
		`>Terms: Market development funds terms</h4>`, `>Eligible activities<a`, `>Claims<a`, `>Unused funds<a`,
		// Running header in print: program and year.
		`@top-right { content: "Reseller Program guide"; }`, `· FY2026`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("guide lacks %s", want)
		}
	}
	ids := map[string]int{}
	for _, m := range idAttrRE.FindAllStringSubmatch(page, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times in the guide", id, n)
		}
	}
	for _, m := range fragHrefRE.FindAllStringSubmatch(page, -1) {
		if m[1] != "" && ids[m[1]] == 0 {
			t.Errorf("link to #%s has no target in the guide", m[1])
		}
	}
	mx := readMatrix(t, dest, "reseller")
	for _, tier := range append(mx.Tiers, mx.Designations...) {
		if !strings.Contains(page, ">"+tier.Title+"</h3>") {
			t.Errorf("guide has no section for tier %s", tier.Title)
		}
	}
	for _, b := range mx.Benefits {
		if !strings.Contains(page, ">"+htmlEscape(b.Title)+"</h3>") {
			t.Errorf("guide has no section for benefit %s", b.Title)
		}
		// Links to pages the guide holds stay inside it.
		if b.Terms != "" && strings.Contains(page, `href="`+b.Terms+`"`) {
			t.Errorf("guide links out to %s, which it holds", b.Terms)
		}
	}
	if !strings.Contains(page, `>Terms: Market development funds terms</h4>`) || strings.Count(page, `>Terms: Market development funds terms</h4>`) != 1 {
		t.Errorf("the MDF terms should be shown exactly once")
	}
	prog, err := os.ReadFile(filepath.Join(dest, "fy2026", "programs", "reseller", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(prog), `href="/fy2026/programs/reseller/guide/"`) {
		t.Error("the program page does not link to its guide")
	}

	// Audience: the alliances guide shows an internal-only benefit in an
	// internal build only.
	const internalOnly = "Tidewater field enablement on your integration"
	for _, aud := range []string{"public", "partner", "internal"} {
		d := exampleOut(t, aud)
		g, err := os.ReadFile(filepath.Join(d, "fy2026", "programs", "alliances", "guide", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(string(g), internalOnly); has != (aud == "internal") {
			t.Errorf("%s build: alliances guide shows %q: %v", aud, internalOnly, has)
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestProgramGuidePDF prints the reseller guide with partnerdocs pdf
// through Chromium and reads the PDF back with poppler: its text holds the
// program, the year, every tier and every benefit value of the matrix,
// and page numbers; its first pages are kept as PNGs in the test
// artifacts. Bad input (unknown program or year, no browser) exits 2.
func TestProgramGuidePDF(t *testing.T) {
	t.Parallel()
	chrome := chromiumPath(t)
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI (apt-get install poppler-utils)", tool)
			}
			t.Skipf("no %s on this machine", tool)
		}
	}
	site := copySite(t)
	out := filepath.Join(t.TempDir(), "reseller.pdf")
	env := []string{"PARTNERDOCS_CHROME=" + chrome}
	r := runEnv(t, site, env, "pdf", "reseller", "-o", out)
	if r.code != 0 {
		t.Fatalf("pdf: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, out) {
		t.Errorf("pdf does not say where it wrote: %q", r.stdout)
	}
	text, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Table cells wrap anywhere: compare without white space.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	flat := squash(string(text))

	mx := readMatrix(t, exampleOut(t, "partner"), "reseller")
	// The MDF benefit's Mermaid flowchart is printed drawn: its labels,
	// not its source.
	want := []string{"Reseller Program guide", "FY2026", "Page 1 of", "Contents", "Tiers at a glance", "Proposal submitted", "Funds paid within 30 days"}
	if strings.Contains(flat, "flowchartTD") || strings.Contains(flat, "-->") {
		t.Error("the PDF shows a diagram's source, not the diagram")
	}
	for _, tier := range append(mx.Tiers, mx.Designations...) {
		want = append(want, tier.Title)
	}
	for _, b := range mx.Benefits {
		want = append(want, b.Title)
		for _, tier := range mx.Tiers {
			if d := b.Cells[tier.ID].Display; d != "" && d != "—" {
				want = append(want, d)
			}
		}
	}
	for _, w := range want {
		if !strings.Contains(flat, squash(w)) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if err := exec.Command("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "6", out, filepath.Join(artifactDir(t), "guide-reseller")).Run(); err != nil {
		t.Errorf("pdftoppm: %v", err)
	}

	for _, c := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"unknown program", env, []string{"pdf", "wholesale"}, "programs/reseller"},
		{"unknown year", env, []string{"pdf", "reseller", "--version", "fy1999"}, "fy2026"},
		{"bad paper", env, []string{"pdf", "reseller", "--paper", "quarto"}, "--paper"},
		{"named browser missing", []string{"PARTNERDOCS_CHROME=/nonexistent/chromium"}, []string{"pdf", "reseller"}, "apt-get install chromium"},
		{"no browser on PATH", []string{"PARTNERDOCS_CHROME=", "PATH=" + t.TempDir()}, []string{"pdf", "reseller"}, "apt-get install chromium"},
	} {
		r := runEnv(t, site, c.env, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c.name, r.code, r.stderr, c.want)
		}
	}
}
