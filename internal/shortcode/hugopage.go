package shortcode

import (
	"html/template"
	"path"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// hugoPage is a page as Hugo's templates see it: .Title, .Params,
// .RelPermalink, .File.Path, .Section, .Parent, .Pages and so on.
type hugoPage struct {
	set *Set
	p   *site.Page
	sec *site.Section // a folder without an index page
}

func (set *Set) wrap(p *site.Page) *hugoPage {
	if p == nil {
		return nil
	}
	return &hugoPage{set: set, p: p}
}

// Title is the page's title.
func (h *hugoPage) Title() string {
	if h.p == nil && h.sec != nil {
		return h.sec.Title
	}
	return h.p.Title
}

// LinkTitle is the title, or linkTitle when set.
func (h *hugoPage) LinkTitle() string {
	if h.p != nil {
		if lt, ok := h.p.Params["linktitle"].(string); ok && lt != "" {
			return lt
		}
	}
	return h.Title()
}

// Description is the description front matter.
func (h *hugoPage) Description() string {
	if h.p == nil {
		return ""
	}
	return h.p.Description
}

// Summary is the description or first paragraph.
func (h *hugoPage) Summary() template.HTML {
	if h.p == nil {
		return ""
	}
	return template.HTML(template.HTMLEscapeString(h.p.Summary))
}

// Params are the page's front matter, lowercased keys, as in Hugo.
func (h *hugoPage) Params() map[string]any {
	out := map[string]any{}
	if h.p == nil {
		return out
	}
	for k, v := range h.p.Params {
		out[k] = v
	}
	out["title"] = h.p.Title
	if h.p.Description != "" {
		out["description"] = h.p.Description
	}
	if len(h.p.Tags) > 0 {
		out["tags"] = h.p.Tags
	}
	return out
}

// Param reads a page parameter, then the site's, as Hugo's .Param does.
func (h *hugoPage) Param(key any) any {
	k := strings.ToLower(toString(key))
	if v := field(h.Params(), k); v != nil {
		return v
	}
	return field(h.set.hugoSite().Params(), k)
}

// RelPermalink is the page's address under the base path.
func (h *hugoPage) RelPermalink() string {
	return h.set.s.Config.BasePath + h.url()
}

// Permalink is the page's absolute address.
func (h *hugoPage) Permalink() string {
	return strings.TrimSuffix(h.set.s.Config.BaseURL, "/") + "/" + h.url()
}

func (h *hugoPage) url() string {
	if h.p != nil {
		return h.p.URL
	}
	return h.sec.URLPrefix()
}

// Kind is Hugo's kind: home, section or page.
func (h *hugoPage) Kind() string {
	switch {
	case h.p == nil || h.p.IsIndex && h.p.Dir != "":
		return "section"
	case h.p.IsIndex:
		return "home"
	}
	return "page"
}

// Type is the page's type: its type parameter, or its top section.
func (h *hugoPage) Type() string {
	if h.p != nil && h.p.Type != "" {
		return h.p.Type
	}
	return h.Section()
}

// Section is the page's top-level folder.
func (h *hugoPage) Section() string {
	dir := h.dir()
	if i := strings.IndexByte(dir, '/'); i >= 0 {
		return dir[:i]
	}
	return dir
}

func (h *hugoPage) dir() string {
	if h.p != nil {
		if h.p.IsIndex {
			return h.p.Dir
		}
		return h.p.Dir
	}
	return h.sec.Dir
}

// IsPage, IsSection, IsHome and IsNode say what the page is.
func (h *hugoPage) IsPage() bool    { return h.Kind() == "page" }
func (h *hugoPage) IsSection() bool { return h.Kind() == "section" }
func (h *hugoPage) IsHome() bool    { return h.Kind() == "home" }
func (h *hugoPage) IsNode() bool    { return h.Kind() != "page" }

// Draft is the draft flag.
func (h *hugoPage) Draft() bool { return h.p != nil && h.p.Draft }

// Weight is the page's weight.
func (h *hugoPage) Weight() int {
	if h.p == nil {
		return h.sec.Weight
	}
	return h.p.Weight
}

// File describes the page's source, as Hugo's .File does.
func (h *hugoPage) File() map[string]any {
	if h.p == nil {
		return nil
	}
	rel := h.p.Rel
	base := path.Base(rel)
	name := strings.TrimSuffix(base, path.Ext(base))
	cbn := name
	if h.p.IsIndex {
		cbn = path.Base(h.p.Dir)
	}
	return map[string]any{"Path": rel, "Filename": h.p.Source, "Dir": h.p.Dir + "/", "LogicalName": base, "BaseFileName": name,
		"TranslationBaseName": name, "ContentBaseName": cbn, "Ext": strings.TrimPrefix(path.Ext(base), "."), "Lang": "", "UniqueID": h.p.ID}
}

// Path is the page's logical path, as Hugo 0.123's .Path.
func (h *hugoPage) Path() string {
	if h.p == nil {
		return "/" + h.sec.Dir
	}
	if h.p.IsIndex {
		return "/" + h.p.Dir
	}
	return "/" + strings.TrimSuffix(h.p.Rel, path.Ext(h.p.Rel))
}

func (h *hugoPage) section() *site.Section {
	if h.p != nil {
		return h.p.Section
	}
	return h.sec
}

// Parent is the page's section page.
func (h *hugoPage) Parent() *hugoPage {
	s := h.section()
	if s == nil {
		return nil
	}
	if h.p != nil && h.p.IsIndex || h.p == nil {
		s = s.Parent
	}
	return h.set.wrapSection(s)
}

// CurrentSection is the section the page is in (itself for a section).
func (h *hugoPage) CurrentSection() *hugoPage {
	if h.IsNode() {
		return h
	}
	return h.set.wrapSection(h.section())
}

func (set *Set) wrapSection(s *site.Section) *hugoPage {
	if s == nil {
		return nil
	}
	if s.Index != nil {
		return set.wrap(s.Index)
	}
	return &hugoPage{set: set, sec: s}
}

// Pages are a section's pages and subsections; a regular page has none.
func (h *hugoPage) Pages() []*hugoPage {
	if !h.IsNode() {
		return nil
	}
	s := h.section()
	if s == nil {
		return nil
	}
	out := h.RegularPages()
	for _, c := range s.Children {
		out = append(out, h.set.wrapSection(c))
	}
	return out
}

// RegularPages are a section's own regular pages.
func (h *hugoPage) RegularPages() []*hugoPage {
	s := h.section()
	if s == nil || !h.IsNode() {
		return nil
	}
	out := make([]*hugoPage, 0, len(s.Pages))
	for _, p := range s.Pages {
		out = append(out, h.set.wrap(p))
	}
	return out
}

// Sections are a section's subsections.
func (h *hugoPage) Sections() []*hugoPage {
	s := h.section()
	if s == nil || !h.IsNode() {
		return nil
	}
	var out []*hugoPage
	for _, c := range s.Children {
		out = append(out, h.set.wrapSection(c))
	}
	return out
}

// Site is the site.
func (h *hugoPage) Site() *hugoSite { return h.set.hugoSite() }

// Language is the page's language.
func (h *hugoPage) Language() map[string]any { return h.set.hugoSite().Language() }

// Lang is the page's language code.
func (h *hugoPage) Lang() string { return h.set.s.Config.Language }

// Content and Plain are not available to shortcodes of the same page
// (Hugo would recurse); they are empty here.
func (h *hugoPage) Content() template.HTML { return "" }

// Plain is empty, as Content.
func (h *hugoPage) Plain() string { return "" }

// Scratch and Store are per-page maps.
func (h *hugoPage) Scratch() *scratch { return h.set.scratchOf(h) }

// Store is Scratch under its newer name.
func (h *hugoPage) Store() *scratch { return h.set.scratchOf(h) }

// GetPage finds a page by path from this page.
func (h *hugoPage) GetPage(ref string) *hugoPage { return h.set.getPage(h.p, ref) }

// RenderString renders Markdown as the page's text.
func (h *hugoPage) RenderString(args ...any) template.HTML {
	if len(args) == 0 {
		return ""
	}
	env := &funcEnv{set: h.set, page: h}
	return env.markdownify(args[len(args)-1])
}

// Date, Lastmod and PublishDate are empty times (the site's Git dates
// are the theme's, not the shortcodes').
func (h *hugoPage) Date() any { return field(h.Params(), "date") }

// Lastmod is the date front matter, as Date.
func (h *hugoPage) Lastmod() any { return h.Date() }

// hugoSite is the site as templates see it: .Title, .Params, .Data,
// .GetPage, .BaseURL, .Home, .Pages.
type hugoSite struct {
	set *Set
}

func (set *Set) hugoSite() *hugoSite { return &hugoSite{set: set} }

// Title is the site's title.
func (hs *hugoSite) Title() string { return hs.set.s.Config.Title }

// BaseURL is the site's base URL.
func (hs *hugoSite) BaseURL() string { return hs.set.s.Config.BaseURL }

// Params are the site's parameters (params of the Hugo config).
func (hs *hugoSite) Params() map[string]any {
	if hs.set.params == nil {
		return map[string]any{}
	}
	return hs.set.params
}

// Data is the site's data folder.
func (hs *hugoSite) Data() map[string]any { return hs.set.siteData() }

// GetPage finds a page by its path below the content folder.
func (hs *hugoSite) GetPage(ref ...any) *hugoPage {
	if len(ref) == 0 {
		return nil
	}
	return hs.set.getPage(nil, toString(ref[len(ref)-1]))
}

// Home is the portal's home page.
func (hs *hugoSite) Home() *hugoPage { return hs.set.getPage(nil, "/") }

// Pages are every page of the portal.
func (hs *hugoSite) Pages() []*hugoPage { return hs.RegularPages() }

// RegularPages are every page of the portal (or of the latest version).
func (hs *hugoSite) RegularPages() []*hugoPage {
	v := hs.set.s.Portal
	if v == nil {
		v = hs.set.s.Latest
	}
	if v == nil {
		return nil
	}
	out := make([]*hugoPage, 0, len(v.Pages))
	for _, p := range v.Pages {
		out = append(out, hs.set.wrap(p))
	}
	return out
}

// Language is the site's language.
func (hs *hugoSite) Language() map[string]any {
	l := hs.set.s.Config.Language
	return map[string]any{"Lang": l, "LanguageName": l, "LanguageCode": l}
}

// LanguageCode is the site's language code.
func (hs *hugoSite) LanguageCode() string { return hs.set.s.Config.Language }

// Menus are not read (navigation comes from folders).
func (hs *hugoSite) Menus() map[string]any { return map[string]any{} }

// Taxonomies are not built.
func (hs *hugoSite) Taxonomies() map[string]any { return map[string]any{} }

// getPage finds a page by a Hugo path: "/handbook/x", "handbook/x.md",
// or relative to the calling page's folder.
func (set *Set) getPage(from *site.Page, ref string) *hugoPage {
	if p := set.findPage(from, ref); p != nil {
		return set.wrap(p)
	}
	return nil
}

func (set *Set) findPage(from *site.Page, ref string) *site.Page {
	if set.r == nil {
		return nil
	}
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		ref = ref[:i]
	}
	return set.r.GetPage(from, ref)
}

