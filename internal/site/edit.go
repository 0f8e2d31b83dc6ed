package site

import (
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
)

// Edit is a page's new file and scan, read after an edit of its text.
type Edit struct {
	Page *content.Page
	Doc  *markdown.Doc
}

// Edited returns a copy of the site in which each page of edits has its
// file and scan replaced, and the copy of each page by the page it
// copies. s is not changed: the preview's next build starts from the site
// its last one made, which a reader may still hold (the last build's
// search, a served result), and which must stay whole for it.
//
// Pages and their folders point at each other, so every page, folder and
// version is copied (a few milliseconds at 10,000 pages); what they point
// at otherwise (files, scans, the configuration, hidden pages) is shared,
// as no stage changes it. The edits may change a page's body and
// headings, never what decides its place: its front matter is the same
// (content.Reparse), so no folder's order changes. A terms page's
// clauses are kept as they were (they need the body's text): the preview
// edits no terms page this way, as other pages show its clauses.
func (s *Site) Edited(edits map[*Page]Edit) (*Site, map[*Page]*Page) {
	files := make(map[*content.Page]*content.Page, len(edits))
	for p, e := range edits {
		files[p.Page] = e.Page
	}
	var cs *content.Site
	if s.Content != nil {
		cs = s.Content.Edited(files)
	}
	ns := &Site{Config: s.Config, Content: cs, Engine: s.Engine, Words: s.Words, docs: s.docs}

	n := 0
	for _, v := range s.All() {
		n += len(v.Pages) + len(v.IncludeOnly)
	}
	copies := make([]Page, 0, n)
	pages := make(map[*Page]*Page, n)
	copyPage := func(p *Page) *Page {
		copies = append(copies, *p)
		np := &copies[len(copies)-1]
		if e, ok := edits[p]; ok {
			np.Page, np.Doc = e.Page, e.Doc
			np.Summary = np.Description
			if np.Summary == "" {
				np.Summary = np.Doc.Description
			}
		}
		pages[p] = np
		return np
	}
	page := func(p *Page) *Page {
		if np, ok := pages[p]; ok {
			return np
		}
		return p // nil, or not a page of this site
	}
	sections := map[*Section]*Section{}
	var copySection func(sec, parent *Section) *Section
	copySection = func(sec, parent *Section) *Section {
		ns := *sec
		ns.Parent = parent
		sections[sec] = &ns
		ns.Children = make([]*Section, len(sec.Children))
		for i, c := range sec.Children {
			ns.Children[i] = copySection(c, &ns)
		}
		return &ns
	}

	version := func(v *Version, cv *content.Version) *Version {
		nv := *v
		nv.Version = cv
		nv.Pages = make([]*Page, len(v.Pages))
		for i, p := range v.Pages {
			nv.Pages[i] = copyPage(p)
		}
		nv.IncludeOnly = make([]*Page, len(v.IncludeOnly))
		for i, p := range v.IncludeOnly {
			nv.IncludeOnly[i] = copyPage(p)
		}
		index := func(m map[string]*Page) map[string]*Page {
			out := make(map[string]*Page, len(m))
			for k, p := range m {
				out[k] = page(p)
			}
			return out
		}
		nv.ByID, nv.ByAlias, nv.ByRel = index(v.ByID), index(v.ByAlias), index(v.ByRel)
		if v.Root != nil {
			nv.Root = copySection(v.Root, nil)
		}
		return &nv
	}
	if s.Portal != nil {
		cv := s.Portal.Version
		if cs != nil {
			cv = cs.Portal
		}
		ns.Portal = version(s.Portal, cv)
	}
	ns.Versions = make([]*Version, len(s.Versions))
	for i, v := range s.Versions {
		cv := v.Version
		if cs != nil {
			cv = cs.Versions[i]
		}
		ns.Versions[i] = version(v, cv)
		if v == s.Latest {
			ns.Latest = ns.Versions[i]
		}
	}
	// Every page and folder is copied: now point the copies at copies.
	for i := range copies {
		p := &copies[i]
		if p.Section != nil {
			p.Section = sections[p.Section]
		}
		if len(p.Includes) > 0 {
			inc := make([]*Page, len(p.Includes))
			for j, q := range p.Includes {
				inc[j] = page(q)
			}
			p.Includes = inc
		}
	}
	for _, sec := range sections {
		sec.Index = page(sec.Index)
		if len(sec.Pages) > 0 {
			ps := make([]*Page, len(sec.Pages))
			for j, q := range sec.Pages {
				ps[j] = page(q)
			}
			sec.Pages = ps
		}
	}
	return ns, pages
}
