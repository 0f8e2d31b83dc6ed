package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/webfs"
)

// Server is the live preview: it serves the last good build from memory,
// rebuilds when sources change, and tells open pages to reload (or shows
// the errors over them) through server-sent events.
type Server struct {
	opts build.Options
	log  io.Writer

	// session carries unchanged pages from one rebuild to the next.
	session *build.Session

	// includes are the include-only files the last build read (outside
	// the content folders), slash paths from the root: the watcher
	// rebuilds when one changes.
	includes atomic.Pointer[[]string]

	mu    sync.RWMutex
	files map[string][]byte
	gen   int
	errs  []diag.Diagnostic
	// search is the open search index, nil while a rebuild updates it;
	// searchReady is closed when it is open again. Both under mu.
	search      *openIndex
	searchReady chan struct{}
	// lastIndex is where the last good build's index is: a failed
	// rebuild does not touch it, so search goes on answering from it;
	// lang is the site's default language. Both written under mu (the
	// searches of other languages read them).
	lastIndex *indexAt
	lang      string

	buildMu sync.Mutex // one rebuild at a time
	lastOK  bool       // the last rebuild succeeded; under buildMu
	// lastChanged is what the last rebuild was told changed (nil: it
	// listed every folder); under buildMu, for tests.
	lastChanged []string
	// lastCame and lastWent are the pages it was told were created and
	// deleted.
	lastCame, lastWent []string
	// searchDone is closed when the search indexes of the last rebuild
	// are done; the next rebuild, and the manifest, wait for it.
	searchDone chan struct{}

	subMu sync.Mutex
	subs  map[chan event]bool
	// perClient counts each client's open event streams (under subMu).
	perClient map[string]int

	done      chan struct{} // closed by Close: event streams end
	closeOnce sync.Once
	// streamAge is how long one event stream stays open (MaxStreamAge;
	// a field, so a test can shorten it for its own server only).
	streamAge time.Duration
}

type event struct {
	name string
	data string
}

// New returns a server for a site; call Rebuild before serving.
func New(opts build.Options, log io.Writer) *Server {
	opts.BaseURL = "/"
	return &Server{opts: opts, log: log, subs: map[chan event]bool{}, done: make(chan struct{}), searchReady: make(chan struct{}),
		session: build.NewSession(), streamAge: MaxStreamAge}
}

// Rebuild builds the site in memory. On success it replaces the served
// site and tells pages to reload ("css" when only stylesheets changed); on
// failure the last good site stays, and pages show the errors.
func (s *Server) Rebuild(cssOnly bool) *build.Result {
	return s.rebuild(cssOnly, nil, nil, nil)
}

