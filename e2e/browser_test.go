package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumPath is the Chromium the tests use ($CHROMIUM, else the usual
// places). In CI its absence is a failure; elsewhere the test is skipped.
func chromiumPath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
			if _, err := os.Stat(p); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if lp, err := exec.LookPath("chromium"); err == nil {
			path = lp
		}
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("Chromium is required in CI (apt-get install chromium)")
		}
		t.Skip("no Chromium on this machine")
	}
	return path
}

// browser starts headless Chromium. In CI its absence is a failure: the
// browser tests are required there, and a skip would hide a missing
// install step. Browser tests belong to the long suite (see longSuite):
// outside it, a test ends here, after what it checked without one, as
// skipped.
func browser(t *testing.T) context.Context {
	t.Helper()
	if !longSuite {
		t.Skip("the rest needs Chromium: it runs in the long suite (go test -tags scale -run '" + longRun + "' ./e2e/)")
	}
	path := chromiumPath(t)
	theBrowser.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.UserDataDir(filepath.Join(shared, "chromium")),
			chromedp.WindowSize(1280, 900),
		)
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelB := chromedp.NewContext(actx)
		// Do with no actions starts the browser with its first tab.
		theBrowser.err = chromedp.Do(bctx)
		theBrowser.ctx = bctx
		afterAll = append(afterAll, func() { cancelB(); cancelA() })
	})
	if theBrowser.err != nil {
		t.Fatalf("starting chromium: %v", theBrowser.err)
	}
	// A tab of its own: pages, viewport and emulated media are the tab's;
	// every test serves on its own port, so storage is not shared either.
	ctx, cancelC := chromedp.NewContext(theBrowser.ctx)
	// A safety net, not a timing assertion: the layout test loads 44 pages
	// with axe, on a shared two-core machine.
	ctx, cancelT := context.WithTimeout(ctx, 300*time.Second)
	t.Cleanup(func() { cancelT(); cancelC() })
	return ctx
}

// theBrowser is the one Chromium the package's browser tests share, each
// in its own tab: starting one per test cost about two seconds of CPU
// each.
var theBrowser struct {
	once sync.Once
	ctx  context.Context
	err  error
}

// axeSource is axe-core from npm (e2e/package.json).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "e2e", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("axe-core is required in CI (npm ci --prefix e2e)")
		}
		t.Skip("axe-core not installed: run npm ci --prefix e2e")
	}
	return string(b)
}

