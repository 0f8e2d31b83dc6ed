//go:build scale

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/corpus"
)

// TestCorpusBuildsLong: the benchmark corpus at 1,000 pages builds cleanly
// with partnerdocs, and its Hugo twin builds with Hugo (required in CI).
func TestCorpusBuildsLong(t *testing.T) {
	t.Parallel()
	dir, hugoDir := filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "hugo")
	if err := corpus.Generate(corpus.Options{Pages: 300, Seed: 1, Dir: dir, Hugo: hugoDir}); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "build")
	if r.code != 0 || !strings.Contains(r.stdout, "300 pages") || !strings.Contains(r.stdout, "0 errors, 0 warnings") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// Deterministic for a seed.
	again := filepath.Join(t.TempDir(), "again")
	if err := corpus.Generate(corpus.Options{Pages: 300, Seed: 1, Dir: again}); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, filepath.Join(dir, "content")) != treeHash(t, filepath.Join(again, "content")) {
		t.Error("the same seed gave a different corpus")
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("hugo is required in CI (apt-get install hugo)")
		}
		t.Skip("hugo is not installed")
	}
	cmd := exec.Command(hugo, "--quiet")
	cmd.Dir = hugoDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(hugoDir, "public", "section-0", "page-0", "index.html")); err != nil {
		t.Errorf("hugo wrote no page: %v", err)
	}
}