// rebuild is Rebuild told which files changed (slash paths from the site
// root) when the watcher knows that only these pages were written; nil
// means anything may have changed.
func (s *Server) rebuild(cssOnly bool, changed, added, removed []string) *build.Result {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	// The last edit's search is of no use now: stopped, it ends at once,
	// where finishing it kept this edit waiting on a large site.
	s.session.StopSearch()
	s.WaitSearch()
	// bleve holds a lock on an open index: release it while the build
	// updates the index, and reopen it after.
	s.closeSearch()

	opts := s.opts
	s.mu.RLock()
	mem := output.NewMemorySized(len(s.files))
	s.mu.RUnlock()
	// After a failed rebuild the last load may not have happened (a
	// broken config.yaml stops before it), so the next one walks.
	if !s.lastOK {
		changed, added, removed = nil, nil, nil
	}
	s.lastChanged, s.lastCame, s.lastWent = changed, added, removed
	opts.Added, opts.Removed = added, removed
	// Search finishes after the pages are served: scoring and compressing
	// the static index was most of a one-page rebuild. The first build
	// waits for it, so the server starts complete.
	s.mu.RLock()
	first := s.gen == 0
	s.mu.RUnlock()
	opts.DeferSearch = !first
	start := time.Now()
	var res *build.Result
	// Labelled, so a profile of a session (PARTNERDOCS_CPUPROFILE) can
	// tell the rebuilds from the first build: pprof -tagfocus phase=rebuild.
	phase := "rebuild"
	if first {
		phase = "first"
	}
	pprof.Do(context.Background(), pprof.Labels("phase", phase), func(context.Context) { res = s.session.Preview(opts, mem, changed) })
	s.lastOK = res.Outcome == build.OK
	if res.Site != nil {
		var inc []string
		for _, v := range res.Site.All() {
			for _, p := range v.IncludeOnly {
				inc = append(inc, p.Source)
			}
		}
		s.includes.Store(&inc)
	}
	items := res.Diags.Items()
	if res.Outcome != build.OK {
		s.failed(res, items, start)
		return res
	}
	_ = diag.WriteText(s.log, items)
	files := mem.Files()
	s.mu.Lock()
	if res.Search != nil {
		// Until the new static index is ready, the last one is served:
		// its files are named by content hash, so it stays whole.
		for p, b := range s.files {
			if isSearchFile(p, res.Site) {
				files[p] = b
			}
		}
	}
	s.files = files
	s.gen++
	s.errs = nil
	s.mu.Unlock()
	if res.Search == nil {
		s.reopen(res)
	}
	if res.Search != nil {
		done := make(chan struct{})
		s.mu.Lock()
		s.searchDone = done
		s.mu.Unlock()
		go s.finishSearch(res, done)
	}
	rendered, reused := s.session.Rendered()
	// One write: the stages' lines stay with their rebuild's, and a
	// reader who sees "rebuilt" sees them too.
	var msg strings.Builder
	how := ""
	if s.session.LastQuick() {
		// Only the edited pages were read (see build.Session.LastQuick).
		how = "quick: "
	}
	fmt.Fprintf(&msg, "rebuilt %d files in %d ms (%s%d pages rendered, %d reused)\n", res.Files, time.Since(start).Milliseconds(), how, rendered, reused)
	if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
		for _, st := range res.Stages {
			fmt.Fprintf(&msg, "  %-10s %6d ms\n", st.Name, st.Duration.Milliseconds())
		}
	}
	_, _ = io.WriteString(s.log, msg.String())
	s.session.Sweep()
	if cssOnly {
		s.broadcast(event{"css", ""})
	} else {
		s.broadcast(event{"reload", ""})
	}
	return res
}

// failed reports a rebuild that did not succeed: in the terminal, and
// over the open pages, which keep the last good site.
func (s *Server) failed(res *build.Result, items []diag.Diagnostic, start time.Time) {
	if len(items) == 0 && res.Err != nil {
		items = []diag.Diagnostic{{Severity: diag.Error, Rule: "build", Message: res.Err.Error()}}
	}
	_ = diag.WriteText(s.log, items)
	fmt.Fprintf(s.log, "rebuild failed in %d ms; still serving the last good site\n", time.Since(start).Milliseconds())
	var errsOnly []diag.Diagnostic
	for _, d := range items {
		if d.Severity == diag.Error {
			errsOnly = append(errsOnly, d)
		}
	}
	s.mu.Lock()
	s.errs = errsOnly
	s.mu.Unlock()
	s.reopen(res)
	b, _ := json.Marshal(errsOnly)
	s.broadcast(event{"build-error", string(b)})
}

const searchDir = search.IndexPath

// isSearchFile says a served file is a static search index's, the default
// language's or another language's of the site (de/search/idx/...), which
// a rebuild's search replaces when it is done.
func isSearchFile(p string, s *site.Site) bool {
	if strings.HasPrefix(p, searchDir) {
		return true
	}
	code, rest, ok := strings.Cut(p, "/")
	return ok && s != nil && s.Config.Lang(code) != nil && strings.HasPrefix(rest, searchDir)
}