func artifactDir(t *testing.T) string {
	dir := os.Getenv("PARTNERDOCS_ARTIFACTS")
	if dir == "" {
		// Outside the repository: tests do not write into it.
		dir = filepath.Join(os.TempDir(), "partnerdocs-test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  int    `json:"nodes"`
	Target string `json:"target"`
}

// runAxe injects axe-core into the current page and returns its serious
// and critical violations.
func runAxe(ctx context.Context, t *testing.T, axe string) []violation {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		t.Fatalf("injecting axe: %v", err)
	}
	script := `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: String(v.nodes[0] && v.nodes[0].target)}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	var all []violation
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("axe result %q: %v", out, err)
	}
	var bad []violation
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v)
		}
	}
	return bad
}

func screenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	// Taken when someone will look: PARTNERDOCS_ARTIFACTS names a folder,
	// or the test has failed so far. A full-page PNG is a good share of a
	// browser test's CPU.
	if os.Getenv("PARTNERDOCS_ARTIFACTS") == "" && !t.Failed() {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserNavigation opens the example portal in Chromium, follows the
// navigation from the home page to a guide, and runs axe-core on each
// page it visits, in light and dark mode and on a phone-sized screen.
func TestBrowserNavigation(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	axe := axeSource(t)
	_, srv := servedExample(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	location := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if h1 := text(`h1`); h1 != "Tidewater Partner Portal" {
		t.Errorf("home h1 = %q", h1)
	}
	screenshot(ctx, t, "home.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("home: axe violations %+v", v)
	}

	// Home → FY2026 in the header → Program guides in the sidebar →
	// Registering deals.
	err = chromedp.Do(ctx,
		chromedp.Click(`.top-nav a[href="/fy2026/"]`, chromedp.NodeVisible),
		chromedp.WaitVisible(`.sidebar`),
		chromedp.Click(`.sidebar a[href="/fy2026/guides/"]`, chromedp.NodeVisible),
		chromedp.WaitVisible(`.cards`),
		chromedp.Click(`.cards a[href="/fy2026/guides/deal-registration/"]`, chromedp.NodeVisible),
		chromedp.WaitVisible(`.toc`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if loc, h1 := location(), text(`h1`); !strings.HasSuffix(loc, "/fy2026/guides/deal-registration/") || h1 != "Registering deals" {
		t.Errorf("after navigation: %s, h1 %q", loc, h1)
	}
	if current := text(`.sidebar a[aria-current="page"]`); current != "Registering deals" {
		t.Errorf("sidebar current = %q", current)
	}
	if crumbs := text(`.breadcrumbs`); !strings.Contains(crumbs, "FY2026") || !strings.Contains(crumbs, "Program guides") {
		t.Errorf("breadcrumbs = %q", crumbs)
	}
	screenshot(ctx, t, "guide.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("guide: axe violations %+v", v)
	}

	// A cross-page anchor link lands on its heading.
	err = chromedp.Do(ctx,
		chromedp.Click(`a[href="/fy2026/terms/deal-registration/#approval"]`, chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#approval")),
	)
	if loc := location(); err != nil || !strings.HasSuffix(loc, "/fy2026/terms/deal-registration/#approval") {
		t.Errorf("anchor link: %s %v", loc, err)
	}

	// The program page shows the generated matrix; the region picker
	// swaps in the regional values without a server.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fy2026/programs/reseller/")); err != nil {
		t.Fatal("navigate:", err)
	}
	// Poll rather than WaitVisible: after the fragment navigation above,
	// chromedp's DOM tracking can miss the next document.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.matrix') !== null && document.querySelector('.matrix').getBoundingClientRect().height > 0`)); err != nil {
		t.Fatal("wait:", err)
	}
	mdfSelect := `(() => { const v = [...document.querySelectorAll('.matrix-variant')].find(e => getComputedStyle(e).display !== 'none');
		const row = [...v.querySelectorAll('tr')].find(r => r.querySelector('th') && r.querySelector('th').textContent.startsWith('Market development funds'));
		return v.dataset.region + ' ' + row.querySelectorAll('td')[1].textContent; })()`
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](mdfSelect)); err != nil || !strings.HasPrefix(got, "global 50%") {
		t.Errorf("global MDF for Select = %q, %v", got, err)
	}
	screenshot(ctx, t, "program.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("program page: axe violations %+v", v)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.region-picker input[value="apac"]`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](mdfSelect)); err != nil || !strings.HasPrefix(got, "apac 40%") {
		t.Errorf("APAC MDF for Select = %q, %v", got, err)
	}
	screenshot(ctx, t, "program-apac.png")

	// Printed, the program page keeps its text and tables and drops the
	// action buttons, which do nothing on paper.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.program-actions')).display + ' ' + getComputedStyle(document.querySelector('.program-matrix')).display`)); err != nil || got != "none block" {
		t.Errorf("printed program page: actions and matrix display %q (%v), want none and block", got, err)
	}

	// Dark mode keeps contrast.
	media := func(scheme string) {
		t.Helper()
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	media("dark")
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fy2026/terms/mdf/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	screenshot(ctx, t, "terms-dark.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("terms (dark): axe violations %+v", v)
	}

	// On a phone the sidebar folds into a menu.
	media("light")
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/fy2026/guides/getting-started/"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The menu starts folded behind its button, so the page's title is on
	// the first screen; the button opens it.
	folded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.nav-toggle-label')).display !== 'none' && getComputedStyle(document.querySelector('.nav-body')).display === 'none' && document.querySelector('h1').getBoundingClientRect().bottom < innerHeight`))
	if err != nil || !folded {
		t.Errorf("on a phone the menu is not folded with the title on the first screen (%v)", err)
	}
	screenshot(ctx, t, "guide-phone.png")
	opened, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('.nav-toggle-label').click(), getComputedStyle(document.querySelector('.nav-body')).display !== 'none'`))
	if err != nil || !opened {
		t.Errorf("the Menu button does not open the menu (%v)", err)
	}
	screenshot(ctx, t, "guide-phone-menu.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("phone: axe violations %+v", v)
	}
}

// TestBrowserVersions: the switcher moves between the same page in two
// years (across a rename), a page missing in a year lands on that year's
// home, and the banner of an older year links to the latest page.
func TestBrowserVersions(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	axe := axeSource(t)
	_, srv := servedExample(t)
	loc := func() string {
		s, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(s, srv.URL)
	}
	// waitFor polls from Go: a page-side poll does not survive the
	// navigation it waits for.
	waitFor := func(path string) {
		t.Helper()
		for i := 0; i < 100; i++ {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`location.pathname === "`+path+`" && document.readyState === "complete"`))
			if err == nil && ok {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("waiting for %s, still at %s", path, loc())
	}
	// FY2026 "Registering deals" was guides/registering-deals in FY2025.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fy2026/guides/deal-registration/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.version-switcher a[data-version="fy2025"]`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	waitFor("/fy2025/guides/registering-deals/")
	banner, err := chromedp.Run(ctx, chromedp.Text(`.version-banner`))
	if err != nil || !strings.Contains(banner, "You are reading FY2025") || !strings.Contains(banner, "See this page in FY2026") {
		t.Errorf("banner = %q, %v", banner, err)
	}
	screenshot(ctx, t, "old-year.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("old year page: axe violations %+v", v)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.version-banner a`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	waitFor("/fy2026/guides/deal-registration/")

	// Sandbox credits are new in FY2026: the FY2025 link goes to its home.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fy2026/benefits/sandbox-credits/")); err != nil {
		t.Fatal(err)
	}
	title, _ := chromedp.Run(ctx, chromedp.AttributeValue(`.version-switcher a[data-version="fy2025"]`, "title"))
	if !strings.Contains(title.Value, "Not in FY2025") {
		t.Errorf("missing-page hint = %q", title.Value)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.version-switcher a[data-version="fy2025"]`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	waitFor("/fy2025/")

	// /latest/ redirects to the current page.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/latest/terms/mdf/")); err != nil {
		t.Fatal(err)
	}
	waitFor("/fy2026/terms/mdf/")
}

// TestBrowserSearch types into the header box, filters on /search/,
// moves with the keyboard, opens a result, and counts what a cold query
// downloads.
func TestBrowserSearch(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	axe := axeSource(t)
	dest, srv := servedExample(t)
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	waitJS := func(js string) { t.Helper(); waitFor(ctx, t, js) }
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fy2026/guides/getting-started/"), chromedp.WaitVisible(`#site-search-q`)); err != nil {
		t.Fatal(err)
	}
	// Nothing of the index loads before the first keystroke.
	if n := eval(`String(performance.getEntriesByType('resource').filter(e => e.name.includes('/search/idx/')).length)`); n != "0" {
		t.Errorf("%s index files loaded before typing", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#site-search-q`), chromedp.KeyEvent("mdf claim")); err != nil {
		t.Fatal(err)
	}
	waitJS(`document.querySelectorAll('#site-search-results [role=option]').length > 0`)
	first := eval(`document.querySelector('#site-search-results [role=option] .sr-title').textContent`)
	if !strings.Contains(strings.ToLower(first), "mdf") && !strings.Contains(strings.ToLower(first), "market development") {
		t.Errorf("first result %q", first)
	}
	if !strings.Contains(eval(`document.querySelector('#site-search-results').innerHTML`), "<mark>") {
		t.Error("no matched words marked")
	}
	// Cold query cost: requests and compressed bytes of the index files.
	files := eval(`JSON.stringify(performance.getEntriesByType('resource').filter(e => e.name.includes('/search/idx/')).map(e => new URL(e.name).pathname))`)
	var paths []string
	json.Unmarshal([]byte(files), &paths)
	total := int64(0)
	for _, p := range paths {
		st, err := os.Stat(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(p, "/"))+".gz"))
		if err != nil {
			t.Fatalf("no .gz sibling for %s", p)
		}
		total += st.Size()
	}
	t.Logf("cold query: %d requests, %d bytes compressed", len(paths), total)
	if len(paths) > 5 || total > 100_000 {
		t.Errorf("cold query took %d requests and %d bytes", len(paths), total)
	}
	screenshot(ctx, t, "search-box.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("search box open: axe violations %+v", v)
	}
	// Keyboard: down twice, up once, Enter opens the first result.
	want := eval(`document.querySelector('#site-search-results [role=option]').getAttribute('data-href')`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	if sel := eval(`document.querySelector('#site-search-results [aria-selected=true]').getAttribute('data-href')`); sel != want {
		t.Errorf("keyboard selection %s, want %s", sel, want)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitJS(`location.pathname === ` + jsq(want))

	// The search page filters by kind.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=tier")); err != nil {
		t.Fatal(err)
	}
	waitJS(`document.querySelectorAll('#search-page-results li').length > 0 && document.querySelector('select[name=kind]').options.length > 1`)
	eval(`(() => { const s = document.querySelector('select[name=kind]'); s.value = 'tier'; s.dispatchEvent(new Event('change')); return ''; })()`)
	waitJS(`[...document.querySelectorAll('#search-page-results .sr-meta')].length > 0 && [...document.querySelectorAll('#search-page-results .sr-meta')].every(e => e.textContent.startsWith('Tier'))`)
	// The count is of the results listed: a page's copy in another year is
	// "Also in", not a result of its own.
	if got := eval(`(n => { const s = document.querySelector('#search-page [data-search-status]').textContent; return s === n + ' results' || s === '1 result' && n === 1 ? 'ok' : s + ' for ' + n + ' listed'; })(document.querySelectorAll('#search-page-results > li').length)`); got != "ok" {
		t.Errorf("search page count: %s", got)
	}
	screenshot(ctx, t, "search-page.png")
	if v := runAxe(ctx, t, axe); len(v) > 0 {
		t.Errorf("search page: axe violations %+v", v)
	}
}

