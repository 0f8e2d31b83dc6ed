package shortcode

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// readsPagesFuncs are the template functions whose result depends on
// other pages, files or the clock, or that resolve links out of the
// page cache's sight: a template calling one is rendered every time.
var readsPagesFuncs = map[string]bool{
	"ref": true, "relref": true, "readFile": true, "transform": true,
	"now": true, "time": true, "resources": true, "urls": true,
}

// pureMembers are the members of those namespaces that read nothing
// but their arguments: resources.GetRemote is refused (it returns
// nothing), the rest compute. markdownify is not among the functions
// above: the links of what it renders go through the render's recorder.
var pureMembers = map[string]map[string]bool{
	"resources": {"GetRemote": true},
	"transform": {"Unmarshal": true, "HTMLEscape": true, "HTMLUnescape": true, "Plainify": true, "Emojify": true},
	"urls":      {"Parse": true, "JoinPath": true},
	"time":      {"Format": true, "AsTime": true, "ParseDuration": true},
}

// readsPagesFields are the page and site methods that reach other pages
// (or render Markdown whose links resolve out of the cache's sight).
var readsPagesFields = map[string]bool{
	"GetPage": true, "Pages": true, "RegularPages": true, "RegularPagesRecursive": true, "Sections": true,
	"Parent": true, "CurrentSection": true, "FirstSection": true, "Home": true, "AllPages": true,
	"Next": true, "Prev": true, "NextInSection": true, "PrevInSection": true, "Translations": true,
	"AllTranslations": true, "Ancestors": true, "Ref": true, "RelRef": true, "RenderString": true, "Resources": true,
}

// scanReads records what a parsed template may read beyond its call:
// whether it calls a function or method that reads other pages, and the
// partials it names (false, dynamic, when a partial's name is computed).
func (t *siteTemplate) scanReads(trees map[string]*parse.Tree) {
	// Namespaces used through a pure member only (resources.GetRemote):
	// the walk meets the chain before its identifier.
	pureUse := map[*parse.IdentifierNode]bool{}
	for _, tree := range trees {
		walkTemplate(tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.IdentifierNode:
				if readsPagesFuncs[n.Ident] && !pureUse[n] {
					t.readsPages = true
				}
			case *parse.FieldNode:
				t.fieldsRead(n.Ident)
			case *parse.ChainNode:
				if id, ok := n.Node.(*parse.IdentifierNode); ok && len(n.Field) == 1 && pureMembers[id.Ident][n.Field[0]] {
					pureUse[id] = true
				}
				t.fieldsRead(n.Field)
			case *parse.VariableNode:
				t.fieldsRead(n.Ident[1:])
			case *parse.CommandNode:
				if len(n.Args) == 0 {
					return
				}
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "partial" || id.Ident == "partialCached") {
					if len(n.Args) < 2 {
						t.readsPages = true
						return
					}
					s, ok := n.Args[1].(*parse.StringNode)
					if !ok {
						t.readsPages = true // a name computed when it runs
						return
					}
					t.partialsCalled = append(t.partialsCalled, s.Text)
				}
			}
		})
	}
}

func (t *siteTemplate) fieldsRead(names []string) {
	for _, f := range names {
		if readsPagesFields[f] {
			t.readsPages = true
		}
	}
}

// partialNamed is the partial a call names, as callPartial finds it.
func (set *Set) partialNamed(name string) *siteTemplate {
	key := strings.TrimSuffix(strings.TrimPrefix(name, "partials/"), ".html")
	if t := set.partials[key]; t != nil {
		return t
	}
	return set.partials[strings.TrimSuffix(key, ".md")]
}

// templatePure reports whether a template of the site reads nothing of
// other pages: neither it nor a partial it calls (at any depth) calls a
// function or method that does (see readsPagesFuncs, readsPagesFields).
// What it shows then depends on its call, its page, the site's
// configuration, its templates and its data files (TemplatesKey), and
// the addresses of the links it writes (the render records those).
func (set *Set) templatePure(t *siteTemplate) bool {
	set.pureOnce.Do(func() { set.pure = map[*siteTemplate]bool{} })
	set.pureMu.Lock()
	defer set.pureMu.Unlock()
	var pure func(t *siteTemplate, seen map[*siteTemplate]bool) bool
	pure = func(t *siteTemplate, seen map[*siteTemplate]bool) bool {
		if v, ok := set.pure[t]; ok {
			return v
		}
		if seen[t] {
			return true // a partial calling itself: decided by the rest
		}
		seen[t] = true
		ok := t.broken == nil && !t.readsPages
		for _, name := range t.partialsCalled {
			if !ok {
				break
			}
			if p := set.partialNamed(name); p != nil {
				ok = pure(p, seen)
			}
		}
		set.pure[t] = ok
		return ok
	}
	return pure(t, map[*siteTemplate]bool{})
}

// TemplatesKey hashes what a pure template of the site can show besides
// its call and page: every template and partial of the site (and its
// theme) and its data files. The preview's page cache keys the pages
// that call one with it, so a template or data file edited renders them
// again.
func (set *Set) TemplatesKey() string {
	set.keyOnce.Do(func() {
		h := sha256.New()
		var all []*siteTemplate
		for _, t := range set.templates {
			all = append(all, t)
		}
		for _, t := range set.partials {
			all = append(all, t)
		}
		sort.Slice(all, func(i, j int) bool { return all[i].src < all[j].src })
		for _, t := range all {
			h.Write([]byte(t.src + "\x00" + t.text + "\x00"))
		}
		set.siteData()
		h.Write([]byte(set.dataSum))
		set.key = hex.EncodeToString(h.Sum(nil))
	})
	return set.key
}

// CallsKey is the key of what page p's calls of the site's templates
// read beyond the page ("" when it calls none): TemplatesKey.
func (set *Set) CallsKey(p *site.Page) string {
	for _, sc := range p.Doc.Shortcodes {
		if set.siteDefs[sc.Name] {
			return set.TemplatesKey()
		}
	}
	return ""
}
