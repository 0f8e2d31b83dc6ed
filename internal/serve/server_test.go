package serve

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

func repo() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// exampleCopy copies the example portal into a temporary folder.
func exampleCopy(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, p := range []string{"config.yaml", "content", "feedback"} {
		src := filepath.Join(repo(), p)
		err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, path)
			target := filepath.Join(dst, p, rel)
			if p == "config.yaml" {
				target = filepath.Join(dst, p)
			}
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// events subscribes to the server's events and returns a channel of
// their names and data.
func events(t *testing.T, url string) <-chan [2]string {
	t.Helper()
	resp, err := http.Get(url + "/__partnerdocs/events")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan [2]string, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ch <- [2]string{name, strings.TrimPrefix(line, "data: ")}
			}
		}
		close(ch)
	}()
	if e := <-ch; e[0] != "hello" {
		t.Fatalf("first event %v", e)
	}
	return ch
}

func waitEvent(t *testing.T, ch <-chan [2]string, name string) string {
	t.Helper()
	timeout := time.After(waitLimit)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatal("event stream closed")
			}
			if e[0] == name {
				return e[1]
			}
		case <-timeout:
			t.Fatalf("no %s event", name)
		}
	}
}

// settle waits until ok holds, looking again after each reload: one
// burst of edits can give more than one rebuild (a folder, then a file
// in it; events that reached the watcher after its debounce), so the
// first reload may not be the last. It fails when no reload comes for
// waitLimit and ok still does not hold, with ok's last reason.
func settle(t *testing.T, ch <-chan [2]string, what string, ok func() (bool, string)) {
	t.Helper()
	for {
		good, why := ok()
		if good {
			return
		}
		timeout := time.After(waitLimit)
	wait:
		for {
			select {
			case e, open := <-ch:
				if !open {
					t.Fatalf("%s: event stream closed (%s)", what, why)
				}
				if e[0] == "reload" {
					break wait
				}
			case <-timeout:
				t.Fatalf("%s: %s", what, why)
			}
		}
	}
}

var client = &http.Client{Timeout: 10 * time.Second}

// waitLimit bounds a wait for the preview: generous, since only a failing
// test waits it out, and a rebuild of the example under the race detector,
// beside the other tests of the package, can take over ten seconds.
const waitLimit = time.Minute

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func start(t *testing.T, site string) (*Server, string, context.CancelFunc) {
	t.Helper()
	srv := New(build.Options{Source: site, Audience: "partner"}, io.Discard)
	if res := srv.Rebuild(false); res.Outcome != build.OK {
		t.Fatalf("first build: %v %v", res.Diags.Items(), res.Err)
	}
	hs := httptest.NewServer(srv.Handler())
	ctx, cancel := context.WithCancel(context.Background())
	done, watching := make(chan struct{}), make(chan struct{})
	go func() { _ = srv.Watch(ctx, site, func() { close(watching) }); close(done) }()
	<-watching
	t.Cleanup(func() { cancel(); <-done; srv.Close(); hs.CloseClientConnections(); hs.Close() })
	return srv, hs.URL, cancel
}

