package pdf

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
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
		{"/docs/../../etc/passwd", "", "", 400}, // refused, as by the preview
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

// The print loads only the build's own files: requests to other hosts,
// link-local and other loopback ports are refused and reported.
func TestPrintLoadsOnlyTheBuild(t *testing.T) {
	exe, err := FindBrowser("")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Chromium is required in CI (apt-get install chromium)")
		}
		t.Skip("no Chromium")
	}
	page := `<!doctype html><html><head><title>G</title><link rel="stylesheet" href="/style.css"></head><body><h1>Guide</h1>` +
		`<img src="http://169.254.169.254/latest/meta-data/x.png" alt="">` +
		`<img src="http://127.0.0.1:1/internal.png" alt="">` +
		`<img src="https://tracker.example.com/pixel.gif" alt=""></body></html>`
	files := map[string][]byte{"guide/index.html": []byte(page), "style.css": []byte("h1{color:#333}")}
	f := Files{BasePath: "/", Get: func(rel string) ([]byte, bool) { b, ok := files[rel]; return b, ok }}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	data, blocked, err := Print(ctx, exe, f, "guide/", "a4")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("not a PDF: %q", data[:min(len(data), 20)])
	}
	got := strings.Join(blocked, "\n")
	for _, w := range []string{"169.254.169.254", "127.0.0.1:1/", "tracker.example.com"} {
		if !strings.Contains(got, w) {
			t.Errorf("%s was not refused; refused:\n%s", w, got)
		}
	}
	if strings.Contains(got, "style.css") {
		t.Errorf("the build's own file was refused:\n%s", got)
	}
}
