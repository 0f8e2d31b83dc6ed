package shortcode

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
)

// CallData is what a site's shortcode template sees, as in Hugo: .Get by
// name or position, .Inner (the rendered content between a paired call's
// tags), .Params, .IsNamedParams, .Page, .Site, .Name, .Ordinal,
// .Position and .Parent.
type CallData struct {
	sc            *markdown.Shortcode
	Inner         template.HTML
	Params        any
	IsNamedParams bool
	Page          *hugoPage
	Site          *hugoSite
	Name          string
	Ordinal       int
	Position      string
	Parent        *CallData
}

// Get returns an argument by name ("src") or position (0), or "".
func (c CallData) Get(key any) string {
	v, _ := c.sc.Get(toString(key))
	return v
}

// InnerDeindent is Inner (it is rendered already, so its indentation no
// longer matters).
func (c CallData) InnerDeindent() template.HTML { return c.Inner }

// Scratch is the calling page's scratch map.
func (c CallData) Scratch() *scratch { return c.Page.Scratch() }

// Store is Scratch.
func (c CallData) Store() *scratch { return c.Page.Scratch() }

// URL and ID keep templates written for earlier partnerdocs working.
func (h *hugoPage) URL() string { return h.RelPermalink() }

// ID is the page's partnerdocs id.
func (h *hugoPage) ID() string {
	if h.p == nil {
		return ""
	}
	return h.p.ID
}

// siteTemplate is one file of layouts/_shortcodes, layouts/shortcodes,
// layouts/_partials or layouts/partials: its text once, and parsed
// instances, one per concurrent call, each with its own functions' state.
type siteTemplate struct {
	set  *Set
	name string // "engineering/space", "member-by-name"
	src  string // site-relative file
	text string
	md   bool // a .md template: its output is Markdown
	// missing are functions the template calls that partnerdocs lacks:
	// a call that reaches one fails (and says which).
	missing []string
	broken  error // the template does not parse
	pool    sync.Pool
	// readsPages: it calls a function or method that reads other pages;
	// partialsCalled are the partials it names (see templatePure).
	readsPages     bool
	partialsCalled []string
}

type tmplInstance struct {
	t   *template.Template
	env *funcEnv
}

var templateLine = regexp.MustCompile(`:(\d+):`)

// templateDirs are where Hugo finds shortcodes and partials, newest
// layout first.
var (
	shortcodeDirs = []string{"layouts/_shortcodes", "layouts/shortcodes"}
	partialDirs   = []string{"layouts/_partials", "layouts/partials"}
)

// loadTemplates reads the shortcode and partial templates of the site
// and of its theme (the site's win, as do the newer folders). A template
// that does not parse, or that calls functions partnerdocs lacks, is a
// finding at its line; the rest of the templates are unaffected.
func (set *Set) loadTemplates() {
	set.partials = map[string]*siteTemplate{}
	set.templates = map[string]*siteTemplate{}
	for _, root := range set.layoutRoots() {
		for _, dir := range shortcodeDirs {
			for _, t := range set.readTemplates(path.Join(root, dir)) {
				if _, ok := set.defs[t.name]; ok && set.siteDefs[t.name] {
					continue
				}
				set.siteDefs[t.name] = true
				set.templates[t.name] = t
				set.Register(t.name, set.templateDef(t))
			}
		}
		for _, dir := range partialDirs {
			for _, t := range set.readTemplates(path.Join(root, dir)) {
				if _, ok := set.partials[t.name]; !ok {
					set.partials[t.name] = t
				}
			}
		}
	}
}

// layoutRoots are the folders whose layouts/ count: the site's, then its
// theme's.
func (set *Set) layoutRoots() []string {
	roots := []string{""}
	if th := set.s.Config.Theme; th != "" && th != "default" {
		roots = append(roots, path.Join("themes", th))
	}
	return roots
}

// readTemplates reads every .html and .md template below dir.
func (set *Set) readTemplates(dir string) []*siteTemplate {
	root := set.s.Config.Root
	files, refused := sitefile.Walk(root, strings.TrimPrefix(dir, "/"))
	for _, r := range refused {
		set.templateDiags = append(set.templateDiags, diag.Diagnostic{File: r.Rel, Severity: diag.Error, Rule: diag.RuleFile, Message: r.Err.Error()})
	}
	var out []*siteTemplate
	seen := map[string]bool{}
	for _, f := range files {
		ext := path.Ext(f)
		if ext != ".html" && ext != ".md" {
			continue
		}
		name := strings.TrimSuffix(f, ext)
		if seen[name] {
			continue
		}
		seen[name] = true
		src := path.Join(strings.TrimPrefix(dir, "/"), f)
		text, err := sitefile.Read(root, src)
		if err != nil {
			set.templateDiags = append(set.templateDiags, diag.Diagnostic{File: src, Severity: diag.Error, Rule: diag.RuleFile, Message: fmt.Sprintf("cannot read the template: %v", err)})
			continue
		}
		out = append(out, set.prepare(name, src, string(text), ext == ".md"))
	}
	return out
}

