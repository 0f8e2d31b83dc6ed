package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestPaths: the example's onboarding path lists its steps by stage, each
// linked to where it is done; every page that is a step says which step
// it is and links the next; the public build, which leaves the path out,
// shows none of it.
func TestPaths(t *testing.T) {
	t.Parallel()
	dest := exampleOut(t, "partner")
	read := func(dir, rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	path := read(dest, "fy2026/paths/reseller-onboarding/index.html")
	var got []string
	for _, m := range regexp.MustCompile(`(?s)<li class="path-step" id="step-([a-z0-9-]+)">.*?<a href="([^"]+)"`).FindAllStringSubmatch(path, -1) {
		got = append(got, m[1]+" "+m[2])
	}
	want := []string{
		"read-how-the-reseller-program-works /fy2026/programs/reseller/",
		"sign-the-tidewater-partner-agreement /fy2026/terms/program-agreement/",
		"get-two-sales-people-certified-as-sales-associates /fy2026/certifications/sales-associate/",
		"get-one-engineer-certified-as-a-certified-associate /fy2026/certifications/technical-associate/",
		"order-your-not-for-resale-licenses-for-demos /fy2026/benefits/nfr-licenses/",
		"learn-how-deal-registration-protects-your-deals /fy2026/guides/deal-registration/",
		"first-deal https://partners.tidewater.example/deals/new",
		"plan-a-first-campaign-with-market-development-funds /fy2026/benefits/mdf/",
		"check-your-progress-towards-select-before-your-first-tier-review /fy2026/guides/tier-reviews/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("path steps:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, s := range []string{`<h2 id="stage-first-30-days">First 30 days</h2>`, `<ol class="path-steps" start="3">`, `data-path="/fy2026/paths/reseller-onboarding/"`,
		`<dt>Goal</dt><dd><a href="/fy2026/programs/reseller/select/">Select</a></dd>`, `Earn: <a href="/fy2026/certifications/sales-associate/">Tidewater Sales Associate</a> · by day 30`} {
		if !strings.Contains(path, s) {
			t.Errorf("path page lacks %s", s)
		}
	}
	for rel, want := range map[string]string{
		"fy2026/benefits/mdf/index.html":             `<strong>Step 8 of 9 in</strong> <a href="/fy2026/paths/reseller-onboarding/">Your first 90 days as a reseller</a></p><p>Next step: <a href="/fy2026/guides/tier-reviews/">`,
		"fy2026/guides/deal-registration/index.html": `<strong>Step 6 of 9 in</strong> <a href="/fy2026/paths/reseller-onboarding/">Your first 90 days as a reseller</a></p><p>Next step: <a href="https://partners.tidewater.example/deals/new" rel="noopener">Register your first deal</a>`,
		"fy2026/guides/tier-reviews/index.html":      `<strong>Step 9 of 9 in</strong> <a href="/fy2026/paths/reseller-onboarding/">Your first 90 days as a reseller</a></p><p>This is the path&#39;s last step.</p>`,
		"de/fy2026/benefits/mdf/index.html":          `<strong>Schritt 8 von 9 in</strong> <a href="/de/fy2026/paths/reseller-onboarding/">`,
	} {
		if !strings.Contains(read(dest, rel), want) {
			t.Errorf("%s lacks %s", rel, want)
		}
	}
	if strings.Contains(read(dest, "fy2025/benefits/mdf/index.html"), "path-here") {
		t.Error("last year's MDF page says it is a step of this year's path")
	}
	public := exampleOut(t, "public")
	if _, err := os.Stat(filepath.Join(public, "fy2026/paths/reseller-onboarding/index.html")); err == nil {
		t.Error("the public build has the partner path")
	}
	if strings.Contains(read(public, "fy2026/programs/reseller/index.html"), "path-here") {
		t.Error("a public page names a step of a partner path")
	}
}

// TestPathFindings: every reference of a path is checked, each finding at
// its step's line, and the run reports them all.
func TestPathFindings(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: P\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	writeFile(t, site, "content/v1/programs/resale/_index.md", "---\ntitle: Resale\nkind: program\n---\n")
	writeFile(t, site, "content/v1/programs/resale/silver.md", "---\ntitle: Silver\nkind: tier\nprogram: programs/resale\nrank: 1\n---\n")
	writeFile(t, site, "content/v1/programs/other/_index.md", "---\ntitle: Other\nkind: program\n---\n")
	writeFile(t, site, "content/v1/programs/other/bronze.md", "---\ntitle: Bronze\nkind: tier\nprogram: programs/other\nrank: 1\n---\n")
	writeFile(t, site, "content/v1/certs/sales.md", "---\ntitle: Sales\nkind: certification\n---\n")
	writeFile(t, site, "content/v1/guide.md", "---\ntitle: Guide\n---\n")
	writeFile(t, site, "content/v1/onboarding.md", `---
title: Onboarding
kind: path
program: programs/resale
tier: programs/other/bronze
steps:
  - {title: Read, page: giude}
  - {title: Certify, certification: guide}
  - {title: Claim, benefit: mdf}
  - {title: Register, link: "/deals/new"}
  - {page: guide}
  - {title: Both, page: guide, link: "https://x.example/"}
  - {title: Fine, certification: sales, days: -1}
  - {title: Read, page: guide}
---
`)
	r := run(t, site, "check", "--format", "json")
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, want := range []string{
		`"line":5,"column":7,"severity":"error","rule":"unknown-ref","message":"tier \"programs/other/bronze\" is a tier of Other, not of the path's program Resale"`,
		`"line":7,"column":25,"severity":"error","rule":"unknown-ref","message":"step page \"giude\": no page with that id in v1","suggestion":"guide"`,
		`"line":8,"column":37,"severity":"error","rule":"unknown-ref","message":"step certification \"guide\" is a page page, not a certification"`,
		`"line":9,"column":29,"severity":"error","rule":"unknown-ref","message":"step benefit \"mdf\": no benefit page with that id in v1"`,
		`"line":10,"column":29,"severity":"error","rule":"broken-link"`,
		`"line":11,"column":5,"severity":"error","rule":"frontmatter-field","message":"a path step needs a title"`,
		`"line":12,"column":5,"severity":"error","rule":"frontmatter-field","message":"a path step is one of page, certification, benefit, link; this one has page and link"`,
		`"line":13,"column":47,"severity":"error","rule":"frontmatter-field","message":"steps.days: -1 is before the start; days count from 0"`,
		`"line":14,"column":5,"severity":"error","rule":"frontmatter-field","message":"two steps have the id \"read\" (from their titles); give one an id"`,
	} {
		if !strings.Contains(squash(r.stdout), squash(want)) {
			t.Errorf("check lacks %s", want)
		}
	}
	if t.Failed() {
		t.Log(r.stdout)
	}
}

// TestBrowserPath: in Chromium a reader ticks two steps of the path,
// reloads, and finds them still ticked with the progress counted; clearing
// unticks them; printed, the page is a checklist without its buttons.
func TestBrowserPath(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := servedExample(t)
	url := srv.URL + "/fy2026/paths/reseller-onboarding/"
	state := `[...document.querySelectorAll('input[data-step]')].map(b => b.checked ? 1 : 0).join('') + ' ' + document.querySelector('[data-path-progress]').textContent`
	for i, width := range []int64{390, 1366, 390} {
		scheme := "light"
		if i == 2 {
			scheme = "dark"
		}
		colorScheme(ctx, t, scheme)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(url), chromedp.WaitVisible(`[data-path-bar]`)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if got := mustEval(ctx, t, state); got != "000000000 0 of 9 steps done" {
				t.Fatalf("a new reader's path: %s", got)
			}
			// Ticked by the label, as a reader taps the words.
			for _, id := range []string{"sign-the-tidewater-partner-agreement", "first-deal"} {
				if err := chromedp.Do(ctx, chromedp.Click(`label[for="done-`+id+`"]`, chromedp.NodeVisible)); err != nil {
					t.Fatal(err)
				}
			}
			if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(`[data-path-bar]`)); err != nil {
				t.Fatal(err)
			}
		}
		if got := mustEval(ctx, t, state); got != "010000100 2 of 9 steps done" {
			t.Errorf("at %d px after a reload: %s", width, got)
		}
		mustEval(ctx, t, `document.querySelector('.path-status').scrollIntoView(), ''`)
		screenshotViewport(ctx, t, fmt.Sprintf("path-%d-%s.png", width, scheme))
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got := mustEval(ctx, t, `[...document.querySelectorAll('.path-actions, .path-note, .path-bar')].map(e => getComputedStyle(e).display).join(',') + ' ' + (getComputedStyle(document.querySelector('input[data-step]')).display !== 'none')`); got != "none,none,none true" {
		t.Errorf("printed, buttons, note, bar and the boxes are %s", got)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "screen"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-path-reset]`, chromedp.NodeVisible), chromedp.Reload(), chromedp.WaitVisible(`[data-path-bar]`)); err != nil {
		t.Fatal(err)
	}
	if got := mustEval(ctx, t, state); got != "000000000 0 of 9 steps done" {
		t.Errorf("after clearing and a reload: %s", got)
	}
}
