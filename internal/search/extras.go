package search

import (
	"github.com/partnerdocs/partnerdocs/internal/render"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Static is the static index as render extras: its files under
// /search/idx/ and the /search/ page.
type Static struct {
	files map[string][]byte
	base  string
}

// NewStatic exports the static index of docs.
func NewStatic(docs []Doc, versions []string, latest, base string) *Static {
	return &Static{files: Export(docs, versions, latest), base: base}
}

// After implements render.Extras.
func (s *Static) After(*site.Page) []byte { return nil }

// Files implements render.Extras.
func (s *Static) Files() map[string][]byte {
	out := make(map[string][]byte, len(s.files))
	for n, b := range s.files {
		out["search/idx/"+n] = b
	}
	return out
}

// Pages implements render.Extras.
func (s *Static) Pages() []render.Generated {
	return []render.Generated{{URL: "search/", Title: "Search", Kind: "list",
		Description: "Search program guides, terms, benefits and enablement.", HTML: []byte(PageHTML(s.base))}}
}

// Order lists index names for display: the latest version, the others in
// config order, then the portal.
func Order(s *site.Site) (names []string, latest string) {
	if s.Latest != nil {
		latest = s.Latest.Name
		names = append(names, latest)
	}
	for _, v := range s.Versions {
		if v != s.Latest {
			names = append(names, v.Name)
		}
	}
	if s.Portal != nil {
		names = append(names, "portal")
	}
	return names, latest
}