// scratchOf is a page's scratch map, kept for the build.
func (set *Set) scratchOf(h *hugoPage) *scratch {
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.scratches == nil {
		set.scratches = map[*site.Page]*scratch{}
	}
	s := set.scratches[h.p]
	if s == nil {
		s = &scratch{m: map[string]any{}}
		set.scratches[h.p] = s
	}
	return s
}

var _ sync.Locker = (*sync.Mutex)(nil)

// TableOfContents is the page's contents as Hugo writes them: a nav of
// nested lists of its h2 and h3 headings, linked by id.
func (h *hugoPage) TableOfContents() template.HTML {
	if h.p == nil || h.p.Doc == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<nav id="TableOfContents"><ul>`)
	open := false
	n := 0
	for _, hd := range h.p.Headings() {
		switch hd.Level {
		case 2:
			if open {
				b.WriteString("</ul></li>")
				open = false
			} else if n > 0 {
				b.WriteString("</li>")
			}
			b.WriteString(`<li><a href="#` + template.HTMLEscapeString(hd.ID) + `">` + template.HTMLEscapeString(hd.Text) + "</a>")
			n++
		case 3:
			if n == 0 {
				continue
			}
			if !open {
				b.WriteString("<ul>")
				open = true
			}
			b.WriteString(`<li><a href="#` + template.HTMLEscapeString(hd.ID) + `">` + template.HTMLEscapeString(hd.Text) + "</a></li>")
		}
	}
	if n == 0 {
		return ""
	}
	if open {
		b.WriteString("</ul>")
	}
	b.WriteString("</li></ul></nav>")
	return template.HTML(b.String())
}
