//go:build scale

// The long suite's slower end-to-end tests, beside the scale tests in
// scale_test.go: the printed program guide, a calendar of 1,500 events,
// and a build killed at every rename. They run with
// go test -tags scale -run 'Scale|Budget|Sweep|Long' ./e2e/ (CI runs it).

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestProgramGuidePDFLong prints the reseller guide with partnerdocs pdf
// through Chromium and reads the PDF back with poppler: its text holds the
// program, the year, every tier and every benefit value of the matrix,
// and page numbers; its first pages are kept as PNGs in the test
// artifacts. Bad input (unknown program or year, no browser) exits 2.
func TestProgramGuidePDFLong(t *testing.T) {
	t.Parallel()
	chrome := chromiumPath(t)
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI (apt-get install poppler-utils)", tool)
			}
			t.Skipf("no %s on this machine", tool)
		}
	}
	site := copySite(t)
	out := filepath.Join(t.TempDir(), "reseller.pdf")
	env := []string{"PARTNERDOCS_CHROME=" + chrome}
	r := runEnv(t, site, env, "pdf", "reseller", "-o", out)
	if r.code != 0 {
		t.Fatalf("pdf: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, out) {
		t.Errorf("pdf does not say where it wrote: %q", r.stdout)
	}
	text, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Table cells wrap anywhere: compare without white space.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	flat := squash(string(text))

	mx := readMatrix(t, exampleOut(t, "partner"), "reseller")
	// The MDF benefit's Mermaid flowchart is printed drawn: its labels,
	// not its source.
	want := []string{"Reseller Program guide", "FY2026", "Page 1 of", "Contents", "Tiers at a glance", "Proposal submitted", "Funds paid within 30 days"}
	if strings.Contains(flat, "flowchartTD") || strings.Contains(flat, "-->") {
		t.Error("the PDF shows a diagram's source, not the diagram")
	}
	for _, tier := range append(mx.Tiers, mx.Designations...) {
		want = append(want, tier.Title)
	}
	for _, b := range mx.Benefits {
		want = append(want, b.Title)
		for _, tier := range mx.Tiers {
			if d := b.Cells[tier.ID].Display; d != "" && d != "—" {
				want = append(want, d)
			}
		}
	}
	for _, w := range want {
		if !strings.Contains(flat, squash(w)) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if err := exec.Command("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "6", out, filepath.Join(artifactDir(t), "guide-reseller")).Run(); err != nil {
		t.Errorf("pdftoppm: %v", err)
	}

	for _, c := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"unknown program", env, []string{"pdf", "wholesale"}, "programs/reseller"},
		{"unknown year", env, []string{"pdf", "reseller", "--version", "fy1999"}, "fy2026"},
		{"bad paper", env, []string{"pdf", "reseller", "--paper", "quarto"}, "--paper"},
		{"named browser missing", []string{"PARTNERDOCS_CHROME=/nonexistent/chromium"}, []string{"pdf", "reseller"}, "apt-get install chromium"},
		{"no browser on PATH", []string{"PARTNERDOCS_CHROME=", "PATH=" + t.TempDir()}, []string{"pdf", "reseller"}, "apt-get install chromium"},
	} {
		r := runEnv(t, site, c.env, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c.name, r.code, r.stderr, c.want)
		}
	}
}

