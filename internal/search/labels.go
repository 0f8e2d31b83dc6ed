package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Labels name the values of the filters and facets for readers: a
// version's label ("FY2026"), a program's title ("Reseller Program"), a
// kind in words ("Benefit"), "Portal". Ids stay the values; the labels go
// beside them into the static index's meta file and into labels.json
// beside the bleve indexes, so every way of searching shows the same words.
type Labels map[string]string

// LabelsOf collects the labels of a site. A program renamed this year is
// shown by its latest title.
func LabelsOf(s *site.Site) Labels {
	l := Labels{}
	// In the site's words: a German portal's filters say "Leistung".
	word := func(key, fallback string) string {
		if s.Words != nil && s.Words.Has(key) {
			return s.Words.T(key)
		}
		return fallback
	}
	if s.Portal != nil {
		l["portal"] = word("portal", "Portal")
	}
	vs := append([]*site.Version{}, s.Versions...)
	// Oldest first, so the latest version's titles win.
	for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 {
		vs[i], vs[j] = vs[j], vs[i]
	}
	if s.Latest != nil {
		for i, v := range vs {
			if v == s.Latest {
				vs = append(append(vs[:i:i], vs[i+1:]...), v)
				break
			}
		}
	}
	for _, v := range append(vs, s.Portal) {
		if v == nil {
			continue
		}
		if v.Name != "" && v.Label != "" {
			l[v.Name] = v.Label
		}
		for _, p := range v.Pages {
			if p.Kind == "program" {
				l[p.ID] = p.Title
			}
			if _, ok := l["kind:"+p.Kind]; !ok {
				l["kind:"+p.Kind] = word("kind_"+p.Kind, kindWord(p.Kind))
			}
		}
	}
	return l
}

// Label is the label of a facet value of field (kind, program, version),
// or the value itself.
func (l Labels) Label(field, value string) string {
	key := value
	if field == "kind" {
		key = "kind:" + value
	}
	if s, ok := l[key]; ok {
		return s
	}
	return value
}

func kindWord(k string) string {
	if k == "" {
		return k
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

// labelsFile is where the labels of an audience's bleve indexes are.
func labelsFile(dir string) string { return filepath.Join(dir, "labels.json") }

// WriteLabels stores the labels beside the bleve indexes in dir.
func WriteLabels(dir string, l Labels) error {
	b, _ := json.Marshal(l)
	if old, err := os.ReadFile(labelsFile(dir)); err == nil && string(old) == string(b) {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(labelsFile(dir), b, 0o644)
}

func readLabels(dir string) Labels {
	l := Labels{}
	if b, err := os.ReadFile(labelsFile(dir)); err == nil {
		_ = json.Unmarshal(b, &l)
	}
	return l
}
