package testsite

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is the one flag every golden file obeys: go test PKG -update
// rewrites them, to be reviewed in the diff before they are committed.
var update = flag.Bool("update", false, "rewrite the golden files (review the diff before committing)")

// Golden compares got with the golden file at path (relative to the test's
// package folder), or rewrites the file when -update is given.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update, then review the file)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (run with -update and review the diff); got:\n%s", path, got)
	}
}
