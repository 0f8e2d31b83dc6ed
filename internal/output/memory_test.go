package output

import "testing"

// Only clean paths inside the output are stored, each once.
func TestMemoryPaths(t *testing.T) {
	m := NewMemory()
	for _, bad := range []string{"", ".", "..", "../x", "/x", "a/../b", "a//b", "a/./b", "a/", "./a", "a/.."} {
		if err := m.Write(bad, nil); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
	for _, good := range []string{"index.html", "v1/guides/a/index.html", "..x/y", "a..b"} {
		if err := m.Write(good, []byte("x")); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	if err := m.Write("index.html", nil); err == nil {
		t.Error("a second write of one path was accepted")
	}
	if len(m.Files()) != 4 {
		t.Errorf("%d files stored", len(m.Files()))
	}
}
