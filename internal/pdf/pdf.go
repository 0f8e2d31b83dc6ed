// Package pdf prints a page of a build to PDF through a Chromium or
// Chrome found on the machine (partnerdocs pdf). The build is served from
// memory on a loopback port for the print: its pages link their styles
// and images from the site root, which a file:// address cannot give.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/partnerdocs/partnerdocs/internal/webfs"
)

// ErrNoBrowser is returned by FindBrowser when no Chromium or Chrome is
// installed where it looks.
var ErrNoBrowser = errors.New("no Chromium or Chrome found")

// InstallHint says how to get a browser to print with.
const InstallHint = `partnerdocs pdf prints through Chromium or Chrome. Install one
(Debian or Ubuntu: sudo apt-get install chromium; Fedora: sudo dnf install chromium;
macOS: brew install --cask chromium) or name it with --chrome PATH or PARTNERDOCS_CHROME.`

// FindBrowser is the browser to print with: the one named (flag, then
// the PARTNERDOCS_CHROME variable), else the first of the usual names on
// PATH and the usual install places.
func FindBrowser(named string) (string, error) {
	if named == "" {
		named = os.Getenv("PARTNERDOCS_CHROME")
	}
	if named != "" {
		p, err := exec.LookPath(named)
		if err != nil {
			return "", fmt.Errorf("%w: %s: %v", ErrNoBrowser, named, err)
		}
		return p, nil
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}
	if runtime.GOOS == "darwin" {
		names = append(names, "/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Files serves a build's files by their paths under basePath ("/" or
// "/docs/"), as a static host would: a folder's address serves its
// index.html.
type Files struct {
	Get      func(rel string) ([]byte, bool)
	BasePath string
}

// ServeHTTP serves the files through webfs, the file server the preview
// and the tests use.
func (f Files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	webfs.Handler(webfs.Func(f.Get), webfs.Options{Prefix: f.BasePath}).ServeHTTP(w, r)
}

// Papers are the paper sizes Print knows, by name.
var Papers = []string{"a4", "letter", "a3", "legal"}

// ErrPaper is Print's error for a paper size not in Papers.
var ErrPaper = errors.New("paper must be a4, letter, a3 or legal")

// paperSizes keeps chromedp's types inside this package: callers name a
// paper.
var paperSizes = map[string]chromedp.PaperSize{"a4": chromedp.PaperA4, "letter": chromedp.PaperLetter, "a3": chromedp.PaperA3, "legal": chromedp.PaperLegal}

// diagramWait bounds the wait for a page's diagrams: longer than the
// theme's own budget for drawing them, so it is reached only when the
// script is stuck.
const diagramWait = 30 * time.Second

// Print serves files on a loopback port and prints the page at rel (a
// site-relative address ending in "/") with the browser at exe. The page's
// own print styles decide paper, margins, running header and page
// numbers (CSS @page), so the PDF matches what a reader prints from the
// portal.
//
// The browser loads nothing but the build: every request is paused
// through the DevTools Fetch domain and only those to the build's own
// loopback address go on; any other (another host, a link-local or
// loopback port, file://) fails, and is returned in blocked so the caller
// can say so. A page is content, and Chromium may run without its
// sandbox here (as root).
func Print(ctx context.Context, exe string, files Files, rel string, paper string) (pdfData []byte, blocked []string, err error) {
	if _, ok := paperSizes[strings.ToLower(paper)]; !ok {
		return nil, nil, fmt.Errorf("paper %q: %w", paper, ErrPaper)
	}
	p, err := NewPrinter(ctx, exe, files)
	if err != nil {
		return nil, nil, err
	}
	defer p.Close()
	return p.Print(rel, paper)
}

// Printer is one browser, started once, that prints pages of one build
// in turn (as Print does, with the same rules for what it loads): a build
// that prints every program guide starts Chromium once, not per guide.
type Printer struct {
	bctx    context.Context
	origin  string
	base    string
	mu      sync.Mutex
	blocked []string
	close   []func()
}

// NewPrinter starts the browser at exe on files, served on a loopback
// port until Close.
func NewPrinter(ctx context.Context, exe string, files Files) (_ *Printer, err error) {
	p := &Printer{base: files.BasePath}
	defer func() {
		if err != nil {
			p.Close()
		}
	}()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: files, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	p.close = append(p.close, func() { srv.Close() })

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	if os.Geteuid() == 0 {
		// Chromium refuses to run as root with its sandbox (containers,
		// CI); the page it loads is this build's, from loopback.
		opts = append(opts, chromedp.NoSandbox)
	}
	dir, err := os.MkdirTemp("", "partnerdocs-pdf-")
	if err != nil {
		return nil, err
	}
	// Last: after the browser that uses it has gone.
	p.close = append(p.close, func() { os.RemoveAll(dir) })
	opts = append(opts, chromedp.UserDataDir(dir))
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	p.close = append(p.close, cancelA, cancelB)
	p.bctx = bctx

	p.origin = "http://" + ln.Addr().String() + "/"
	paused := chromedp.Events(bctx, fetch.RequestPaused)
	if _, err := chromedp.Call(bctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		return nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if strings.HasPrefix(ev.Request.URL, p.origin) {
				_, _ = chromedp.Call(bctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			p.mu.Lock()
			p.blocked = append(p.blocked, ev.Request.URL)
			p.mu.Unlock()
			_, _ = chromedp.Call(bctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	return p, nil
}

// Print prints the page at rel (a site-relative address ending in "/")
// on paper, and returns with it the addresses the page asked for that
// were not loaded. One page at a time: the printer has one tab.
func (p *Printer) Print(rel, paper string) (pdfData []byte, blocked []string, err error) {
	size, ok := paperSizes[strings.ToLower(paper)]
	if !ok {
		return nil, nil, fmt.Errorf("paper %q: %w", paper, ErrPaper)
	}
	p.mu.Lock()
	p.blocked = nil
	p.mu.Unlock()
	url := p.origin + strings.TrimPrefix(p.base, "/") + rel
	if err := chromedp.Do(p.bctx, chromedp.Navigate(url)); err != nil {
		return nil, nil, fmt.Errorf("opening %s: %w", url, err)
	}
	// Web fonts and images are loaded with the page (Navigate waits for
	// the load event). Diagrams are drawn after it: the theme's script
	// marks <html data-diagrams> "pending" until each is drawn or given
	// up (within its own budget); past diagramWait the page is printed as
	// it is, a diagram's source showing. Print media is what the guide's
	// styles are for.
	_, _ = chromedp.Run(p.bctx, chromedp.Poll[bool](`document.documentElement.getAttribute("data-diagrams") !== "pending"`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(diagramWait)))
	pdfData, err = chromedp.Run(p.bctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(size),
		chromedp.PDFPrintBackground(),
		func(pp *page.PrintToPDFParams) {
			yes := true
			// Bookmarks from the headings, and tags for screen readers.
			pp.GenerateDocumentOutline, pp.GenerateTaggedPDF = &yes, &yes
		},
	))
	p.mu.Lock()
	defer p.mu.Unlock()
	return pdfData, append([]string(nil), p.blocked...), err
}

// Close stops the browser and the file server.
func (p *Printer) Close() {
	for i := len(p.close) - 1; i >= 0; i-- {
		p.close[i]()
	}
	p.close = nil
}
