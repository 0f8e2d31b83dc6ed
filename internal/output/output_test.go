package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"testing"
)

func TestCheckDest(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	os.MkdirAll(filepath.Join(content, "fy2026"), 0o755)
	foreign := filepath.Join(root, "notes")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "todo.txt"), []byte("mine"), 0o644)
	for _, bad := range []string{"/", root, content, filepath.Join(content, "fy2026"), filepath.Join(content, "fy2026", "out"), filepath.Dir(root), foreign} {
		if _, err := CheckDest(bad, root, []string{content}); !errors.Is(err, ErrUnsafeDest) {
			t.Errorf("CheckDest(%s) = %v, want refusal", bad, err)
		}
	}
	if _, err := CheckDest(filepath.Join(root, "public"), root, []string{content}); err != nil {
		t.Errorf("public refused: %v", err)
	}
}

func TestAtomicWrite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../x", "/etc/passwd", "a/../../x", "a/index.html"} {
		if err := w.Write(bad, []byte("x")); err == nil {
			t.Errorf("Write(%q) accepted", bad)
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Fatal("destination exists before commit")
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	// A second build that is aborted leaves the first in place.
	w2, _ := NewWriter(dest)
	w2.Write("a/index.html", []byte("two"))
	w2.Abort()
	if b, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(b) != "one" {
		t.Fatalf("after abort: %q", b)
	}
	// A committed one replaces it whole.
	w3, _ := NewWriter(dest)
	w3.Write("b.txt", []byte("three"))
	if err := w3.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "a/index.html")); err == nil {
		t.Fatal("stale file survived")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Fatalf("leftovers beside dest: %v", entries)
	}
	if _, err := CheckDest(dest, t.TempDir(), nil); err != nil {
		t.Fatalf("own output refused: %v", err)
	}
}

// treeOf reads every file below dir, by slash path.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return out
}

// buildFiles are the files of one fake build, told apart by generation.
func buildFiles(gen string) map[string]string {
	out := map[string]string{}
	for i := 0; i < 20; i++ {
		out[fmt.Sprintf("d%d/index.html", i%4)+strconv.Itoa(i)] = gen + strconv.Itoa(i)
	}
	out["gen.txt"] = gen
	return out
}

func writeBuild(dest, gen string) error {
	w, err := NewWriter(dest)
	if err != nil {
		return err
	}
	for p, b := range buildFiles(gen) {
		if err := w.Write(p, []byte(b)); err != nil {
			return err
		}
	}
	return w.Commit()
}

// TestSwapHelper is run as a child process by TestKillDuringSwap: it
// writes a build and exits, as a kill would, at the swap step named in
// its environment.
func TestSwapHelper(t *testing.T) {
	dest := os.Getenv("PARTNERDOCS_SWAP_DEST")
	if dest == "" {
		t.Skip("run by TestKillDuringSwap")
	}
	killAt, _ := strconv.Atoi(os.Getenv("PARTNERDOCS_SWAP_KILL_AT"))
	step := 0
	hit := func() {
		step++
		if step == killAt {
			os.Exit(137)
		}
	}
	realRename, realExchange := rename, exchange
	rename = func(a, b string) error { hit(); return realRename(a, b) }
	exchange = func(a, b string) error {
		if os.Getenv("PARTNERDOCS_SWAP_PORTABLE") != "" {
			return errNoExchange
		}
		hit()
		return realExchange(a, b)
	}
	if err := writeBuild(dest, "new"); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringSwap kills a build at every step of the swap, with the
// atomic exchange and with the portable fallback, over a previous build.
// Whatever the step, the destination is one whole build, old or new,
// once the next build has started (which repairs a kill between the
// fallback's two renames), and nothing is left beside it.
func TestKillDuringSwap(t *testing.T) {
	for _, portable := range []bool{false, true} {
		for killAt := 1; killAt <= 4; killAt++ {
			t.Run(fmt.Sprintf("portable=%v/kill=%d", portable, killAt), func(t *testing.T) {
				dest := filepath.Join(t.TempDir(), "public")
				if err := writeBuild(dest, "old"); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(os.Args[0], "-test.run=^TestSwapHelper$")
				cmd.Env = append(os.Environ(), "PARTNERDOCS_SWAP_DEST="+dest, "PARTNERDOCS_SWAP_KILL_AT="+strconv.Itoa(killAt))
				if portable {
					cmd.Env = append(cmd.Env, "PARTNERDOCS_SWAP_PORTABLE=1")
				}
				out, err := cmd.CombinedOutput()
				killed := err != nil
				if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 137) {
					t.Fatalf("helper: %v\n%s", err, out)
				}
				if err := Recover(dest); err != nil {
					t.Fatal(err)
				}
				got := treeOf(t, dest)
				delete(got, Marker)
				old, new := buildFiles("old"), buildFiles("new")
				if !reflect.DeepEqual(got, old) && !reflect.DeepEqual(got, new) {
					t.Fatalf("after a kill at step %d the output is neither build: %v", killAt, got)
				}
				if !killed && !reflect.DeepEqual(got, new) {
					t.Fatalf("a build that finished left %v", got)
				}
				if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
					t.Fatalf("left beside the output: %v", entries)
				}
			})
		}
	}
}

// TestRecoverLeavesRunningBuilds: a staging folder whose process is alive
// (this one's parent, say) is another build's and stays.
func TestRecoverLeavesRunningBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	live := filepath.Join(filepath.Dir(dest), stagingPrefix(dest)+strconv.Itoa(os.Getppid())+"-1")
	dead := filepath.Join(filepath.Dir(dest), stagingPrefix(dest)+"999999999-1")
	for _, d := range []string{live, dead} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := Recover(dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); err == nil {
		t.Error("the staging folder of a dead process was kept")
	}
	if _, err := os.Stat(live); err != nil && runtime.GOOS == "linux" {
		t.Error("the staging folder of a running process was removed")
	}
}
