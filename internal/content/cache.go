package content

import (
	"sync"
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

	// The last walk of each tree, reused when the caller knows which
	// files changed and that none came or went (Options.Changed): a walk
	// and a stat per file were most of a preview reload's load at 10,000
	// pages.
	mu      sync.Mutex
	sig     string
	listing map[string]listing
}

// listing is what a walk of one tree found.
type listing struct {
	md     []file // size and time not kept: they are read again when needed
	assets []*Asset
	diags  []diag.Diagnostic
}

// racyWindow is how recent a file's time may be for its page to be cached.
const racyWindow = 2 * time.Second

type cachedFile struct {
	size  int64
	mod   time.Time
	page  *Page
	body  []byte
	diags []diag.Diagnostic
	// racy: read too soon after it changed for its size and time to
	// tell a later change (see put).
	racy bool
}

// NewFileCache returns an empty cache.
func NewFileCache() *FileCache {
	return &FileCache{c: memo.New[string, cachedFile](), listing: map[string]listing{}}
}

// Reset empties the cache when sig (what else a page depends on: the
// configuration) differs from the last one.
func (c *FileCache) Reset(sig string) {
	if c != nil {
		c.c.Reset(sig)
		c.mu.Lock()
		if sig != c.sig {
			c.sig, c.listing = sig, map[string]listing{}
		}
		c.mu.Unlock()
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
	if !ok || e.racy || e.size != f.size || !e.mod.Equal(f.mod) {
		return cachedFile{}, false
	}
	return e, true
}

func (c *FileCache) put(key string, f file, p *Page, body []byte, diags []diag.Diagnostic) {
	// Files without a modification time (read from Git) are not cached.
	// A file changed in the last seconds is kept for trusted only: on a
	// file system that keeps times to the second, a second save of the
	// same size within that second would look unchanged to get (git calls
	// this "racily clean"). It must still replace the entry: a later load
	// told that only other files changed takes this one from the cache.
	if c == nil || f.mod.IsZero() {
		return
	}
	c.c.Put(key, cachedFile{size: f.size, mod: f.mod, page: p, body: body, diags: diags, racy: time.Since(f.mod) < racyWindow})
}

// trusted returns the cached page of a file the caller says is unchanged,
// without comparing size and time (nobody read them).
func (c *FileCache) trusted(key string) (cachedFile, bool) {
	if c == nil {
		return cachedFile{}, false
	}
	return c.c.Get(key)
}

func (c *FileCache) lastWalk(tree string) (listing, bool) {
	if c == nil {
		return listing{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.listing[tree]
	return l, ok
}

func (c *FileCache) saveWalk(tree string, l listing) {
	if c == nil {
		return
	}
	for i := range l.md {
		l.md[i].size, l.md[i].mod, l.md[i].entry = 0, time.Time{}, nil
	}
	c.mu.Lock()
	c.listing[tree] = l
	c.mu.Unlock()
}
