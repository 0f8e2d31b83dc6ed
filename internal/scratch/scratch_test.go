package scratch

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestInMemory(t *testing.T) {
	root := memoryRoot()
	if root == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI runs on Linux with a tmpfs at /dev/shm")
		}
		t.Skip("no tmpfs on this machine: InMemory leaves TMPDIR alone")
	}
	t.Setenv("TMPDIR", "")
	t.Setenv("PARTNERDOCS_TEST_DISK", "")
	done := InMemory()
	dir := os.Getenv("TMPDIR")
	if !strings.HasPrefix(dir, filepath.Join(root, prefix+strconv.Itoa(os.Getpid())+"-")) {
		t.Fatalf("TMPDIR = %q, want a folder of this process under %s", dir, root)
	}
	if got := os.TempDir(); got != dir {
		t.Errorf("os.TempDir() = %q, want %q", got, dir)
	}
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	done()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there after done: %v", dir, err)
	}
}

func TestInMemoryLeavesAChosenTMPDIR(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	want := os.Getenv("TMPDIR")
	defer InMemory()()
	if got := os.Getenv("TMPDIR"); got != want {
		t.Errorf("TMPDIR = %q, want the one set: %q", got, want)
	}
	t.Setenv("TMPDIR", "")
	t.Setenv("PARTNERDOCS_TEST_DISK", "1")
	defer InMemory()()
	if got := os.Getenv("TMPDIR"); got != "" {
		t.Errorf("TMPDIR = %q with PARTNERDOCS_TEST_DISK set, want it left unset", got)
	}
}

func TestSweepRemovesOnlyTheGone(t *testing.T) {
	if runtime.GOOS != "linux" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI runs on Linux")
		}
		t.Skip("only Linux tells a finished process from a live one here")
	}
	root := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal("running `true` for a finished process's id:", err)
	}
	gone := filepath.Join(root, prefix+strconv.Itoa(cmd.Process.Pid)+"-1")
	live := filepath.Join(root, prefix+strconv.Itoa(os.Getpid())+"-2")
	other := filepath.Join(root, "someone-else-3")
	for _, d := range []string{gone, live, other} {
		if err := os.MkdirAll(filepath.Join(d, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sweep(root)
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("the finished process's folder is still there: %v", err)
	}
	for _, d := range []string{live, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}
