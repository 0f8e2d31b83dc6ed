// Package links resolves every link of a page, relative Markdown links,
// xref: ids, anchors and assets, to the address it has in the built site,
// and reports those that lead nowhere. The same resolution serves check
// (diagnostics with positions) and render (rewritten addresses), so the
// two can never disagree.
package links

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"

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
}

// Problem is why a link leads nowhere.
type Problem struct {
	Rule       string
	Message    string
	Suggestion string
	Warning    bool // audience links are warnings whatever check.level says
}

// Resolver resolves links against a resolved site.
type Resolver struct {
	Site *site.Site
	// treeDirs maps each content folder (relative to the site root) to its
	// version, so a relative link may cross from the portal into a version.
	treeDirs map[string]*site.Version
}

// New returns a resolver for s.
func New(s *site.Site) *Resolver {
	r := &Resolver{Site: s, treeDirs: map[string]*site.Version{}}
	for _, v := range s.All() {
		if v.Dir != "" {
			r.treeDirs[v.Dir] = v
		}
	}
	return r
}

var externalSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "ftp": true}

// Resolve finds where dest, written on page from, leads.
func (r *Resolver) Resolve(from *site.Page, dest string, kind markdown.LinkKind) (Target, *Problem) {
	v := r.Site.Version(from.Version)
	if strings.HasPrefix(dest, "xref:") {
		return r.xref(from, v, strings.TrimPrefix(dest, "xref:"))
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
		// Site-absolute: written as is under the base path; not checked,
		// since it may name something outside partnerdocs' output.
		return Target{URL: strings.TrimPrefix(dest, "/")}, nil
	}
	// Relative to the source file's folder, in the site's file tree.
	full := path.Join(v.Dir, from.Dir, u.Path)
	tv, rel := r.tree(full)
	if tv == nil {
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("%q points outside the content folders", dest)}
	}
	suffix := ""
	if u.RawQuery != "" {
		suffix = "?" + u.RawQuery
	}
	if frag != "" {
		suffix += "#" + u.EscapedFragment()
	}
	page := tv.ByRel[rel]
	if page == nil && (!strings.Contains(path.Base(rel), ".") || strings.HasSuffix(u.Path, "/")) {
		for _, idx := range []string{"_index.md", "index.md"} {
			if p := tv.ByRel[path.Join(rel, idx)]; p != nil {
				page = p
				break
			}
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
	if h, ok := tv.HiddenR[rel]; ok {
		return Target{Hidden: true}, hiddenProblem(dest, h)
	}
	if strings.HasSuffix(rel, ".md") {
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("no page %s", path.Join(tv.Dir, rel)),
			Suggestion: suggestRel(from, tv, rel)}
	}
	if kind == markdown.KindImage || path.Ext(rel) != "" {
		return Target{}, &Problem{Rule: diag.RuleMissingAsset, Message: fmt.Sprintf("no file %s", path.Join(tv.Dir, rel))}
	}
	return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("no page or file %s", path.Join(tv.Dir, rel))}
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
			return Target{Hidden: true}, hiddenProblem("xref:"+ref, h)
		}
		where := "version " + tv.Name
		if tv.Name == "" {
			where = "the portal"
		}
		return Target{}, &Problem{Rule: diag.RuleBrokenXref, Message: fmt.Sprintf("no page with id %q in %s", id, where), Suggestion: diag.Suggest(id, ids(tv))}
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
	why := "its audience is " + h.Audience
	if h.Draft {
		why = "it is a draft"
	}
	return &Problem{Rule: diag.RuleAudienceLink, Warning: true, Message: fmt.Sprintf("%s is left out of this build (%s); the link keeps its text and loses its address", dest, why)}
}

func (r *Resolver) anchor(from, to *site.Page, frag string) *Problem {
	if to.HasAnchor(frag) || strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:") {
		return nil
	}
	return &Problem{Rule: diag.RuleBrokenAnchor, Message: fmt.Sprintf("no heading %q in %s", frag, to.Source), Suggestion: diag.Suggest(frag, to.AnchorIDs())}
}

func ids(v *site.Version) []string {
	out := make([]string, 0, len(v.ByID))
	for id := range v.ByID {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func suggestRel(from *site.Page, v *site.Version, rel string) string {
	cands := make([]string, 0, len(v.ByRel))
	for r := range v.ByRel {
		cands = append(cands, r)
	}
	sort.Strings(cands)
	best := diag.Suggest(rel, cands)
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
// preview server: a page whose file and the site's structure (see
// site.Site.Structure) are unchanged has the same findings. Checking every
// link was a quarter of a one-page rebuild at 10,000 pages.
type CheckCache struct {
	c *memo.Cache[checkKey, checked]
}

type checkKey struct {
	version, rel string
	source       [16]byte
	errorLevel   bool
}

type checked struct {
	diags  []diag.Diagnostic
	assets []assetRef
}

// assetRef names an asset across builds, which make new Asset values.
type assetRef struct{ version, rel string }

// NewCheckCache returns an empty cache.
func NewCheckCache() *CheckCache { return &CheckCache{memo.New[checkKey, checked]()} }

// Sweep forgets pages the last build did not check.
func (c *CheckCache) Sweep() {
	if c != nil {
		c.c.Sweep()
	}
}

// CheckCached is Check reusing the findings of unchanged pages (cache may
// be nil).
func (r *Resolver) CheckCached(diags *diag.List, errorLevel bool, cache *CheckCache) *Report {
	var mu sync.Mutex
	assets := map[*content.Asset]bool{}
	var entries *memo.Cache[checkKey, checked]
	if cache != nil {
		entries = cache.c
		entries.Reset(r.Site.Structure())
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
	}
	parallel.Each(len(jobs), func(i int) {
		v, p := jobs[i].v, jobs[i].p
		key := checkKey{v.Name, p.Rel, p.SourceHash, errorLevel}
		if cache != nil {
			if e, ok := entries.Get(key); ok {
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
		for _, l := range p.Doc.Links {
			var t Target
			var prob *Problem
			if l.Kind == markdown.KindAutolink {
				// Autolinks go to the web as written; only a dangerous
				// one (<javascript:...>) is a finding, and render drops it.
				if !urlsafe.Dangerous(l.Dest, false) {
					continue
				}
				prob = dangerous(l.Dest)
			} else {
				t, prob = r.Resolve(p, l.Dest, l.Kind)
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
		entries.Put(key, found)
	})
	rep := &Report{}
	for a := range assets {
		rep.Assets = append(rep.Assets, a)
	}
	sort.Slice(rep.Assets, func(i, j int) bool { return rep.Assets[i].URL < rep.Assets[j].URL })
	return rep
}