// TestEventsFeedAtScale: a calendar of 1,500 events, built from 1,500
// pages in three zones, parses with the calendar library and holds every
// event at the time its page gives.
func TestEventsFeedAtScale(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: Many\nbaseURL: https://events.example/\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo"}
	want := map[string]string{}
	for i := 0; i < 1500; i++ {
		zone := zones[i%3]
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(2027, 1, 1, 9, 0, 0, 0, loc).Add(time.Duration(i) * 7 * time.Hour)
		writeFile(t, site, fmt.Sprintf("content/v1/events/e%04d.md", i), fmt.Sprintf("---\ntitle: \"Session %d: Q&A, part; two\"\nkind: event\nstart: %s\ntimezone: %s\n---\n", i, start.Format("2006-01-02T15:04"), zone))
		want[fmt.Sprintf("v1/events/e%04d@events.example", i)] = start.UTC().Format(time.RFC3339)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	got := calendarEvents(t, readCalendar(t, filepath.Join(dest, "events.ics")))
	if len(got) != len(want) {
		t.Fatalf("%d events in the calendar, want %d", len(got), len(want))
	}
	for _, g := range got {
		f := strings.SplitN(g, " ", 4)
		if want[f[0]] != f[1] || !strings.HasPrefix(f[3], "Session ") || !strings.HasSuffix(f[3], ": Q&A, part; two") {
			t.Errorf("calendar has %s; the page gives %s", g, want[f[0]])
		}
	}
}

// killAtRenames kills a build at each rename numbered in at, in turn, or
// (at nil) at every rename until a build finishes; then a build that
// finishes leaves the new output.
func killAtRenames(t *testing.T, at []int) {
	strace := needTool(t, "strace")
	siteA, siteB := copySite(t), copySite(t)
	writeFile(t, siteB, "content/fy2026/guides/kill-test.md", "---\ntitle: Added in B\n---\nOnly in the new build.\n")
	refB := filepath.Join(t.TempDir(), "b")
	if r := run(t, siteB, "build", "--quiet", "--dest", refB); r.code != 0 {
		t.Fatal(r.stderr)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, siteA, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	hashA, hashB := treeHash(t, dest), treeHash(t, refB)
	kills := 0
	if at != nil {
		// Then a kill that never comes (strace counts to 65535): the
		// build finishes.
		at = append(at, 65535)
	} else {
		for n := 1; n <= 40; n++ {
			at = append(at, n)
		}
	}
	for _, n := range at {
		if r := run(t, siteA, "build", "--quiet", "--dest", dest); r.code != 0 {
			t.Fatal(r.stderr)
		}
		cmd := exec.Command(strace, "-f", "-o", os.DevNull, "-e", "trace=rename,renameat,renameat2",
			"-e", "inject=rename,renameat,renameat2:signal=KILL:when="+strconv.Itoa(n),
			binary, "build", "--quiet", "--dest", dest)
		cmd.Dir = siteB
		out, err := cmd.CombinedOutput()
		if _, statErr := os.Stat(dest); statErr != nil {
			t.Fatalf("kill at rename %d left no output folder: %v", n, statErr)
		}
		got := treeHash(t, dest)
		if got != hashA && got != hashB {
			t.Fatalf("kill at rename %d left an output that is neither build", n)
		}
		if err == nil {
			if got != hashB {
				t.Fatal("a finished build did not leave the new output")
			}
			break
		}
		if !strings.Contains(err.Error(), "signal") && !strings.Contains(string(out), "killed") {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 137 {
				t.Fatalf("strace run %d: %v\n%s", n, err, out)
			}
		}
		kills++
	}
	if kills == 0 {
		t.Fatal("no build was killed: the fault injection did not work")
	}
	if r := run(t, siteA, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("left beside the output after %d kills: %v", kills, names)
	}
}

// TestGuidePDFsAtBuildLong: with guides.pdf, a build prints every guide
// it publishes (two years of three programs; the public build only the
// public programs' guides) on the paper asked for, and each guide links
// its PDF, which holds the guide.
func TestGuidePDFsAtBuildLong(t *testing.T) {
	t.Parallel()
	chrome := chromiumPath(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI (apt-get install poppler-utils)")
		}
		t.Skip("no pdftotext on this machine")
	}
	site := guidePDFSite(t)
	env := []string{"PARTNERDOCS_CHROME=" + chrome}
	for _, audience := range []string{"partner", "public"} {
		out := filepath.Join(t.TempDir(), "public")
		r := runEnv(t, site, env, "build", "--audience", audience, "--dest", out)
		if r.code != 0 || strings.Contains(r.stderr, "guides.pdf") {
			t.Fatalf("%s build: exit %d\n%s", audience, r.code, r.stderr)
		}
		guides, _ := filepath.Glob(filepath.Join(out, "fy*/programs/*/guide/index.html"))
		pdfs, _ := filepath.Glob(filepath.Join(out, "fy*/programs/*/guide/*.pdf"))
		if len(guides) == 0 || len(pdfs) != len(guides) {
			t.Fatalf("%s build: %d guides, %d PDFs: %v", audience, len(guides), len(pdfs), pdfs)
		}
		if audience == "partner" && len(guides) != 6 {
			t.Errorf("partner build: %d guides, want 6 (two years of three programs)", len(guides))
		}
		for _, g := range guides {
			dir := filepath.Dir(g)
			prog := filepath.Base(filepath.Dir(dir))
			year := strings.Split(strings.TrimPrefix(g, out+string(filepath.Separator)), string(filepath.Separator))[0]
			name := prog + "-" + year + ".pdf"
			html := readFile(t, g)
			if !strings.Contains(html, `href="`+name+`" download>Download PDF</a>`) {
				t.Errorf("%s does not link %s", g, name)
			}
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
				t.Errorf("%s: not a PDF (%v)", name, err)
				continue
			}
			if prog != "reseller" || year != "fy2026" {
				continue
			}
			info, err := exec.Command("pdfinfo", filepath.Join(dir, name)).Output()
			if err != nil {
				t.Fatalf("pdfinfo: %v", err)
			}
			if !regexp.MustCompile(`Page size:\s+612 x 792`).Match(info) {
				t.Errorf("%s is not on letter paper:\n%s", name, info)
			}
			text, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", filepath.Join(dir, name), "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			for _, want := range []string{"Reseller Program guide", "FY2026", "Tiers at a glance", "Premier"} {
				if !strings.Contains(string(text), want) {
					t.Errorf("%s lacks %q", name, want)
				}
			}
		}
	}
}
