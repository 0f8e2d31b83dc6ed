package output

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// Copy streams a file into the output (it is not held whole), under the
// same rules as Write: one writer per path, clean paths only.
func TestCopyStreams(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	w, err := NewWriter(dest)
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	opened := 0
	open := func() (io.ReadCloser, error) { opened++; return io.NopCloser(bytes.NewReader(big)), nil }
	if err := w.Copy("downloads/big.bin", open, int64(len(big))); err != nil {
		t.Fatal(err)
	}
	if err := w.Copy("downloads/big.bin", open, int64(len(big))); err == nil {
		t.Error("a second copy to one path was accepted")
	}
	if err := w.Copy("../escape.bin", open, 1); err == nil {
		t.Error("a path out of the output was accepted")
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dest, "downloads", "big.bin"))
	if err != nil || !bytes.Equal(got, big) || opened != 1 {
		t.Errorf("copied %d bytes (err %v), opened %d times", len(got), err, opened)
	}
}