// finishSearch waits for a deferred build's search indexes, swaps in the
// new static index and reopens the bleve indexes.
func (s *Server) finishSearch(res *build.Result, done chan struct{}) {
	defer close(done)
	t := time.Now()
	reopened := false
	if res.SearchSoon != nil {
		// The quick static index first (and the bleve indexes, up to
		// date by then): the edit is searchable while the full index,
		// which replaces it, is made.
		if idx, err := res.SearchSoon(); err == nil && idx != nil {
			s.swapSearch(res, idx)
			s.reopen(res)
			reopened = true
			if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
				fmt.Fprintf(s.log, "  search     %6d ms after the rebuild (quick)\n", time.Since(t).Milliseconds())
			}
		}
	}
	idx, err := res.Search()
	if errors.Is(err, build.ErrSearchStopped) {
		// A newer edit is being built: the last static index stays
		// served until that edit's search is done.
		if !reopened {
			s.reopen(res)
		}
		if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
			fmt.Fprintf(s.log, "  search     stopped after %d ms (a newer edit)\n", time.Since(t).Milliseconds())
		}
		return
	}
	if err != nil {
		fmt.Fprintf(s.log, "search index: %v\n", err)
	}
	s.swapSearch(res, idx)
	if !reopened {
		s.reopen(res)
	}
	if os.Getenv("PARTNERDOCS_TIMINGS") != "" {
		fmt.Fprintf(s.log, "  search     %6d ms after the rebuild\n", time.Since(t).Milliseconds())
	}
	// The search work leaves hundreds of megabytes of garbage at 10,000
	// pages. Collected now, while the author reads the reloaded page, the
	// next rebuild starts far from the collector's goal instead of
	// sharing the cores with a collection (a one-page rebuild took twice
	// as long, most of it write barriers, sweeping and assists).
	runtime.GC()
}

// swapSearch serves the static index idx in place of the last.
func (s *Server) swapSearch(res *build.Result, idx map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	files := make(map[string][]byte, len(s.files)+len(idx))
	for p, b := range s.files {
		if !isSearchFile(p, res.Site) {
			files[p] = b
		}
	}
	for p, b := range idx {
		files[p] = b
	}
	s.files = files
}

// WaitSearch waits until the search indexes of the last rebuild are done.
func (s *Server) WaitSearch() {
	s.mu.RLock()
	done := s.searchDone
	s.mu.RUnlock()
	if done != nil {
		<-done
	}
}

// openIndex is an open search index shared by requests. A request holds
// it only while it searches, never while it writes to its client, so a
// client that does not read cannot hold up a rebuild.
type openIndex struct {
	sr       *search.Searcher
	defaults []string
	users    sync.WaitGroup
}

// indexAt is where a build's search indexes are, and which to open.
type indexAt struct {
	dir      string
	names    []string
	defaults []string
	// langs are the site's other languages, whose indexes are beside
	// dir (build.LanguageIndexDir).
	langs []string
}

// reopen opens the search indexes of a build, or, when the build did not
// get as far as updating them (content errors), those of the last good
// build, which it left as they were.
func (s *Server) reopen(res *build.Result) {
	at := s.lastIndex
	if res.Site != nil && res.IndexDir != "" {
		names, latest := search.Order(res.Site)
		at = &indexAt{dir: res.IndexDir, names: names, defaults: []string{latest}}
		if res.Site.Portal != nil {
			at.defaults = append(at.defaults, "portal")
		}
		if cfg := res.Site.Config; cfg.Multilingual() {
			at.langs = cfg.LangCodes()[1:]
		}
	}
	if at == nil {
		return
	}
	sr, err := search.Open(at.dir, at.names)
	if err != nil {
		fmt.Fprintf(s.log, "search index: %v\n", err)
		return
	}
	s.mu.Lock()
	s.lastIndex = at
	if res.Site != nil {
		s.lang = res.Site.Config.Language
	}
	old := s.search
	s.search = &openIndex{sr: sr, defaults: at.defaults}
	if old == nil {
		close(s.searchReady)
	}
	s.mu.Unlock()
	if old != nil {
		old.users.Wait()
		old.sr.Close()
	}
}

// closeSearch takes the search index out of service and closes it once
// the searches under way are done (they hold no client, so that is soon).
func (s *Server) closeSearch() {
	s.mu.Lock()
	idx := s.search
	if idx != nil {
		s.search = nil
		s.searchReady = make(chan struct{})
	}
	s.mu.Unlock()
	if idx != nil {
		idx.users.Wait()
		idx.sr.Close()
	}
}

// searchWait is how long a search waits for the index a rebuild is
// updating before it answers 503.
const searchWait = 10 * time.Second

// acquireSearch returns the open index, marked in use, waiting while a
// rebuild updates it; nil when it is not back in time or ctx ends.
func (s *Server) acquireSearch(ctx context.Context) *openIndex {
	timeout := time.NewTimer(searchWait)
	defer timeout.Stop()
	for {
		s.mu.RLock()
		idx, ready := s.search, s.searchReady
		if idx != nil {
			// Added under the lock that closeSearch takes before it
			// waits, so no search starts on an index being closed.
			idx.users.Add(1)
		}
		s.mu.RUnlock()
		if idx != nil {
			return idx
		}
		select {
		case <-ready:
		case <-ctx.Done():
			return nil
		case <-timeout.C:
			return nil
		case <-s.done:
			return nil
		}
	}
}

