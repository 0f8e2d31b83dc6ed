package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Result is what checking one external URL found.
type Result struct {
	Status    int       `json:"status,omitempty"`
	Err       string    `json:"error,omitempty"`
	Location  string    `json:"location,omitempty"` // final URL after redirects
	Permanent bool      `json:"permanent,omitempty"`
	Checked   time.Time `json:"checked"`
}

// OK reports whether the link works.
func (r Result) OK() bool { return r.Err == "" && r.Status > 0 && r.Status < 400 }

// Checker checks external links: a bounded pool with a per-host limit,
// timeouts, HEAD falling back to GET, retries with backoff on 429 and
// 5xx that honour Retry-After, and a cache kept between runs.
type Checker struct {
	Client      *http.Client
	Concurrency int           // links checked at once
	PerHost     int           // requests to one host at once
	Timeout     time.Duration // per request
	Retries     int           // extra attempts on 429, 5xx and network errors
	MaxWait     time.Duration // the longest Retry-After honoured
	CacheFile   string        // "" for no cache
	TTL         time.Duration // how long a working link's result is reused
	FailTTL     time.Duration // how long a broken link's result is reused
	Now         func() time.Time

	mu    sync.Mutex
	hosts map[string]chan struct{}
	// Requests counts the requests sent, for tests and the summary.
	Requests int
}

// NewChecker returns a checker with the defaults partnerdocs uses.
func NewChecker(cacheFile string) *Checker {
	return &Checker{Concurrency: 16, PerHost: 2, Timeout: 10 * time.Second, Retries: 2, MaxWait: 30 * time.Second,
		CacheFile: cacheFile, TTL: 24 * time.Hour, FailTTL: time.Hour, Now: time.Now}
}

type cacheFile struct {
	Version int               `json:"version"`
	Results map[string]Result `json:"results"`
}

func (c *Checker) load() map[string]Result {
	out := map[string]Result{}
	if c.CacheFile == "" {
		return out
	}
	b, err := os.ReadFile(c.CacheFile)
	if err != nil {
		return out
	}
	var cf cacheFile
	if json.Unmarshal(b, &cf) != nil || cf.Version != 1 {
		return out // an unreadable cache is just a cold cache
	}
	now := c.Now()
	for u, r := range cf.Results {
		ttl := c.TTL
		if !r.OK() {
			ttl = c.FailTTL
		}
		if now.Sub(r.Checked) < ttl {
			out[u] = r
		}
	}
	return out
}

func (c *Checker) save(results map[string]Result) {
	if c.CacheFile == "" {
		return
	}
	b, err := json.MarshalIndent(cacheFile{Version: 1, Results: results}, "", " ")
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(c.CacheFile), 0o755) != nil {
		return
	}
	tmp := c.CacheFile + ".tmp"
	if os.WriteFile(tmp, b, 0o644) == nil {
		_ = os.Rename(tmp, c.CacheFile)
	}
}

// Check returns a result for every URL.
func (c *Checker) Check(ctx context.Context, urls []string) map[string]Result {
	if c.Client == nil {
		c.Client = &http.Client{}
	}
	c.hosts = map[string]chan struct{}{}
	cached := c.load()
	results := map[string]Result{}
	var todo []string
	for _, u := range urls {
		if r, ok := cached[u]; ok {
			results[u] = r
		} else {
			todo = append(todo, u)
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, c.Concurrency))
	for _, u := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func(u string) {
			defer wg.Done()
			defer func() { <-sem }()
			r := c.one(ctx, u)
			mu.Lock()
			results[u] = r
			mu.Unlock()
		}(u)
	}
	wg.Wait()
	for u, r := range results {
		cached[u] = r
	}
	c.save(cached)
	return results
}

