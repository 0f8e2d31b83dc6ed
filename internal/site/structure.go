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

// modelKinds are the kinds whose whole file other pages' output depends
// on: the program model's, the glossary, whose terms any page of its year
// may mark, paths, whose steps' pages name the next step, and events,
// which the home and program pages list.
var modelKinds = map[string]bool{"program": true, "tier": true, "benefit": true, "certification": true, "glossary": true, "path": true, "event": true}

// Structure hashes everything about the site that one page's output or
// findings can depend on besides its own file: the configuration, and
// every page's id, address, title, summary, date, weight, kind, aliases,
// anchors and audience, the program-model files, hidden pages and assets.
// The preview's caches key their entries with it. It is computed once.
func (s *Site) Structure() string {
	s.structureOnce.Do(s.hashStructure)
	return s.structure
}

// Shown is Structure without the pages' anchors: what one page's rendered
// output can depend on besides its own file. Other pages' anchors decide
// findings only: a link keeps the fragment it was written with whether
// its heading exists or not, and a page that shows another's headings
// (include) is keyed with the files of the pages it includes, or always
// rendered. So a heading added to one page renders that page again, not
// every page.
func (s *Site) Shown() string {
	s.structureOnce.Do(s.hashStructure)
	return s.shown
}

func (s *Site) hashStructure() {
	// Everything goes into one buffer per hash, hashed once (a hash
	// write per line cost more than the hashing); each page adds the
	// hash of its part, which the preview remembers for files it did not
	// read again.
	// The four hashes share every line but the pages': all (Structure),
	// shown (Shown), core (Core) and frame (Frame).
	const all, shown, core, frame = 0, 1, 2, 3
	var bufs [4][]byte
	// upTo writes a line into the first n hashes; w into all four.
	upTo := func(n int, parts ...string) {
		for i := range bufs[:n] {
			for _, p := range parts {
				bufs[i] = append(append(bufs[i], p...), '|')
			}
			bufs[i] = append(bufs[i], '\n')
		}
	}
	w := func(parts ...string) { upTo(frame+1, parts...) }
	var scratch []byte
	w(fmt.Sprintf("%+v", *s.Config))
	for _, v := range s.All() {
		w("V", v.Name, v.Label, v.Status, strconv.FormatBool(v.Latest))
		for _, p := range v.Pages {
			part := s.part(p, &scratch)
			bufs[all] = append(append(bufs[all], 'P'), part.sum[:]...)
			bufs[shown] = append(append(bufs[shown], 'P'), part.shown[:]...)
			bufs[core] = append(append(bufs[core], 'P'), part.core[:]...)
			if part.framed && !part.model {
				bufs[frame] = append(append(bufs[frame], 'P'), part.shown[:]...)
			}
		}
		// Hidden is a map: in a fixed order, or the structure (and the
		// preview's page cache with it) changed from build to build.
		ids := make([]string, 0, len(v.Hidden))
		for id := range v.Hidden {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			// Not in the frame: which pages are left out shows in other
			// pages' output through their links only, which the page
			// cache compares page by page (a link's digest says whether
			// it leads to a page left out, and for whom).
			upTo(frame, "H", v.Hidden[id].ID, v.Hidden[id].Rel)
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
	for i, dst := range []*string{&s.structure, &s.shown, &s.core, &s.frame} {
		sum := sha256.Sum256(bufs[i])
		*dst = hex.EncodeToString(sum[:])
	}
}

// Frame is Core without the plain pages, the hidden ones and the program
// model's: the configuration, the versions, assets and static
// files, and the glossary, paths, events and terms pages whole. Which plain pages there are, and
// where, and which are left out, decides a page's output through its
// navigation, its links and its equivalents in other years only, which
// the preview's page cache checks page by page (render.PageCache): a page
// added, or turned draft, re-renders its neighbours and the pages whose
// links now reach it or lose it.
func (s *Site) Frame() string {
	s.structureOnce.Do(s.hashStructure)
	return s.frame
}

// programKinds are the kinds whose files make the program model, left
// out of the Frame: the pages that show the model are keyed with what
// they show of it (render's model key, the guide cache's key), so a
// benefit's value edited renders the pages and guides that show it.
var programKinds = map[string]bool{"program": true, "tier": true, "benefit": true, "certification": true}

// ModelShown reports whether a page shows the program model beyond its
// own file: a page of the model's kinds or a designation (their sections
// are drawn from the model), a year's home and its certifications page.
func ModelShown(p *Page) bool {
	return programKinds[p.Kind] || p.Kind == "designation" || p.URL == p.Version+"/" || p.URL == p.Version+"/certifications/"
}

// Core is Shown without what the navigation shows of plain pages (their
// title, weight, summary and date; a program-model or terms page's whole
// part stays in, as other pages show more of it). A page's output
// depends on those of the pages its navigation, breadcrumbs, list of
// children and front-matter references show, and no others: the
// preview's page cache keys each page with what it shows of them
// (render.PageCache), so a page retitled re-renders the pages that show
// its title, not every page. A link names an address and a fragment,
// never a title: the link check's cache is tagged with Core too.
func (s *Site) Core() string {
	s.structureOnce.Do(s.hashStructure)
	return s.core
}

// part is the hash of what one page contributes to the structure, with
// its anchors and without them, from the cache when the page's file and
// scan are those it was computed with.
func (s *Site) part(p *Page, scratch *[]byte) structurePart {
	var parts *memo.Cache[*content.Page, structurePart]
	// A page that includes others has their anchors too, which its own
	// file does not decide: it is not taken from the cache.
	if s.docs != nil && len(p.Includes) == 0 {
		parts = s.docs.parts
		if e, ok := parts.Get(p.Page); ok && e.doc == p.Doc {
			return e
		}
	}
	buf := (*scratch)[:0]
	w := func(parts ...string) {
		for _, p := range parts {
			buf = append(buf, p...)
			buf = append(buf, '|')
		}
	}
	// What the navigation shows of a page (its title, weight, summary
	// and date) first, apart: Core leaves it out for plain pages.
	w(p.Title)
	buf = strconv.AppendInt(buf, int64(p.Weight), 10)
	w("", p.Summary, p.Date)
	navEnd := len(buf)
	w(p.Rel, p.ID, p.URL, p.Kind, strings.Join(p.Aliases, ","), strings.Join(p.URLAliases, ","), strconv.FormatBool(p.Broken), p.Audience)
	if modelKinds[p.Kind] {
		buf = append(buf, "|M|"...)
		buf = append(buf, p.SourceHash[:]...)
	}
	shownEnd := len(buf)
	// The anchors, in the order of the headings they come from.
	buf = append(buf, 'a')
	for _, hd := range p.Headings() {
		buf = append(buf, '|')
		buf = append(buf, hd.ID...)
	}
	for _, a := range p.Doc.Anchors {
		buf = append(buf, '!')
		buf = append(buf, a...)
	}
	if p.Kind == "terms" {
		// Its clauses are quoted by their anchors: to be safe, they
		// count for every page.
		shownEnd = len(buf)
	}
	*scratch = buf
	coreStart := navEnd
	if modelKinds[p.Kind] || p.Kind == "terms" {
		// Other pages show more of it than their navigation does: the
		// program model's sections name terms pages by their titles.
		coreStart = 0
	}
	part := structurePart{doc: p.Doc, sum: sha256.Sum256(buf), shown: sha256.Sum256(buf[:shownEnd]), core: sha256.Sum256(buf[coreStart:shownEnd]),
		framed: coreStart == 0, model: programKinds[p.Kind]}
	parts.Put(p.Page, part)
	return part
}

// ModelKind reports whether pages of a kind are part of the program model
// or the glossary: their whole file, body included, is part of the site's
// structure.
func ModelKind(kind string) bool { return modelKinds[kind] }
