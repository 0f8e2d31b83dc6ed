// Package words is the one table of words the portal prints: the theme's
// headings and labels, the matrices, the program guide, what changed,
// the report, the self-check and the digest all take theirs from it, so
// a page in German is German throughout and a site can change any word.
//
// A language's table is built in layers, later ones winning:
//
//	the default theme's i18n/en.yaml, the site theme's i18n/en.yaml, the site's i18n/en.yaml,
//	then the same three files for the language itself.
//
// A key no layer has shows as itself, so a missing word is visible rather
// than blank.
package words

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/sitefile"
	"github.com/partnerdocs/partnerdocs/themes"
	yaml "go.yaml.in/yaml/v3"
)

// Table is the portal's words in one language.
type Table struct {
	// Lang is the language's code as the site's config gives it ("de",
	// "pt-BR"); numbers and dates follow it.
	Lang string
	m    map[string]string
	// json holds JSON's answers by prefix: every page's layout asks for
	// the same words, and the table does not change once loaded.
	json sync.Map
}

// Load builds lang's table from the default theme, the site's theme
// (themes/THEME/i18n, when theme is neither "" nor "default") and the
// site's own i18n folder under root ("" for none).
func Load(root, theme, lang string) (*Table, error) {
	if lang == "" {
		lang = "en"
	}
	t := &Table{Lang: lang, m: map[string]string{}}
	codes := []string{"en"}
	if base := Base(lang); base != "en" {
		codes = append(codes, base)
		if lang != base {
			codes = append(codes, lang)
		}
	}
	for _, code := range codes {
		name := "i18n/" + code + ".yaml"
		if b, err := fs.ReadFile(themes.Default, "default/"+name); err == nil {
			if err := t.layer(name, b); err != nil {
				return nil, err
			}
		}
		if root == "" {
			continue
		}
		var files []string
		if theme != "" && theme != "default" {
			files = append(files, path.Join("themes", theme, name))
		}
		for _, p := range append(files, name) {
			b, err := sitefile.Read(root, p)
			switch {
			case err == nil:
				if err := t.layer(p, b); err != nil {
					return nil, err
				}
			case errors.Is(err, sitefile.ErrLink) || errors.Is(err, sitefile.ErrNotRegular):
				return nil, err
			}
		}
	}
	return t, nil
}

// Default is lang's table from the default theme alone, for output made
// without a site (tests, and tools that print a model outside a build).
func Default(lang string) *Table {
	t, err := Load("", "", lang)
	if err != nil {
		// The default theme's tables are embedded and tested; a broken
		// one is a defect of the binary, not of anyone's site.
		panic(err)
	}
	return t
}

// layer lays a file's words over the table. Besides partnerdocs' flat
// "key: word" form it reads the two forms Hugo sites keep their words in
// ("key: {other: word}" and a list of "id:"/"translation:"), so a site
// moved from Hugo keeps its i18n folder as it is.
func (t *Table) layer(name string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	bad := func(n *yaml.Node, what string) error {
		return fmt.Errorf("%s:%d:%d: %s", name, n.Line, n.Column, what)
	}
	switch root.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			switch v.Kind {
			case yaml.ScalarNode:
				t.m[k.Value] = v.Value
			case yaml.MappingNode:
				w, ok := field(v, "other")
				if !ok {
					return bad(v, fmt.Sprintf("%q: want a word, or a map with \"other\"", k.Value))
				}
				t.m[k.Value] = w
			default:
				return bad(v, fmt.Sprintf("%q: want a word", k.Value))
			}
		}
	case yaml.SequenceNode:
		for _, e := range root.Content {
			id, ok1 := field(e, "id")
			w, ok2 := field(e, "translation")
			if !ok1 || !ok2 {
				return bad(e, "want entries with \"id\" and \"translation\"")
			}
			t.m[id] = w
		}
	default:
		return bad(root, "want a map of keys to words")
	}
	return nil
}

// field is a mapping's scalar value for key; a Hugo translation's value
// may itself be a map of plural forms, of which "other" is taken.
func field(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.MappingNode {
		return "", false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != key {
			continue
		}
		v := n.Content[i+1]
		if v.Kind == yaml.ScalarNode {
			return v.Value, true
		}
		return field(v, "other")
	}
	return "", false
}

// T is the word for key with {0}, {1}… filled in from args.
func (t *Table) T(key string, args ...any) string {
	w, ok := t.m[key]
	if !ok {
		w = key
	}
	for i, a := range args {
		w = strings.ReplaceAll(w, "{"+strconv.Itoa(i)+"}", fmt.Sprint(a))
	}
	return w
}

// Has reports whether the table has a word for key.
func (t *Table) Has(key string) bool { _, ok := t.m[key]; return ok }

// Keys are the table's keys, sorted.
func (t *Table) Keys() []string {
	out := make([]string, 0, len(t.m))
	for k := range t.m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Digest changes whenever a word of the table does, for caches of
// drawn pages.
func (t *Table) Digest() string {
	h := sha256.New()
	h.Write([]byte(t.Lang))
	for _, k := range t.Keys() {
		fmt.Fprintf(h, "\x00%s\x00%s", k, t.m[k])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// JSON is the words whose keys start with prefix, as a JSON object, for
// the scripts the theme ships (they print words too).
func (t *Table) JSON(prefix string) string {
	if s, ok := t.json.Load(prefix); ok {
		return s.(string)
	}
	m := map[string]string{}
	for k, v := range t.m {
		if strings.HasPrefix(k, prefix) {
			m[k] = v
		}
	}
	b, _ := json.Marshal(m)
	t.json.Store(prefix, string(b))
	return string(b)
}

// Date shows a YYYY-MM-DD date the language's way: "5 January 2026",
// "5. Januar 2026", "2026年1月5日".
func (t *Table) Date(d string) string {
	tm, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return strings.NewReplacer("{d}", strconv.Itoa(tm.Day()), "{m}", strconv.Itoa(int(tm.Month())),
		"{month}", t.T("month_"+strconv.Itoa(int(tm.Month()))), "{y}", strconv.Itoa(tm.Year())).Replace(t.T("date_format"))
}

// Base is a language code without its region: "pt" for "pt-BR".
func Base(lang string) string { b, _, _ := strings.Cut(lang, "-"); return strings.ToLower(b) }
