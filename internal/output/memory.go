package output

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// Memory keeps a build's files in memory, for the preview server: a
// rebuild never touches the disk, so nothing is left behind on Ctrl-C,
// and the served site is swapped whole.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory output.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// NewMemorySized returns an empty in-memory output expecting about n
// files (the last build's count), so the map is not grown 20,000 times
// over on every rebuild of a large site.
func NewMemorySized(n int) *Memory { return &Memory{files: make(map[string][]byte, n)} }

// Write stores one file.
func (m *Memory) Write(rel string, data []byte) error {
	// A clean relative path that does not climb: path.Clean returns a
	// clean path as it is, without allocating.
	if rel == "" || rel == "." || rel[0] == '/' || rel == ".." || strings.HasPrefix(rel, "../") || path.Clean(rel) != rel {
		return fmt.Errorf("refusing to write %q: not a clean path inside the output", rel)
	}
	clean := rel
	// One map operation: a second write of a path leaves the count as
	// it was. The build fails then, so the file it replaced is moot.
	m.mu.Lock()
	n := len(m.files)
	m.files[clean] = data
	dup := len(m.files) == n
	m.mu.Unlock()
	if dup {
		return fmt.Errorf("two outputs write %s", clean)
	}
	return nil
}

// Has reports whether a path has been written.
func (m *Memory) Has(rel string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.files[rel]
	return ok
}

// Files returns the files written; the map must not be changed.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Paths lists the files in order.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
