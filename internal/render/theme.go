package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/sitefile"
	"github.com/partnerdocs/partnerdocs/internal/words"
	"github.com/partnerdocs/partnerdocs/themes"
)

// Theme is a parsed theme: the embedded default with a site theme's files
// laid over it one by one.
type Theme struct {
	layouts map[string]*template.Template // page, home, 404
	// redirect stands alone, outside baseof.html: a page that only
	// forwards the reader has no header, menu or stylesheet to load.
	redirect *template.Template
	Static   map[string][]byte // output path -> bytes
	Hash     string            // of every file, for the render cache
	// own is true when the site's theme has layouts of its own: they may
	// read any page (.Page.Section.Pages), so the preview's page cache
	// keys every page with the whole site.
	own bool
	// w are the build's words, which its templates print with T.
	w *words.Table
}

// layoutNames are the layouts every theme has.
var layoutNames = []string{"page.html", "home.html", "404.html"}

// LoadTheme reads the default theme and, when name is not "default", the
// files of root/themes/name that override it; its templates print the
// words of w.
func LoadTheme(root, name, basePath string, w *words.Table) (t *Theme, err error) {
	files := map[string][]byte{}
	ownLayouts := false
	def, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return nil, err
	}
	if err := readAll(def, files); err != nil {
		return nil, err
	}
	if name != "" && name != "default" {
		// A site's theme is content: read without following links out of
		// the site (a link in static/ would publish what it points at).
		dir := path.Join("themes", name)
		list, refused := sitefile.Walk(root, dir)
		if len(refused) > 0 {
			return nil, fmt.Errorf("theme %s: %w", name, refused[0].Err)
		}
		for _, f := range list {
			b, err := sitefile.Read(root, path.Join(dir, f))
			if err != nil {
				return nil, fmt.Errorf("theme %s: %w", name, err)
			}
			files[f] = b
			if strings.HasPrefix(f, "layouts/") {
				ownLayouts = true
			}
		}
	}
	t = &Theme{layouts: map[string]*template.Template{}, Static: map[string][]byte{}, own: ownLayouts}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(files[n])
	}
	// A site's own i18n changes what pages say as much as a template.
	h.Write([]byte(w.Digest()))
	t.Hash = hex.EncodeToString(h.Sum(nil))
	key := t.Hash + "\x00" + basePath
	if kept := parsedThemes.get(key); kept != nil {
		return kept, nil
	}
	defer func() {
		if err == nil {
			parsedThemes.put(key, t)
		}
	}()
	t.w = w
	funcs := templateFuncs(basePath, w)
	var partials []string
	for p := range files {
		if strings.HasPrefix(p, "layouts/partials/") && strings.HasSuffix(p, ".html") {
			partials = append(partials, p)
		}
		if strings.HasPrefix(p, "static/") {
			t.Static[strings.TrimPrefix(p, "static/")] = files[p]
		}
	}
	sort.Strings(partials)
	for _, l := range layoutNames {
		tpl := template.New("partnerdocs-layout").Funcs(funcs)
		for _, f := range append(append([]string{"layouts/baseof.html"}, partials...), "layouts/"+l) {
			src, ok := files[f]
			if !ok {
				return nil, fmt.Errorf("theme %s: missing %s", name, f)
			}
			if _, err := tpl.New(path.Base(f)).Parse(string(src)); err != nil {
				return nil, fmt.Errorf("theme %s: %w", name, err)
			}
		}
		t.layouts[l] = tpl
	}
	src, ok := files["layouts/redirect.html"]
	if !ok {
		return nil, fmt.Errorf("theme %s: missing layouts/redirect.html", name)
	}
	if t.redirect, err = template.New("redirect.html").Funcs(funcs).Parse(string(src)); err != nil {
		return nil, fmt.Errorf("theme %s: %w", name, err)
	}
	return t, nil
}