// prepare checks a template once: that it parses, which functions it
// calls that partnerdocs lacks, and loops over literal counts beyond the
// budget.
func (set *Set) prepare(name, src, text string, md bool) *siteTemplate {
	t := &siteTemplate{set: set, name: name, src: src, text: text, md: md}
	trees := map[string]*parse.Tree{}
	tr := &parse.Tree{Name: name, Mode: parse.SkipFuncCheck}
	if _, err := tr.Parse(text, "{{", "}}", trees, builtinFuncs()); err != nil {
		t.broken = err
		set.templateFinding(src, err, fmt.Sprintf("template %s does not parse: %v", name, cleanTemplateErr(err)))
		return t
	}
	t.scanReads(trees)
	missing := map[string]int{}
	for _, tree := range trees {
		walkTemplate(tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.IdentifierNode:
				if !funcNames[n.Ident] && !builtinNames[n.Ident] {
					if _, ok := missing[n.Ident]; !ok {
						missing[n.Ident] = lineOf(text, int(n.Position()))
					}
				}
			case *parse.RangeNode:
				if len(n.Pipe.Cmds) == 1 && len(n.Pipe.Cmds[0].Args) == 1 {
					if num, ok := n.Pipe.Cmds[0].Args[0].(*parse.NumberNode); ok && num.IsInt && num.Int64 > maxSeq {
						t.broken = fmt.Errorf("range over %d is %w (at most %d)", num.Int64, errBudget, maxSeq)
						set.templateDiags = append(set.templateDiags, diag.Diagnostic{File: src, Line: lineOf(text, int(n.Position())), Column: 1, Severity: diag.Error, Rule: diag.RuleUnknownShortcode,
							Message: fmt.Sprintf("template %s: %v", name, t.broken)})
					}
				}
			}
		})
	}
	for fn, line := range missing {
		t.missing = append(t.missing, fn)
		set.templateDiags = append(set.templateDiags, diag.Diagnostic{File: src, Line: line, Column: 1, Severity: diag.Warning, Rule: diag.RuleUnknownShortcode,
			Message: fmt.Sprintf("template %s calls %s, a Hugo function partnerdocs does not have; a call that reaches it renders nothing", name, fn)})
	}
	sort.Strings(t.missing)
	return t
}

func builtinFuncs() map[string]any {
	m := map[string]any{}
	for k := range builtinNames {
		m[k] = nil
	}
	return m
}

func (set *Set) templateFinding(src string, err error, msg string) {
	line := 1
	if m := templateLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	set.templateDiags = append(set.templateDiags, diag.Diagnostic{File: src, Line: line, Column: 1, Severity: diag.Error, Rule: diag.RuleUnknownShortcode, Message: msg})
}

func cleanTemplateErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.HasPrefix(s, "template:") {
		return s[i+2:]
	}
	return s
}

func lineOf(text string, off int) int {
	if off > len(text) {
		off = len(text)
	}
	return 1 + strings.Count(text[:off], "\n")
}

func walkTemplate(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, x := range n.Nodes {
			walkTemplate(x, f)
		}
	case *parse.ActionNode:
		walkTemplate(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkTemplate(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkTemplate(a, f)
		}
	case *parse.ChainNode:
		walkTemplate(n.Node, f)
	case *parse.IfNode:
		walkTemplate(n.Pipe, f)
		walkTemplate(n.List, f)
		walkTemplate(n.ElseList, f)
	case *parse.RangeNode:
		walkTemplate(n.Pipe, f)
		walkTemplate(n.List, f)
		walkTemplate(n.ElseList, f)
	case *parse.WithNode:
		walkTemplate(n.Pipe, f)
		walkTemplate(n.List, f)
		walkTemplate(n.ElseList, f)
	case *parse.TemplateNode:
		walkTemplate(n.Pipe, f)
	}
}

