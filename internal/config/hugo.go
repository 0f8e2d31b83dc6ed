package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
	yaml "go.yaml.in/yaml/v3"
)

// hugoFiles are the Hugo configuration files a site may have beside
// config.yaml (which is partnerdocs' own, so Hugo's config.yaml can only
// come in through config/_default/).
var hugoFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.json"}

// HugoFiles are the Hugo config files read beside config.yaml (and the
// files of config/_default/), as slash paths from the site root.
func HugoFiles() []string { return slices.Clone(hugoFiles) }

// hugoHonoured are the Hugo keys partnerdocs reads; the rest are said to
// be ignored, once.
var hugoHonoured = map[string]bool{"title": true, "params": true, "staticdir": true, "enableemoji": true}

// readHugo reads a Hugo site's configuration, when there is one, for what
// partnerdocs honours: title, params, staticDir and markup.goldmark
// (renderer.unsafe, parser.attribute.block). config.yaml wins where
// both speak (seen holds the keys it set).
func (p *parser) readHugo(seen map[string]bool) {
	root, cfg := p.root, p.cfg
	merged := map[string]any{}
	var sources []string
	for _, f := range hugoFiles {
		if m, ok := p.hugoFile(f); ok {
			mergeInto(merged, m)
			sources = append(sources, f)
			break
		}
	}
	files, _ := sitefile.Walk(root, "config/_default")
	for _, f := range files {
		if strings.Contains(f, "/") {
			continue
		}
		m, ok := p.hugoFile(path.Join("config/_default", f))
		if !ok {
			continue
		}
		sources = append(sources, path.Join("config/_default", f))
		base := strings.TrimSuffix(f, path.Ext(f))
		if base == "hugo" || base == "config" {
			mergeInto(merged, m)
		} else {
			mergeInto(merged, map[string]any{base: m})
		}
	}
	if len(sources) == 0 {
		return
	}
	lower := map[string]any{}
	for k, v := range merged {
		lower[strings.ToLower(k)] = v
	}
	if t, ok := lower["title"].(string); ok && !seen["title"] {
		cfg.Title = t
		seen["title"] = true
	}
	if m, ok := lower["params"].(map[string]any); ok {
		cfg.Params = lowerKeys(m)
	}
	if !seen["static"] {
		cfg.Static = hugoStatic(root, lower["staticdir"])
		if cfg.Static != "" {
			seen["static"] = true
		}
	}
	if !seen["markdown"] {
		gm := dig(lower, "markup", "goldmark")
		if b, _ := dig(gm, "renderer", "unsafe")["."].(bool); b {
			cfg.Markdown.HTML = "unsafe"
		}
		if b, _ := dig(gm, "parser", "attribute")["block"].(bool); b {
			cfg.Markdown.BlockAttributes = true
		}
		if b, _ := lower["enableemoji"].(bool); b {
			cfg.Markdown.Emoji = true
		}
	}
	var ignored []string
	for k, v := range merged {
		if strings.EqualFold(k, "markup") {
			ignored = append(ignored, ignoredMarkup(v)...)
			continue
		}
		if !hugoHonoured[strings.ToLower(k)] {
			ignored = append(ignored, k)
		}
	}
	sort.Strings(ignored)
	if len(ignored) > 0 {
		p.d.Diags.Add(diag.Diagnostic{File: sources[0], Line: 1, Column: 1, Severity: diag.Warning, Rule: diag.RuleConfig,
			Message: fmt.Sprintf("Hugo settings partnerdocs does not use, ignored: %s (it reads title, params, staticDir, enableEmoji, markup.goldmark.renderer.unsafe and markup.goldmark.parser.attribute.block; links resolve as Hugo's embedded link hook does)", strings.Join(ignored, ", "))})
	}
}

// hugoFile reads one Hugo config file into a map; a file that does not
// parse is a warning (Hugo's config is not partnerdocs' contract).
func (p *parser) hugoFile(rel string) (map[string]any, bool) {
	b, err := sitefile.Read(p.root, rel)
	if err != nil {
		return nil, false
	}
	m := map[string]any{}
	switch path.Ext(rel) {
	case ".toml":
		_, err = toml.Decode(string(b), &m)
	case ".json":
		err = json.Unmarshal(b, &m)
	default:
		var v any
		err = yaml.Unmarshal(b, &v)
		if mm, ok := v.(map[string]any); ok {
			m = mm
		}
	}
	if err != nil {
		p.d.Diags.Add(diag.Diagnostic{File: rel, Line: 1, Column: 1, Severity: diag.Warning, Rule: diag.RuleConfig, Message: fmt.Sprintf("Hugo configuration does not parse, ignored: %v", err)})
		return nil, false
	}
	return m, true
}

func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if dm, ok := dst[k].(map[string]any); ok {
			if sm, ok := v.(map[string]any); ok {
				mergeInto(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
}

// dig walks nested maps by case-insensitive keys; a leaf that is not a
// map is returned under ".".
func dig(m map[string]any, keys ...string) map[string]any {
	cur := any(m)
	for _, k := range keys {
		mm, ok := cur.(map[string]any)
		if !ok {
			return map[string]any{}
		}
		cur = nil
		for mk, v := range mm {
			if strings.EqualFold(mk, k) {
				cur = v
			}
		}
	}
	if mm, ok := cur.(map[string]any); ok {
		return mm
	}
	return map[string]any{".": cur}
}

func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if mm, ok := v.(map[string]any); ok {
			v = lowerKeys(mm)
		}
		out[strings.ToLower(k)] = v
	}
	return out
}

// hugoStatic picks the static folder from Hugo's staticDir (a folder or a
// list): static/ when listed, else the first listed folder that exists.
func hugoStatic(root string, v any) string {
	var dirs []string
	switch x := v.(type) {
	case string:
		dirs = []string{x}
	case []any:
		for _, d := range x {
			if s, ok := d.(string); ok {
				dirs = append(dirs, s)
			}
		}
	}
	sort.SliceStable(dirs, func(i, j int) bool { return dirs[i] == "static" && dirs[j] != "static" })
	for _, d := range dirs {
		d = strings.Trim(filepath.ToSlash(d), "/")
		if st, err := os.Stat(filepath.Join(root, d)); err == nil && st.IsDir() && !strings.Contains(d, "..") {
			return d
		}
	}
	return ""
}

// ignoredMarkup names the markup settings partnerdocs does not apply:
// everything but goldmark's renderer.unsafe and parser.attribute.block.
func ignoredMarkup(v any) []string {
	var out []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			switch strings.ToLower(prefix) {
			case "markup.goldmark.renderer.unsafe", "markup.goldmark.parser.attribute.block",
				// Links always resolve as the embedded link hook does.
				"markup.goldmark.renderhooks.link.useembedded":
			default:
				out = append(out, prefix)
			}
			return
		}
		for k, x := range m {
			walk(prefix+"."+k, x)
		}
	}
	walk("markup", v)
	return out
}
