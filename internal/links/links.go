package links

import (
	"crypto/sha256"
	"fmt"
	"hash/maphash"
	"maps"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/parallel"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/memo"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/urlsafe"
)

// Target is where a link leads.
type Target struct {
	// URL is the site-relative address without leading slash
	// ("fy2026/terms/mdf/#claims"), or the link unchanged when External.
	URL      string
	External bool
	Page     *site.Page
	Asset    *content.Asset
	Hidden   bool // the target exists but is left out of this build
	// Audience is the audience a Hidden target is left out for ("" when
	// it is left out as a draft or for Hugo's build options).
	Audience string
}

// hiddenTarget is the target of a link to a page left out of the build.
func hiddenTarget(h content.Hidden) Target {
	t := Target{Hidden: true}
	if !h.Draft && h.Reason == "" {
		t.Audience = h.Audience
	}
	return t
}

// Problem is why a link leads nowhere.
type Problem struct {
	Rule       string
	Message    string
	Suggestion string
	Warning    bool // audience links are warnings whatever check.level says
	// suggest finds the Suggestion, which Resolve fills in: a build's
	// render asks where each link leads (Address) and throws problems
	// away, and the nearest of a site's thousands of addresses or a
	// page's anchors by edit distance cost a real site's render a
	// second of CPU for its broken links.
	suggest func() string
}

// Resolver resolves links against a resolved site.
type Resolver struct {
	Site *site.Site
	// treeDirs maps each content folder (relative to the site root) to its
	// version, so a relative link may cross from the portal into a version.
	treeDirs map[string]*site.Version
	// The site's own addresses, for root-relative links (/handbook/x/)
	// and links written relative to a page's URL: pages by URL and by
	// former URL, files (assets and the static folder), pages left out.
	byURL     map[string]*site.Page
	names     nameIndex
	files     map[string]*content.Asset
	hiddenURL map[string]content.Hidden
	// owned are the first path segments the site publishes: a
	// root-relative link under one of them must lead somewhere.
	owned map[string]bool
	// open are owned segments whose files are generated from sources the
	// resolver does not see (the theme's assets, the search index):
	// links under them are not checked.
	open map[string]bool

	sugMu sync.Mutex
	sugs  map[string]suggester
	// anchorSugs are the anchor suggestions made, by page and fragment:
	// a real site links the same missing heading from many pages.
	anchorSugs sync.Map // anchorAsked -> string

	// digests are the pages' link digests (LinkDigest), as the last check
	// found them.
	digests sync.Map // *site.Page -> uint64
}

// digestSeed hashes link digests: the same for the whole process, as the
// preview compares digests across its builds.
var digestSeed = maphash.MakeSeed()

// LinkDigest is a hash of how every link of page p resolved in the last
// check (CheckCached): where it leads, whether it is external, left out
// (and for whom) or a finding. Two builds that give a page the same
// digest give its links the same addresses (Address, Restricted): the
// preview's page cache compares digests instead of resolving each link of
// every page again. False when no check has run on p.
func (r *Resolver) LinkDigest(p *site.Page) (uint64, bool) {
	x, ok := r.digests.Load(p)
	if !ok {
		return 0, false
	}
	return x.(uint64), true
}

// suggester finds the nearest of a list of paths.
type suggester interface{ Suggest(string) string }

// New returns a resolver for s.
func New(s *site.Site) *Resolver {
	r := &Resolver{Site: s, treeDirs: map[string]*site.Version{}, byURL: map[string]*site.Page{}, files: map[string]*content.Asset{},
		hiddenURL: map[string]content.Hidden{}, owned: map[string]bool{}, open: map[string]bool{"assets": true, "search": true},
		sugs: map[string]suggester{}}
	for _, v := range s.All() {
		if v.Dir != "" {
			r.treeDirs[v.Dir] = v
		}
		for _, p := range v.Pages {
			r.byURL[p.URL] = p
			r.owned[firstSegment(p.URL)] = true
		}
		for _, a := range v.Assets {
			r.files[a.URL] = a
		}
		for _, h := range v.Hidden {
			r.hiddenURL[h.URL] = h
			for _, u := range h.FormerURLs {
				if _, taken := r.hiddenURL[u]; !taken {
					r.hiddenURL[u] = h
				}
			}
		}
	}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			for _, u := range p.URLAliases {
				if r.byURL[u] == nil {
					r.byURL[u] = p
					r.owned[firstSegment(u)] = true
				}
			}
		}
	}
	if s.Content != nil {
		for u, a := range s.Content.Static {
			r.files[u] = a
			if strings.Contains(u, "/") {
				r.owned[firstSegment(u)] = true
			}
		}
	}
	for _, v := range s.Versions {
		r.owned[v.Name] = true
	}
	for _, g := range []string{"latest", "news", "assets", "search", "sitemap.xml", "robots.txt", "404.html"} {
		r.owned[g] = true
	}
	delete(r.owned, "")
	return r
}