// TestBrowserLiveReload runs partnerdocs serve on a copy of the example:
// an edit shows up in the open page by itself, a broken edit shows the
// error overlay, and fixing it clears the overlay.
func TestBrowserLiveReload(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	site := copySite(t)
	base := startServe(t, site).base
	waitJS := func(js string) { t.Helper(); waitFor(ctx, t, js) }
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/fy2026/terms/mdf/")); err != nil {
		t.Fatal(err)
	}
	// The page is live once its event stream said hello.
	live := `document.documentElement.hasAttribute('data-partnerdocs-live')`
	waitJS(`document.body.textContent.includes('Claim within 45 days') && ` + live)
	mdf := filepath.Join(site, "content/fy2026/terms/mdf.md")
	orig, _ := os.ReadFile(mdf)
	os.WriteFile(mdf, []byte(strings.Replace(string(orig), "Claim within 45 days", "Claim within 60 days", 1)), 0o644)
	waitJS(`document.body.textContent.includes('Claim within 60 days') && ` + live)
	os.WriteFile(mdf, []byte(strings.Replace(string(orig), "title: \"Market development funds terms\"", "title: [broken", 1)), 0o644)
	waitJS(`!!document.getElementById('partnerdocs-errors') && document.getElementById('partnerdocs-errors').textContent.includes('content/fy2026/terms/mdf.md')`)
	screenshot(ctx, t, "error-overlay.png")
	if !strings.Contains(mustEval(ctx, t, `document.body.textContent`), "Claim within 60 days") {
		t.Error("the last good page is gone under the overlay")
	}
	// A finding with a suggestion shows it, as the terminal does, and the
	// overlay can be dismissed.
	os.WriteFile(mdf, append(append([]byte{}, orig...), "\nSee the [claim clause](#claim).\n"...), 0o644)
	waitJS(`!!document.getElementById('partnerdocs-errors') && document.getElementById('partnerdocs-errors').textContent.includes('(did you mean "claims"?)')`)
	screenshot(ctx, t, "error-overlay-suggestion.png")
	mustEval(ctx, t, `document.querySelector('#partnerdocs-errors button[aria-label="Dismiss the build errors"]').click(), "clicked"`)
	waitJS(`!document.getElementById('partnerdocs-errors')`)
	os.WriteFile(mdf, orig, 0o644)
	waitJS(`!document.getElementById('partnerdocs-errors') && document.body.textContent.includes('Claim within 45 days')`)
}

