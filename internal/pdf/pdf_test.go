package pdf

import (
	"errors"
	"io"
	"net/http/httptest"
	"testing"
)

func TestFilesServe(t *testing.T) {
	files := map[string][]byte{
		"index.html":                         []byte("home"),
		"fy2026/programs/x/guide/index.html": []byte("guide"),
		"assets/style.css":                   []byte("body{}"),
	}
	f := Files{BasePath: "/docs/", Get: func(rel string) ([]byte, bool) { b, ok := files[rel]; return b, ok }}
	for _, c := range []struct {
		path, body, ctype string
		code              int
	}{
		{"/docs/", "home", "text/html; charset=utf-8", 200},
		{"/docs/fy2026/programs/x/guide/", "guide", "text/html; charset=utf-8", 200},
		{"/docs/assets/style.css", "body{}", "text/css; charset=utf-8", 200},
		{"/docs/../../etc/passwd", "", "", 404},
		{"/other/", "", "", 404},
		{"/docs/missing/", "", "", 404},
	} {
		rec := httptest.NewRecorder()
		f.ServeHTTP(rec, httptest.NewRequest("GET", "http://x"+c.path, nil))
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != c.code {
			t.Errorf("%s: status %d, want %d", c.path, rec.Code, c.code)
			continue
		}
		if c.code == 200 && (string(body) != c.body || rec.Header().Get("Content-Type") != c.ctype) {
			t.Errorf("%s: %q (%s), want %q (%s)", c.path, body, rec.Header().Get("Content-Type"), c.body, c.ctype)
		}
	}
}

func TestFindBrowserNamed(t *testing.T) {
	if _, err := FindBrowser("/nonexistent/chromium"); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("a named browser that is not there: %v, want ErrNoBrowser", err)
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("PARTNERDOCS_CHROME", "")
	if p, err := FindBrowser(""); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("nothing on PATH: %q, %v; want ErrNoBrowser", p, err)
	}
}