func (c *Checker) host(u string) chan struct{} {
	h := u
	if pu, err := url.Parse(u); err == nil {
		h = pu.Host
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ch, ok := c.hosts[h]
	if !ok {
		ch = make(chan struct{}, max(1, c.PerHost))
		c.hosts[h] = ch
	}
	return ch
}

func (c *Checker) one(ctx context.Context, u string) Result {
	hs := c.host(u)
	var r Result
	for attempt := 0; attempt <= c.Retries; attempt++ {
		hs <- struct{}{}
		var wait time.Duration
		r, wait = c.try(ctx, u)
		<-hs
		retry := r.Status == http.StatusTooManyRequests || r.Status >= 500 || (r.Err != "" && !errors.Is(ctx.Err(), context.Canceled))
		if !retry || attempt == c.Retries {
			break
		}
		if wait == 0 {
			wait = time.Duration(250*(1<<attempt)) * time.Millisecond
		}
		if wait > c.MaxWait {
			break
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return r
		}
	}
	r.Checked = c.Now()
	return r
}

// try sends HEAD, then GET where HEAD is refused, and returns the result
// and how long the server asked us to wait.
func (c *Checker) try(ctx context.Context, u string) (Result, time.Duration) {
	r, wait := c.request(ctx, http.MethodHead, u)
	if r.Err != "" || r.Status == http.StatusMethodNotAllowed || r.Status == http.StatusNotImplemented || r.Status == http.StatusForbidden {
		r, wait = c.request(ctx, http.MethodGet, u)
	}
	return r, wait
}

func (c *Checker) request(ctx context.Context, method, u string) (Result, time.Duration) {
	c.mu.Lock()
	c.Requests++
	c.mu.Unlock()
	rctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, method, u, nil)
	if err != nil {
		return Result{Err: err.Error()}, 0
	}
	req.Header.Set("User-Agent", "partnerdocs-linkcheck/1")
	var first int
	client := *c.Client
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if first == 0 && req.Response != nil {
			first = req.Response.StatusCode
		}
		if len(via) >= 10 {
			return errors.New("more than 10 redirects")
		}
		return nil
	}
	resp, err := client.Do(req)
	if err != nil {
		var ne net.Error
		msg := err.Error()
		if errors.As(err, &ne) && ne.Timeout() {
			msg = fmt.Sprintf("no answer within %s", c.Timeout)
		} else if errors.Is(err, context.DeadlineExceeded) {
			msg = fmt.Sprintf("no answer within %s", c.Timeout)
		}
		return Result{Err: msg}, 0
	}
	resp.Body.Close()
	r := Result{Status: resp.StatusCode}
	if first != 0 {
		r.Location = resp.Request.URL.String()
		r.Permanent = first == http.StatusMovedPermanently || first == http.StatusPermanentRedirect
	}
	return r, retryAfter(resp.Header.Get("Retry-After"), c.Now())
}

func retryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// External checks every http(s) link of the site and reports the broken
// ones at each place they appear.
func External(ctx context.Context, s *site.Site, c *Checker, errorLevel bool, diags *diag.List) {
	type place struct {
		page      *site.Page
		line, col int // in the body
	}
	where := map[string][]place{}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			for _, l := range p.Doc.Links {
				u, err := url.Parse(l.Dest)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					continue
				}
				where[l.Dest] = append(where[l.Dest], place{p, l.Line, l.Col})
			}
		}
	}
	urls := make([]string, 0, len(where))
	for u := range where {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	results := c.Check(ctx, urls)
	for _, u := range urls {
		r := results[u]
		var msg string
		sev := diag.Error
		switch {
		case r.Err != "":
			msg = fmt.Sprintf("%s: %s", u, r.Err)
		case r.Status >= 400:
			msg = fmt.Sprintf("%s answers %d %s", u, r.Status, http.StatusText(r.Status))
		case r.Permanent:
			msg = fmt.Sprintf("%s has moved permanently to %s; link to the new address", u, r.Location)
			sev = diag.Warning
		default:
			continue
		}
		if !errorLevel {
			sev = diag.Warning
		}
		for _, pl := range where[u] {
			diags.Add(diag.Diagnostic{File: pl.page.Source, Line: pl.page.BodyLine + pl.line - 1, Column: pl.col, Severity: sev, Rule: diag.RuleExternalLink, Message: msg})
		}
	}
}
