package scratch

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// prefix names the folders InMemory makes; the number after it is the
// process that made it, so a later run can tell a leftover from a
// folder in use.
const prefix = "partnerdocs-test-"

// InMemory points TMPDIR at a new folder on the machine's tmpfs and
// returns a function that removes it. It does nothing (and returns a
// function that does nothing) when TMPDIR or PARTNERDOCS_TEST_DISK is
// set, or when no tmpfs is found.
func InMemory() (done func()) {
	nothing := func() {}
	if os.Getenv("TMPDIR") != "" || os.Getenv("PARTNERDOCS_TEST_DISK") != "" {
		return nothing
	}
	root := memoryRoot()
	if root == "" {
		return nothing
	}
	sweep(root)
	dir, err := os.MkdirTemp(root, prefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nothing
	}
	os.Setenv("TMPDIR", dir)
	return func() {
		os.Unsetenv("TMPDIR")
		os.RemoveAll(dir)
	}
}

// sweep removes the folders of test processes that are gone: a test
// binary killed by a timeout cannot clean up, and a tmpfs holds memory
// until its files are deleted.
func sweep(root string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pid, _, _ := strings.Cut(rest, "-")
		n, err := strconv.Atoi(pid)
		if err != nil || n <= 0 || alive(n) {
			continue
		}
		os.RemoveAll(filepath.Join(root, e.Name()))
	}
}

// Main runs a package's tests with their temporary folders in memory:
// a TestMain that needs nothing else is func TestMain(m *testing.M) {
// scratch.Main(m) }.
func Main(m *testing.M) {
	done := InMemory()
	code := m.Run()
	done()
	os.Exit(code)
}
