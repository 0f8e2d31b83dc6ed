package site

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
)

func savedCache(t testing.TB) (path string, docs map[[16]byte]*markdown.Doc) {
	dir := t.TempDir()
	e := markdown.New(markdown.Options{NoHTML: true})
	c := NewDocCache()
	c.Reset("k")
	docs = map[[16]byte]*markdown.Doc{}
	for i, body := range []string{
		"# A {#a}\n\n[x](b.md#c) and {{< figure src=\"p.png\" >}}\n",
		"## B\n\n<span onclick=\"x\">hi</span> ![i](q.png)\n",
		"",
	} {
		h := [16]byte{byte(i + 1)}
		d, _ := e.ScanAll([]byte(body))
		c.put(h, scan{doc: d})
		docs[h] = d
	}
	path = filepath.Join(dir, "scan", "check.bin")
	if err := c.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	return path, docs
}

// What SaveFile writes, LoadFile reads back under the same key, and
// nothing under another.
func TestScanFileRoundTrip(t *testing.T) {
	path, docs := savedCache(t)
	c := NewDocCache()
	c.LoadFile(path, "k")
	if c.loaded != len(docs) {
		t.Fatalf("loaded %d scans, want %d", c.loaded, len(docs))
	}
	for h, want := range docs {
		got, ok := c.get(h)
		if !ok || !reflect.DeepEqual(got.doc.Wire(), want.Wire()) {
			t.Fatalf("scan %x: %v\n%+v\n%+v", h, ok, got.doc, want)
		}
	}
	other := NewDocCache()
	other.LoadFile(path, "another engine")
	if other.loaded != 0 {
		t.Fatalf("a file of another key gave %d scans", other.loaded)
	}
}

// A damaged file of any length is an empty cache, never a crash.
func TestScanFileDamaged(t *testing.T) {
	path, _ := savedCache(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for cut := range len(b) {
		os.WriteFile(path, b[:cut], 0o644)
		c := NewDocCache()
		c.LoadFile(path, "k")
		if c.loaded != 0 {
			t.Fatalf("a file cut at %d of %d bytes loaded %d scans", cut, len(b), c.loaded)
		}
	}
}

func FuzzScanFile(f *testing.F) {
	path, _ := savedCache(f)
	b, _ := os.ReadFile(path)
	f.Add(b)
	f.Add([]byte(scanMagic + "\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "check.bin")
		os.WriteFile(p, data, 0o644)
		NewDocCache().LoadFile(p, "k") // must not panic
	})
}
