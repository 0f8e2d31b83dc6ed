// Package search indexes a built site with bleve (one index per version
// and audience, English analysis, BM25) for the command line and the
// server, and derives from the same analysis a compact, sharded static
// index that the portal's search page queries with no server.
package search

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Doc is one searchable page. Only pages of the build's audience become
// documents, so nothing a narrower audience may see is ever indexed.
type Doc struct {
	ID          string   `json:"id"` // version:page-id ("portal:news/x" for the portal)
	Title       string   `json:"title"`
	Headings    string   `json:"headings"`
	Body        string   `json:"body"`
	Description string   `json:"description"`
	Kind        string   `json:"kind"`
	Program     []string `json:"program"`
	Tags        []string `json:"tags"`
	Regions     []string `json:"regions"`
	Version     string   `json:"version"`
	URL         string   `json:"url"` // site-relative, no leading slash
	// Lang is the language of the site the page is in ("" for English),
	// which decides its analysis (see analyzerName).
	Lang string `json:"lang,omitempty"`
	// Fold is the address within its year that the page's copies fold
	// under when a newer year renamed it (RenamedFolds); "" for its own.
	Fold string `json:"fold,omitempty"`

	hash string // set by AnalyseDocs, which needs it first
}

// Hash identifies the content of a document, so unchanged pages are not
// indexed again.
func (d *Doc) Hash() string {
	if d.hash != "" {
		return d.hash
	}
	h := sha256.New()
	for _, s := range []string{d.Title, d.Headings, d.Body, d.Description, d.Kind, strings.Join(d.Program, ","), strings.Join(d.Tags, ","), strings.Join(d.Regions, ","), d.Version, d.URL} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if d.Fold != "" {
		h.Write([]byte("fold:" + d.Fold))
	}
	if k := langKey(d.Lang); k != "en" {
		// The same text is other terms in another language.
		h.Write([]byte(k))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// IndexName is the name of a version's index ("portal" for the portal).
func IndexName(v *site.Version) string {
	if v.Name == "" {
		return "portal"
	}
	return v.Name
}

// Docs builds the documents of one version. A page's program is its own
// id for programs, the program of a tier or benefit, or a playbook's
// programs, so field teams can filter enablement content by program.
func Docs(v *site.Version, m *model.Model, texts map[[16]byte]string) []Doc {
	name := IndexName(v)
	out := make([]Doc, 0, len(v.Pages))
	for _, p := range v.Pages {
		d := Doc{ID: name + ":" + p.ID, Title: p.Title, Description: p.Summary, Kind: p.Kind, Tags: p.Tags, Regions: p.Regions, Version: name, URL: p.URL}
		var hs []string
		for _, h := range p.Doc.Headings {
			hs = append(hs, h.Text)
		}
		d.Headings = strings.Join(hs, "\n")
		d.Body = texts[p.BodyHash]
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
