package shortcode

import (
	"fmt"
	"sort"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Func renders one call of a shortcode on a page; inner is the rendered
// content between a paired call's tags.
type Func func(s *site.Site, r *links.Resolver, p *site.Page, sc *markdown.Shortcode, inner []byte) []byte

// Problem is a finding about one argument of a shortcode ("" for the
// shortcode as a whole).
type Problem struct {
	Arg, Rule, Message, Suggestion string
	// Warning marks a finding that does not fail a build at any level.
	Warning bool
}

// Inner says whether a shortcode takes content between an opening and a
// closing tag.
type Inner int

// Inner content rules.
const (
	NoInner       Inner = iota // {{< youtube id >}}: a closing tag is an error
	InnerRequired              // {{< details >}}…{{< /details >}}
	InnerOptional              // a site template: as written
)

// Def describes a shortcode.
type Def struct {
	Args []string // allowed argument names
	// Positional names the positional arguments in order
	// ({{< youtube "id" >}} is id); nil allows none.
	Positional []string
	// AnyArgs accepts every argument (a site's template reads what it
	// wants with .Get).
	AnyArgs bool
	Inner   Inner
	Render  Func
	// Draw is the other way to render a shortcode: as a part the theme
	// draws (a built-in's tags are the theme's, not ours). ok false
	// renders nothing.
	Draw func(s *site.Site, r *links.Resolver, p *site.Page, sc *markdown.Shortcode, inner []byte) (part site.Part, ok bool)
	// Check validates argument values against the site, for check.
	Check func(p *site.Page, sc *markdown.Shortcode) []Problem
	// Pure says its output depends on its arguments, its inner content,
	// its own page and the site's configuration and assets only, never
	// on other pages: the preview may keep a page that calls it while
	// other pages change (see ReadsOtherPages).
	Pure bool
	// RenderLinked is Render with the links of the output resolved
	// through the given function (the render's own, which records them
	// for the preview's page cache). The site's templates have one.
	RenderLinked func(p *site.Page, sc *markdown.Shortcode, inner []byte, link LinkFunc) []byte
}

// Set is the shortcodes of one build.
type Set struct {
	s    *site.Site
	r    *links.Resolver
	defs map[string]Def
	// findings about the site's shortcode templates themselves
	templateDiags []diag.Diagnostic
	// body renders another page's body (include); set by the render.
	body func(p *site.Page) []byte

	// The site's templates: partials by name, which shortcodes are the
	// site's own, and what templates read (.Site.Params, .Site.Data).
	partials  map[string]*siteTemplate
	templates map[string]*siteTemplate // the site's shortcode templates by name
	siteDefs  map[string]bool
	params    map[string]any
	dataOnce  sync.Once
	data      map[string]any
	mu        sync.Mutex
	scratches map[*site.Page]*scratch
	sanOnce   sync.Once
	san       *markdown.Sanitizer
	dataDiags []diag.Diagnostic
	expand    map[*site.Page]int // pages an include of a page renders

	// What templatePure decided, and TemplatesKey.
	pureOnce sync.Once
	pureMu   sync.Mutex
	pure     map[*siteTemplate]bool
	keyOnce  sync.Once
	key      string
	dataSum  string // a hash of the data files, made with site.Data
}

// SetBodyRenderer gives include the render's way to render a page's body
// with its own links resolved.
func (set *Set) SetBodyRenderer(f func(p *site.Page) []byte) { set.body = f }

// New returns the shortcodes known to this build: the built-in ones and
// the site's templates. The program model's shortcodes register later,
// when their stage exists.
func New(s *site.Site, r *links.Resolver) *Set {
	set := &Set{s: s, r: r, defs: map[string]Def{}, siteDefs: map[string]bool{}, params: s.Config.Params}
	registerBuiltins(set)
	set.loadTemplates()
	return set
}

// Register adds a shortcode.
func (set *Set) Register(name string, d Def) { set.defs[name] = d }

// ReadsOtherPages says a call of the shortcode may show something of
// other pages than its own: an include, a reference, the program model's
// tables, and a template of the site that calls GetPage, ranges over
// .Site.Pages or calls another function or method that reads other pages
// (see templatePure). A shortcode nobody defines renders its inner
// content, or nothing: it reads none.
func (set *Set) ReadsOtherPages(name string) bool {
	d, ok := set.defs[name]
	if !ok {
		return false
	}
	if set.siteDefs[name] {
		t := set.templates[name]
		return t == nil || !set.templatePure(t)
	}
	return !d.Pure
}

// RenderLinked renders a call as Render does, the links a site's
// template writes resolved through link.
func (set *Set) RenderLinked(d site.Drawer, p *site.Page, sc *markdown.Shortcode, inner []byte, link func(string, markdown.LinkKind) (string, bool)) ([]byte, error) {
	if def, ok := set.defs[sc.Name]; ok && def.RenderLinked != nil {
		return def.RenderLinked(p, sc, inner, link), nil
	}
	return set.Render(d, p, sc, inner)
}

// ShowsIncludes says a call of the shortcode shows the body of a page
// of the calling page's Includes and nothing else of other pages: the
// built-in include, unless the site has a template of that name.
func (set *Set) ShowsIncludes(name string) bool {
	return name == "include" && !set.siteDefs[name]
}

// Names lists the known shortcodes.
func (set *Set) Names() []string {
	out := make([]string, 0, len(set.defs))
	for n := range set.defs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Check reports malformed calls, unknown shortcodes and arguments, inner
// content where none is taken (or missing where it is needed), what each
// shortcode's own check finds, and broken templates.
func (set *Set) Check(diags *diag.List) {
	for _, d := range set.templateDiags {
		diags.Add(d)
	}
	defer func() {
		set.mu.Lock()
		for _, d := range set.dataDiags {
			diags.Add(d)
		}
		set.mu.Unlock()
	}()
	for _, v := range set.s.All() {
		for _, p := range v.Pages {
			if len(p.Doc.Shortcodes) == 0 && len(p.Doc.ShortcodeErrors) == 0 {
				continue
			}
			set.checkPage(p, diags)
		}
	}
}

func (set *Set) checkPage(p *site.Page, diags *diag.List) {
	// Positions are body-relative; the body starts at BodyLine.
	add := func(l, c int, rule, msg, sugg string) {
		diags.Add(diag.Diagnostic{File: p.Source, Line: p.BodyLine + l - 1, Column: c, Severity: diag.Error, Rule: rule, Message: msg, Suggestion: sugg})
	}
	for _, e := range p.Doc.ShortcodeErrors {
		add(e.Line, e.Col, diag.RuleUnknownShortcode, e.Message, "")
	}
	for _, sc := range p.Doc.Shortcodes {
		def, ok := set.defs[sc.Name]
		if !ok {
			add(sc.Line, sc.Col, diag.RuleUnknownShortcode, fmt.Sprintf("unknown shortcode %q", sc.Name), diag.Suggest(sc.Name, set.Names()))
			continue
		}
		switch {
		case def.Inner == InnerRequired && !sc.Paired:
			add(sc.Line, sc.Col, diag.RuleUnknownShortcode, fmt.Sprintf("shortcode %s needs inner content and its closing tag {{< /%s >}}", sc.Name, sc.Name), "")
		case def.Inner == NoInner && sc.Paired:
			add(sc.Line, sc.Col, diag.RuleUnknownShortcode, fmt.Sprintf("shortcode %s takes no inner content; remove its closing tag {{< /%s >}}", sc.Name, sc.Name), "")
		}
		if def.Check != nil {
			for _, pr := range def.Check(p, sc) {
				l, c := sc.Line, sc.Col
				for _, a := range sc.Args {
					if a.Name == pr.Arg && pr.Arg != "" {
						l, c = a.Line, a.Col
					}
				}
				if pr.Warning {
					diags.Add(diag.Diagnostic{File: p.Source, Line: p.BodyLine + l - 1, Column: c, Severity: diag.Warning, Rule: pr.Rule, Message: pr.Message, Suggestion: pr.Suggestion})
					continue
				}
				add(l, c, pr.Rule, pr.Message, pr.Suggestion)
			}
		}
		if def.AnyArgs {
			continue
		}
		positional := 0
		for _, a := range sc.Args {
			if a.Name == "" {
				if positional >= len(def.Positional) {
					add(a.Line, a.Col, diag.RuleUnknownShortcode, fmt.Sprintf("shortcode %q takes %d positional arguments, not %d", sc.Name, len(def.Positional), positional+1), "")
				}
				positional++
				continue
			}
			if !contains(def.Args, a.Name) {
				add(a.NameLine, a.NameCol, diag.RuleUnknownShortcode, fmt.Sprintf("shortcode %q has no argument %q", sc.Name, a.Name), diag.Suggest(a.Name, def.Args))
			}
		}
	}
}

// Arg returns a call's argument by name, or by the position that def
// gives that name.
func Arg(def Def, sc *markdown.Shortcode, name string) (string, bool) {
	if v, ok := sc.Arg(name); ok {
		return v, true
	}
	for i, n := range def.Positional {
		if n == name {
			return sc.Get(fmt.Sprint(i))
		}
	}
	return "", false
}

// Render implements render.Shortcodes. An unknown shortcode's text never
// reaches the page: a paired call renders its inner content, a single
// one nothing.
// Parts are drawn with d, the render's theme.
func (set *Set) Render(d site.Drawer, p *site.Page, sc *markdown.Shortcode, inner []byte) ([]byte, error) {
	def, ok := set.defs[sc.Name]
	if ok && def.Draw != nil {
		part, ok := def.Draw(set.s, set.r, p, sc, inner)
		if !ok {
			return nil, nil
		}
		return d.Draw(part)
	}
	if !ok || def.Render == nil {
		// check.level warn let it through: a paired call keeps its
		// inner content, a single one renders nothing.
		if sc.Paired {
			return inner, nil
		}
		return nil, nil
	}
	return def.Render(set.s, set.r, p, sc, inner), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
