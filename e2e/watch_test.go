package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeWatchesWhatItReads: a file the build does not read (a log
// written in the site root, a notes folder) never makes the preview
// rebuild; a page does.
func TestServeWatchesWhatItReads(t *testing.T) {
	site := copySite(t)
	srv := startServe(t, site)
	srv.waitOutput(t, "Serving", 1)
	base := strings.Count(srv.out.String(), "rebuil") // the first build
	logf := filepath.Join(site, "build.log")
	for i := 0; i < 5; i++ {
		if err := os.WriteFile(logf, []byte(strings.Repeat("x", i+1)), 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
	}
	writeFile(t, site, "notes/todo.md", "---\ntitle: Not part of the site\n---\nx\n")
	time.Sleep(time.Second)
	if n := strings.Count(srv.out.String(), "rebuil") - base; n != 0 {
		t.Fatalf("files outside the site's folders made %d rebuilds:\n%s", n, srv.out.String())
	}
	p := filepath.Join(site, "content/fy2026/guides/tier-reviews.md")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "twice a year", "twice a year (watched)", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.waitOutput(t, "rebuilt", base+1)
	if _, body := srv.get(t, "/fy2026/guides/tier-reviews/", 10*time.Second); !strings.Contains(body, "(watched)") {
		t.Error("the edited page was not rebuilt")
	}
}
