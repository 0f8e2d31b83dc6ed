package render

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"sort"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// View is what a layout sees. Themes rely on these names; docs/theme.md
// lists them.
type View struct {
	Site        SiteInfo
	Page        *site.Page // nil for generated pages
	Kind        string
	Title       string
	Description string
	Content     template.HTML
	IsHome      bool
	Version     *VersionLink // nil on portal pages
	// Versions is the version switcher: each program year, linking to this
	// page there (matched by id, then aliases) or to that year's home.
	Versions []VersionLink
	// Languages is the language switcher (nil on a site with one
	// language): this page in each language, the current one Active.
	// Alternates are the hreflang links: the languages the page is
	// translated into, and the default language's.
	Languages  []LangLink
	Alternates []LangLink
	// Fallback is set on a page shown in the default language because it
	// has no translation yet: the notice names that language, and the
	// content carries its lang attribute.
	Fallback *LangLink
	// More are the portal's own pages, listed on the home page.
	More []*NavItem
	// Runs says when a dated page runs, by the build's day: "from 1 April
	// 2026" before it starts, "until 30 June 2026" while it runs.
	Runs string
	// ShowOwner is true in internal builds, the only ones that name a
	// page's owner.
	ShowOwner bool
	// LastChanged is the day the page's file last changed in the site's
	// Git history (YYYY-MM-DD); "" when unknown.
	LastChanged string
	// Repo holds the page's "Edit this page" and "Report a problem"
	// addresses in builds of the repository's audiences; nil otherwise.
	Repo *RepoLinks
	// Feedback holds the page's "Was this page helpful?" and "Suggest a
	// change" addresses in builds of the feedback's audiences; nil
	// otherwise.
	Feedback *FeedbackLinks
	// Banner is set on pages of a version that is not the latest.
	Banner *Banner
	// HasNav is true when the page has sidebar navigation (see Nav).
	HasNav bool
	// Sidebar is the rendered sidebar.html partial. It is rendered once
	// per section and shared by the section's pages (the current page is
	// marked afterwards), which took a quarter of the render time before.
	Sidebar     template.HTML
	Breadcrumbs []Crumb
	TOC         []markdown.Heading
	Canonical   string
	NoIndex     bool
	Children    []ListItem
	Programs    []ListItem
	// Announcements are the most recent, newest first.
	Announcements []ListItem
	// Changes is the home page's pointer to what changed in the current
	// program year against the one before (nil when there is none).
	Changes *ChangesLink

	ver   *site.Version
	site  *site.Site
	words *words.Table // the build's words

	navRoot *site.Section
	navCur  *site.Page
	levels  *levelCache
	// deps records what the page's layouts looked up (Ref), for the
	// preview's page cache; nil on generated pages.
	deps    *pageDeps
	nav     []*NavItem
	navDone bool
}

// Nav is the sidebar navigation: items with .Title, .URL, .Active, .Open
// and .Children. It is built when a template asks for it: the default
// theme renders the sidebar once per section, and building a navigation
// tree for every page showed in a build's CPU and its garbage.
func (v *View) Nav() []*NavItem {
	if !v.navDone {
		v.nav, v.navDone = nil, true
		if v.navRoot != nil {
			v.nav = navFor(v.navRoot, v.navCur, v.levels)
		}
	}
	return v.nav
}

// setNav gives the page the navigation of root with cur marked; a nil
// root means none.
func (v *View) setNav(root *site.Section, cur *site.Page) {
	v.navRoot, v.navCur, v.nav, v.navDone = root, cur, nil, false
	v.HasNav = root != nil && (len(root.Children) > 0 || len(root.Pages) > 0)
}

// LangLink is a language of a page: its code, its label, and the page's
// address in it (from the server root, or absolute for Alternates).
type LangLink struct {
	Code, Label, URL string
	Active           bool
}

// SiteInfo describes the site.
type SiteInfo struct {
	Title, BaseURL, BasePath, Language string
	// Audience is the build's audience; Built the day of the build
	// (YYYY-MM-DD, UTC; SOURCE_DATE_EPOCH when set, for reproducible
	// builds). Printed pages carry both.
	Audience, Built string
}

