package content

import (
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/memo"
)

// FileCache keeps the pages of unchanged files from one load to the next
// (the preview server): a file whose size and modification time are those
// it had last time is neither read nor parsed again. Reading and parsing
// every file was a third of a one-page rebuild at 10,000 pages. Pages
// from the cache are shared between loads, so nothing may change them.
type FileCache struct {
	c *memo.Cache[string, cachedFile]
}

// racyWindow is how recent a file's time may be for its page to be cached.
const racyWindow = 2 * time.Second

type cachedFile struct {
	size  int64
	mod   time.Time
	page  *Page
	diags []diag.Diagnostic
}

// NewFileCache returns an empty cache.
func NewFileCache() *FileCache { return &FileCache{memo.New[string, cachedFile]()} }

// Reset empties the cache when sig (what else a page depends on: the
// configuration) differs from the last one.
func (c *FileCache) Reset(sig string) {
	if c != nil {
		c.c.Reset(sig)
	}
}

// Sweep forgets files the last load did not see.
func (c *FileCache) Sweep() {
	if c != nil {
		c.c.Sweep()
	}
}

func (c *FileCache) get(key string, f file) (cachedFile, bool) {
	if c == nil || f.mod.IsZero() {
		return cachedFile{}, false
	}
	e, ok := c.c.Get(key)
	if !ok || e.size != f.size || !e.mod.Equal(f.mod) {
		return cachedFile{}, false
	}
	return e, true
}

func (c *FileCache) put(key string, f file, p *Page, diags []diag.Diagnostic) {
	// Files without a modification time (read from Git) are not cached,
	// nor files changed in the last seconds: on a file system that keeps
	// times to the second, a second save of the same size within that
	// second would look unchanged (git calls this "racily clean").
	if c == nil || f.mod.IsZero() || time.Since(f.mod) < racyWindow {
		return
	}
	c.c.Put(key, cachedFile{size: f.size, mod: f.mod, page: p, diags: diags})
}