func firstSegment(u string) string {
	first, _, _ := strings.Cut(u, "/")
	return first
}

// suggester returns the suggester of a list of paths, built once per
// build and list (files of a version, its ids, the site's addresses).
func (r *Resolver) suggester(key string, cands func() []string) suggester {
	r.sugMu.Lock()
	defer r.sugMu.Unlock()
	s := r.sugs[key]
	if s == nil {
		s = diag.NewPathSuggester(cands())
		r.sugs[key] = s
	}
	return s
}

var externalSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "ftp": true}

// Resolve finds where dest, written on page from, leads.
func (r *Resolver) Resolve(from *site.Page, dest string, kind markdown.LinkKind) (Target, *Problem) {
	t, prob := r.resolve(from, dest, kind)
	if prob != nil && prob.suggest != nil {
		prob.Suggestion, prob.suggest = prob.suggest(), nil
	}
	return t, prob
}

// resolve is Resolve without the problem's suggestion.
func (r *Resolver) resolve(from *site.Page, dest string, kind markdown.LinkKind) (Target, *Problem) {
	v := r.Site.Version(from.Version)
	if strings.HasPrefix(dest, "xref:") {
		return r.xref(from, v, strings.TrimPrefix(dest, "xref:"))
	}
	if ref, ok := strings.CutPrefix(dest, RefScheme); ok {
		return r.hugoRef(from, ref)
	}
	if urlsafe.Dangerous(dest, kind == markdown.KindImage) {
		return Target{}, dangerous(dest)
	}
	u, err := url.Parse(dest)
	if err != nil {
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("malformed link %q: %v", dest, unwrapURLErr(err))}
	}
	if u.Scheme != "" {
		s := strings.ToLower(u.Scheme)
		if (s == "http" || s == "https") && u.Host != "" {
			// The site's own absolute address: a page left out of this
			// build is not linked in that form either.
			if h, ok := r.hiddenOwn(u); ok {
				return hiddenTarget(h), hiddenProblem(dest, h)
			}
		}
		if externalSchemes[s] || (s == "data" && kind == markdown.KindImage) {
			return Target{URL: dest, External: true}, nil
		}
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("links with the scheme %q are not allowed", u.Scheme)}
	}
	if u.Host != "" { // protocol-relative //host/path
		return Target{URL: dest, External: true}, nil
	}
	frag := u.Fragment
	if u.Path == "" {
		// Same-page anchor.
		t := Target{URL: from.URL, Page: from}
		if frag != "" {
			t.URL += "#" + u.EscapedFragment()
			if p := r.anchor(from, from, frag); p != nil {
				return t, p
			}
		}
		return t, nil
	}
	if strings.HasPrefix(u.Path, "/") {
		return r.rootRelative(from, u, kind)
	}
	return r.relative(from, v, dest, u, kind)
}

// relative resolves a relative link: from the page's URL when it is
// written the way Hugo sites write them, else in the file tree from the
// source file's folder (pages, folders' index pages, files).
func (r *Resolver) relative(from *site.Page, v *site.Version, dest string, u *url.URL, kind markdown.LinkKind) (Target, *Problem) {
	frag := u.Fragment
	suffix := ""
	if u.RawQuery != "" {
		suffix = "?" + u.RawQuery
	}
	if frag != "" {
		suffix += "#" + u.EscapedFragment()
	}
	// Written without .md and without a file extension (faq/, ../x/), as
	// Hugo sites write links: relative to the page's URL, as a browser
	// reads it, before the file tree.
	// The same lookup is the fallback for other relative links, after
	// the file tree: made once.
	byURL, byURLProb, atURL := r.fromPageURL(from, u, suffix)
	if ext := path.Ext(strings.TrimSuffix(u.Path, "/")); atURL && (ext == "" || strings.HasSuffix(u.Path, "/")) {
		return byURL, byURLProb
	}
	// Relative to the source file's folder, in the site's file tree.
	full := path.Join(v.Dir, from.Dir, u.Path)
	tv, rel := r.tree(full)
	if tv == nil {
		if atURL {
			return byURL, byURLProb
		}
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("%q points outside the content folders", dest)}
	}
	page := tv.ByRel[rel]
	if page == nil && (!strings.Contains(path.Base(rel), ".") || strings.HasSuffix(u.Path, "/")) {
		// x/ or x names the page x.md or the folder x's index page, from
		// the folder that holds the page's file, as Hugo's GetPage (and
		// its embedded link hook) reads a relative path.
		for _, cand := range []string{path.Join(rel, "_index.md"), path.Join(rel, "index.md"), strings.TrimSuffix(rel, "/") + ".md"} {
			if p := tv.ByRel[cand]; p != nil {
				page = p
				break
			}
		}
		// Hugo's lookup ignores case: SKUs/ names skus.md.
		for _, cand := range relCandidates(rel) {
			if page != nil {
				break
			}
			page = r.byLowerRel(tv, cand)
		}
	}
	if page != nil {
		t := Target{URL: page.URL + suffix, Page: page}
		if frag != "" {
			if p := r.anchor(from, page, frag); p != nil {
				return t, p
			}
		}
		return t, nil
	}
	if a := tv.AssetBy[rel]; a != nil {
		return Target{URL: a.URL + suffix, Asset: a}, nil
	}
	if url, ok := shadowed(tv, rel, u.Path); ok {
		// The file exists but shares its URL with another page: that is
		// reported once, as duplicate-url, not again here.
		return Target{URL: url + suffix}, nil
	}
	if atURL {
		return byURL, byURLProb
	}
	if h, ok := hiddenRel(tv, rel); ok {
		return hiddenTarget(h), hiddenProblem(dest, h)
	}
	if strings.HasSuffix(rel, ".md") {
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("no page %s", path.Join(tv.Dir, rel)),
			suggest: func() string { return r.suggestRel(from, tv, rel) }}
	}
	if kind == markdown.KindImage || path.Ext(rel) != "" {
		return Target{}, &Problem{Rule: diag.RuleMissingAsset, Message: fmt.Sprintf("no file %s", path.Join(tv.Dir, rel))}
	}
	// A folder-style link to a page file (x/ where x.md exists) is what
	// Hugo authors write from a page one level up; say which file.
	sugg := func() string {
		if p := tv.ByRel[strings.TrimSuffix(rel, "/")+".md"]; p != nil {
			return relPath(from.Dir, p.Rel)
		}
		return r.suggestRel(from, tv, strings.TrimSuffix(rel, "/")+".md")
	}
	return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("no page or file %s", path.Join(tv.Dir, rel)), suggest: sugg}
}

