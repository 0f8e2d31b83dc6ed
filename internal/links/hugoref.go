package links

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// RefScheme marks a link written with Hugo's ref or relref shortcode as
// its destination ([x]({{< relref "path" >}})): the Markdown scan
// rewrites the call to RefScheme+path, and the path is read as Hugo's
// GetPage reads it.
const RefScheme = "hugoref:"

// GetPage finds a page as Hugo's GetPage, ref and relref do: a path
// relative to the calling page's folder, then from the root of the
// page's version (or the portal), by file or by address, then, for a
// name without a folder, the one page of the version with that file or
// folder name. It returns nil when none (or several) match.
func (r *Resolver) GetPage(from *site.Page, ref string) *site.Page {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	var vs []*site.Version
	if from != nil {
		vs = append(vs, r.Site.Version(from.Version))
	}
	vs = append(vs, r.Site.Portal, r.Site.Latest)
	clean := strings.TrimSuffix(ref, "/")
	for _, v := range vs {
		if v == nil {
			continue
		}
		var cands []string
		if !strings.HasPrefix(ref, "/") && from != nil {
			cands = append(cands, path.Join(from.Dir, clean))
		}
		cands = append(cands, strings.TrimPrefix(path.Clean("/"+clean), "/"))
		for _, c := range cands {
			if p := byContentPath(v, c); p != nil {
				return p
			}
		}
		for _, c := range cands {
			for _, cand := range relCandidates(c) {
				if p := r.byLowerRel(v, cand); p != nil {
					return p
				}
			}
		}
		if pg := r.pageAt(versionPrefix(v) + strings.TrimPrefix(path.Clean("/"+clean), "/") + "/"); pg != nil {
			return pg
		}
		if !strings.Contains(clean, "/") {
			if p := r.uniqueName(v, strings.TrimSuffix(clean, ".md")); p != nil {
				return p
			}
		}
	}
	return nil
}

func versionPrefix(v *site.Version) string {
	if v.Name == "" {
		return ""
	}
	return v.Name + "/"
}

// byContentPath finds a page by its path below its version's folder:
// "x", "x.md", or the folder x's index page.
func byContentPath(v *site.Version, c string) *site.Page {
	if c == "" || c == "." {
		for _, idx := range []string{"_index.md", "index.md"} {
			if p := v.ByRel[idx]; p != nil {
				return p
			}
		}
		return nil
	}
	for _, cand := range relCandidates(c) {
		if p := v.ByRel[cand]; p != nil {
			return p
		}
	}
	return nil
}

// relCandidates are the files a content path may name: itself, x.md,
// and the folder x's index page.
func relCandidates(c string) []string {
	base := strings.TrimSuffix(strings.TrimSuffix(c, "/"), ".md")
	return []string{c, base + ".md", base + "/_index.md", base + "/index.md"}
}

// nameIndex is, per version, the pages by file name (folder name for an
// index page); a name two pages share maps to nil.
type nameIndex struct {
	once sync.Once
	m    map[*site.Version]map[string]*site.Page
	// lower are the pages by their path in lower case: Hugo finds
	// SKUs/ as skus.md.
	lower map[*site.Version]map[string]*site.Page
}

func (r *Resolver) uniqueName(v *site.Version, name string) *site.Page {
	r.indexNames()
	return r.names.m[v][strings.ToLower(name)]
}

// byLowerRel finds a page by its path below its version's folder in any
// case.
func (r *Resolver) byLowerRel(v *site.Version, rel string) *site.Page {
	r.indexNames()
	return r.names.lower[v][strings.ToLower(rel)]
}

func (r *Resolver) indexNames() {
	r.names.once.Do(func() {
		r.names.m = map[*site.Version]map[string]*site.Page{}
		r.names.lower = map[*site.Version]map[string]*site.Page{}
		for _, vv := range r.Site.All() {
			m := map[string]*site.Page{}
			low := map[string]*site.Page{}
			r.names.lower[vv] = low
			for _, p := range vv.Pages {
				low[strings.ToLower(p.Rel)] = p
				n := strings.ToLower(strings.TrimSuffix(path.Base(p.Rel), ".md"))
				if p.IsIndex {
					n = strings.ToLower(path.Base(p.Dir))
				}
				if _, dup := m[n]; dup {
					m[n] = nil
					continue
				}
				m[n] = p
			}
			r.names.m[vv] = m
		}
	})
}

// hugoRef resolves a RefScheme link.
func (r *Resolver) hugoRef(from *site.Page, ref string) (Target, *Problem) {
	target, frag, _ := strings.Cut(ref, "#")
	p := from
	if target != "" {
		p = r.GetPage(from, target)
	}
	if p == nil {
		return Target{}, &Problem{Rule: diag.RuleBrokenLink, Message: fmt.Sprintf("ref: no page %q", target)}
	}
	t := Target{URL: p.URL, Page: p}
	if frag != "" {
		t.URL += "#" + frag
		if prob := r.anchor(from, p, frag); prob != nil {
			return t, prob
		}
	}
	return t, nil
}
