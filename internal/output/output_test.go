package output

import (
	"errors"
	"os"
	"path/filepath"
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
