package render

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/sitefile"
	yaml "go.yaml.in/yaml/v3"
)

// Strings are the theme's words in one language: the theme's
// i18n/CODE.yaml laid over its i18n/en.yaml, and the site's own
// i18n/CODE.yaml over both. A key no table has shows as itself, so a
// missing word is visible rather than blank.
type Strings struct {
	Lang  string
	words map[string]string
}

// loadStrings builds a language's table from the theme's files and the
// site's i18n folder.
func loadStrings(files map[string][]byte, root, lang string) (*Strings, error) {
	s := &Strings{Lang: lang, words: map[string]string{}}
	layer := func(name string, data []byte) error {
		var m map[string]string
		if err := yaml.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		for k, v := range m {
			s.words[k] = v
		}
		return nil
	}
	for _, code := range []string{"en", lang} {
		if data, ok := files["i18n/"+code+".yaml"]; ok {
			if err := layer("i18n/"+code+".yaml", data); err != nil {
				return nil, err
			}
		}
		if root == "" {
			continue
		}
		p := "i18n/" + code + ".yaml"
		data, err := sitefile.Read(root, p)
		switch {
		case err == nil:
			if err := layer(p, data); err != nil {
				return nil, err
			}
		case errors.Is(err, sitefile.ErrLink) || errors.Is(err, sitefile.ErrNotRegular):
			return nil, err
		}
		if code == lang {
			break
		}
	}
	return s, nil
}

// T is a word of the table with {0}, {1}… filled in.
func (s *Strings) T(key string, args ...any) string {
	w, ok := s.words[key]
	if !ok {
		w = key
	}
	for i, a := range args {
		w = strings.ReplaceAll(w, "{"+strconv.Itoa(i)+"}", fmt.Sprint(a))
	}
	return w
}

// Has reports whether the table has a word for key.
func (s *Strings) Has(key string) bool { _, ok := s.words[key]; return ok }

// Date shows a YYYY-MM-DD date the language's way: "5 January 2026",
// "5. Januar 2026", "2026年1月5日".
func (s *Strings) Date(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return strings.NewReplacer("{d}", strconv.Itoa(t.Day()), "{m}", strconv.Itoa(int(t.Month())),
		"{month}", s.T("month_"+strconv.Itoa(int(t.Month()))), "{y}", strconv.Itoa(t.Year())).Replace(s.T("date_format"))
}
