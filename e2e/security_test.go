package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
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
