package e2e

import (
	"encoding/csv"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// needTool skips without a tool locally and fails without it in CI, where
// .ci/run installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (.ci/run installs it)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// TestKillAtEveryRename kills a build with strace's fault injection at
// each rename it makes in turn, over a previous build of other content.
// The output folder is always one whole build, the previous or the new
// one, and the next build leaves nothing beside it.
func TestKillAtEveryRename(t *testing.T) {
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
	for n := 1; n <= 40; n++ {
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

// TestCSVFormulaInjection: text from front matter that a spreadsheet would
// run as a formula is written as text in matrix.csv and by partnerdocs
// matrix --format csv; plain numbers stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	site := t.TempDir()
	w := func(rel, text string) { writeFile(t, site, rel, text) }
	w("config.yaml", "title: CSV\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	w("content/v1/programs/p/_index.md", "---\ntitle: P\nkind: program\n---\nProgram.\n")
	w("content/v1/programs/p/one.md", "---\ntitle: One\nkind: tier\nprogram: programs/p\nrank: 1\nrequirements:\n  - {text: \"=cmd|' /C calc'!A0\"}\n---\nTier.\n")
	w("content/v1/programs/p/two.md", "---\ntitle: \"@SUM(1)\"\nkind: tier\nprogram: programs/p\nrank: 2\n---\nTier.\n")
	w("content/v1/benefits/b.md", "---\ntitle: \"+SUM(1,2)\"\nkind: benefit\nprogram: programs/p\ngroup: \"-2+3\"\nvalues:\n  one: {value: \"=HYPERLINK(\\\"http://x\\\")\", note: \"\\tnote\"}\n  two: -5\n---\nBenefit.\n")
	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	file, err := os.ReadFile(filepath.Join(dest, "v1/programs/p/matrix.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := run(t, site, "matrix", "programs/p", "--format", "csv")
	if cmd.code != 0 {
		t.Fatalf("matrix: %s", cmd.stderr)
	}
	for name, data := range map[string]string{"matrix.csv": string(file), "matrix --format csv": cmd.stdout} {
		rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		escaped, numbers := 0, 0
		for i, row := range rows {
			for j, cell := range row {
				if strings.HasPrefix(cell, "'") {
					escaped++
				}
				if cell == "-5" {
					numbers++
				}
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && cell != "-5" {
					t.Errorf("%s row %d column %d begins a formula: %q", name, i+1, j+1, cell)
				}
			}
		}
		if escaped < 5 || numbers == 0 {
			t.Errorf("%s: %d escaped cells and %d plain numbers; the fixture did not reach the export:\n%s", name, escaped, numbers, data)
		}
	}
}

// TestDangerousLinksNeverPublished: at check.level warn, addresses that
// run script are reported (autolinks too) and rendered as text, never as
// links; an unresolved xref: keeps its text and loses its address.
func TestDangerousLinksNeverPublished(t *testing.T) {
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: Links\ncheck: {level: warn}\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	lines := []string{
		"[one](javascript:alert(1))",
		"[two](JAVASCRIPT:alert(2))",
		"[three](&#x6A;avascript:alert(3))",
		"[four](javascript&colon;alert(4))",
		"[five](vbscript:msgbox(5))",
		"[six](data:text/html,<b>6</b>)",
		"<javascript:alert(7)>",
		"![eight](data:text/html,x)",
		"[nine](xref:no/such-page)",
		"[ten](https://example.com/ok)",
	}
	writeFile(t, site, "content/v1/guides/links.md", "---\ntitle: Links\n---\n\n"+strings.Join(lines, "\n\n")+"\n")
	dest := filepath.Join(t.TempDir(), "out")
	r := run(t, site, "build", "--dest", dest)
	if r.code != 0 {
		t.Fatalf("build at warn: exit %d\n%s", r.code, r.stderr)
	}
	for i := range lines[:9] {
		want := "links.md:" + strconv.Itoa(5+2*i) + ":"
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no finding at %s for %s\n%s", want, lines[i], r.stderr)
		}
	}
	page, err := os.ReadFile(filepath.Join(dest, "v1/guides/links/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(string(page), -1) {
		v := strings.ToLower(strings.Join(strings.Fields(html.UnescapeString(m[1])), ""))
		for _, bad := range []string{"javascript", "vbscript", "data:text", "xref:"} {
			if strings.HasPrefix(v, bad) {
				t.Errorf("published as an address: %s", m[0])
			}
		}
	}
	for _, text := range []string{">one<", "two", "three", "four", "five", "six", "javascript:alert(7)", "nine", `href="https://example.com/ok"`} {
		if !strings.Contains(string(page), text) {
			t.Errorf("page lost %q", text)
		}
	}
	if c := run(t, site, "check"); c.code != 0 || strings.Count(c.stdout, "warning") < 9 {
		t.Errorf("check: exit %d, want 9 warnings:\n%s", c.code, c.stdout)
	}
}
