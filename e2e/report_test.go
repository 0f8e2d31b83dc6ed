package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReport: partnerdocs report counts pages, overdue reviews and broken
// references per owner and the program model per year (JSON checked
// against a golden file); /V/report/ is in internal builds only.
func TestReport(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	writeFile(t, site, "content/fy2026/guides/stale.md", "---\ntitle: An old guide\nowner: Partner Operations\nreview_by: 2026-01-15\n---\nSee [the claims](../terms/mdf.md#claim).\n")
	r := runEnv(t, site, []string{"PARTNERDOCS_TODAY=2026-11-30"}, "report", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	// The whole report, reviewed: its day is pinned, the site is not a
	// Git repository (no changes in the last 90 days: -1).
	goldenFile(t, "report.golden.json", []byte(r.stdout))
	var rep struct {
		Owners []struct {
			Name    string
			Pages   int
			Overdue []struct{ Title, ReviewBy string }
			Broken  int
		}
		Unowned  []struct{ Source string }
		Versions []struct {
			Name                                                    string
			Programs, Tiers, Designations, Benefits, Certifications int
			ByKind                                                  map[string]int `json:"pages_by_kind"`
			Changed90                                               int            `json:"changed_last_90_days"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var ops *struct {
		Name    string
		Pages   int
		Overdue []struct{ Title, ReviewBy string }
		Broken  int
	}
	for i := range rep.Owners {
		if rep.Owners[i].Name == "Partner Operations" {
			ops = &rep.Owners[i]
		}
	}
	if ops == nil || len(ops.Overdue) != 1 || ops.Overdue[0].Title != "An old guide" || ops.Broken != 1 {
		t.Errorf("Partner Operations: %+v", ops)
	}
	if len(rep.Unowned) == 0 {
		t.Error("no page without an owner reported")
	}
	v := rep.Versions[0]
	if v.Name != "fy2026" || v.Programs != 3 || v.Tiers != 9 || v.Designations != 2 || v.Certifications != 8 || v.ByKind["benefit"] != 24 || v.Changed90 != -1 {
		t.Errorf("fy2026 metrics: %+v", v)
	}
	// The page: internal builds only (a build with errors writes nothing).
	writeFile(t, site, "content/fy2026/guides/stale.md", "---\ntitle: An old guide\nowner: Partner Operations\nreview_by: 2026-01-15\n---\nSee [the claims](../terms/mdf.md#claims).\n")
	for aud, want := range map[string]bool{"internal": true, "partner": false, "public": false} {
		out := filepath.Join(t.TempDir(), "out")
		if r := run(t, site, "build", "--audience", aud, "--dest", out); r.code != 0 {
			t.Fatalf("%s build: %d %s", aud, r.code, r.stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "fy2026", "report", "index.html"))
		if (err == nil) != want {
			t.Errorf("%s build: /fy2026/report/ present %v, want %v", aud, err == nil, want)
		}
		if want && !strings.Contains(string(b), "<svg") {
			t.Errorf("the report page has no bars")
		}
	}
}
