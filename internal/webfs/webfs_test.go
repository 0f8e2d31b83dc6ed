package webfs

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A folder on disk is served as a static host serves it, and nothing
// outside it: encoded and plain traversal are refused, a symbolic link
// out of the folder is not followed.
func TestDirSafety(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	os.MkdirAll(filepath.Join(site, "a"), 0o755)
	os.WriteFile(filepath.Join(site, "index.html"), []byte("home"), 0o644)
	os.WriteFile(filepath.Join(site, "a", "index.html"), []byte("page a"), 0o644)
	os.WriteFile(filepath.Join(site, "404.html"), []byte("not found page"), 0o644)
	os.WriteFile(filepath.Join(site, "style.css"), []byte("body{}"), 0o644)
	os.WriteFile(filepath.Join(root, "secret.txt"), []byte("SECRET"), 0o644)
	os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(site, "leak.txt"))
	h, err := Dir(site, Options{NoStore: true, Gzip: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	// raw sends a request line as written, since Go's client would clean
	// the path before it leaves.
	raw := func(path string) (int, string) {
		conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		b, _ := io.ReadAll(conn)
		resp := string(b)
		code := 0
		if len(resp) > 12 {
			for _, c := range resp[9:12] {
				code = code*10 + int(c-'0')
			}
		}
		return code, resp
	}
	cases := []struct {
		path string
		code int
		body string
	}{
		{"/", 200, "home"},
		{"/a/", 200, "page a"},
		{"/a", 301, ""},
		{"/style.css", 200, "body{}"},
		{"/nope/", 404, "not found page"},
		{"/../secret.txt", 400, ""},
		{"/a/../../secret.txt", 400, ""},
		{"/%2e%2e/secret.txt", 400, ""},
		{"/..%2fsecret.txt", 400, ""},
		{"/leak.txt", 404, ""},
	}
	for _, c := range cases {
		code, resp := raw(c.path)
		if code != c.code {
			t.Errorf("%s: %d, want %d", c.path, code, c.code)
		}
		if strings.Contains(resp, "SECRET") {
			t.Errorf("%s leaked the file outside the site", c.path)
		}
		if c.body != "" && !strings.HasSuffix(resp, c.body) {
			t.Errorf("%s: body %q", c.path, resp)
		}
	}
	resp, err := http.Get(srv.URL + "/style.css")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("headers %v", resp.Header)
	}
}

// A site in memory under a base path: the prefix is required, pages are
// rewritten by Page (404 included), .gz siblings are sent to clients that
// take gzip when asked to, and types come from the table.
func TestMapUnderPrefix(t *testing.T) {
	m := Map{"index.html": []byte("home"), "a/index.html": []byte("page a"), "404.html": []byte("missing"),
		"s/x.json": []byte(`{"a":1}`), "s/x.json.gz": []byte("GZ"), "img/logo": []byte("\x89PNG\r\n\x1a\n....")}
	page := func(b []byte) []byte { return append(b, "+reload"...) }
	srv := httptest.NewServer(Handler(m, Options{Prefix: "/docs/", Gzip: true, Page: page}))
	defer srv.Close()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(p string, gzip bool) (int, string, http.Header) {
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		req.Header.Set("Accept-Encoding", "identity")
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	for _, k := range []struct {
		path, body string
		code       int
		gzip       bool
		ctype      string
	}{
		{"/docs/", "home+reload", 200, false, "text/html; charset=utf-8"},
		{"/docs/a/", "page a+reload", 200, false, "text/html; charset=utf-8"},
		{"/docs/a", "", 301, false, ""},
		{"/docs", "", 301, false, ""},
		{"/a/", "missing+reload", 404, false, "text/html; charset=utf-8"},
		{"/docs/nope", "missing+reload", 404, false, "text/html; charset=utf-8"},
		{"/docs/s/x.json", `{"a":1}`, 200, false, "application/json"},
		{"/docs/s/x.json", "GZ", 200, true, "application/json"},
		{"/docs/img/logo", "\x89PNG\r\n\x1a\n....", 200, false, "image/png"},
	} {
		code, body, h := get(k.path, k.gzip)
		if code != k.code || (k.body != "" && body != k.body) || (k.ctype != "" && h.Get("Content-Type") != k.ctype) {
			t.Errorf("%s (gzip %v): %d %q %q, want %d %q %q", k.path, k.gzip, code, body, h.Get("Content-Type"), k.code, k.body, k.ctype)
		}
		if k.gzip && h.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: no Content-Encoding: gzip", k.path)
		}
	}
	if _, _, h := get("/docs/", false); h.Get("Cache-Control") != "" {
		t.Errorf("Cache-Control %q without NoStore", h.Get("Cache-Control"))
	}
}
