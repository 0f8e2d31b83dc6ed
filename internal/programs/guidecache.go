package programs

import (
	"crypto/sha256"
	"encoding/binary"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/memo"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// GuideCache keeps program guides between builds of the preview server:
// making one reads every page it shows, a fortieth of a second per edit
// at 10,000 pages for guides the edit did not touch. A guide is made
// again when the site's frame or model changed (site.Frame, site.Model:
// the program model's files, terms pages, the configuration, assets), any file of a kind a
// guide shows (designation pages among them) changed, or where one of
// those files' links leads (the link check's digest of the page). Which
// other pages exist counts only through those links, unless one of the
// pages calls a shortcode that may show other pages (an include, a site
// template): then any change of the site's core does. Another page's
// title, weight or headings do not count, as a guide shows the bodies
// and titles of those kinds only and links keep the anchors they were
// written with.
type GuideCache struct {
	c *memo.Cache[[32]byte, string]
	// Made counts the guides made rather than taken from the cache.
	Made atomic.Int64
}

// NewGuideCache returns an empty cache.
func NewGuideCache() *GuideCache { return &GuideCache{c: memo.New[[32]byte, string]()} }

// Sweep forgets guides the last build did not use.
func (c *GuideCache) Sweep() {
	if c != nil {
		c.c.Sweep()
	}
}

// SetCache has the guides kept in c (nil: none).
func (p *Programs) SetCache(c *GuideCache) { p.cache = c }

// SetLinkDigests gives the guide cache the link check's digest of each
// page's links (links.Resolver.LinkDigest).
func (p *Programs) SetLinkDigests(digest func(*site.Page) (uint64, bool)) { p.digest = digest }

// versionKey names what every guide of a version is made from; a
// guide's key adds its program.
func (p *Programs) versionKey(v *site.Version, d site.Drawer) [32]byte {
	h := sha256.New()
	h.Write([]byte(p.s.Frame() + "|" + p.s.Model() + "|" + v.Name + "|" + p.words.Lang + "|" + p.base + "|" + d.Key() + "|"))
	if p.pdfs {
		h.Write([]byte("pdf|" + p.pdfLang + "|"))
	}
	whole := p.digest == nil || p.codes == nil
	for _, pg := range v.Pages {
		if !guideKinds[pg.Kind] {
			continue
		}
		h.Write(pg.SourceHash[:])
		if whole {
			continue
		}
		d, ok := p.digest(pg)
		if !ok {
			whole = true
			continue
		}
		h.Write(binary.LittleEndian.AppendUint64(nil, d))
		for _, sc := range pg.Doc.Shortcodes {
			if p.codes.ReadsOtherPages(sc.Name) {
				whole = true
			}
		}
	}
	if whole {
		h.Write([]byte("|core|" + p.s.Core()))
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// cachedGuide is a guide from the cache, or made and kept; vk is its
// version's key (versionKey).
func (p *Programs) cachedGuide(d site.Drawer, vk [32]byte, v *site.Version, m *model.Model, pr *model.Program) (string, error) {
	if p.cache == nil {
		return p.guide(d, v, m, pr)
	}
	k := sha256.Sum256(append(vk[:], pr.ID...))
	if g, ok := p.cache.c.Get(k); ok {
		return g, nil
	}
	g, err := p.guide(d, v, m, pr)
	if err == nil {
		p.cache.c.Put(k, g)
	}
	p.cache.Made.Add(1)
	return g, err
}