// Redirect is what layouts/redirect.html sees: a page that forwards the
// reader to Target at once.
type Redirect struct {
	Language  string
	Title     string // the target page's title
	Canonical string // the target's absolute URL
	Target    string // the target's path from the site root
	Lead      string // the sentence before the link
}

// ExecuteRedirect renders layouts/redirect.html.
func (t *Theme) ExecuteRedirect(r *Redirect) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(512)
	if err := t.redirect.Execute(&buf, r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func readAll(fsys fs.FS, into map[string][]byte) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		into[p] = b
		return nil
	})
}

// Execute renders a layout with data.
func (t *Theme) Execute(layout string, data any) ([]byte, error) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 {
			buf.Reset()
			pageBuffers.Put(buf)
		}
	}()
	if err := t.layouts[layout].ExecuteTemplate(buf, "baseof.html", data); err != nil {
		return nil, err
	}
	// An exact copy of a reused buffer: growing a new buffer for every
	// page was the largest source of garbage in a build.
	return bytes.Clone(buf.Bytes()), nil
}

var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 32<<10)) }}

// Partial renders one partial template with data.
func (t *Theme) Partial(name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := t.layouts["page.html"].ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Draw implements site.Drawer: it runs the part's partial with its data.
func (t *Theme) Draw(p site.Part) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.layouts["page.html"].ExecuteTemplate(&buf, p.Partial, p.Data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Key implements site.Drawer: the theme's hash.
func (t *Theme) Key() string { return t.Hash }

// Words are the words the theme's templates print.
func (t *Theme) Words() *words.Table { return t.w }

// kindLabels name the kinds a reader can tell apart by a label. Plain
// pages and sections say nothing: "Page" above a page's title tells a
// reader nothing.
var kindLabels = map[string]string{
	"guide": "Guide", "playbook": "Playbook", "terms": "Terms", "program": "Program",
	"tier": "Tier", "benefit": "Benefit", "certification": "Certification", "announcement": "Announcement",
	"glossary": "Glossary", "path": "Path", "event": "Event", "version": "Program year", "program-guide": "Program guide",
}

func templateFuncs(basePath string, w *words.Table) template.FuncMap {
	return template.FuncMap{
		"url": func(rel string) string {
			if strings.Contains(rel, "://") {
				return rel
			}
			return basePath + strings.TrimPrefix(rel, "/")
		},
		"date": w.Date,
		"kindLabel": func(k string) string {
			if kindLabels[k] == "" {
				return ""
			}
			return w.T("kind_" + k)
		},
		"T": w.T,
		// word is the table's word for key, or fallback when it has none:
		// the names of ids a site may extend (a program type, an entry).
		"word": func(key, fallback string) string {
			if w.Has(key) {
				return w.T(key)
			}
			return fallback
		},
		// wordsJSON gives the scripts their words: the keys with a prefix.
		"wordsJSON": w.JSON,
		"join":      strings.Join,
		"last":      func(list []Crumb) int { return len(list) - 1 },
	}
}

// FormatDate shows a YYYY-MM-DD date as "5 January 2026".
func FormatDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// parsedThemes are the themes parsed last, by what they were made from
// (every file, the words, the base path): a theme is never changed once
// made, and the preview loads its theme for every rebuild of every
// language, where parsing each layout with every partial was a good part
// of a rebuild that renders few pages.
var parsedThemes = &themeCache{}

type themeCache struct {
	mu    sync.Mutex
	keys  []string // oldest first
	byKey map[string]*Theme
}

// maxThemes bounds the cache: a site and its languages, and tests that
// load many themes.
const maxThemes = 8

func (c *themeCache) get(key string) *Theme {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byKey[key]
}

func (c *themeCache) put(key string, t *Theme) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = map[string]*Theme{}
	}
	if _, ok := c.byKey[key]; ok {
		return
	}
	if len(c.keys) == maxThemes {
		delete(c.byKey, c.keys[0])
		c.keys = c.keys[1:]
	}
	c.keys = append(c.keys, key)
	c.byKey[key] = t
}
