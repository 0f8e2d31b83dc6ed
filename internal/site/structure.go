package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
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
		w := func(parts ...string) {
			for _, p := range parts {
				h.Write([]byte(p))
				h.Write([]byte{'|'})
			}
			h.Write([]byte{'\n'})
		}
		fmt.Fprintf(h, "%+v\n", *s.Config)
		for _, v := range s.All() {
			w("V", v.Name, v.Label, v.Status, strconv.FormatBool(v.Latest))
			for _, p := range v.Pages {
				anchors := make([]string, 0, len(p.Anchors))
				for a := range p.Anchors {
					anchors = append(anchors, a)
				}
				sort.Strings(anchors)
				w("P", p.Rel, p.ID, p.URL, p.Title, strconv.Itoa(p.Weight), p.Kind, p.Summary, p.Date,
					strings.Join(p.Aliases, ","), strings.Join(anchors, ","), strconv.FormatBool(p.Broken), p.Audience)
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