// VersionLink is a program year in the header.
type VersionLink struct {
	Name, Label, URL, Status string
	Latest, Active           bool
	// Missing is true when the page does not exist in that version and
	// the link goes to the version's home instead.
	Missing bool
}

// Banner points readers of an older program year to the current one.
type Banner struct {
	Label       string // the version being read
	Archived    bool
	LatestLabel string
	URL         string // the same page in the latest version, or its home
	Missing     bool   // the page does not exist in the latest version
	ChangesURL  string // the latest version's "what changed" page, if it has one
}

// NavItem is one entry of the sidebar.
type NavItem struct {
	Title, URL   string
	Active, Open bool
	Children     []*NavItem
	// More is set on the last item of a level cut into windows: it opens
	// the whole level. It says no length: a page added to a long folder
	// would change every page of it. Fragment is the file listing the
	// whole level, URL the folder's page ("" when it has none).
	More     bool
	Fragment string

	weight         int
	sortKey, title string
	section        *site.Section
}

// Crumb is one step of the breadcrumbs. Link is false for the current
// page and for folders without an index page; URL "" is the home page.
type Crumb struct {
	Title, URL string
	Link       bool
}

// ListItem is a page in a list.
type ListItem struct {
	Title, URL, Summary, Kind, Date string
}

// RefInfo is a page named by id in front matter.
type RefInfo struct{ Title, URL string }

// Ref looks up a page of the view's version by id (or alias) for layouts
// that show front-matter references. An unknown id yields its text with
// no address; check has reported it.
func (v *View) Ref(id string) *RefInfo {
	if id == "" {
		return nil
	}
	ver := v.ver
	bare, name, cross := strings.Cut(id, "@")
	if cross && v.site != nil {
		ver = v.site.Version(name)
	} else if ver != nil && ver.Name == "" && v.site != nil {
		ver = v.site.Latest // portal references name pages of the latest version
	}
	var info *RefInfo
	if ver != nil {
		if p := ver.Lookup(bare); p != nil {
			title := p.Title
			if cross {
				title += " (" + ver.Label + ")"
			}
			info = &RefInfo{Title: title, URL: p.URL}
		}
	}
	// Unknown: check reports a broken reference, and a page of a
	// narrower audience must not even be named. Either way the page
	// shows what it found, which the preview's page cache checks again.
	if v.deps != nil {
		d := refDep{id: id}
		if info != nil {
			d.info, d.found = *info, true
		}
		v.deps.refs = append(v.deps.refs, d)
	}
	return info
}

func listItem(p *site.Page) ListItem {
	return ListItem{Title: p.Title, URL: p.URL, Summary: p.Summary, Kind: p.Kind, Date: p.Date}
}

// navFor builds the sidebar of a page: every top-level entry of its
// version, and the children of each section on the way to the page, so
// the sidebar stays small on sites with thousands of pages. The levels'
// order comes from lc, worked out once per folder and render (nil: here).
func navFor(root *site.Section, cur *site.Page, lc *levelCache) []*NavItem {
	open := map[*site.Section]bool{}
	if cur != nil {
		for s := cur.Section; s != nil; s = s.Parent {
			open[s] = true
		}
	}
	var items func(s *site.Section) []*NavItem
	items = func(s *site.Section) []*NavItem {
		lv := lc.get(s)
		// The item the window holds: the folder on the way to the page,
		// or the page itself.
		keep := -1
		if cur != nil {
			if cur.Section == s {
				if i, ok := lv.at[cur.Rel]; ok && !cur.IsIndex {
					keep = i
				}
			}
			for c := cur.Section; c != nil; c = c.Parent {
				if c.Parent == s {
					if i, ok := lv.at[c]; ok {
						keep = i
					}
				}
			}
		}
		n := len(lv.items)
		_, start, end := lv.window(max(keep, 0))
		out := make([]*NavItem, 0, end-start+1)
		for _, t := range lv.items[start:end] {
			it := *t
			if it.section != nil {
				it.Open = open[it.section]
				it.Active = it.section.Index != nil && it.section.Index == cur
				if it.Open {
					it.Children = items(it.section)
				}
			} else {
				it.Active = cur != nil && !cur.IsIndex && cur.Section == s && it.sortKey == cur.Rel
			}
			out = append(out, &it)
		}
		if n > NavWindow {
			more := &NavItem{More: true, Fragment: NavFragment(s)}
			if s.Index != nil {
				more.URL = s.Index.URL
			}
			out = append(out, more)
		}
		return out
	}
	return items(root)
}

