package check

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// All servers are on loopback, started by the test.
func TestExternalChecker(t *testing.T) {
	var hits, limited atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/nohead", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if limited.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// A port nothing listens on: connection refused.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	refused := "http://" + ln.Addr().String() + "/"
	ln.Close()

	cache := filepath.Join(t.TempDir(), "external.json")
	c := NewChecker(cache)
	c.Timeout = 300 * time.Millisecond
	c.Retries = 1
	urls := []string{srv.URL + "/ok", srv.URL + "/moved", srv.URL + "/temp", srv.URL + "/missing", srv.URL + "/nohead", srv.URL + "/busy", srv.URL + "/slow", refused}
	start := time.Now()
	res := c.Check(context.Background(), urls)
	if time.Since(start) < time.Second {
		t.Error("Retry-After was not honoured")
	}
	check := func(path string, ok bool, contains string) {
		t.Helper()
		r := res[path]
		if r.OK() != ok {
			t.Errorf("%s: OK=%v, want %v (%+v)", path, r.OK(), ok, r)
		}
		if contains != "" && !strings.Contains(r.Err+r.Location, contains) {
			t.Errorf("%s: %+v lacks %q", path, r, contains)
		}
	}
	check(srv.URL+"/ok", true, "")
	check(srv.URL+"/moved", true, "/ok")
	check(srv.URL+"/temp", true, "/ok")
	check(srv.URL+"/missing", false, "")
	check(srv.URL+"/nohead", true, "")
	check(srv.URL+"/busy", true, "")
	check(srv.URL+"/slow", false, "no answer within")
	check(refused, false, "refused")
	if !res[srv.URL+"/moved"].Permanent || res[srv.URL+"/temp"].Permanent {
		t.Error("permanent redirects not told from temporary ones")
	}
	if res[srv.URL+"/missing"].Status != 404 {
		t.Errorf("missing: %+v", res[srv.URL+"/missing"])
	}

	// A second run answers from the cache and sends nothing for links
	// that worked.
	before := hits.Load()
	c2 := NewChecker(cache)
	c2.Timeout = 300 * time.Millisecond
	res2 := c2.Check(context.Background(), []string{srv.URL + "/ok", srv.URL + "/moved"})
	if c2.Requests != 0 || hits.Load() != before || !res2[srv.URL+"/ok"].OK() {
		t.Errorf("cache: %d requests, %d hits", c2.Requests, hits.Load()-before)
	}
	// Past the time to live, it checks again.
	c3 := NewChecker(cache)
	c3.Now = func() time.Time { return time.Now().Add(25 * time.Hour) }
	c3.Check(context.Background(), []string{srv.URL + "/ok"})
	if c3.Requests == 0 {
		t.Error("an expired cache entry was reused")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if retryAfter("3", now) != 3*time.Second || retryAfter("", now) != 0 || retryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now) != 5*time.Second {
		t.Error("retryAfter")
	}
}