// instance takes a parsed copy of the template from the pool, or parses
// one: html/template binds functions at parse time, and each call's
// functions know their own page and budget.
func (t *siteTemplate) instance() (*tmplInstance, error) {
	if t.broken != nil {
		return nil, t.broken
	}
	if in, ok := t.pool.Get().(*tmplInstance); ok {
		return in, nil
	}
	env := &funcEnv{set: t.set}
	fm := env.funcs()
	for _, fn := range t.missing {
		name := fn
		fm[name] = func(...any) (string, error) {
			return "", fmt.Errorf("%s is a Hugo function partnerdocs does not have", name)
		}
	}
	fm[tickFunc] = func() (string, error) {
		if st := env.state; st != nil && time.Now().After(st.deadline) {
			return "", fmt.Errorf("running longer than %s is %w", maxCallTime, errBudget)
		}
		return "", nil
	}
	tt, err := parseTicking(t.name, t.text, fm)
	if err != nil {
		return nil, err
	}
	return &tmplInstance{t: tt, env: env}, nil
}

// tickFunc is called at the top of every loop body and every template
// body: Go's templates cannot be cancelled, so a call past its deadline
// stops itself there (a range over a huge count, templates that call
// each other twice at every level) instead of spinning on after its
// caller gave up.
const tickFunc = "pdTick"

// parseTicking parses a template with fm and puts a call of tickFunc at
// the start of each loop body and each defined template.
func parseTicking(name, text string, fm template.FuncMap) (*template.Template, error) {
	names := map[string]any{}
	for k, v := range fm {
		names[k] = v
	}
	for k := range builtinNames {
		names[k] = true
	}
	trees, err := parse.Parse(name, text, "{{", "}}", names)
	if err != nil {
		return nil, err
	}
	tickTrees, err := parse.Parse("tick", "{{"+tickFunc+"}}", "{{", "}}", names)
	if err != nil {
		return nil, err
	}
	tick := tickTrees["tick"].Root.Nodes[0]
	tt := template.New(name).Option("missingkey=zero").Funcs(fm)
	for n, tree := range trees {
		if tree.Root != nil {
			tree.Root.Nodes = append([]parse.Node{tick.Copy()}, tree.Root.Nodes...)
			walkTemplate(tree.Root, func(x parse.Node) {
				if r, ok := x.(*parse.RangeNode); ok && r.List != nil {
					r.List.Nodes = append([]parse.Node{tick.Copy()}, r.List.Nodes...)
				}
			})
		}
		if _, err := tt.AddParseTree(n, tree); err != nil {
			return nil, err
		}
	}
	// html/template keeps the added tree on the template it returns for
	// the name, not on tt: that one runs.
	if root := tt.Lookup(name); root != nil {
		return root, nil
	}
	return tt, nil
}

// callState is what one top-level call shares with the partials it runs:
// its deadline, its output budget and its warnings.
type callState struct {
	deadline time.Time
	// links resolves the links of Markdown the call renders
	// (markdownify), when the render records them; nil: from the page.
	links    markdown.Resolver
	written  int
	depth    int
	warnings []string
	mu       sync.Mutex
}

// budgetWriter stops a template that writes too much or runs too long.
type budgetWriter struct {
	buf   bytes.Buffer
	state *callState
}

func (w *budgetWriter) Write(b []byte) (int, error) {
	w.state.mu.Lock()
	w.state.written += len(b)
	over := w.state.written > maxOutput
	w.state.mu.Unlock()
	if over {
		return 0, fmt.Errorf("output of more than %d MiB is %w", maxOutput>>20, errBudget)
	}
	if time.Now().After(w.state.deadline) {
		return 0, fmt.Errorf("running longer than %s is %w", maxCallTime, errBudget)
	}
	return w.buf.Write(b)
}

// execute runs the template on data within the call's budgets. A call
// still running at the deadline is abandoned (its goroutine finishes or
// spins on its own; the build goes on without its output).
func (t *siteTemplate) execute(state *callState, page *hugoPage, data any) ([]byte, error) {
	in, err := t.instance()
	if err != nil {
		return nil, err
	}
	*in.env = funcEnv{set: t.set, page: page, state: state}
	in.env.warn = func(msg string) {
		state.mu.Lock()
		state.warnings = append(state.warnings, msg)
		state.mu.Unlock()
	}
	w := &budgetWriter{state: state}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("template failed: %v", r)
			}
		}()
		done <- in.t.Execute(w, data)
	}()
	ctx, cancel := context.WithDeadline(context.Background(), state.deadline)
	defer cancel()
	select {
	case err := <-done:
		t.pool.Put(in)
		if err != nil {
			return nil, err
		}
		return w.buf.Bytes(), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("running longer than %s is %w", maxCallTime, errBudget)
	}
}