// levelCache holds each folder's level of the navigation in order, for
// one render: a folder of a thousand pages was sorted again for every
// block of its pages.
type levelCache struct{ m sync.Map } // *site.Section -> *level

// level is one folder's items in navigation order, with no page current
// (shared: copied before marking), and each item's place by its folder
// (*site.Section) or its page's Rel.
type level struct {
	items []*NavItem
	at    map[any]int
	// starts are where the level's windows start (see window).
	starts []int
}

// window returns the window of the level that holds item i: its number
// and its items' range. A level of NavWindow items or fewer is one
// window.
func (lv *level) window(i int) (block, start, end int) {
	block = sort.Search(len(lv.starts), func(k int) bool { return lv.starts[k] > i }) - 1
	start, end = lv.starts[block], len(lv.items)
	if block+1 < len(lv.starts) {
		end = lv.starts[block+1]
	}
	return block, start, end
}

// Windows of a longer level are cut where an item's own key says so (its
// hash), between navMinWindow and navMaxWindow items apart, about
// NavWindow on average. Cut every NavWindow items, a page added or
// removed moved every later item of its folder into another window, and
// each of those pages had to be rendered again; cut by key, it changes
// the window it falls in (and, when it is a cut itself, the one before).
const (
	navMinWindow = 12
	navMaxWindow = 40
	navCutEvery  = 14 // one key in this many is a cut, past the minimum
)

// cutWindows finds where the windows of a level of items start.
func cutWindows(items []*NavItem) []int {
	starts := []int{0}
	if len(items) <= NavWindow {
		return starts
	}
	last := 0
	for i := 1; i < len(items); i++ {
		size := i - last
		if size >= navMaxWindow || (size >= navMinWindow && cutsBefore(items[i].sortKey)) {
			starts = append(starts, i)
			last = i
		}
	}
	return starts
}

// cutsBefore says a window starts at the item with this key. FNV alone
// is mixed poorly for keys that differ in their last digits (page-17,
// page-18): its sum is finished with MurmurHash3's mixer.
func cutsBefore(key string) bool {
	f := fnv.New32a()
	f.Write([]byte(key))
	h := f.Sum32()
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h%navCutEvery == 0
}

func (lc *levelCache) get(s *site.Section) *level {
	if lc != nil {
		if x, ok := lc.m.Load(s); ok {
			return x.(*level)
		}
	}
	lv := &level{items: levelItems(s, nil, nil)}
	lv.starts = cutWindows(lv.items)
	lv.at = make(map[any]int, len(lv.items))
	for i, it := range lv.items {
		if it.section != nil {
			lv.at[it.section] = i
		} else {
			lv.at[it.sortKey] = i
		}
	}
	if lc != nil {
		x, _ := lc.m.LoadOrStore(s, lv)
		return x.(*level)
	}
	return lv
}

// NavWindow is about how many items of one level of the navigation a
// page carries: a window of them holding the page (or its open folder),
// and an item that opens the whole level. A page's size does not grow
// with its section's. A level of NavWindow items or fewer is shown whole.
const NavWindow = 25

// levelItems are one folder's subfolders and pages, in navigation order.
func levelItems(s *site.Section, cur *site.Page, open map[*site.Section]bool) []*NavItem {
	var out []*NavItem
	for _, c := range s.Children {
		it := &NavItem{Title: c.Title, Open: open[c], weight: c.Weight, title: c.Title, sortKey: c.Dir, section: c}
		if c.Index != nil {
			it.URL = c.Index.URL
			it.Active = c.Index == cur
		}
		out = append(out, it)
	}
	for _, p := range s.Pages {
		out = append(out, &NavItem{Title: p.Title, URL: p.URL, Active: p == cur, weight: p.Weight, title: p.Title, sortKey: p.Rel})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.weight != b.weight {
			return a.weight < b.weight
		}
		if a.title != b.title {
			return a.title < b.title
		}
		return a.sortKey < b.sortKey
	})
	return out
}

