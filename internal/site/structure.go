package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

var modelKinds = map[string]bool{"program": true, "tier": true, "benefit": true, "certification": true}

// Structure hashes everything about the site that one page's output or
// findings can depend on besides its own file: the configuration, and
// every page's id, address, title, summary, date, weight, kind, aliases,
// anchors and audience, the program-model files, hidden pages and assets.
// The preview's caches key their entries with it. It is computed once.
func (s *Site) Structure() string {
	s.structureOnce.Do(func() {
		h := sha256.New()
		// One buffer, written once per line: a preview rebuild hashes every
		// page, and conversions and sorting per field were most of it.
		var buf []byte
		w := func(parts ...string) {
			buf = buf[:0]
			for _, p := range parts {
				buf = append(buf, p...)
				buf = append(buf, '|')
			}
			buf = append(buf, '\n')
			h.Write(buf)
		}
		fmt.Fprintf(h, "%+v\n", *s.Config)
		for _, v := range s.All() {
			w("V", v.Name, v.Label, v.Status, strconv.FormatBool(v.Latest))
			for _, p := range v.Pages {
				w("P", p.Rel, p.ID, p.URL, p.Title, strconv.Itoa(p.Weight), p.Kind, p.Summary, p.Date,
					strings.Join(p.Aliases, ","), strconv.FormatBool(p.Broken), p.Audience)
				// The anchors, in the order of the headings they come from.
				buf = append(buf[:0], 'a')
				for _, hd := range p.Doc.Headings {
					buf = append(buf, '|')
					buf = append(buf, hd.ID...)
				}
				buf = append(buf, '\n')
				h.Write(buf)
				if modelKinds[p.Kind] {
					w("M", hex.EncodeToString(p.SourceHash[:]))
				}
			}
			for _, hid := range v.Hidden {
				w("H", hid.ID, hid.Rel)
			}
			for _, a := range v.Assets {
				w("A", a.Rel)
			}
		}
		s.structure = hex.EncodeToString(h.Sum(nil))
	})
	return s.structure
}
