package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	testsite.Golden(t, filepath.Join(repoRoot, "e2e", "testdata", name), got)
}

// TestCheckFormats runs check on a site holding one failure per rule:
// every finding comes out of one run, in text, JSON and GitLab form.
func TestCheckFormats(t *testing.T) {
	t.Parallel()
	site := copySiteFrom(t, filepath.Join(repoRoot, "e2e", "testdata", "broken"))
	env := []string{"PARTNERDOCS_TODAY=2026-11-26"}
	r := runEnv(t, site, env, "check", "--format", "json")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	goldenFile(t, "broken.json", []byte(r.stdout))
	var items []struct {
		File, Severity, Rule, Message, Suggestion string
		Line, Column                              int
	}
	if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, it := range items {
		rules[it.Rule] = true
		if it.File == "" || it.Line == 0 || it.Message == "" {
			t.Errorf("incomplete finding %+v", it)
		}
	}
	for _, rule := range []string{"frontmatter-syntax", "frontmatter-field", "duplicate-id", "duplicate-url", "broken-link", "broken-anchor", "broken-xref",
		"unknown-version", "missing-asset", "unknown-ref", "prerequisite-cycle", "matrix-missing-value", "matrix-unknown-tier", "duplicate-rank",
		"unknown-shortcode", "unknown-region", "audience-link", "stale-content"} {
		if !rules[rule] {
			t.Errorf("no %s finding", rule)
		}
	}

	r = runEnv(t, site, env, "check", "--format", "gitlab")
	goldenFile(t, "broken.gitlab.json", []byte(r.stdout))
	// The fields GitLab's Code Quality schema requires.
	var report []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil || len(report) != len(items) {
		t.Fatalf("gitlab report: %v, %d issues", err, len(report))
	}
	fingerprints := map[string]bool{}
	for _, issue := range report {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
			if issue[k] == nil || issue[k] == "" {
				t.Errorf("issue lacks %s: %v", k, issue)
			}
		}
		loc, _ := issue["location"].(map[string]any)
		lines, _ := loc["lines"].(map[string]any)
		if loc["path"] == "" || lines["begin"] == nil {
			t.Errorf("issue location %v", loc)
		}
		switch issue["severity"] {
		case "info", "minor", "major", "critical", "blocker":
		default:
			t.Errorf("severity %v", issue["severity"])
		}
		fp := issue["fingerprint"].(string)
		if fingerprints[fp] {
			t.Errorf("duplicate fingerprint %s", fp)
		}
		fingerprints[fp] = true
	}

	r = runEnv(t, site, env, "check")
	if !strings.Contains(r.stdout, "content/v2/guides/links.md:9:47: error: no heading \"claim\" in content/v2/guides/links.md (did you mean \"claims\"?) [broken-anchor]") {
		t.Errorf("text format:\n%s", r.stdout)
	}
	if r := runEnv(t, site, env, "check", "--format", "xml"); r.code != 2 {
		t.Errorf("--format xml: exit %d", r.code)
	}
}

// TestCheckScanCache: check keeps its scans in the cache folder; a second
// run reads them and reports the same, a changed page is scanned again,
// and a damaged cache is ignored.
func TestCheckScanCache(t *testing.T) {
	t.Parallel()
	site := copySiteFrom(t, filepath.Join(repoRoot, "e2e", "testdata", "broken"))
	env := []string{"PARTNERDOCS_TODAY=2026-11-26"}
	first := runEnv(t, site, env, "check", "--format", "json")
	cache := filepath.Join(site, ".partnerdocs-cache", "scan", "check.bin")
	info, err := os.Stat(cache)
	if err != nil || info.Size() == 0 {
		t.Fatalf("no scan cache after check: %v", err)
	}
	second := runEnv(t, site, env, "check", "--format", "json")
	if second.code != first.code || second.stdout != first.stdout {
		t.Fatalf("second check (from the cache) differs:\n%s\n---\n%s", first.stdout, second.stdout)
	}
	os.WriteFile(cache, []byte("not a cache"), 0o644)
	if third := runEnv(t, site, env, "check", "--format", "json"); third.stdout != first.stdout {
		t.Fatalf("check with a damaged cache differs:\n%s", third.stdout)
	}
	idx := filepath.Join(site, "content", "v1", "_index.md")
	b, _ := os.ReadFile(idx)
	os.WriteFile(idx, append(b, "\n[gone](missing-page.md)\n"...), 0o644)
	if r := runEnv(t, site, env, "check"); !strings.Contains(r.stdout+r.stderr, "missing-page.md") {
		t.Fatalf("a new broken link was not reported:\n%s%s", r.stdout, r.stderr)
	}
}

// TestCheckLevelWarn: with check.level warn, broken references are
// warnings and the build succeeds.
func TestCheckLevelWarn(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	writeFile(t, site, "content/fy2026/guides/x.md", "---\ntitle: X\n---\n[a](nope.md)\n")
	b, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	os.WriteFile(filepath.Join(site, "config.yaml"), []byte(strings.Replace(string(b), "level: error", "level: warn", 1)), 0o644)
	r := run(t, site, "build")
	if r.code != 0 || !strings.Contains(r.stderr, "warning: no page content/fy2026/guides/nope.md [broken-link]") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
}

// TestCheckExternal checks http links against servers on loopback.
func TestCheckExternal(t *testing.T) {
	t.Parallel()
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		switch r.URL.Path {
		case "/ok":
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	site := copyOneLanguage(t)
	writeFile(t, site, "content/fy2026/guides/ext.md", "---\ntitle: Ext\n---\n\n[ok]("+srv.URL+"/ok) [moved]("+srv.URL+"/moved)\n\n<"+srv.URL+"/gone>\n")
	r := run(t, site, "check", "--external")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "content/fy2026/guides/ext.md:7:2: error: "+srv.URL+"/gone answers 404 Not Found [external-link]") ||
		!strings.Contains(r.stdout, "warning: "+srv.URL+"/moved has moved permanently to "+srv.URL+"/ok") {
		t.Errorf("findings:\n%s", r.stdout)
	}
	// The cache spares the working links a second request.
	before := hits
	run(t, site, "check", "--external")
	if hits-before > 2 { // only /gone is checked again (HEAD then GET)
		t.Errorf("second run sent %d requests", hits-before)
	}
	// Without --external nothing is requested.
	before = hits
	if r := run(t, site, "check"); r.code != 0 || hits != before {
		t.Errorf("check without --external: exit %d, %d requests", r.code, hits-before)
	}
}
