package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/memo"
)

var modelKinds = map[string]bool{"program": true, "tier": true, "benefit": true, "certification": true}

// Structure hashes everything about the site that one page's output or
// findings can depend on besides its own file: the configuration, and
// every page's id, address, title, summary, date, weight, kind, aliases,
// anchors and audience, the program-model files, hidden pages and assets.
// The preview's caches key their entries with it. It is computed once.
func (s *Site) Structure() string {
	s.structureOnce.Do(func() {
		// Everything goes into one buffer, hashed once (a hash write per
		// line cost more than the hashing); each page adds the hash of its
		// part, which the preview remembers for files it did not read
		// again.
		var buf []byte
		w := func(parts ...string) {
			for _, p := range parts {
				buf = append(buf, p...)
				buf = append(buf, '|')
			}
			buf = append(buf, '\n')
		}
		var scratch []byte
		buf = fmt.Appendf(buf, "%+v\n", *s.Config)
		for _, v := range s.All() {
			w("V", v.Name, v.Label, v.Status, strconv.FormatBool(v.Latest))
			for _, p := range v.Pages {
				buf = append(buf, 'P')
				sum := s.part(p, &scratch)
				buf = append(buf, sum[:]...)
			}
			// Hidden is a map: in a fixed order, or the structure (and the
			// preview's page cache with it) changed from build to build.
			ids := make([]string, 0, len(v.Hidden))
			for id := range v.Hidden {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				w("H", v.Hidden[id].ID, v.Hidden[id].Rel)
			}
			for _, a := range v.Assets {
				w("A", a.Rel)
			}
		}
		if s.Content != nil {
			// Root-relative links into the static folder are checked.
			names := make([]string, 0, len(s.Content.Static))
			for n := range s.Content.Static {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				w("S", n)
			}
		}
		sum := sha256.Sum256(buf)
		s.structure = hex.EncodeToString(sum[:])
	})
	return s.structure
}

// part is the hash of what one page contributes to the structure, from
// the cache when the page's file and scan are those it was computed with.
func (s *Site) part(p *Page, scratch *[]byte) [32]byte {
	var parts *memo.Cache[*content.Page, structurePart]
	// A page that includes others has their anchors too, which its own
	// file does not decide: it is not taken from the cache.
	if s.docs != nil && len(p.Includes) == 0 {
		parts = s.docs.parts
		if e, ok := parts.Get(p.Page); ok && e.doc == p.Doc {
			return e.sum
		}
	}
	buf := (*scratch)[:0]
	w := func(parts ...string) {
		for _, p := range parts {
			buf = append(buf, p...)
			buf = append(buf, '|')
		}
	}
	w(p.Rel, p.ID, p.URL, p.Title)
	buf = strconv.AppendInt(buf, int64(p.Weight), 10)
	w("", p.Kind, p.Summary, p.Date, strings.Join(p.Aliases, ","), strings.Join(p.URLAliases, ","), strconv.FormatBool(p.Broken), p.Audience)
	// The anchors, in the order of the headings they come from.
	buf = append(buf, 'a')
	for _, hd := range p.Headings() {
		buf = append(buf, '|')
		buf = append(buf, hd.ID...)
	}
	if modelKinds[p.Kind] {
		buf = append(buf, "|M|"...)
		buf = append(buf, p.SourceHash[:]...)
	}
	*scratch = buf
	sum := sha256.Sum256(buf)
	parts.Put(p.Page, structurePart{doc: p.Doc, sum: sum})
	return sum
}
