package render

import (
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/memo"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// PageCache keeps rendered pages between builds of the preview server. A
// page is rendered again when its own file changed or when what the site
// shows of its pages changed (site.Shown): any page's id, address, title,
// summary, date, weight, kind, aliases or audience, the program model, a
// terms page's anchors, the assets, the configuration, the theme, or
// which pages have a translation in which language. A body edit that
// leaves those alone (a new heading included) re-renders that page only. Pages with shortcodes are always
// rendered, since a shortcode may read any page.
type PageCache struct {
	c *memo.Cache[pageKey, []byte]
	// latest holds the last build's /latest/ redirect pages by path, and
	// sameSite says this build's site signature equals that build's: the
	// redirects depend on nothing else, so they are reused whole (making
	// 10,000 of them was a fifth of a one-page rebuild).
	latest   map[string][]byte
	sameSite bool
	// kept holds the files of whole steps that depend on the site's
	// signature alone (the sitemap, the navigation's folder lists), by
	// step, for reuse like latest.
	keptMu sync.Mutex
	kept   map[string]map[string][]byte
	// Hits and Misses count the lookups since the last Sweep.
	Hits, Misses atomic.Int64
}

// pageKey names a page's output under one site signature (the cache's
// tag): its version, its path and the hash of its file.
type pageKey struct {
	version, rel string
	source       [16]byte
}

// NewPageCache returns an empty cache.
func NewPageCache() *PageCache { return &PageCache{c: memo.New[pageKey, []byte]()} }

func (c *PageCache) get(k pageKey) ([]byte, bool) {
	b, ok := c.c.Get(k)
	if ok {
		c.Hits.Add(1)
	} else {
		c.Misses.Add(1)
	}
	return b, ok
}

// Sweep forgets pages the last build did not use, and resets the counts.
func (c *PageCache) Sweep() {
	c.c.Sweep()
	c.Hits.Store(0)
	c.Misses.Store(0)
}

// signature hashes everything about the site that one page's output can
// depend on besides its own file: the site's structure, the theme and the
// audience.
func signature(s *site.Site, theme *Theme, opts Options) string {
	langs := ""
	if opts.Langs != nil {
		langs = opts.Langs.Key
	}
	sum := sha256.Sum256([]byte(s.Shown() + "|" + theme.Hash + "|" + opts.Audience + "|" + opts.History + "|" + langs))
	return fmt.Sprintf("%x", sum)
}

// keyOf is a page's cache key, and false for pages that are always
// rendered: those with shortcodes (a shortcode may read any page) and
// the changes pages.
func keyOf(p *site.Page) (pageKey, bool) {
	if len(p.Doc.Shortcodes) > 0 || strings.HasSuffix(p.URL, "/changes/") {
		return pageKey{}, false
	}
	return pageKey{p.Version, p.Rel, p.SourceHash}, true
}

// recorder passes writes on and remembers them.
type recorder struct {
	Sink
	files map[string][]byte
}

func (r *recorder) Write(rel string, data []byte) error {
	r.files[rel] = data
	return r.Sink.Write(rel, data)
}

// kept runs step, a part of the render whose files depend on the site's
// signature alone, or writes the files it wrote in the last build when
// the signature is the same (a preview rebuild at 10,000 pages spent a
// tenth of its render making the same sitemap and folder lists again).
func (rd *renderer) kept(name string, step func(Sink) error) func() error {
	return func() error {
		pc := rd.opts.PageCache
		if pc == nil {
			return step(rd.w)
		}
		pc.keptMu.Lock()
		files := pc.kept[name]
		pc.keptMu.Unlock()
		if pc.sameSite && files != nil {
			for _, rel := range sortedKeys(files) {
				if err := rd.w.Write(rel, files[rel]); err != nil {
					return err
				}
			}
			return nil
		}
		rec := &recorder{Sink: rd.w, files: map[string][]byte{}}
		err := step(rec)
		pc.keptMu.Lock()
		defer pc.keptMu.Unlock()
		if pc.kept == nil {
			pc.kept = map[string]map[string][]byte{}
		}
		pc.kept[name] = nil
		if err == nil {
			pc.kept[name] = rec.files
		}
		return err
	}
}

func sortedKeys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