// fromPageURL resolves a relative link without .md the way a browser
// does, from the page's URL (Hugo sites write ../legal/agreement/#x and
// faq/ so): a page at that address is accepted. ok is false when the link
// names no page there, and the caller goes on.
func (r *Resolver) fromPageURL(from *site.Page, u *url.URL, suffix string) (Target, *Problem, bool) {
	if strings.HasSuffix(u.Path, ".md") {
		return Target{}, nil, false
	}
	base := from.URL
	if !strings.HasSuffix(base, "/") {
		base = path.Dir(base) + "/"
	}
	target := path.Join(base, u.Path)
	if target == "." || strings.HasPrefix(target, "..") {
		return Target{}, nil, false
	}
	if p := r.pageAt(target); p != nil {
		t := Target{URL: p.URL + suffix, Page: p}
		if u.Fragment != "" {
			return t, r.anchor(from, p, u.Fragment), true
		}
		return t, nil, true
	}
	if a := r.files[target]; a != nil {
		return Target{URL: a.URL + suffix, Asset: assetOf(a)}, nil, true
	}
	if h, ok := r.hiddenAt(target); ok {
		return hiddenTarget(h), hiddenProblem(u.String(), h), true
	}
	if strings.HasSuffix(u.Path, "/") && r.generated(target+"/") {
		return Target{URL: target + "/" + suffix}, nil, true
	}
	return Target{}, nil, false
}

// pageAt finds the page published at a site-relative path, written with
// or without its trailing slash or as .../index.html.
func (r *Resolver) pageAt(p string) *site.Page {
	p = strings.TrimSuffix(p, "index.html")
	if pg := r.byURL[p]; pg != nil {
		return pg
	}
	if !strings.HasSuffix(p, "/") {
		return r.byURL[p+"/"]
	}
	return nil
}

// assetOf is the asset a link must have copied: content assets are copied
// only when linked; static files always are, so none is returned.
func assetOf(a *content.Asset) *content.Asset {
	if a.Static {
		return nil
	}
	return a
}