func TestLivePreview(t *testing.T) {
	t.Parallel()
	site := exampleCopy(t)
	_, url, _ := start(t, site)
	ev := events(t, url)
	mdf := filepath.Join(site, "content/fy2026/terms/mdf.md")
	orig, _ := os.ReadFile(mdf)

	// A plain edit.
	os.WriteFile(mdf, []byte(strings.Replace(string(orig), "Claim within 45 days", "Claim within 50 days", 1)), 0o644)
	served := func(text string) func() (bool, string) {
		return func() (bool, string) {
			_, body := get(t, url+"/fy2026/terms/mdf/")
			return strings.Contains(body, text) && strings.Contains(body, reloadTag), "the page lacks " + text + " or the reload script"
		}
	}
	settle(t, ev, "a plain edit", served("Claim within 50 days"))
	// An editor's save: write a temporary file, rename it over the page.
	tmp := mdf + ".tmp"
	os.WriteFile(tmp, []byte(strings.Replace(string(orig), "Claim within 45 days", "Claim within 55 days", 1)), 0o644)
	os.Rename(tmp, mdf)
	settle(t, ev, "an editor's rename-save", served("Claim within 55 days"))
	// A new page in a new folder, then its deletion.
	// The file may be written before the watcher adds the folder: the
	// folder's own event makes the rebuild list it.
	os.MkdirAll(filepath.Join(site, "content/fy2026/faq"), 0o755)
	os.WriteFile(filepath.Join(site, "content/fy2026/faq/new.md"), []byte("---\ntitle: Fresh FAQ\n---\nNew page.\n"), 0o644)
	settle(t, ev, "the page in a new folder", func() (bool, string) {
		code, body := get(t, url+"/fy2026/faq/new/")
		return code == 200 && strings.Contains(body, "Fresh FAQ"), fmt.Sprintf("status %d", code)
	})
	os.Remove(filepath.Join(site, "content/fy2026/faq/new.md"))
	settle(t, ev, "the deleted page gone", func() (bool, string) {
		code, _ := get(t, url+"/fy2026/faq/new/")
		return code == 404, fmt.Sprintf("status %d", code)
	})
	// A broken edit: the error is reported and the last good page stays.
	os.WriteFile(mdf, []byte("---\ntitle: [broken\n---\n"), 0o644)
	data := waitEvent(t, ev, "build-error")
	if !strings.Contains(data, "content/fy2026/terms/mdf.md") || !strings.Contains(data, "frontmatter-syntax") {
		t.Errorf("error event %s", data)
	}
	if _, body := get(t, url+"/fy2026/terms/mdf/"); !strings.Contains(body, "Claim within 55 days") {
		t.Fatal("the last good page is gone")
	}
	// A newly opened page learns of the error at once.
	ev2 := make(chan [2]string)
	go func() {
		resp, err := http.Get(url + "/__partnerdocs/events")
		if err != nil {
			return
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "event: ") {
				ev2 <- [2]string{strings.TrimPrefix(sc.Text(), "event: "), ""}
				return
			}
		}
	}()
	if e := <-ev2; e[0] != "build-error" {
		t.Errorf("new subscriber got %v", e)
	}
	// Fixing it reloads.
	os.WriteFile(mdf, orig, 0o644)
	waitEvent(t, ev, "reload")
	// Editor scratch files change nothing.
	os.WriteFile(filepath.Join(site, "content/fy2026/.mdf.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(site, "content/fy2026/terms/mdf.md~"), []byte("x"), 0o644)
	select {
	case e := <-ev:
		t.Errorf("scratch file caused %v", e)
	case <-time.After(600 * time.Millisecond):
	}
	// A config change rebuilds everything.
	cfg := filepath.Join(site, "config.yaml")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(b), `title: "Tidewater Partner Portal"`, `title: "Tidewater Partners"`, 1)), 0o644)
	settle(t, ev, "a config change", func() (bool, string) {
		_, body := get(t, url+"/fy2025/guides/tier-reviews/")
		return strings.Contains(body, "Tidewater Partners</a>"), "the new title is not on another version's page"
	})
}

// TestPreviewEqualsFullBuild: after random edit sequences, then each kind
// of structural edit, the served files are exactly those of a full build
// of the same sources. The long suite runs more random rounds
// (TestPreviewEqualsFullBuildSweep).
func TestPreviewEqualsFullBuild(t *testing.T) {
	t.Parallel()
	previewEqualsFullBuild(t, 2, 3, true)
}

