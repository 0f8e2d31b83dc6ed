package e2e

import (
	"encoding/json"
	"os"
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
