package programs

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/memo"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/valuehash"
)

// GuideCache keeps program guides between builds of the preview server:
// making one reads every page it shows, a fortieth of a second per edit
// at 10,000 pages for guides the edit did not touch. A guide is made
// again when the site's frame changed (site.Frame: the configuration,
// the versions, assets, terms pages), a file of a page the guide shows
// changed (its program, tiers, designations, benefits, their terms and
// the certifications the tiers ask for) or where one of those files'
// links leads (the link check's digest of the page), or the data of a
// section the program model adds to it (the matrix, each tier's,
// benefit's and certification's) changed. So a benefit's value edited
// makes the guides of its programs again, not every guide. Which other
// pages exist counts only through those links, unless one of the pages
// calls a shortcode that may show other pages (an include, a site
// template): then any change of the site's core does. Another page's
// title, weight or headings do not count, as a guide shows the bodies
// and titles of its own pages only and links keep the anchors they were
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
// guide's key adds its program's (guideKey).
func (p *Programs) versionKey(v *site.Version, d site.Drawer) [32]byte {
	h := sha256.New()
	h.Write([]byte(p.s.Frame() + "|" + v.Name + "|" + p.words.Lang + "|" + p.base + "|" + d.Key() + "|"))
	if p.pdfs {
		h.Write([]byte("pdf|" + p.pdfLang + "|"))
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// guideKey names what one program's guide is made from: its version's
// key, the files of the pages it shows and where their links lead, and
// the data of the model's sections in it. It reports false when a
// section's data cannot be hashed by content: that guide is made.
func (p *Programs) guideKey(vk [32]byte, in *guideInput) ([32]byte, bool) {
	h := sha256.New()
	h.Write(vk[:])
	h.Write([]byte(in.pr.ID + "|"))
	whole := p.digest == nil || p.codes == nil
	page := func(pg *site.Page) {
		if pg == nil {
			h.Write([]byte("-|"))
			return
		}
		h.Write([]byte(pg.URL + "|"))
		h.Write(pg.SourceHash[:])
		if whole {
			return
		}
		d, ok := p.digest(pg)
		if !ok {
			whole = true
			return
		}
		h.Write(binary.LittleEndian.AppendUint64(nil, d))
		// A site template's output depends on the site's templates and
		// data files, and its links on where they lead: the core.
		if k := p.codes.CallsKey(pg); k != "" {
			h.Write([]byte(k + "|"))
			whole = true
		}
		for _, sc := range pg.Doc.Shortcodes {
			if p.codes.ReadsOtherPages(sc.Name) {
				whole = true
			}
		}
	}
	page(in.pr.Page)
	for _, t := range in.tiers {
		page(t.Page)
	}
	for _, b := range in.pr.Benefits {
		page(b.Page)
		page(b.Terms)
	}
	for _, c := range in.certs {
		page(c.Page)
	}
	parts := append(append(append([]site.Part{}, in.tierAfter...), in.benefitAfter...), in.certAfter...)
	if in.matrix != nil {
		parts = append(parts, *in.matrix)
	}
	for _, part := range parts {
		sum, ok := valuehash.Sum(part.Data)
		if !ok {
			return [32]byte{}, false
		}
		h.Write([]byte(part.Partial + "|"))
		h.Write(sum[:])
		for _, hd := range part.Headings {
			h.Write([]byte(strconv.Itoa(hd.Level) + "|" + hd.ID + "|" + hd.Text + "|"))
		}
	}
	if whole {
		h.Write([]byte("|core|" + p.s.Core()))
	}
	var k [32]byte
	h.Sum(k[:0])
	return k, true
}

// cachedGuide is a guide from the cache, or made and kept; vk is its
// version's key (versionKey).
func (p *Programs) cachedGuide(d site.Drawer, vk [32]byte, v *site.Version, m *model.Model, pr *model.Program) (string, error) {
	in := p.guideInput(m, pr)
	if p.cache == nil {
		return p.guide(d, v, in)
	}
	k, keyed := p.guideKey(vk, in)
	if keyed {
		if g, ok := p.cache.c.Get(k); ok {
			return g, nil
		}
	}
	g, err := p.guide(d, v, in)
	if err == nil && keyed {
		p.cache.c.Put(k, g)
	}
	p.cache.Made.Add(1)
	return g, err
}