// rootRelative resolves a link that starts with / against the site's
// own addresses. Under a first segment the site publishes, the target
// must exist and the link is written under the base path; any other path
// is outside the site: it goes to links.unmatched when that is set, and
// is a broken-link otherwise.
func (r *Resolver) rootRelative(from *site.Page, u *url.URL, kind markdown.LinkKind) (Target, *Problem) {
	p := strings.TrimPrefix(path.Clean(u.Path), "/")
	if strings.HasSuffix(u.Path, "/") && p != "" {
		p += "/"
	}
	if p == "." || p == "/" {
		p = ""
	}
	suffix := ""
	if u.RawQuery != "" {
		suffix = "?" + u.RawQuery
	}
	if u.Fragment != "" {
		suffix += "#" + u.EscapedFragment()
	}
	if rest, ok := strings.CutPrefix(p, "latest/"); ok && r.Site.Latest != nil {
		// /latest/X is the latest version's X, through its redirect.
		t, prob := r.rootRelative(from, &url.URL{Path: "/" + r.Site.Latest.Name + "/" + rest, Fragment: u.Fragment, RawQuery: u.RawQuery}, kind)
		if prob == nil && t.Page != nil {
			t.URL = "latest/" + rest + suffix
		}
		return t, prob
	}
	if p == "" {
		return Target{URL: suffix}, nil
	}
	pg := r.pageAt(p)
	if pg == nil {
		pg = r.contentPath(p)
	}
	if pg != nil {
		t := Target{URL: pg.URL + suffix, Page: pg}
		if u.Fragment != "" {
			return t, r.anchor(from, pg, u.Fragment)
		}
		return t, nil
	}
	if a := r.files[p]; a != nil {
		return Target{URL: p + suffix, Asset: assetOf(a)}, nil
	}
	if h, ok := r.hiddenAt(p); ok {
		return hiddenTarget(h), hiddenProblem(u.Path, h)
	}
	first := firstSegment(p)
	if r.open[first] || r.generated(p) {
		return Target{URL: p + suffix}, nil
	}
	if !r.owned[first] {
		if un := r.Site.Config.Links.Unmatched; un != "" {
			return Target{URL: un + strings.TrimPrefix(u.String(), "/"), External: true}, nil
		}
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("%s is not an address of this site (set links.unmatched in config.yaml to send such links to another site)", u.Path)}
	}
	sugg := func() string {
		return r.suggester("urls", func() []string {
			var out []string
			for k := range r.byURL {
				out = append(out, "/"+k)
			}
			for k := range r.files {
				out = append(out, "/"+k)
			}
			return out
		}).Suggest("/" + p)
	}
	if kind == markdown.KindImage || (path.Ext(p) != "" && path.Ext(p) != ".html") {
		return Target{}, &Problem{Rule: diag.RuleMissingAsset, Message: fmt.Sprintf("no file at %s", u.Path), suggest: sugg}
	}
	return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("no page at %s", u.Path), suggest: sugg}
}

// contentPath finds a page by its source path below the portal or a
// version folder, as Hugo's link hook reads /section/x.md, /section/x and
// /section/x/ (for pages whose address is not their path).
func (r *Resolver) contentPath(p string) *site.Page {
	rel := strings.TrimSuffix(p, "/")
	for _, v := range r.Site.All() {
		q := rel
		if v.Name != "" {
			var ok bool
			if q, ok = strings.CutPrefix(rel, v.Name+"/"); !ok {
				continue
			}
		}
		if pg := byContentPath(v, q); pg != nil {
			return pg
		}
	}
	return nil
}

// generated reports addresses that the build writes beside the pages:
// version homes, the changes page, the curriculum, and each program's
// matrix.json, matrix.csv and self-check page.
func (r *Resolver) generated(p string) bool {
	first, rest, _ := strings.Cut(p, "/")
	v := r.Site.Version(first)
	if v == nil || first == "" {
		return p == "news/" || p == "news/feed.xml" || p == "sitemap.xml" || p == "robots.txt" || p == "404.html" || p == "latest/"
	}
	switch rest {
	case "", "changes/", "certifications/":
		return true
	}
	dir, file := path.Split(p)
	if file == "" && strings.HasSuffix(dir, "/self-check/") {
		pg := r.byURL[strings.TrimSuffix(dir, "self-check/")]
		return pg != nil && pg.Kind == "program"
	}
	if file == "matrix.json" || file == "matrix.csv" {
		if pg := r.byURL[dir]; pg != nil && pg.Kind == "program" {
			return true
		}
	}
	return false
}

// shadowed finds a page left out for a duplicate URL, by file or folder.
func shadowed(v *site.Version, rel, written string) (string, bool) {
	if url, ok := v.Shadowed[rel]; ok {
		return url, true
	}
	if !strings.Contains(path.Base(rel), ".") || strings.HasSuffix(written, "/") {
		for _, idx := range []string{"_index.md", "index.md"} {
			if url, ok := v.Shadowed[path.Join(rel, idx)]; ok {
				return url, true
			}
		}
	}
	return "", false
}

// dangerous is the finding for an address that is never published as a
// link: render drops it and keeps the text, at any check level.
func dangerous(dest string) *Problem {
	return &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("%q: %s: addresses are never published as links", dest, urlsafe.Scheme(dest))}
}

