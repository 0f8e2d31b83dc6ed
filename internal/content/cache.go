package content

import (
	"sync"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diag"
)

// FileCache keeps the pages of unchanged files from one load to the next
// (the preview server): a file whose size and modification time are those
// it had last time is neither read nor parsed again. Reading and parsing
// every file was a third of a one-page rebuild at 10,000 pages. Pages
// from the cache are shared between loads, so nothing may change them.
type FileCache struct {
	mu   sync.Mutex
	sig  string
	m    map[string]cachedFile
	used map[string]bool
}

type cachedFile struct {
	size  int64
	mod   time.Time
	page  *Page
	diags []diag.Diagnostic
}

// NewFileCache returns an empty cache.
func NewFileCache() *FileCache {
	return &FileCache{m: map[string]cachedFile{}, used: map[string]bool{}}
}

// Reset empties the cache when sig (what else a page depends on: the
// configuration, the audience) differs from the last one.
func (c *FileCache) Reset(sig string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if sig != c.sig {
		c.m, c.used, c.sig = map[string]cachedFile{}, map[string]bool{}, sig
	}
}

// Sweep forgets files the last load did not see.
func (c *FileCache) Sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if !c.used[k] {
			delete(c.m, k)
		}
	}
	c.used = map[string]bool{}
}

func (c *FileCache) get(key string, f file) (cachedFile, bool) {
	if c == nil || f.mod.IsZero() {
		return cachedFile{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.size != f.size || !e.mod.Equal(f.mod) {
		return cachedFile{}, false
	}
	c.used[key] = true
	return e, true
}

func (c *FileCache) put(key string, f file, p *Page, diags []diag.Diagnostic) {
	// Files without a modification time (read from Git) are not cached.
	if c == nil || f.mod.IsZero() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = cachedFile{size: f.size, mod: f.mod, page: p, diags: diags}
	c.used[key] = true
}
