package programs

import (
	"crypto/sha256"

	"github.com/partnerdocs/partnerdocs/internal/memo"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// GuideCache keeps program guides between builds of the preview server:
// making one reads every page it shows, a fortieth of a second per edit
// at 10,000 pages for guides the edit did not touch. A guide is made
// again when the site's core changed (site.Core: which pages exist and
// where, the program model's files, terms pages, the configuration) or
// any file of a kind a guide shows (designation pages among them)
// changed; another page's title, weight or headings do not count, as a
// guide shows the bodies and titles of those kinds only and links keep
// the anchors they were written with.
type GuideCache struct {
	c *memo.Cache[[32]byte, string]
}

// NewGuideCache returns an empty cache.
func NewGuideCache() *GuideCache { return &GuideCache{memo.New[[32]byte, string]()} }

// Sweep forgets guides the last build did not use.
func (c *GuideCache) Sweep() {
	if c != nil {
		c.c.Sweep()
	}
}

// SetCache has the guides kept in c (nil: none).
func (p *Programs) SetCache(c *GuideCache) { p.cache = c }

// versionKey names what every guide of a version is made from; a
// guide's key adds its program.
func (p *Programs) versionKey(v *site.Version, d site.Drawer) [32]byte {
	h := sha256.New()
	h.Write([]byte(p.s.Core() + "|" + v.Name + "|" + p.words.Lang + "|" + p.base + "|" + d.Key() + "|"))
	if p.pdfs {
		h.Write([]byte("pdf|" + p.pdfLang + "|"))
	}
	for _, pg := range v.Pages {
		if guideKinds[pg.Kind] {
			h.Write(pg.SourceHash[:])
		}
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
	return g, err
}
