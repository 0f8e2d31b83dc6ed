package shortcode

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// CallData is what a site's shortcode template sees, as in Hugo: .Get by
// name or position, .Inner (the rendered content between a paired call's
// tags), .Params, .IsNamedParams, .Page and .Site.
type CallData struct {
	sc            *markdown.Shortcode
	Inner         template.HTML
	Params        map[string]string
	IsNamedParams bool
	Page          PageData
	Site          SiteData
}

// Get returns an argument by name ("src") or position (0), or "".
func (c CallData) Get(key any) string {
	k := fmt.Sprint(key)
	v, _ := c.sc.Get(k)
	return v
}

// PageData describes the calling page to a template.
type PageData struct {
	Title, Description, Kind, ID, URL string
	Params                            map[string]any
}

// SiteData describes the site to a template.
type SiteData struct {
	Title, BaseURL string
}

var templateLine = regexp.MustCompile(`:(\d+):`)

// templateFuncs are the Hugo functions shortcode templates use most. Inner
// content is rendered already, so markdownify marks text as HTML.
func templateFuncs(base string) template.FuncMap {
	return template.FuncMap{
		"markdownify": func(s any) template.HTML { return template.HTML(fmt.Sprint(s)) },
		"safeHTML":    func(s any) template.HTML { return template.HTML(fmt.Sprint(s)) },
		"lower":       strings.ToLower,
		"upper":       strings.ToUpper,
		"relURL":      func(s string) string { return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(s, "/") },
		"default": func(def, v any) any {
			if v == nil || fmt.Sprint(v) == "" {
				return def
			}
			return v
		},
	}
}

// loadTemplates registers layouts/shortcodes/NAME.html of the site and of
// its theme (the site's wins). A template that does not parse is a
// finding at its line, and the shortcode stays unknown.
func (set *Set) loadTemplates() {
	cfg := set.s.Config
	dirs := []string{"layouts/shortcodes"}
	if cfg.Theme != "" && cfg.Theme != "default" {
		dirs = append(dirs, path.Join("themes", cfg.Theme, "layouts/shortcodes"))
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		entries, err := os.ReadDir(filepath.Join(cfg.Root, filepath.FromSlash(dir)))
		if err != nil {
			continue
		}
		names := make([]string, 0, len(entries))
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, file := range names {
			name := strings.TrimSuffix(file, ".html")
			if seen[name] {
				continue
			}
			seen[name] = true
			src := path.Join(dir, file)
			text, err := os.ReadFile(filepath.Join(cfg.Root, filepath.FromSlash(src)))
			if err != nil {
				set.templateDiags = append(set.templateDiags, diag.Diagnostic{File: src, Severity: diag.Error, Rule: diag.RuleUnknownShortcode, Message: fmt.Sprintf("cannot read the shortcode template: %v", err)})
				continue
			}
			t, err := template.New(file).Funcs(templateFuncs(cfg.BasePath)).Parse(string(text))
			if err != nil {
				line := 1
				if m := templateLine.FindStringSubmatch(err.Error()); m != nil {
					line, _ = strconv.Atoi(m[1])
				}
				set.templateDiags = append(set.templateDiags, diag.Diagnostic{File: src, Line: line, Column: 1, Severity: diag.Error, Rule: diag.RuleUnknownShortcode,
					Message: fmt.Sprintf("shortcode template %s does not parse: %v", name, err)})
				continue
			}
			set.Register(name, set.templateDef(src, t, bytes.Contains(text, []byte(".Inner"))))
		}
	}
}

// templateDef is the shortcode of a template. Like Hugo, a template that
// reads .Inner needs a closing tag; one that does not takes none.
func (set *Set) templateDef(src string, t *template.Template, inner bool) Def {
	d := Def{AnyArgs: true, Inner: NoInner}
	if inner {
		d.Inner = InnerRequired
	}
	run := func(p *site.Page, sc *markdown.Shortcode, innerHTML []byte) ([]byte, error) {
		data := CallData{sc: sc, Inner: template.HTML(innerHTML), Params: map[string]string{},
			Page: PageData{Title: p.Title, Description: p.Summary, Kind: p.Kind, ID: p.ID, URL: set.s.Config.BasePath + p.URL, Params: p.Params},
			Site: SiteData{Title: set.s.Config.Title, BaseURL: set.s.Config.BaseURL}}
		for _, a := range sc.Args {
			if a.Name != "" {
				data.Params[a.Name] = a.Value
				data.IsNamedParams = true
			}
		}
		var out bytes.Buffer
		if err := t.Execute(&out, data); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	}
	d.Check = func(p *site.Page, sc *markdown.Shortcode) []Problem {
		if _, err := run(p, sc, nil); err != nil {
			return []Problem{{Rule: diag.RuleUnknownShortcode, Message: fmt.Sprintf("shortcode template %s fails on this page: %v", src, err)}}
		}
		return nil
	}
	d.Render = func(s *site.Site, _ *links.Resolver, p *site.Page, sc *markdown.Shortcode, innerHTML []byte) []byte {
		out, err := run(p, sc, innerHTML)
		if err != nil {
			return nil // reported by check
		}
		if sc.Percent && s.Engine != nil {
			// {{% %}}: the template's output is Markdown.
			html, _ := s.Engine.Render(out, passLinks{})
			return html
		}
		return out
	}
	return d
}

// passLinks leaves the links of a template's Markdown output as written.
type passLinks struct{}

func (passLinks) Link(dest string, _ markdown.LinkKind) (string, bool) { return dest, true }
func (passLinks) Shortcode(*markdown.Shortcode, []byte) []byte         { return nil }