// callPartial runs a partial template by name ("member-by-name",
// "member-by-name.html", "categories/best-link.html") on a context.
func (e *funcEnv) callPartial(name string, ctx ...any) (template.HTML, error) {
	set := e.set
	key := strings.TrimSuffix(strings.TrimPrefix(name, "partials/"), ".html")
	t := set.partials[key]
	if t == nil {
		t = set.partials[strings.TrimSuffix(key, ".md")]
	}
	if t == nil {
		return "", fmt.Errorf("partial %q not found in layouts/_partials or layouts/partials", name)
	}
	state := e.state
	if state == nil {
		state = &callState{deadline: time.Now().Add(maxCallTime)}
	}
	state.mu.Lock()
	state.depth++
	depth := state.depth
	state.mu.Unlock()
	defer func() { state.mu.Lock(); state.depth--; state.mu.Unlock() }()
	if depth > maxPartials {
		return "", fmt.Errorf("partials nested %d deep are %w", depth, errBudget)
	}
	var data any
	if len(ctx) > 0 {
		data = ctx[0]
	}
	out, err := t.execute(state, e.page, data)
	if err != nil {
		return "", fmt.Errorf("partial %s: %w", name, err)
	}
	return template.HTML(out), nil
}

func (e *funcEnv) callPartialCached(name string, ctx ...any) (template.HTML, error) {
	if len(ctx) > 1 {
		ctx = ctx[:1]
	}
	return e.callPartial(name, ctx...)
}

// templateDef is the shortcode of a template. Like Hugo, a template that
// reads .Inner needs a closing tag; one that does not takes none.
func (set *Set) templateDef(t *siteTemplate) Def {
	d := Def{AnyArgs: true, Inner: NoInner}
	if strings.Contains(t.text, ".Inner") {
		d.Inner = InnerRequired
	}
	run := func(p *site.Page, sc *markdown.Shortcode, innerHTML []byte, links markdown.Resolver) ([]byte, []string, error) {
		page := set.wrap(p)
		data := CallData{sc: sc, Inner: template.HTML(innerHTML), Page: page, Site: set.hugoSite(), Name: sc.Name, Ordinal: set.ordinal(p, sc),
			Position: fmt.Sprintf("%s:%d:%d", p.Source, p.BodyLine+sc.Line-1, sc.Col)}
		named := map[string]string{}
		var positional []string
		for _, a := range sc.Args {
			if a.Name != "" {
				named[a.Name] = a.Value
				data.IsNamedParams = true
			} else {
				positional = append(positional, a.Value)
			}
		}
		data.Params = positional
		if data.IsNamedParams {
			data.Params = named
		}
		state := &callState{deadline: time.Now().Add(maxCallTime), links: links}
		out, err := t.execute(state, page, data)
		return out, state.warnings, err
	}
	d.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		out, warns, err := run(p, sc, nil, nil)
		var probs []Problem
		if err != nil {
			probs = append(probs, Problem{Rule: diag.RuleUnknownShortcode, Message: fmt.Sprintf("shortcode template %s fails on this page: %s", t.src, cleanTemplateErr(err))})
		}
		probs = append(probs, set.checkOutputLinks(t, p, sc, out)...)
		for _, w := range warns {
			probs = append(probs, Problem{Rule: diag.RuleUnknownShortcode, Warning: true, Message: fmt.Sprintf("shortcode template %s: %s", t.src, w)})
		}
		return probs
	}
	render := func(p *site.Page, sc *markdown.Shortcode, innerHTML []byte, links markdown.Resolver) []byte {
		out, _, err := run(p, sc, innerHTML, links)
		if err != nil {
			// Reported by check. A paired call keeps its inner content.
			return innerHTML
		}
		if (sc.Percent || t.md) && set.s.Engine != nil {
			// {{% %}} and .md templates: the output is Markdown.
			md, _ := set.s.Engine.Render(out, links)
			return md
		}
		return markdown.RewriteLinks([]byte(set.sanitize(string(out))), links)
	}
	d.Render = func(_ *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, innerHTML []byte) []byte {
		return render(p, sc, innerHTML, templateLinks{set: set, p: p})
	}
	d.RenderLinked = func(p *site.Page, sc *markdown.Shortcode, innerHTML []byte, link LinkFunc) []byte {
		return render(p, sc, innerHTML, linkFunc(link))
	}
	return d
}