// colorScheme makes the tab's pages prefer a light or a dark scheme.
func colorScheme(ctx context.Context, t *testing.T, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
		t.Fatal(err)
	}
}

// mustEval evaluates JavaScript in the tab and returns its string.
func mustEval(ctx context.Context, t *testing.T, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// waitFor polls a JavaScript condition from Go for up to 15 seconds: a
// page-side poll would not survive the navigations it often waits for.
func waitFor(ctx context.Context, t *testing.T, js string) {
	t.Helper()
	for i := 0; i < 150; i++ {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", js)
}

// servedExample serves the example portal on loopback for the rest of
// the test, from the build that every caller shares (exampleOut): they
// only read it.
func servedExample(t *testing.T) (string, *httptest.Server) {
	t.Helper()
	dest := exampleOut(t, "partner")
	srv := httptest.NewServer(staticSite(t, dest))
	t.Cleanup(srv.Close)
	return dest, srv
}

// TestBrowserSearchOnPhone: the header search's results fit a 390 px
// screen.
func TestBrowserSearchOnPhone(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := servedExample(t)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/fy2026/guides/getting-started/"),
		chromedp.WaitVisible(`#site-search-q`),
		chromedp.Click(`#site-search-q`), chromedp.KeyEvent("mdf claim"),
	)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, `document.querySelectorAll('#site-search-results [role=option]').length > 0`)
	screenshot(ctx, t, "search-phone.png")
	box := mustEval(ctx, t, `(r => Math.round(r.left) + " " + Math.round(r.right) + " " + innerWidth)(document.querySelector('#site-search-results').getBoundingClientRect())`)
	var left, right, width int
	fmt.Sscan(box, &left, &right, &width)
	if left < 0 || right > width {
		t.Errorf("search results span %d..%d on a %d px screen", left, right, width)
	}
}

// TestBrowserHabits: what readers of other documentation sites expect: "/"
// focuses search (not while typing), and each heading has a permalink to
// its clause.
func TestBrowserHabits(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := servedExample(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fy2026/terms/mdf/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, `!!document.querySelector('form[data-search] input')`)
	focused := mustEval(ctx, t, `document.body.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true, cancelable: true})), document.activeElement.id`)
	if focused != "site-search-q" {
		t.Errorf("'/' focused %q, not the search box", focused)
	}
	// Typed into the box, "/" is a character, not a jump.
	if typed := mustEval(ctx, t, `document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true, cancelable: true})) ? "kept" : "prevented"`); typed != "kept" {
		t.Errorf("'/' in the search box was %s", typed)
	}
	if href := mustEval(ctx, t, `document.querySelector('h2#claims a.heading-anchor').getAttribute('href')`); href != "#claims" {
		t.Errorf("the Claims heading's permalink is %q", href)
	}
}