// NavFragment is the address of the file that lists every item of a
// folder's level of the navigation (site-relative).
func NavFragment(s *site.Section) string {
	return s.URLPrefix() + "_nav.html"
}

// childrenOf lists a section's pages and subsections for its index page.
func childrenOf(s *site.Section) []ListItem {
	var out []ListItem
	var pages []*site.Page
	pages = append(pages, s.Pages...)
	for _, c := range s.Children {
		if c.Index != nil {
			pages = append(pages, c.Index)
		}
	}
	dated := true
	for _, p := range pages {
		if p.Date == "" {
			dated = false
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if dated && pages[i].Date != pages[j].Date {
			return pages[i].Date > pages[j].Date
		}
		return site.LessPages(pages[i], pages[j])
	})
	for _, p := range pages {
		out = append(out, listItem(p))
	}
	return out
}

// Params are the page's front-matter keys that partnerdocs does not know
// (.Params.toc_hide), as Hugo templates read them; nil on generated pages.
func (v View) Params() map[string]any {
	if v.Page == nil {
		return nil
	}
	return v.Page.Params
}

// OneKind reports whether every child listed on the page is of one kind
// (a news list, a list of benefits): then a kind label on each card says
// nothing, and the cards leave it out.
func (v View) OneKind() bool {
	for _, c := range v.Children {
		if c.Kind != v.Children[0].Kind {
			return false
		}
	}
	return true
}

// TierPosition says where a tier page stands in its program: "Tier 2 of
// 3", counting the program's tiers in this build by rank.
func (v View) TierPosition() string {
	if v.Page == nil || v.Page.Kind != "tier" || v.ver == nil {
		return ""
	}
	pos, n := 0, 0
	for _, p := range v.ver.Pages {
		if p.Kind == "tier" && p.Program == v.Page.Program {
			n++
			if p.Rank < v.Page.Rank || p == v.Page {
				pos++
			}
		}
	}
	if n == 0 {
		return ""
	}
	return v.words.T("tier_n_of_m", pos, n)
}

// PrintHeader is what a printed page's running header says on the left:
// the site and the program year.
func (v View) PrintHeader() string {
	s := v.Site.Title
	if v.Version != nil {
		s += " · " + v.Version.Label
	}
	return s
}

// PrintCSS is the printed page's @page rule: the running header (site and
// program year on the left, the page's title on the right), the footer
// (PrintFooter) and page numbers in the page's language. Written here, with
// each text escaped as a CSS string, rather than in the template: the
// template's CSS escaper took a title with a colon for a value and printed
// its placeholder instead.
func (v View) PrintCSS() template.CSS {
	page, of := "Page", "of"
	if v.words != nil {
		page, of = v.words.T("page_n_of_m"), v.words.T("of")
	}
	return template.CSS(fmt.Sprintf(`@page { @top-left { content: %s; } @top-right { content: %s; } @bottom-left { content: %s; } @bottom-right { content: %s counter(page) %s counter(pages); } }`,
		cssString(v.PrintHeader()), cssString(v.Title), cssString(v.PrintFooter()), cssString(page+" "), cssString(" "+of+" ")))
}

// cssString quotes s as a CSS string: quotes, backslashes, line breaks and
// anything that could end the style element are written as escapes.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// PrintFooter is what a printed page's running footer says on the left:
// the audience of the build and its day, in the page's language.
func (v View) PrintFooter() string {
	w := v.words
	if w == nil {
		w = words.Default("en")
	}
	s := w.T("print_built", v.Site.Built)
	if v.Site.Audience != "" {
		s = w.T("print_edition", v.Site.Audience) + " · " + s
	}
	return s
}

// RepoLinks are a page's links into the site's repository.
type RepoLinks struct {
	Edit, Report string
}

// FeedbackLinks are the addresses a page's feedback answers open.
type FeedbackLinks struct {
	Yes, No, Suggest string
	Host             string // where they go, which the page says
}

// ChangesLink points at a program year's "what changed" page: URL, the
// year's Label and the Previous year's.
type ChangesLink struct {
	URL, Label, Previous string
}
