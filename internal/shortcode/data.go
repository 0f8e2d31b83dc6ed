package shortcode

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
)

// siteData is the site's data/ folder as .Site.Data: each file's
// contents (YAML, JSON or TOML) under its path, folders as maps. It is
// read once, when a template first asks; a file that does not parse is a
// finding at its line and is left out.
func (set *Set) siteData() map[string]any {
	set.dataOnce.Do(func() {
		set.data = map[string]any{}
		root := set.s.Config.Root
		files, refused := sitefile.Walk(root, "data")
		set.mu.Lock()
		for _, r := range refused {
			set.dataDiags = append(set.dataDiags, diag.Diagnostic{File: r.Rel, Severity: diag.Error, Rule: diag.RuleFile, Message: r.Err.Error()})
		}
		set.mu.Unlock()
		sum := sha256.New()
		defer func() { set.dataSum = hex.EncodeToString(sum.Sum(nil)) }()
		for _, f := range files {
			ext := strings.ToLower(path.Ext(f))
			if ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".toml" {
				continue
			}
			src := path.Join("data", f)
			b, err := sitefile.Read(root, src)
			sum.Write([]byte(src + "\x00"))
			sum.Write(b)
			sum.Write([]byte{0})
			var v any
			if err == nil {
				v, err = unmarshal(f, b)
			}
			if err != nil {
				set.mu.Lock()
				set.dataDiags = append(set.dataDiags, diag.Diagnostic{File: src, Line: errLine(err), Column: 1, Severity: diag.Error, Rule: diag.RuleFile,
					Message: fmt.Sprintf("data file does not parse: %v", err)})
				set.mu.Unlock()
				continue
			}
			m := set.data
			parts := strings.Split(strings.TrimSuffix(f, path.Ext(f)), "/")
			for _, dir := range parts[:len(parts)-1] {
				next, ok := m[dir].(map[string]any)
				if !ok {
					next = map[string]any{}
					m[dir] = next
				}
				m = next
			}
			m[parts[len(parts)-1]] = v
		}
	})
	return set.data
}

// errLine finds "line N" in a parser's error.
func errLine(err error) int {
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		n := 0
		for _, c := range s[i+5:] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		if n > 0 {
			return n
		}
	}
	return 1
}

// resource is a file of assets/ as resources.Get gives it.
type resource struct {
	set  *Set
	Name string // path below assets/
	data []byte
}

// Content is the file's text.
func (r *resource) Content() string { return string(r.data) }

// RelPermalink: assets are not published by themselves, so a template
// that links one gets nothing (and a warning at the call).
func (r *resource) RelPermalink() string { return "" }

// Permalink is RelPermalink.
func (r *resource) Permalink() string { return "" }

// MediaType is the file's type, by extension.
func (r *resource) MediaType() map[string]string {
	ext := strings.TrimPrefix(path.Ext(r.Name), ".")
	return map[string]string{"SubType": ext, "Type": ext}
}

type resourcesNS struct{ e *funcEnv }

// Get reads a file below assets/, or returns nil when there is none.
func (rn resourcesNS) Get(name any) *resource {
	rel := path.Join("assets", path.Clean("/"+toString(name)))
	b, err := sitefile.Read(rn.e.set.s.Config.Root, rel)
	if err != nil {
		return nil
	}
	return &resource{set: rn.e.set, Name: toString(name), data: b}
}

// GetMatch is Get for a literal name.
func (rn resourcesNS) GetMatch(name any) *resource { return rn.Get(name) }

// GetRemote reaches the network, which templates may not: nil, and a
// warning.
func (rn resourcesNS) GetRemote(args ...any) *resource {
	if rn.e.warn != nil {
		rn.e.warn("resources.GetRemote reaches the network and returns nothing here")
	}
	return nil
}

// Minify, Fingerprint and ToCSS return the resource as it is.
func (resourcesNS) Minify(r *resource) *resource      { return r }
func (resourcesNS) Fingerprint(r ...any) any          { return r[len(r)-1] }
func (resourcesNS) ToCSS(r ...any) any                { return r[len(r)-1] }
func (resourcesNS) ExecuteAsTemplate(a ...any) any    { return nil }
func (resourcesNS) Concat(a ...any) any               { return nil }
func (resourcesNS) FromString(n, s any) template.HTML { return template.HTML("") }
