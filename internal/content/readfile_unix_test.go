//go:build unix

package content

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A page replaced by a FIFO after the walk is an error, not a load that
// waits for a writer forever; so are a device and a symbolic link (which
// could lead outside the site).
func TestReadPlainSpecialFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo.md")
	if err := unix.Mkfifo(p, 0o644); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI runs on Linux, where FIFOs can be made: %v", err)
		}
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readPlain(p)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a FIFO read as a page")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO blocked")
	}
	if _, err := readPlain("/dev/zero"); err == nil {
		t.Fatal("/dev/zero read as a page")
	}
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "page.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	if b, err := readPlain(link); err == nil {
		t.Fatalf("a symbolic link was followed: %q", b)
	}
}
