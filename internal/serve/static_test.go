package serve

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

func TestStaticSafety(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	os.MkdirAll(filepath.Join(site, "a"), 0o755)
	os.WriteFile(filepath.Join(site, "index.html"), []byte("home"), 0o644)
	os.WriteFile(filepath.Join(site, "a", "index.html"), []byte("page a"), 0o644)
	os.WriteFile(filepath.Join(site, "404.html"), []byte("not found page"), 0o644)
	os.WriteFile(filepath.Join(site, "style.css"), []byte("body{}"), 0o644)
	os.WriteFile(filepath.Join(root, "secret.txt"), []byte("SECRET"), 0o644)
	os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(site, "leak.txt"))
	srv := httptest.NewServer(Static(site))
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
