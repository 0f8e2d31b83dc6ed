//go:build scale

package e2e

import (
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// diagramSite writes a site with a flowchart and a sequence diagram, a
// page without diagrams, a hostile diagram, a huge one and one that does
// not parse; it builds it and serves it on loopback.
func diagramSite(t *testing.T) (string, *httptest.Server) {
	t.Helper()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: Diagrams\ncheck: {level: warn}\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	writeFile(t, site, "content/v1/_index.md", "---\ntitle: Home\n---\n\nNo diagram here.\n\n```go\nfunc main() {}\n```\n")
	writeFile(t, site, "content/v1/flows.md", "---\ntitle: Flows\n---\n\n"+
		"```mermaid\nflowchart TD\n  Submit[Registration submitted] --> Review{Reviewed by operations}\n  Review --> Approved[Approved for ninety days]\n```\n\n"+
		"```mermaid\nsequenceDiagram\n  participant Partner\n  participant Portal\n  Partner->>Portal: Register the deal\n  Portal-->>Partner: Decision by email\n```\n")
	// Script and links that must not reach the page: an HTML label with
	// an image and its onerror handler, a click to javascript:, an HTML
	// link in a label.
	writeFile(t, site, "content/v1/hostile.md", "---\ntitle: Hostile\n---\n\n"+
		"```mermaid\nflowchart LR\n  A[\"<img src=x onerror=window.pwned=1>Start\"] --> B[Finish]\n  click A \"javascript:window.pwned=2\"\n  click B href \"javascript:window.pwned=3\"\n  B --> C[\"<a href='javascript:window.pwned=4'>Link</a>\"]\n```\n")
	var huge strings.Builder
	huge.WriteString("flowchart TD\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&huge, "  N%d --> N%d\n", i, i+1)
	}
	writeFile(t, site, "content/v1/huge.md", "---\ntitle: Huge\n---\n\n```mermaid\n"+huge.String()+"```\n\n```mermaid\nflowchart TD\n  Small --> Drawn\n```\n")
	writeFile(t, site, "content/v1/broken.md", "---\ntitle: Broken\n---\n\n```mermaid\nflowchart TD\n  A -->\n  ((((\n```\n")
	dest, srv, r := buildServed(t, site)
	// check names the diagram it can tell will not draw, at its line.
	if !strings.Contains(r.stderr, "content/v1/huge.md:5:4: warning: Mermaid diagram of") || !strings.Contains(r.stderr, "[diagram]") {
		t.Errorf("no diagram finding for the huge diagram:\n%s", r.stderr)
	}
	return dest, srv
}

// TestBrowserMermaidLong: Mermaid fences are drawn as SVG holding the
// source's labels, in the light and the dark scheme (differently); a
// page without diagrams never loads Mermaid; strict mode keeps script
// and javascript: links out; a huge or broken diagram shows its source
// with the reason instead of hanging the page.
func TestBrowserMermaidLong(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := diagramSite(t)
	// The browser starts with its first page: emulation needs one.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	open := func(path, scheme string) {
		t.Helper()
		colorScheme(ctx, t, scheme)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady(`main`)); err != nil {
			t.Fatal(err)
		}
	}
	drawn := `document.documentElement.getAttribute('data-diagrams') === 'done'`

	fills := map[string]string{}
	for _, scheme := range []string{"light", "dark"} {
		open("/v1/flows/", scheme)
		waitFor(ctx, t, drawn)
		if n := mustEval(ctx, t, `String(document.querySelectorAll('figure.diagram-mermaid .diagram-svg svg').length)`); n != "2" {
			t.Fatalf("%s: %s diagrams drawn as SVG, want 2", scheme, n)
		}
		// The labels' text, without white space: SVG labels wrap into
		// lines (tspans) that join without one.
		text := mustEval(ctx, t, `Array.from(document.querySelectorAll('.diagram-svg svg text, .diagram-svg svg foreignObject')).map(s => s.textContent).join('').replace(/\s+/g, '')`)
		for _, label := range []string{"Registration submitted", "Reviewed by operations", "Approved for ninety days", "Partner", "Register the deal", "Decision by email"} {
			if !strings.Contains(text, strings.ReplaceAll(label, " ", "")) {
				t.Errorf("%s: the SVGs lack %q: %s", scheme, label, text)
			}
		}
		if vis := mustEval(ctx, t, `getComputedStyle(document.querySelector('figure.diagram-mermaid .diagram-source')).display`); vis != "none" {
			t.Errorf("%s: the source is still shown under the drawing (%s)", scheme, vis)
		}
		fills[scheme] = mustEval(ctx, t, `getComputedStyle(document.querySelector('.diagram-svg svg .node rect, .diagram-svg svg .node polygon')).fill`)
		screenshot(ctx, t, "mermaid-"+scheme+".png")
	}
	if fills["light"] == "" || fills["light"] == fills["dark"] {
		t.Errorf("nodes are filled %q in light and %q in dark: the diagram does not follow the scheme", fills["light"], fills["dark"])
	}

	// No diagram, no Mermaid.
	open("/v1/", "light")
	if got := mustEval(ctx, t, `typeof window.mermaid + ' ' + performance.getEntriesByType('resource').filter(e => e.name.includes('mermaid')).length + ' ' + document.documentElement.hasAttribute('data-diagrams')`); got != "undefined 0 false" {
		t.Errorf("a page without diagrams: mermaid, requests, marker = %s", got)
	}

	// Strict mode: the label's markup is text, clicks are no links.
	open("/v1/hostile/", "light")
	waitFor(ctx, t, drawn)
	got := mustEval(ctx, t, `[String(window.pwned), document.querySelectorAll('.diagram-svg img, .diagram-svg script, .diagram-svg [onerror]').length, Array.from(document.querySelectorAll('.diagram-svg a')).map(a => a.getAttribute('href') || a.getAttribute('xlink:href')).join(',')].join(' ')`)
	if !strings.HasPrefix(got, "undefined 0") || strings.Contains(got, "javascript:") {
		t.Errorf("hostile diagram: pwned, elements, links = %q: %s", got, mustEval(ctx, t, `Array.from(document.querySelectorAll('.diagram-svg img, .diagram-svg script, .diagram-svg [onerror]')).map(e => e.outerHTML).join(' ')`))
	}

	// Too long to draw: its source and the reason; the next one is drawn.
	open("/v1/huge/", "light")
	waitFor(ctx, t, drawn)
	got = mustEval(ctx, t, `(f => [f[0].classList.contains('failed'), !!f[0].querySelector('.diagram-error'), getComputedStyle(f[0].querySelector('.diagram-source')).display !== 'none', !!f[1].querySelector('.diagram-svg svg')].join(' '))(document.querySelectorAll('figure.diagram-mermaid'))`)
	if got != "true true true true" {
		t.Errorf("huge diagram: failed, reason, source shown, next drawn = %s", got)
	}

	// Does not parse: the source, with Mermaid's reason.
	open("/v1/broken/", "light")
	waitFor(ctx, t, drawn)
	reason := mustEval(ctx, t, `(f => f.classList.contains('failed') ? f.querySelector('.diagram-error').textContent : 'drawn')(document.querySelector('figure.diagram-mermaid'))`)
	if !strings.HasPrefix(reason, "This diagram could not be drawn: ") || len(reason) < len("This diagram could not be drawn: ")+5 {
		t.Errorf("broken diagram: %q", reason)
	}
	if n := mustEval(ctx, t, `String(document.querySelectorAll('body > [id^=dpd-mermaid], body > svg[id^=pd-mermaid]').length)`); n != "0" {
		t.Errorf("%s of Mermaid's scratch elements left in the page", n)
	}
}

// buildServed builds the site at dir into a temporary folder and serves
// it on loopback for the rest of the test; it returns the build's output
// (its findings) too.
func buildServed(t *testing.T, dir string) (string, *httptest.Server, result) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	r := run(t, dir, "build", "--quiet", "--dest", dest)
	if r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	srv := httptest.NewServer(staticSite(t, dest))
	t.Cleanup(srv.Close)
	return dest, srv, r
}
