package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// glossarySite is a one-version site with a glossary and a page that uses
// its terms where they may be marked and where they may not.
func glossarySite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: G\nportal: content/portal\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	writeFile(t, site, "content/portal/_index.md", "---\ntitle: Home\n---\n\nOur MDF is generous.\n")
	writeFile(t, site, "content/v1/glossary.md", `---
title: Glossary
kind: glossary
entries:
  - term: MDF
    also: [market development funds]
    definition: "Money towards a partner's marketing."
  - term: Co-sell
    definition: Selling together.
  - term: R&D
    definition: Research & development.
---

Words.
`)
	writeFile(t, site, "content/v1/guide.md", "---\ntitle: Guide\n---\n\n"+
		"## MDF rules\n\n"+
		"See the [MDF terms](glossary.md#mdf) and `MDF` in code.\n\n"+
		"An MDFX is not a term. Claim your MDFs early; MDF again.\n\n"+
		"We co-sell with R&D, and market development funds are the same thing.\n\n"+
		"```\nMDF in a block\n```\n")
	return site
}

// TestGlossary: a glossary page lists its terms with their anchors; the
// first use of each term on a page (by any of its forms, with its first
// letter in either case and a plural s) is marked with its definition and
// a link to the entry, and no other use is; links, code and headings are
// left alone; the portal uses the latest year's glossary; a term defined
// twice is a warning at the entry's line; an entry without a definition
// an error at its line; links to an entry's anchor are checked.
func TestGlossary(t *testing.T) {
	t.Parallel()
	site := glossarySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dest, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("v1/guide/index.html")
	marks := regexp.MustCompile(`<button type="button" class="term-word" aria-describedby="term-([a-z-]+)">([^<]*)</button>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, m := range marks {
		got = append(got, m[1]+"="+m[2])
	}
	if want := "mdf=MDFs|co-sell=co-sell|rd=R&amp;D"; strings.Join(got, "|") != want {
		t.Errorf("marked %q, want %q", strings.Join(got, "|"), want)
	}
	for _, s := range []string{`<h2 id="mdf-rules">MDF rules<a class="heading-anchor"`, `<code>MDF</code>`, `>MDF terms</a>`, "An MDFX is not a term.", "MDF in a block",
		`<span class="term-def" id="term-mdf"><strong>MDF</strong>: Money towards a partner&#39;s marketing. <a href="/v1/glossary/#mdf">`} {
		if !strings.Contains(page, s) {
			t.Errorf("guide lacks %s", s)
		}
	}
	if !strings.Contains(read("index.html"), `aria-describedby="term-mdf">MDF</button>`) {
		t.Error("the portal home does not use the latest year's glossary")
	}
	list := read("v1/glossary/index.html")
	for _, s := range []string{`<dt id="mdf">MDF <span class="glossary-also">(market development funds)</span></dt><dd>Money towards a partner&#39;s marketing.</dd>`, `<dt id="rd">R&amp;D</dt>`} {
		if !strings.Contains(list, s) {
			t.Errorf("glossary page lacks %s", s)
		}
	}
	if strings.Contains(list, `class="term"`) {
		t.Error("the glossary page marks its own terms")
	}

	// Findings, each at its line; the rest of the run is still reported.
	writeFile(t, site, "content/v1/more.md", "---\ntitle: More\nkind: glossary\nentries:\n  - term: Rebate\n    definition: Money back.\n  - term: mdf\n    definition: Again.\n  - term: NFR\n---\n\n[x](glossary.md#nope) [y](glossary.md#rd)\n")
	r := run(t, site, "check", "--format", "json")
	for _, want := range []string{
		`"file":"content/v1/more.md","line":7,"column":5,"severity":"warning","rule":"glossary-duplicate"`,
		`"file":"content/v1/more.md","line":9,"column":5,"severity":"error","rule":"frontmatter-field","message":"a glossary entry needs a term and a definition"`,
		`"rule":"broken-anchor","message":"no heading \"nope\" in content/v1/glossary.md"`,
	} {
		if squash := func(s string) string { return strings.Join(strings.Fields(s), "") }; !strings.Contains(squash(r.stdout), squash(want)) {
			t.Errorf("check lacks %s:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, `#rd`) {
		t.Errorf("a link to an entry's anchor is reported:\n%s", r.stdout)
	}
}

// TestGlossaryExample: the example's glossary is searchable by its
// definitions, and the German build marks and defines terms in German.
func TestGlossaryExample(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	hits := bleveSearch(t, site, "what is a SPIFF")
	if len(hits) == 0 || hits[0].URL != "fy2026/glossary/#spiff" {
		t.Errorf("search for a SPIFF: %+v", hits)
	}
	dest := exampleOut(t, "partner")
	de, err := os.ReadFile(filepath.Join(dest, "de/fy2026/glossary/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(de), `<dt id="tier-review">Stufenprüfung</dt>`) {
		t.Error("the German glossary does not list its own terms")
	}
	terms, err := os.ReadFile(filepath.Join(dest, "de/fy2026/terms/mdf/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(terms), `aria-describedby="term-proof-of-performance">Leistungsnachweis</button><span class="term-def" id="term-proof-of-performance"><strong>Leistungsnachweis</strong>: Was belegt`) {
		t.Error("the German MDF terms do not mark Leistungsnachweis with its German definition")
	}
}

// TestBrowserGlossary: in Chromium a marked term's definition is hidden
// until the word has focus (keyboard) or is tapped; Escape and a tap
// elsewhere close it; on a phone it stays on the screen; in print it is
// never shown.
func TestBrowserGlossary(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := servedExample(t)
	const word = `button[aria-describedby="term-net-new-arr"]`
	shown := `getComputedStyle(document.getElementById('term-net-new-arr')).display`
	for i, width := range []int64{1366, 390, 390} {
		scheme := "light"
		if i == 2 {
			scheme = "dark"
		}
		colorScheme(ctx, t, scheme)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+"/fy2026/programs/reseller/premier/"), chromedp.WaitReady(word)); err != nil {
			t.Fatal(err)
		}
		if got := mustEval(ctx, t, shown); got != "none" {
			t.Fatalf("at %d px the definition shows before anything is done (display %s)", width, got)
		}
		if i == 0 {
			// Keyboard: focus shows it, Escape hides it.
			mustEval(ctx, t, `document.querySelector('`+word+`').focus(), ''`)
			if got := mustEval(ctx, t, shown); got != "block" {
				t.Errorf("focused, the definition is not shown (display %s)", got)
			}
			mustEval(ctx, t, `document.querySelector('`+word+`').scrollIntoView({block: 'center'}), ''`)
			screenshotViewport(ctx, t, fmt.Sprintf("glossary-%d-%s.png", width, scheme))
			if err := chromedp.Do(ctx, chromedp.KeyEvent("\u001b")); err != nil {
				t.Fatal(err)
			}
			if got := mustEval(ctx, t, shown); got != "none" {
				t.Errorf("after Escape, the definition is shown (display %s)", got)
			}
			continue
		}
		// Touch: a tap opens it, within the screen; a tap elsewhere
		// closes it.
		mustEval(ctx, t, `document.querySelector('`+word+`').scrollIntoView({block: 'center'}), ''`)
		if err := chromedp.Do(ctx, chromedp.Click(word, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		box := mustEval(ctx, t, `(() => { const r = document.getElementById('term-net-new-arr').getBoundingClientRect(); return r.width > 100 && r.left >= 0 && r.right <= innerWidth ? 'inside' : r.left + '..' + r.right })()`)
		if box != "inside" {
			t.Errorf("at %d px the open definition is at %s, not within the screen", width, box)
		}
		if got := mustEval(ctx, t, `document.querySelector('`+word+`').getAttribute('aria-expanded')`); got != "true" {
			t.Errorf("tapped, aria-expanded is %s", got)
		}
		screenshotViewport(ctx, t, fmt.Sprintf("glossary-%d-%s.png", width, scheme))
		if err := chromedp.Do(ctx, chromedp.Click(`h1`, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		if got := mustEval(ctx, t, shown); got != "none" {
			t.Errorf("after a tap elsewhere the definition is shown (display %s)", got)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	mustEval(ctx, t, `document.querySelector('`+word+`').focus(), ''`)
	if got := mustEval(ctx, t, shown); got != "none" {
		t.Errorf("printed, a definition is shown (display %s)", got)
	}
}

// screenshotViewport saves what the screen shows when someone will look
// (see screenshot).
func screenshotViewport(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	if os.Getenv("PARTNERDOCS_ARTIFACTS") == "" && !t.Failed() {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
