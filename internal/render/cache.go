package render

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// PageCache keeps rendered pages between builds of the preview server. A
// page is rendered again when its own file changed or when the structure
// of the site changed: any page's id, address, title, summary, date,
// weight, kind, aliases, anchors or audience, the program model, the
// assets, the configuration or the theme. A body edit that leaves those
// alone re-renders that page only. Pages with shortcodes are always
// rendered, since a shortcode may read any page.
type PageCache struct {
	mu    sync.Mutex
	pages map[[32]byte][]byte
	used  map[[32]byte]bool
	// Hits and Misses count the last build's lookups.
	Hits, Misses int
}

// NewPageCache returns an empty cache.
func NewPageCache() *PageCache {
	return &PageCache{pages: map[[32]byte][]byte{}, used: map[[32]byte]bool{}}
}

func (c *PageCache) get(k [32]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.pages[k]
	c.used[k] = true
	if ok {
		c.Hits++
	} else {
		c.Misses++
	}
	return b, ok
}

func (c *PageCache) put(k [32]byte, b []byte) {
	c.mu.Lock()
	c.pages[k] = b
	c.used[k] = true
	c.mu.Unlock()
}

// Sweep forgets pages the last build did not use, and resets the counts.
func (c *PageCache) Sweep() {
	c.mu.Lock()
	for k := range c.pages {
		if !c.used[k] {
			delete(c.pages, k)
		}
	}
	c.used = map[[32]byte]bool{}
	c.Hits, c.Misses = 0, 0
	c.mu.Unlock()
}

// signature hashes everything about the site that one page's output can
// depend on besides its own file: the site's structure, the theme and the
// audience.
func signature(s *site.Site, theme *Theme, opts Options) string {
	sum := sha256.Sum256([]byte(s.Structure() + "|" + theme.Hash + "|" + opts.Audience))
	return fmt.Sprintf("%x", sum)
}

func pageKey(sig string, p *site.Page) ([32]byte, bool) {
	if len(p.Doc.Shortcodes) > 0 || strings.HasSuffix(p.URL, "/changes/") {
		return [32]byte{}, false
	}
	return sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%s|%x", sig, p.Version, p.Rel, p.SourceHash))), true
}