func unwrapURLErr(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// tree finds which content folder a site-relative path lies in.
func (r *Resolver) tree(full string) (*site.Version, string) {
	if full == ".." || strings.HasPrefix(full, "../") {
		return nil, ""
	}
	best := ""
	for dir := range r.treeDirs {
		if (full == dir || strings.HasPrefix(full, dir+"/")) && len(dir) > len(best) {
			best = dir
		}
	}
	if best == "" {
		return nil, ""
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(full, best), "/")
	return r.treeDirs[best], rel
}

func (r *Resolver) xref(from *site.Page, v *site.Version, ref string) (Target, *Problem) {
	id, frag, _ := strings.Cut(ref, "#")
	id, ver, hasVer := strings.Cut(id, "@")
	tv := v
	if hasVer {
		tv = r.Site.Version(ver)
		if tv == nil || ver == "" {
			var names []string
			for _, x := range r.Site.Versions {
				names = append(names, x.Name)
			}
			return Target{}, &Problem{Rule: diag.RuleUnknownVersion, Message: fmt.Sprintf("no version %q", ver), Suggestion: diag.Suggest(ver, names)}
		}
	} else if from.Version == "" {
		// The portal is unversioned: its xrefs name pages of the latest
		// version, so "the current guide" follows each new year.
		tv = r.Site.Latest
		if tv == nil {
			return Target{}, &Problem{Rule: diag.RuleBrokenXref, Message: "no latest version to resolve " + id}
		}
		if p := r.Site.Portal.Lookup(id); p != nil && tv.Lookup(id) == nil {
			tv = r.Site.Portal
		}
	}
	page := tv.Lookup(id)
	if page == nil {
		if h, ok := tv.Hidden[id]; ok {
			return hiddenTarget(h), hiddenProblem("xref:"+ref, h)
		}
		where := "version " + tv.Name
		if tv.Name == "" {
			where = "the portal"
		}
		return Target{}, &Problem{Rule: diag.RuleBrokenXref, Message: fmt.Sprintf("no page with id %q in %s", id, where), suggest: func() string {
			return r.suggester("id:"+tv.Name, func() []string { return ids(tv) }).Suggest(id)
		}}
	}
	t := Target{URL: page.URL, Page: page}
	if frag != "" {
		t.URL += "#" + url.PathEscape(frag)
		if p := r.anchor(from, page, frag); p != nil {
			return t, p
		}
	}
	return t, nil
}

func hiddenProblem(dest string, h content.Hidden) *Problem {
	if h.Ended != "" {
		// A live page that still sends readers to a promotion that ran
		// out: an error at check.level error, as a broken link is.
		return &Problem{Rule: diag.RuleExpiredLink, Message: fmt.Sprintf("%s ended on %s and is left out of this build; the link keeps its text and loses its address", dest, h.Ended)}
	}
	why := "its audience is " + h.Audience
	switch {
	case h.Draft:
		why = "it is a draft"
	case h.Reason != "":
		why = h.Reason
	}
	return &Problem{Rule: diag.RuleAudienceLink, Warning: true, Message: fmt.Sprintf("%s is left out of this build (%s); the link keeps its text and loses its address", dest, why)}
}

func (r *Resolver) anchor(from, to *site.Page, frag string) *Problem {
	// A text fragment (#:~:text=...) asks the browser to find words, not
	// an element: it names no anchor.
	if to.HasAnchor(frag) || strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:") || strings.HasPrefix(frag, ":~:") {
		return nil
	}
	return &Problem{Rule: diag.RuleBrokenAnchor, Message: fmt.Sprintf("no heading %q in %s", frag, to.Source), suggest: func() string {
		k := anchorAsked{to, frag}
		if s, ok := r.anchorSugs.Load(k); ok {
			return s.(string)
		}
		s := suggestAnchor(frag, to.AnchorIDs())
		r.anchorSugs.Store(k, s)
		return s
	}}
}

// anchorAsked names an anchor suggestion: a page and the fragment asked for.
type anchorAsked struct {
	to   *site.Page
	frag string
}

// suggestAnchor is the anchor with the same words in another order
// (#claims-mdf for #mdf-claims), or the nearest by edit distance.
func suggestAnchor(frag string, anchors []string) string {
	key := wordKey(frag)
	for _, a := range anchors {
		if a != frag && wordKey(a) == key {
			return a
		}
	}
	return diag.Suggest(frag, anchors)
}

func wordKey(s string) string {
	w := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	sort.Strings(w)
	return strings.Join(w, " ")
}

