// Package search indexes a built site with bleve (one index per version
// and audience, English analysis, BM25) for the command line and the
// server, and derives from the same analysis a compact, sharded static
// index that the portal's search page queries with no server.
package search

import (
	"bytes"
	"crypto/sha256"
	"sync"

	"encoding/hex"
	"github.com/golang/snappy"
	"io"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Entry is one searchable page. Only pages of the build's audience become
// documents, so nothing a narrower audience may see is ever indexed.
type Entry struct {
	ID       string `json:"id"` // version:page-id ("portal:news/x" for the portal)
	Title    string `json:"title"`
	Headings string `json:"headings"`
	// Sections are the page's text: first the part before its first
	// heading (no anchor, perhaps empty), then one per heading. A hit
	// lands on the section most of the query's words point to.
	Sections    []Section `json:"sections"`
	Description string    `json:"description"`
	Kind        string    `json:"kind"`
	Program     []string  `json:"program"`
	Tags        []string  `json:"tags"`
	Regions     []string  `json:"regions"`
	Version     string    `json:"version"`
	URL         string    `json:"url"` // site-relative, no leading slash
	// Lang is the language of the site the page is in ("" for English),
	// which decides its analysis (see analyzerName).
	Lang string `json:"lang,omitempty"`
	// Fold is the address within its year that the page's copies fold
	// under when a newer year renamed it (RenamedFolds); "" for its own.
	Fold string `json:"fold,omitempty"`

	hash string // set by AnalyseDocs, which needs it first
	// packed holds the sections' texts once Pack has taken them out of
	// Sections: compressed, a third of their size, from the analysis on.
	packed []byte
	// body is what the page's body gave the document, when it came from
	// an AnalysisCache (EntriesCached): shared with every build, and with
	// other pages of the same body, so never changed but to add its
	// packed texts.
	body *bodyParts
}

// bodyParts is what one body gives a search document, whatever the page:
// its sections' anchors and titles, their hash and, once a build packed
// them, their packed texts (the texts themselves are not kept: a
// document whose analysis is not cached unpacks them).
type bodyParts struct {
	titles []Section
	sum    []byte
	packed []byte
}

func newBodyParts(secs []Section) *bodyParts {
	titles := make([]Section, len(secs))
	for i, sec := range secs {
		titles[i] = Section{Anchor: sec.Anchor, Title: sec.Title}
	}
	return &bodyParts{titles: titles, sum: sectionsSum(secs)}
}

// sectionsSum hashes sections: their anchors, titles and texts.
func sectionsSum(secs []Section) []byte {
	h := sha256.New()
	for _, s := range secs {
		for _, part := range [3]string{s.Anchor, s.Title, s.Text} {
			io.WriteString(h, part)
			h.Write([]byte{0})
		}
		if s.Added {
			h.Write([]byte{1})
		}
	}
	return h.Sum(nil)
}

// Pack compresses the sections' texts, which the indexes need again only
// for snippets, and takes them out of Sections. Their analysis must be
// done: it reads Sections.
func (d *Entry) Pack() {
	if d.packed != nil {
		return
	}
	switch {
	case d.body != nil && d.body.packed != nil:
		d.packed = d.body.packed
	case d.body != nil:
		d.packed = pack(d.Sections)
		d.body.packed = d.packed
	default:
		d.packed = pack(d.Sections)
	}
	// A copy: the sections may be a cache's.
	secs := make([]Section, len(d.Sections))
	for i, sec := range d.Sections {
		secs[i] = Section{Anchor: sec.Anchor, Title: sec.Title, Added: sec.Added}
	}
	d.Sections = secs
}

// packBuffers are reused: packing makes two buffers the size of a page.
var packBuffers = sync.Pool{New: func() any { return new([2][]byte) }}

// pack compresses the sections' texts, each ended by a zero byte.
func pack(secs []Section) []byte {
	bufs := packBuffers.Get().(*[2][]byte)
	raw := bufs[0][:0]
	for _, s := range secs {
		raw = append(raw, s.Text...)
		raw = append(raw, 0)
	}
	enc := snappy.Encode(bufs[1][:cap(bufs[1])], raw)
	// Only the packed bytes are kept: Encode's buffer is sized for the
	// worst case, larger than the text.
	out := bytes.Clone(enc)
	if cap(raw) <= 1<<20 {
		bufs[0], bufs[1] = raw, enc[:0]
		packBuffers.Put(bufs)
	}
	return out
}

// texts are the sections' texts, packed (see Pack) or not.
func (d *Entry) texts() []byte {
	if d.packed != nil {
		return d.packed
	}
	return pack(d.Sections)
}

// unpack puts packed texts back into sections; they must be as many.
func unpack(secs []Section, packed []byte) []Section {
	raw, err := snappy.Decode(nil, packed)
	if err != nil {
		return secs
	}
	out := make([]Section, len(secs))
	copy(out, secs)
	for i, t := range strings.Split(string(raw), "\x00") {
		if i < len(out) {
			out[i].Text = t
		}
	}
	return out
}

// AddSections appends sections that other stages generate (a benefit's
// values by tier) to a document, marked Added. They are not part of its
// page's body, so the document stops sharing its body's cached parts and
// hashes what it now holds; their titles are the theme's, not among the
// page's headings.
func (d *Entry) AddSections(extra ...Section) {
	if len(extra) == 0 {
		return
	}
	secs := d.sections()
	d.Sections = append(secs[:len(secs):len(secs)], extra...)
	d.packed, d.body, d.hash = nil, nil, ""
}

// sections are the document's sections with their texts.
func (d *Entry) sections() []Section {
	if d.packed == nil {
		return d.Sections
	}
	return unpack(d.Sections, d.packed)
}

// Hash identifies the content of a document, so unchanged pages are not
// indexed again.
func (d *Entry) Hash() string {
	if d.hash != "" {
		return d.hash
	}
	h := sha256.New()
	for _, s := range []string{d.Title, d.Headings, d.Description, d.Kind, strings.Join(d.Program, ","), strings.Join(d.Tags, ","), strings.Join(d.Regions, ","), d.Version, d.URL} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	sum := []byte(nil)
	if d.body != nil {
		sum = d.body.sum
	} else {
		sum = sectionsSum(d.Sections)
	}
	h.Write(sum)
	if d.Fold != "" {
		h.Write([]byte("fold:" + d.Fold))
	}
	if k := langKey(d.Lang); k != "en" {
		// The same text is other terms in another language.
		h.Write([]byte(k))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// Section is a part of a page: the text under one heading, or (no
// Anchor) the text before the first.
type Section struct {
	Anchor string `json:"anchor,omitempty"`
	Title  string `json:"title,omitempty"`
	Text   string `json:"text"`
	// Added marks a section another stage adds to the page (a benefit's
	// values by tier, from the program model): its words count in the
	// "added" field, below the page's own text, so a page does not rank
	// for a tier's name as its pages do.
	Added bool `json:"added,omitempty"`
}

// sectionsOf splits a page's search text at its headings, where its scan
// says they start (Heading.At); the first section is the text before
// them, perhaps empty. Text that is not valid UTF-8 is mended, so the
// sections read back from the index are what was analysed.
func sectionsOf(d *markdown.Doc, text string) []Section {
	text = strings.ToValidUTF8(text, "\uFFFD")
	var hs []markdown.Heading
	if d != nil {
		hs = d.Headings
	}
	out := make([]Section, 0, len(hs)+1)
	end := len(text)
	if len(hs) > 0 {
		end = min(max(hs[0].At, 0), len(text))
	}
	// Trimmed first, so that tidy text (the scan's) is cut, not copied.
	out = append(out, Section{Text: markdown.Tidy(strings.TrimSpace(text[:end]))})
	for i, h := range hs {
		start := min(max(h.At, 0), len(text))
		end := len(text)
		if i+1 < len(hs) {
			end = min(max(hs[i+1].At, start), len(text))
		}
		// The scan writes its text tidy; text from elsewhere is tidied
		// (a copy) before the heading's own words are taken off.
		body := markdown.Tidy(strings.TrimSpace(text[start:end]))
		body = strings.TrimSpace(strings.TrimPrefix(body, markdown.Tidy(h.Text)))
		out = append(out, Section{Anchor: h.ID, Title: strings.ToValidUTF8(h.Text, "\uFFFD"), Text: body})
	}
	return out
}

// IndexName is the name of a version's index ("portal" for the portal).
func IndexName(v *site.Version) string {
	if v.Name == "" {
		return "portal"
	}
	return v.Name
}

// Entries builds the entries of one version. A page's program is its own
// id for programs, the program of a tier or benefit, or a playbook's
// programs, so field teams can filter enablement content by program.
func Entries(v *site.Version, m *model.Model, texts map[[16]byte]string) []Entry {
	return EntriesCached(v, m, texts, nil)
}

// EntriesCached is Entries taking each body's sections from the cache
// where it has them (the preview's session; nil: none): splitting and
// tidying every page's text was a large share of a preview's search.
func EntriesCached(v *site.Version, m *model.Model, texts map[[16]byte]string, cache *AnalysisCache) []Entry {
	name := IndexName(v)
	out := make([]Entry, 0, len(v.Pages))
	for _, p := range v.Pages {
		d := Entry{ID: name + ":" + p.ID, Title: p.Title, Description: p.Summary, Kind: p.Kind, Tags: p.Tags, Regions: p.Regions, Version: name, URL: p.URL}
		if cache != nil {
			bp, ok := cache.bodies.Get(p.BodyHash)
			if ok && bp.packed != nil {
				d.Sections, d.packed, d.body = bp.titles, bp.packed, bp
			} else {
				d.Sections = sectionsOf(p.Doc, texts[p.BodyHash])
				d.body = newBodyParts(d.Sections)
				cache.bodies.Put(p.BodyHash, d.body)
			}
		} else {
			d.Sections = sectionsOf(p.Doc, texts[p.BodyHash])
		}
		var hs []string
		for _, s := range d.Sections[1:] {
			hs = append(hs, s.Title)
		}
		d.Headings = strings.Join(hs, "\n")
		switch {
		case p.Kind == "program":
			d.Program = []string{p.ID}
		case p.Program != "":
			d.Program = visiblePrograms(v, []string{p.Program})
		case len(p.Programs) > 0:
			d.Program = visiblePrograms(v, p.Programs)
		}
		if m != nil && p.Kind == "tier" {
			if t := m.Tier(p.ID); t != nil && t.Program != nil {
				d.Program = []string{t.Program.ID}
			}
		}
		out = append(out, d)
	}
	return out
}

// visiblePrograms keeps the program ids that name a program page of this
// build. A page may name a program whose audience is narrower than its
// own: that id is left out of the build, and must not reach the search
// filters, facets or indexes through the page that names it.
func visiblePrograms(v *site.Version, ids []string) []string {
	var out []string
	for _, id := range ids {
		if p := v.ByID[id]; p != nil && p.Kind == "program" {
			out = append(out, id)
		}
	}
	return out
}