// Close ends the event streams and releases the search indexes.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.WaitSearch() // it would reopen the indexes
	s.closeSearch()
}

func (s *Server) broadcast(e event) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- e:
		default: // a slow client misses an event rather than stall the rest
		}
	}
}

// Handler serves the site, the events, the reload script and the search
// API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/__partnerdocs/events", s.events)
	mux.HandleFunc("/__partnerdocs/reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = io.WriteString(w, reloadJS)
	})
	mux.HandleFunc("/__partnerdocs/manifest", s.manifest)
	mux.HandleFunc("/api/search", s.apiSearch)
	mux.HandleFunc("/", s.file)
	return mux
}

// apiSearch answers /api/search from the open index. The answer is made
// in full before anything goes to the client, and the index is released
// first: a client that sends searches without reading the replies holds
// nothing that a rebuild or another request waits for.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	if lang := r.URL.Query().Get("language"); lang != "" {
		s.mu.RLock()
		at, def := s.lastIndex, s.lang
		s.mu.RUnlock()
		switch {
		case at != nil && slices.Contains(at.langs, lang):
			s.languageSearch(w, r, at, lang)
			return
		case lang != def:
			search.Write(w, http.StatusBadRequest, []byte(`{"error":"unknown language"}`+"\n"))
			return
		}
	}
	idx := s.acquireSearch(r.Context())
	if idx == nil {
		search.Write(w, http.StatusServiceUnavailable, []byte(`{"error":"the search index is being rebuilt; try again"}`+"\n"))
		return
	}
	status, body := search.Answer(r.Context(), idx.sr, idx.defaults, "", r)
	idx.users.Done()
	search.Write(w, status, body)
}

// languageSearch answers a search in another language's index, opened for
// the request: the preview's rebuilds write those indexes, and a request
// that meets a rebuild is asked to try again.
func (s *Server) languageSearch(w http.ResponseWriter, r *http.Request, at *indexAt, lang string) {
	sr, err := search.Open(build.LanguageIndexDir(at.dir, lang), at.names)
	if err != nil {
		search.Write(w, http.StatusServiceUnavailable, []byte(`{"error":"the search index is being rebuilt; try again"}`+"\n"))
		return
	}
	status, body := search.Answer(r.Context(), sr, at.defaults, lang+"/", r)
	sr.Close()
	search.Write(w, status, body)
}

// manifest lists every served file with its hash, so tests can compare
// the preview with a full build.
func (s *Server) manifest(w http.ResponseWriter, r *http.Request) {
	s.WaitSearch() // compare complete builds
	s.mu.RLock()
	out := make(map[string]string, len(s.files))
	for p, b := range s.files {
		sum := sha256.Sum256(b)
		out[p] = hex.EncodeToString(sum[:])
	}
	gen := s.gen
	s.mu.RUnlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{"generation": gen, "files": out})
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	// The stream outlives the server's write timeout: each event gets a
	// deadline of its own instead, so a reader that stalls is dropped.
	rc := http.NewResponseController(w)
	deadline := func() { _ = rc.SetWriteDeadline(time.Now().Add(writeTimeout)) }
	deadline()
	// Nor may the server's read timeout end it: Go's server cancels a
	// request's context when a read on its connection times out.
	_ = rc.SetReadDeadline(time.Time{})
	ch := make(chan event, 8)
	client, _, _ := net.SplitHostPort(r.RemoteAddr)
	s.subMu.Lock()
	if len(s.subs) >= MaxStreams || s.perClient[client] >= MaxStreamsPerClient {
		s.subMu.Unlock()
		// Each stream holds a connection: past the caps a client is told
		// to come back, and pages and search still answer.
		w.Header().Set("Retry-After", "10")
		http.Error(w, "too many live-reload streams", http.StatusServiceUnavailable)
		return
	}
	if s.perClient == nil {
		s.perClient = map[string]int{}
	}
	s.subs[ch] = true
	s.perClient[client]++
	s.subMu.Unlock()
	defer func() {
		s.subMu.Lock()
		delete(s.subs, ch)
		if s.perClient[client]--; s.perClient[client] <= 0 {
			delete(s.perClient, client)
		}
		s.subMu.Unlock()
	}()
	// A stream is closed after a while, so abandoned ones do not pile up;
	// the browser's EventSource opens a new one by itself.
	maxAge := time.NewTimer(s.streamAge)
	defer maxAge.Stop()
	// A page that opens while the build is broken shows the errors at once.
	s.mu.RLock()
	if len(s.errs) > 0 {
		b, _ := json.Marshal(s.errs)
		fmt.Fprintf(w, "event: build-error\ndata: %s\n\n", b)
	} else {
		fmt.Fprintf(w, "event: hello\ndata: %d\n\n", s.gen)
	}
	s.mu.RUnlock()
	fl.Flush()
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case e := <-ch:
			deadline()
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
			fl.Flush()
		case <-ping.C:
			deadline()
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		case <-maxAge.C:
			return
		}
	}
}