// checkOutputLinks checks the addresses a template wrote on a page (its
// Markdown's links, or its HTML's href and src) like the page's own, each
// finding at the call. The call's inner content is the page's, checked
// already.
func (set *Set) checkOutputLinks(t *siteTemplate, p *site.Page, sc *markdown.Shortcode, out []byte) []Problem {
	if set.r == nil || len(out) == 0 {
		return nil
	}
	var ls []markdown.Link
	if (sc.Percent || t.md) && set.s.Engine != nil {
		ls = set.s.Engine.Scan(out).Links
	} else {
		ls = markdown.HTMLLinks(out)
	}
	var probs []Problem
	seen := map[string]bool{}
	for _, l := range ls {
		if l.Kind == markdown.KindAutolink || seen[l.Dest] {
			continue
		}
		if frag, ok := strings.CutPrefix(l.Dest, "#"); ok && (bytes.Contains(out, []byte(`id="`+frag+`"`)) || bytes.Contains(out, []byte(`name="`+frag+`"`))) {
			continue // an element the template wrote itself
		}
		seen[l.Dest] = true
		if _, prob := set.r.Resolve(p, l.Dest, l.Kind); prob != nil {
			probs = append(probs, Problem{Rule: prob.Rule, Warning: prob.Warning, Message: fmt.Sprintf("template %s writes a link: %s", t.src, prob.Message), Suggestion: prob.Suggestion})
		}
	}
	return probs
}

// ordinal is the call's index among the page's calls of the same name.
func (set *Set) ordinal(p *site.Page, sc *markdown.Shortcode) int {
	n := 0
	for _, c := range p.Doc.Shortcodes {
		if c == sc {
			return n
		}
		if c.Name == sc.Name {
			n++
		}
	}
	return n
}

// sanitize keeps what a site's template writes to what raw HTML in
// Markdown may hold under markdown.html: the sanitiser's allowlist in
// safe mode, nothing in drop mode, everything in unsafe mode.
func (set *Set) sanitize(s string) string {
	switch set.s.Config.Markdown.HTML {
	case markdown.HTMLUnsafe:
		return s
	case markdown.HTMLDrop:
		return markdown.StripTags(s)
	}
	set.sanOnce.Do(func() { set.san = markdown.NewSanitizer(set.s.Config.Markdown.IFrames) })
	return string(set.san.Sanitize([]byte(s)))
}

// renderMarkdown renders Markdown a template wrote (or markdownify was
// given) with the site's engine. Its links go through the resolver from
// the calling page, as the page's own do: checked addresses, no script
// addresses, nothing of a page left out of the build.
func (set *Set) renderMarkdown(h *hugoPage, md []byte) []byte {
	if set.s.Engine == nil {
		return []byte(template.HTMLEscapeString(string(md)))
	}
	var p *site.Page
	if h != nil {
		p = h.p
	}
	out, _ := set.s.Engine.Render(md, templateLinks{set: set, p: p})
	return out
}

// templateLinks resolves the links of a template's Markdown from the
// calling page.
type templateLinks struct {
	set *Set
	p   *site.Page
}

func (tl templateLinks) Link(dest string, kind markdown.LinkKind) (string, bool) {
	if tl.set.r == nil || tl.p == nil {
		return markdown.SafeDest(dest, kind)
	}
	return tl.set.r.Address(tl.p, dest, kind, tl.set.s.Config.BasePath)
}

func (templateLinks) Shortcode(*markdown.Shortcode, []byte) []byte { return nil }

// LinkFunc resolves a link a template wrote on a page: its address, and
// false to drop it.
type LinkFunc func(dest string, kind markdown.LinkKind) (string, bool)

// linkFunc resolves a template's links through the render's function.
type linkFunc LinkFunc

func (f linkFunc) Link(dest string, kind markdown.LinkKind) (string, bool) { return f(dest, kind) }

func (linkFunc) Shortcode(*markdown.Shortcode, []byte) []byte { return nil }

// errNoPage is a ref to a page that does not exist.
var errNoPage = errors.New("no such page")

// refURL is the address of the page a ref names, from page p.
func (set *Set) refURL(p *site.Page, ref string) (string, error) {
	target, frag, _ := strings.Cut(ref, "#")
	if target == "" && p != nil {
		return set.s.Config.BasePath + p.URL + "#" + frag, nil
	}
	found := set.findPage(p, target)
	if found == nil {
		return "", fmt.Errorf("ref %q: %w", ref, errNoPage)
	}
	u := set.s.Config.BasePath + found.URL
	if frag != "" {
		u += "#" + frag
	}
	return u, nil
}
