package links

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// When pages come, go or change address, the link findings of the other
// pages are kept unless a link could now resolve differently. Every
// lookup a link makes (by address, by file path, by id or alias, in any
// case, with or without .md or an index page, and the pages left out)
// is keyed by a path whose last part is the link's own last part, or the
// folder's name for an index page: a link can only lead to a page that
// answers to its last part. So a link is resolved again when its last
// part is a name of a page that came, went or changed (lastName), when it
// has none (./, ../), and when its page had a finding (a suggestion looks
// at every page). The anchors it names are compared as before.

// lastName is the name a path answers to: its last part in lower case,
// unescaped, without .md, and for an index page (x/_index.md,
// x/index.html) its folder's. "" when it has none (".", "..", "/").
func lastName(p string) string {
	// Unescaped before lower case: %C3%89 is É, which is é.
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	p = strings.ToLower(strings.Trim(p, "/"))
	for _, idx := range []string{"index.html", "_index.md", "index.md"} {
		if p == idx {
			return ""
		}
		p = strings.TrimSuffix(p, "/"+idx)
	}
	base := strings.TrimSuffix(path.Base(p), ".md")
	if base == "." || base == ".." || base == "" || base == "/" {
		return ""
	}
	return base
}

// linkName is the name a link's destination answers to (see lastName);
// own is true for a link into its own page (#anchor), which no other
// page changes, and name "" with own false means any page may.
func linkName(dest string) (name string, own bool) {
	if id, ok := strings.CutPrefix(dest, "xref:"); ok {
		id, _, _ = strings.Cut(id, "#")
		id, _, _ = strings.Cut(id, "@")
		return lastName(id), false
	}
	if ref, ok := strings.CutPrefix(dest, RefScheme); ok {
		target, _, _ := strings.Cut(ref, "#")
		if target == "" {
			return "", true
		}
		return lastName(target), false
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "", true // malformed: a finding, whatever the site
	}
	if u.Path == "" && u.Opaque == "" {
		return "", u.Host == "" // #anchor, or //host
	}
	return lastName(u.Path), false
}

// identity is what a page (or a page left out) is found by, and the
// names that finds it.
type identity struct {
	key   string
	names []string
}

// identities lists, per version, what each page and each page left out
// answers to: a change to one of them changes what a link with one of
// its names may resolve to.
func identities(s *site.Site) map[string]identity {
	out := map[string]identity{}
	var b strings.Builder
	for _, v := range s.All() {
		for _, p := range v.Pages {
			b.Reset()
			b.WriteString(p.ID)
			b.WriteByte(0)
			b.WriteString(p.URL)
			names := addAliases(&b, []string{lastName(p.Rel), lastName(p.URL), lastName(p.ID)}, p.Aliases, p.URLAliases)
			if p.IsIndex {
				b.WriteString("\x00index")
			}
			// A program page has generated pages and files beside it.
			b.WriteString("\x00k")
			b.WriteString(p.Kind)
			out[v.Name+"\x00P"+p.Rel] = identity{b.String(), names}
		}
		for _, h := range v.Hidden {
			b.Reset()
			for _, f := range []string{h.ID, h.URL, h.Audience, h.Reason, h.Ended} {
				b.WriteString(f)
				b.WriteByte(0)
			}
			if h.Draft {
				b.WriteString("draft")
			}
			names := addAliases(&b, []string{lastName(h.Rel), lastName(h.URL), lastName(h.ID)}, h.Aliases, h.FormerURLs)
			out[v.Name+"\x00H"+h.Rel] = identity{b.String(), names}
		}
		for rel, u := range v.Shadowed {
			out[v.Name+"\x00S"+rel] = identity{u, []string{lastName(rel), lastName(u)}}
		}
	}
	return out
}

// addAliases writes a page's aliases (ids) and former addresses into its
// identity and adds their last parts to its names.
func addAliases(b *strings.Builder, names, aliases, formerURLs []string) []string {
	for _, a := range aliases {
		b.WriteString("\x00a")
		b.WriteString(a)
		names = append(names, lastName(a))
	}
	for _, u := range formerURLs {
		b.WriteString("\x00u")
		b.WriteString(u)
		names = append(names, lastName(u))
	}
	return names
}

// changedNames are the names of what came, went or changed between two
// lists of identities.
func changedNames(old, now map[string]identity) map[string]bool {
	out := map[string]bool{}
	for k, id := range now {
		if o, ok := old[k]; !ok || o.key != id.key {
			for _, n := range id.names {
				out[n] = true
			}
			for _, n := range o.names {
				out[n] = true
			}
		}
	}
	for k, o := range old {
		if _, ok := now[k]; !ok {
			for _, n := range o.names {
				out[n] = true
			}
		}
	}
	return out
}

// generatedBeside are the last parts of the files and pages the build
// generates beside a program page (x/self-check/, x/matrix.json), which
// are looked up by the program page's address, not by their own name.
var generatedBeside = map[string]bool{"self-check": true, "matrix.json": true, "matrix.csv": true}

// linkNames are the names of a page's links, and whether one of them
// may lead anywhere.
func linkNames(p *site.Page) (names []string, anyPage bool) {
	for _, l := range p.Doc.Links {
		n, own := linkName(l.Dest)
		switch {
		case own:
		case n == "" || generatedBeside[n]:
			anyPage = true
		case !slices.Contains(names, n):
			names = append(names, n)
		}
	}
	return names, anyPage
}