// Caps on live-reload event streams: each holds a connection and a file
// descriptor for as long as a page is open.
const (
	MaxStreams          = 256
	MaxStreamsPerClient = 32
)

// MaxStreamAge is how long one event stream stays open.
const MaxStreamAge = 10 * time.Minute

const reloadTag = `<script src="/__partnerdocs/reload.js"></script>`

// file serves the site from memory through webfs: paths are looked up in
// the build's map, so nothing outside the build can be reached; "..",
// encoded traversal and NUL bytes are refused outright. Pages (the 404
// page too) get the reload script.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	files := s.files
	s.mu.RUnlock()
	webfs.Handler(webfs.Map(files), webfs.Options{NoStore: true, Page: inject}).ServeHTTP(w, r)
}

// inject adds the reload script to a page.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte(nil), page...), reloadTag...)
	}
	out := make([]byte, 0, len(page)+len(reloadTag))
	out = append(out, page[:i]...)
	out = append(out, reloadTag...)
	return append(out, page[i:]...)
}

// reloadJS keeps the page in step with the server: reload on a new build
// (keeping the scroll position), swap stylesheets on CSS-only changes, and
// show build errors over the page until they are fixed.
const reloadJS = `(function () {
  "use strict";
  var key = "partnerdocs-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) { sessionStorage.removeItem(key); window.addEventListener("load", function () { window.scrollTo(0, +saved); }); }
  function overlay(errs) {
    var el = document.getElementById("partnerdocs-errors");
    if (!errs) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("div");
      el.id = "partnerdocs-errors";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:40vh;overflow:auto;z-index:99999;background:#2b0b0e;color:#ffe4e6;font:14px/1.5 ui-monospace,monospace;padding:1rem 3rem 1rem 1.25rem;border-radius:8px;box-shadow:0 8px 32px rgba(0,0,0,.4)";
      document.body.appendChild(el);
    }
    el.textContent = "";
    // Dismissed until the next build result: the page under it stays
    // readable, and the terminal has the same list.
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Dismiss the build errors");
    close.style.cssText = "position:absolute;top:.5rem;right:.75rem;background:none;border:0;color:inherit;font:20px/1 sans-serif;cursor:pointer";
    close.addEventListener("click", function () { el.remove(); });
    el.appendChild(close);
    var h = document.createElement("strong");
    h.textContent = "The last change does not build (" + errs.length + (errs.length === 1 ? " error" : " errors") + "). This page is the last good build.";
    el.appendChild(h);
    errs.forEach(function (d) {
      var p = document.createElement("div");
      p.textContent = (d.file ? d.file + ":" + d.line + ":" + d.column + ": " : "") + d.message +
        (d.suggestion ? " (did you mean \"" + d.suggestion + "\"?)" : "") + " [" + d.rule + "]";
      el.appendChild(p);
    });
  }
  var es = new EventSource("/__partnerdocs/events");
  var broken = false;
  // Marks the page live once the stream is open: an edit saved from now
  // on reloads it (tests wait on this rather than on a timer).
  es.addEventListener("hello", function () { document.documentElement.setAttribute("data-partnerdocs-live", ""); });
  es.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  es.addEventListener("css", function () {
    if (broken) { location.reload(); return; }
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var u = new URL(l.href); u.searchParams.set("v", Date.now()); l.href = u.toString();
    });
  });
  es.addEventListener("build-error", function (e) {
    broken = true;
    overlay(JSON.parse(e.data));
  });
})();
`