// previewEqualsFullBuild edits the example copy in rounds random rounds
// (from seed), then, when kinds is set, makes each structural edit once,
// and compares the preview with a full build after each.
func previewEqualsFullBuild(t *testing.T, rounds int, seed int64, kinds bool) {
	site := exampleCopy(t)
	_, url, _ := start(t, site)
	ev := events(t, url)
	r := rand.New(rand.NewSource(seed))
	var pages []string
	filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.Contains(p, "_index") {
			pages = append(pages, p)
		}
		return nil
	})
	for round := 0; round < rounds; round++ {
		for i := 0; i < 4; i++ {
			p := pages[r.Intn(len(pages))]
			b, _ := os.ReadFile(p)
			switch r.Intn(5) {
			case 3: // a new heading (anchors change)
				os.WriteFile(p, append(b, []byte(fmt.Sprintf("\n## Added heading %d\n\nText.\n", r.Intn(1000)))...), 0o644)
				continue
			case 4: // a benefit value (the program model changes)
				bp := filepath.Join(site, "content/fy2026/benefits/resale-discount.md")
				bb, _ := os.ReadFile(bp)
				os.WriteFile(bp, []byte(strings.Replace(string(bb), "premier: {value: 32", fmt.Sprintf("premier: {value: %d", 33+r.Intn(10)), 1)), 0o644)
				continue
			}
			switch r.Intn(3) {
			case 0: // retitle
				os.WriteFile(p, []byte(strings.Replace(string(b), "title: \"", fmt.Sprintf("title: \"Edited %d ", r.Intn(100)), 1)), 0o644)
			case 1: // add text
				os.WriteFile(p, append(b, []byte(fmt.Sprintf("\nMore text %d.\n", r.Intn(1000)))...), 0o644)
			case 2: // a new page
				os.WriteFile(filepath.Join(filepath.Dir(p), fmt.Sprintf("extra-%d-%d.md", round, i)), []byte("---\ntitle: Extra\n---\nExtra.\n"), 0o644)
			}
		}
		sameAsFullBuild(t, site, url, ev, round)
	}
	if !kinds {
		return
	}
	// Then each kind of structural edit once, by itself: new pages, a
	// weight (the folder's order and the neighbours' previous/next
	// links), a landing page's text, a page turned draft (it leaves the
	// build), a page deleted and a page moved to another folder.
	edit := func(rel string, f func(string) string) {
		p := filepath.Join(site, "content", filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(rel, text string) {
		if err := os.WriteFile(filepath.Join(site, "content", filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	structural := []struct {
		name string
		do   func()
	}{
		{"new pages", func() {
			for _, n := range []string{"a", "b", "c"} {
				write("fy2026/guides/scratch-"+n+".md", "---\ntitle: Scratch "+n+"\nweight: 5\n---\nScratch.\n")
			}
		}},
		{"weight", func() {
			edit("fy2026/guides/getting-started.md", func(s string) string { return strings.Replace(s, "weight: 1\n", "weight: 9\n", 1) })
		}},
		{"landing text", func() {
			edit("fy2026/guides/_index.md", func(s string) string { return s + "\nA new line on the landing page.\n" })
		}},
		{"draft", func() {
			edit("fy2026/guides/scratch-a.md", func(s string) string { return strings.Replace(s, "---\n", "---\ndraft: true\n", 1) })
		}},
		{"delete", func() {
			if err := os.Remove(filepath.Join(site, "content/fy2026/guides/scratch-b.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"move", func() {
			if err := os.Rename(filepath.Join(site, "content/fy2026/guides/scratch-c.md"), filepath.Join(site, "content/fy2026/playbooks/scratch-c.md")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for i, k := range structural {
		k.do()
		sameAsFullBuild(t, site, url, ev, rounds+i)
	}
}

// sameAsFullBuild fails unless the preview at url comes to serve
// exactly the files of a full build of site, checked after each reload.
func sameAsFullBuild(t *testing.T, site, url string, ev <-chan [2]string, round int) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if res := build.Run(build.Options{Source: site, Dest: dest, Audience: "partner", BaseURL: "/"}); res.Outcome != build.OK {
		t.Fatalf("full build: %v", res.Diags.Items())
	}
	want := map[string]string{}
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != ".partnerdocs-output" {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dest, p)
			sum := sha256.Sum256(b)
			want[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		}
		return nil
	})
	settle(t, ev, fmt.Sprintf("round %d: the preview as the full build", round), func() (bool, string) {
		_, body := get(t, url+"/__partnerdocs/manifest")
		var man struct{ Files map[string]string }
		json.Unmarshal([]byte(body), &man)
		var diffs []string
		if len(man.Files) != len(want) {
			diffs = append(diffs, fmt.Sprintf("served %d files, full build %d", len(man.Files), len(want)))
		}
		for p, h := range want {
			if man.Files[p] != h {
				diffs = append(diffs, p+" differs from the full build")
			}
		}
		sort.Strings(diffs)
		return len(diffs) == 0, strings.Join(diffs, "; ")
	})
}

// TestQuickEditsEqualFullBuild: in a site of one language, where most
// text edits take the quick rebuild, the served files after each round
// of edits are exactly those of a full build.
func TestQuickEditsEqualFullBuild(t *testing.T) {
	t.Parallel()
	site := exampleCopy(t)
	testsite.OneLanguage(t, site)
	srv, url, _ := start(t, site)
	ev := events(t, url)
	pages := []string{"fy2026/guides/deal-registration.md", "fy2026/guides/getting-started.md", "fy2026/playbooks/legacy-ci-displacement.md",
		"portal/news/deal-registration-approval.md", "fy2025/guides/getting-started.md", "fy2026/terms/mdf.md", "fy2026/programs/reseller/premier.md"}
	r := rand.New(rand.NewSource(5))
	quick := 0
	for round := 0; round < 6; round++ {
		p := filepath.Join(site, "content", pages[r.Intn(len(pages))])
		b, _ := os.ReadFile(p)
		os.WriteFile(p, append(b, fmt.Sprintf("\nMore text %d.\n", r.Intn(1000))...), 0o644)
		sameAsFullBuild(t, site, url, ev, round)
		srv.buildMu.Lock()
		if srv.session.LastQuick() {
			quick++
		}
		srv.buildMu.Unlock()
	}
	t.Logf("%d of 6 rebuilds were quick", quick)
	if quick == 0 {
		t.Error("no edit took the quick rebuild")
	}
}

// TestLoadWhileEditing: 50 clients on loopback while the site is edited
// and rebuilt three times; no request fails. Run with -race in CI.
func TestLoadWhileEditing(t *testing.T) {
	t.Parallel()
	site := exampleCopy(t)
	_, url, _ := start(t, site)
	ev := events(t, url)
	var done atomic.Bool
	var fails, reqs atomic.Int64
	var wg sync.WaitGroup
	paths := []string{"/", "/fy2026/terms/mdf/", "/fy2026/programs/reseller/", "/assets/style.css", "/search/idx/meta.json", "/api/search?q=mdf", "/nope/"}
	// Longer than a search waits for the index a rebuild reopens
	// (searchWait): past that the server answers 503, which is allowed;
	// a client that gave up first would count a failure that is not the
	// server's (it happened under -race in CI, 50 clients at once).
	client := &http.Client{Timeout: searchWait + 20*time.Second}
	for c := 0; c < 50; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; !done.Load(); i++ {
				p := paths[(c+i)%len(paths)]
				resp, err := client.Get(url + p)
				reqs.Add(1)
				if err != nil {
					if fails.Add(1) <= 3 {
						t.Logf("%s: %v", p, err)
					}
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				want := 200
				if p == "/nope/" {
					want = 404
				}
				if resp.StatusCode != want && !(p == "/api/search?q=mdf" && resp.StatusCode == 503) {
					if fails.Add(1) <= 3 {
						t.Logf("%s: status %d, want %d", p, resp.StatusCode, want)
					}
				}
			}
		}(c)
	}
	mdf := filepath.Join(site, "content/fy2026/terms/mdf.md")
	orig, _ := os.ReadFile(mdf)
	for i := 0; i < 3; i++ {
		days := fmt.Sprintf("%d days", 40+i)
		os.WriteFile(mdf, []byte(strings.Replace(string(orig), "45 days", days, 1)), 0o644)
		settle(t, ev, "edit "+days, func() (bool, string) {
			_, body := get(t, url+"/fy2026/terms/mdf/")
			return strings.Contains(body, days), "the edit is not served yet"
		})
	}
	done.Store(true)
	wg.Wait()
	t.Logf("%d requests, %d failed", reqs.Load(), fails.Load())
	if fails.Load() > 0 {
		t.Errorf("%d of %d requests failed", fails.Load(), reqs.Load())
	}
}

func TestPreviewTraversal(t *testing.T) {
	t.Parallel()
	site := exampleCopy(t)
	os.WriteFile(filepath.Join(filepath.Dir(site), "secret.txt"), []byte("SECRET"), 0o644)
	_, url, _ := start(t, site)
	for _, p := range []string{"/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/fy2026/../../secret.txt", "/%00", "/config.yaml", "/content/fy2026/terms/mdf.md"} {
		req, _ := http.NewRequest("GET", url+"/", nil)
		req.URL.RawPath, req.URL.Path = p, strings.ReplaceAll(p, "%2f", "/")
		req.URL.Opaque = p
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 && resp.StatusCode != 404 || strings.Contains(string(b), "SECRET") || strings.Contains(string(b), "kind: terms") {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	resp, _ := http.Get(url + "/assets/style.css")
	if resp.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("headers %v", resp.Header)
	}
}

// The watcher tells a rebuild which pages were written in place, created
// or deleted, and lists every folder again after anything else: a
// non-page file, a folder.
func TestWatcherChangedFiles(t *testing.T) {
	t.Parallel()
	site := exampleCopy(t)
	srv, url, _ := start(t, site)
	ev := events(t, url)
	last := func() []string {
		srv.buildMu.Lock()
		defer srv.buildMu.Unlock()
		return srv.lastChanged
	}
	cameWent := func() string {
		srv.buildMu.Lock()
		defer srv.buildMu.Unlock()
		return fmt.Sprintf("%q %q", srv.lastCame, srv.lastWent)
	}
	mdf := filepath.Join(site, "content/fy2026/terms/mdf.md")
	orig, _ := os.ReadFile(mdf)

	os.WriteFile(mdf, append(orig, []byte("\nOne more line.\n")...), 0o644)
	settle(t, ev, "in-place write", func() (bool, string) {
		got := last()
		_, body := get(t, url+"/fy2026/terms/mdf/")
		return len(got) == 1 && got[0] == "content/fy2026/terms/mdf.md" && strings.Contains(body, "One more line."),
			fmt.Sprintf("rebuild told %q; page read again: %v", got, strings.Contains(body, "One more line."))
	})

	os.WriteFile(filepath.Join(site, "content/fy2026/guides/new-page.md"), []byte("---\ntitle: New page\n---\nNew.\n"), 0o644)
	settle(t, ev, "new page", func() (bool, string) {
		got, cw := last(), cameWent()
		code, _ := get(t, url+"/fy2026/guides/new-page/")
		return got != nil && cw == `["content/fy2026/guides/new-page.md"] []` && code == 200,
			fmt.Sprintf("rebuild told %q, came and went %s (want the new page, no listing); new page: %d", got, cw, code)
	})

	os.WriteFile(filepath.Join(site, "content/fy2026/guides/new-page.md"), []byte("---\ntitle: New page\n---\nNewer.\n"), 0o644)
	settle(t, ev, "write after the page came", func() (bool, string) {
		got := last()
		_, body := get(t, url+"/fy2026/guides/new-page/")
		return len(got) == 1 && strings.Contains(body, "Newer."),
			fmt.Sprintf("rebuild told %q; the new page read again after its write: %v", got, strings.Contains(body, "Newer."))
	})

	os.Remove(filepath.Join(site, "content/fy2026/guides/new-page.md"))
	settle(t, ev, "page deleted", func() (bool, string) {
		cw := cameWent()
		code, _ := get(t, url+"/fy2026/guides/new-page/")
		return last() != nil && cw == `[] ["content/fy2026/guides/new-page.md"]` && code == 404,
			fmt.Sprintf("came and went %s; deleted page: %d", cw, code)
	})

	os.WriteFile(filepath.Join(site, "content/fy2026/guides/notes.txt"), []byte("not a page"), 0o644)
	settle(t, ev, "a file that is not a page", func() (bool, string) {
		got := last()
		return got == nil, fmt.Sprintf("rebuild told %q (want a full listing)", got)
	})
}

// Live-reload streams are capped per client: past the cap the next one is
// told to retry (503), and pages and the other streams go on answering;
// a stream past its age is closed by the server.
func TestEventStreamCaps(t *testing.T) {
	t.Parallel()
	site := exampleCopy(t)
	srv := New(build.Options{Source: site, Audience: "partner"}, io.Discard)
	// Long enough that no stream ages out while the cap fills, under the
	// race detector on a loaded machine (at 2 s one did, and the request
	// past the cap found a free place).
	srv.streamAge = time.Minute
	if res := srv.Rebuild(false); res.Outcome != build.OK {
		t.Fatalf("first build: %v %v", res.Diags.Items(), res.Err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer func() { srv.Close(); hs.CloseClientConnections(); hs.Close() }()
	tr := &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: 100}
	c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var open []*http.Response
	defer func() {
		for _, r := range open {
			r.Body.Close()
		}
	}()
	for i := 0; i < MaxStreamsPerClient; i++ {
		resp, err := c.Get(hs.URL + "/__partnerdocs/events")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("stream %d: %v %v", i, err, resp)
		}
		open = append(open, resp)
	}
	resp, err := c.Get(hs.URL + "/__partnerdocs/events")
	if err != nil || resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("stream past the cap: %v %+v", err, resp)
	}
	resp.Body.Close()
	if code, body := get(t, hs.URL+"/fy2026/terms/mdf/"); code != 200 || !strings.Contains(body, "MDF") {
		t.Errorf("a page while the streams are open: %d", code)
	}
	// A server closes a stream past its age: the body ends. (Another
	// server, whose streams age in a second.)
	short := New(build.Options{Source: site, Audience: "partner"}, io.Discard)
	short.streamAge = time.Second
	hs2 := httptest.NewServer(short.Handler())
	defer func() { short.Close(); hs2.CloseClientConnections(); hs2.Close() }()
	aging, err := c.Get(hs2.URL + "/__partnerdocs/events")
	if err != nil || aging.StatusCode != 200 {
		t.Fatalf("a stream of the second server: %v %v", err, aging)
	}
	defer aging.Body.Close()
	done := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, aging.Body); done <- err }()
	select {
	case <-done:
	case <-time.After(8 * time.Second):
		t.Error("a stream past its age stays open")
	}
}