func ids(v *site.Version) []string {
	out := make([]string, 0, len(v.ByID))
	for id := range v.ByID {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func (r *Resolver) suggestRel(from *site.Page, v *site.Version, rel string) string {
	best := r.suggester("rel:"+v.Name, func() []string {
		cands := make([]string, 0, len(v.ByRel))
		for r := range v.ByRel {
			cands = append(cands, r)
		}
		return cands
	}).Suggest(rel)
	if best == "" {
		return ""
	}
	// Suggest what the author would type: a path relative to the page.
	return relPath(from.Dir, best)
}

func relPath(fromDir, to string) string {
	fp := strings.Split(fromDir, "/")
	if fromDir == "" {
		fp = nil
	}
	tp := strings.Split(to, "/")
	i := 0
	for i < len(fp) && i < len(tp)-1 && fp[i] == tp[i] {
		i++
	}
	return strings.Repeat("../", len(fp)-i) + strings.Join(tp[i:], "/")
}

// Report holds what checking every link of a site found.
type Report struct {
	// Assets is every asset that an included page links to: only these
	// are copied, so a file beside a left-out page does not leak.
	Assets []*content.Asset
}

// Check resolves every link of every page and reports the problems.
// errorLevel=false (check.level: warn) reports broken references as
// warnings.
func (r *Resolver) Check(diags *diag.List, errorLevel bool) *Report {
	return r.CheckCached(diags, errorLevel, nil)
}

// CheckCache keeps each page's link findings between builds of the
// preview server: a page whose file is unchanged, whose links' names
// (names.go) are no name of a page that came, went or changed address
// since the last check, and the anchors of the pages its links name with
// a fragment are unchanged, has the same findings. Checking every link
// was a quarter of a one-page rebuild at 10,000 pages, half of one that
// added a heading before the anchors were kept per link, and most of one
// that added a page before the names were.
type CheckCache struct {
	// c holds pointers: a kept entry's core is brought up to date in
	// place, by the one goroutine that checks its page (a Put per page
	// held the cache's lock 10,000 times a build).
	c *memo.Cache[checkKey, *checked]
	// sums are pages' anchor hashes (anchorSums), by the page's file and
	// scan: the same two give the same anchors, whatever the site.
	sums *memo.Cache[anchorKey, [32]byte]
	// core is the site's core (site.Site.Core) at the last check, ids
	// what its pages answered to and owned its first address segments.
	core  string
	ids   map[string]identity
	owned map[string]bool
	// checked counts the pages whose links were resolved, not kept.
	checked atomic.Int64
}

// anchorKey names a page's anchors across builds: its file's page and
// its scan, which the preview's caches hand every build unchanged.
type anchorKey struct {
	page *content.Page
	doc  *markdown.Doc
}

type checkKey struct {
	version, rel string
	source       [16]byte
	errorLevel   bool
}

type checked struct {
	diags  []diag.Diagnostic
	assets []assetRef
	digest uint64 // LinkDigest
	// anchors are the pages whose headings the findings depend on (the
	// targets of links with a fragment), with their anchors' hash then.
	anchors []anchorDep
	// names are the names the links answer to, anyPage says one of them
	// has none, and core is the site's core they were last found under.
	names   []string
	anyPage bool
	core    string
}

// anchorDep names a page across builds, with the hash of its anchors.
type anchorDep struct {
	version, rel string
	sum          [32]byte
}

// anchorSums hashes pages' anchors, each once per check, and once in all
// for a page of the same file and scan when kept is set (a page with
// includes has their anchors too: it is not kept).
type anchorSums struct {
	m    sync.Map
	kept *memo.Cache[anchorKey, [32]byte]
}

func (a *anchorSums) of(p *site.Page) [32]byte {
	if v, ok := a.m.Load(p); ok {
		return v.([32]byte)
	}
	keep := a.kept != nil && len(p.Includes) == 0
	key := anchorKey{p.Page, p.Doc}
	if keep {
		if sum, ok := a.kept.Get(key); ok {
			a.m.Store(p, sum)
			return sum
		}
	}
	h := sha256.New()
	for _, hd := range p.Headings() {
		h.Write([]byte(hd.ID))
		h.Write([]byte{0})
	}
	for _, a := range p.Doc.Anchors {
		h.Write([]byte(a))
		h.Write([]byte{1})
	}
	for _, e := range p.Entries {
		h.Write([]byte(e.ID))
		h.Write([]byte{2})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	a.m.Store(p, sum)
	if keep {
		a.kept.Put(key, sum)
	}
	return sum
}

// digestLink adds one link's resolution to a page's LinkDigest: what
// Address and Restricted make of it.
func digestLink(h *maphash.Hash, t Target, prob *Problem) {
	h.WriteString(t.URL)
	h.WriteByte(0)
	h.WriteString(t.Audience)
	h.WriteByte(0)
	var flags byte
	if t.External {
		flags |= 1
	}
	if t.Hidden {
		flags |= 2
	}
	if prob != nil {
		flags |= 4
	}
	h.WriteByte(flags)
}

// still reports whether the pages an entry's findings depend on have the
// anchors they had.
func (r *Resolver) still(deps []anchorDep, sums *anchorSums) bool {
	for _, d := range deps {
		v := r.Site.Version(d.version)
		if v == nil {
			return false
		}
		p := v.ByRel[d.rel]
		if p == nil || sums.of(p) != d.sum {
			return false
		}
	}
	return true
}

// assetRef names an asset across builds, which make new Asset values.
type assetRef struct{ version, rel string }

// NewCheckCache returns an empty cache.
func NewCheckCache() *CheckCache {
	return &CheckCache{c: memo.New[checkKey, *checked](), sums: memo.New[anchorKey, [32]byte]()}
}

// LinkingTo lists the pages (version and path in it) whose links name an
// anchor of the page at rel in version, as the cache's findings record
// them: the pages to check again when that page's headings change.
func (c *CheckCache) LinkingTo(version, rel string) [][2]string {
	if c == nil {
		return nil
	}
	seen := map[[2]string]bool{}
	var out [][2]string
	c.c.Each(func(k checkKey, e *checked) {
		for _, d := range e.anchors {
			if from := [2]string{k.version, k.rel}; d.version == version && d.rel == rel && !seen[from] {
				seen[from] = true
				out = append(out, from)
			}
		}
	})
	sort.Slice(out, func(i, j int) bool { return out[i][0]+"\x00"+out[i][1] < out[j][0]+"\x00"+out[j][1] })
	return out
}

// Clean reports whether every link of p resolves without a finding.
func (r *Resolver) Clean(p *site.Page) bool {
	for _, l := range p.Doc.Links {
		if l.Kind == markdown.KindAutolink {
			if urlsafe.Dangerous(l.Dest, false) {
				return false
			}
			continue
		}
		if _, prob := r.Resolve(p, l.Dest, l.Kind); prob != nil {
			return false
		}
	}
	return true
}

// Sweep forgets pages the last build did not check.
func (c *CheckCache) Sweep() {
	if c != nil {
		c.c.Sweep()
		c.sums.Sweep()
	}
}

// CheckCached is Check reusing the findings of unchanged pages (cache may
// be nil).
func (r *Resolver) CheckCached(diags *diag.List, errorLevel bool, cache *CheckCache) *Report {
	var mu sync.Mutex
	assets := map[*content.Asset]bool{}
	var entries *memo.Cache[checkKey, *checked]
	// An entry found under the last check's core holds while none of its
	// links' names changed (names.go); one found under an older core, or
	// after the site's first address segments changed, is checked again.
	var core, lastCore string
	var changed map[string]bool
	if cache != nil {
		entries = cache.c
		entries.Reset(r.Site.Frame())
		core, lastCore = r.Site.Core(), cache.core
		if core != lastCore || cache.ids == nil {
			ids := identities(r.Site)
			if cache.ids != nil && maps.Equal(cache.owned, r.owned) {
				changed = changedNames(cache.ids, ids)
			} else {
				lastCore = "" // nothing kept from an older core
			}
			cache.core, cache.ids, cache.owned = core, ids, r.owned
		}
	}
	// holds says an entry's findings hold under this check's core.
	holds := func(e *checked) bool {
		if e.core == core {
			return true
		}
		if e.core != lastCore || lastCore == "" || e.anyPage || len(e.diags) > 0 {
			return false
		}
		for _, n := range e.names {
			if changed[n] {
				return false
			}
		}
		return true
	}
	sums := &anchorSums{}
	if cache != nil {
		sums.kept = cache.sums
	}
	type job struct {
		v *site.Version
		p *site.Page
	}
	var jobs []job
	for _, v := range r.Site.All() {
		for _, p := range v.Pages {
			jobs = append(jobs, job{v, p})
		}
		// Include-only files' links are checked once, from the file
		// itself, at its own lines.
		for _, p := range v.IncludeOnly {
			jobs = append(jobs, job{v, p})
		}
	}
	parallel.Each(len(jobs), func(i int) {
		v, p := jobs[i].v, jobs[i].p
		rel := p.Rel
		if p.Source != path.Join(v.Dir, p.Rel) {
			rel = "\x00" + p.Source // an include-only file: not a page's path
		}
		key := checkKey{v.Name, rel, p.SourceHash, errorLevel}
		if cache != nil {
			if e, ok := entries.Get(key); ok && holds(e) && r.still(e.anchors, sums) {
				e.core = core
				r.digests.Store(p, e.digest)
				for _, d := range e.diags {
					diags.Add(d)
				}
				if len(e.assets) > 0 {
					mu.Lock()
					for _, a := range e.assets {
						if av := r.Site.Version(a.version); av != nil && av.AssetBy[a.rel] != nil {
							assets[av.AssetBy[a.rel]] = true
						}
					}
					mu.Unlock()
				}
				return
			}
		}
		var found checked
		var digest maphash.Hash
		digest.SetSeed(digestSeed)
		for _, l := range p.Doc.Links {
			var t Target
			var prob *Problem
			if l.Kind == markdown.KindAutolink {
				// Autolinks go to the web as written; only a dangerous
				// one (<javascript:...>) or one to a page of this site
				// left out of the build is a finding, and render drops
				// its address.
				if urlsafe.Dangerous(l.Dest, false) {
					prob = dangerous(l.Dest)
				} else {
					t, prob = r.Resolve(p, l.Dest, l.Kind)
					digestLink(&digest, t, prob)
					if prob == nil || prob.Rule != diag.RuleAudienceLink {
						continue
					}
				}
			} else {
				t, prob = r.Resolve(p, l.Dest, l.Kind)
				digestLink(&digest, t, prob)
			}
			if t.Page != nil && strings.Contains(l.Dest, "#") {
				found.anchors = append(found.anchors, anchorDep{t.Page.Version, t.Page.Rel, sums.of(t.Page)})
			}
			if t.Asset != nil {
				mu.Lock()
				assets[t.Asset] = true
				mu.Unlock()
				found.assets = append(found.assets, assetRef{t.Asset.Version, t.Asset.Rel})
			}
			if prob == nil {
				continue
			}
			line, col := l.Line, l.Col
			sev := diag.Error
			if prob.Warning || !errorLevel {
				sev = diag.Warning
			}
			d := diag.Diagnostic{File: p.Source, Line: p.BodyLine + line - 1, Column: col, Severity: sev,
				Rule: prob.Rule, Message: prob.Message, Suggestion: prob.Suggestion}
			diags.Add(d)
			found.diags = append(found.diags, d)
		}
		found.digest = digest.Sum64()
		found.names, found.anyPage = linkNames(p)
		if cache != nil {
			cache.checked.Add(1)
		}
		found.core = core
		r.digests.Store(p, found.digest)
		entries.Put(key, &found)
	})
	rep := &Report{}
	for a := range assets {
		rep.Assets = append(rep.Assets, a)
	}
	sort.Slice(rep.Assets, func(i, j int) bool { return rep.Assets[i].URL < rep.Assets[j].URL })
	return rep
}

// hiddenAt finds the left-out page a site-relative path names in any of
// the forms a link may take: with or without its trailing slash, as
// .../index.html, under a language's folder (de/...), through latest/,
// or at one of its former URLs. One reading for every form, so no form
// publishes the address of a page the build leaves out.
func (r *Resolver) hiddenAt(p string) (content.Hidden, bool) {
	p = strings.TrimPrefix(p, "/")
	cfg := r.Site.Config
	if first, rest, ok := strings.Cut(p, "/"); ok && cfg.Multilingual() && cfg.Lang(first) != nil {
		p = rest
	}
	if rest, ok := strings.CutPrefix(p, "latest/"); ok && r.Site.Latest != nil {
		p = r.Site.Latest.Name + "/" + rest
	}
	p = strings.TrimSuffix(p, "index.html")
	for _, c := range []string{p, strings.TrimSuffix(p, "/") + "/", strings.ToLower(strings.TrimSuffix(p, "/") + "/")} {
		if h, ok := r.hiddenURL[c]; ok {
			return h, true
		}
	}
	return content.Hidden{}, false
}

// hiddenOwn is hiddenAt for an absolute address on the site's own base
// URL.
func (r *Resolver) hiddenOwn(u *url.URL) (content.Hidden, bool) {
	base, err := url.Parse(r.Site.Config.BaseURL)
	if err != nil || !strings.EqualFold(base.Host, u.Host) {
		return content.Hidden{}, false
	}
	// Under the base URL's path, or (a language's build has the
	// language's folder in its base URL) from the host's root.
	if rest, ok := strings.CutPrefix(u.Path, strings.TrimSuffix(base.Path, "/")+"/"); ok {
		if h, ok := r.hiddenAt(rest); ok {
			return h, true
		}
	}
	return r.hiddenAt(u.Path)
}

// hiddenRel finds a left-out page by a path in its version's tree: the
// file, x for x.md, the folder for its index page, in any case.
func hiddenRel(v *site.Version, rel string) (content.Hidden, bool) {
	for _, c := range relCandidates(rel) {
		if h, ok := v.HiddenR[c]; ok {
			return h, true
		}
	}
	low := strings.ToLower(rel)
	for k, h := range v.HiddenR {
		for _, c := range relCandidates(low) {
			if strings.ToLower(k) == c {
				return h, true
			}
		}
	}
	return content.Hidden{}, false
}

// Restricted reports the audience of the page a link from page from
// leads to, when the build leaves that page out for its audience.
func (r *Resolver) Restricted(from *site.Page, dest string, kind markdown.LinkKind) (string, bool) {
	if kind != markdown.KindLink {
		return "", false
	}
	t, _ := r.resolve(from, dest, kind)
	return t.Audience, t.Hidden && t.Audience != ""
}

// Address is what a link on page from is published as: the target's
// address under basePath, an external address as written, nothing for a
// page left out of the build or a script address. A link that does not
// resolve (check.level warn let it through) keeps what the author wrote
// when that is a plain relative address; anything with a scheme
// (javascript:, an unresolved xref:) loses its address and keeps its
// text. The page's own Markdown and what site templates write share
// this rule.
func (r *Resolver) Address(from *site.Page, dest string, kind markdown.LinkKind, basePath string) (string, bool) {
	t, prob := r.resolve(from, dest, kind)
	switch {
	case t.Hidden:
		return "", false
	case t.External:
		return t.URL, true
	case prob != nil && t.URL == "":
		if urlsafe.Scheme(dest) != "" || urlsafe.Dangerous(dest, kind == markdown.KindImage) {
			return "", false
		}
		return dest, true
	}
	return basePath + t.URL, true
}
