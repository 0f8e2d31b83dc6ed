package content

import (
	"fmt"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
)

// A translation is a file beside its source with a language code before
// ".md" (terms/mdf.de.md translates terms/mdf.md; _index.de.md a folder's
// page), as Hugo names them. It is published in its language in place of
// its source; everything but the display fields comes from the source, so
// a translated matrix can never show a different value, id or link.

// translatable are the front-matter keys a translation may change: what
// a reader reads, never what the model computes with.
var translatable = map[string]bool{"title": true, "description": true, "group": true, "owner": true, "review_by": true, "draft": true, "entries": true}

// langSuffixRe is what looks like a language code before ".md": two or
// three letters, with an optional region or script ("pt-br").
var langSuffixRe = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[a-z0-9]{2,8})?)\.md$`)

// splitTranslations separates a tree's translations from its pages, on a
// site with several languages. A file whose code is not a configured
// language is reported and left out: published as a page of its own it
// would be an English page at an address no one meant.
func splitTranslations(cfg *config.Config, pages []*Page, bodies [][]byte, diags *diag.List) (orig []*Page, origBodies [][]byte, trs []*Page, trBodies [][]byte) {
	for i, p := range pages {
		if p == nil {
			continue
		}
		var m []string
		// A translation's name has two dots (name.CODE.md): the pattern
		// is tried on those only (matching every name showed in a large
		// preview rebuild's profile).
		if name := path.Base(p.Rel); cfg.Multilingual() && strings.Count(name, ".") >= 2 {
			m = langSuffixRe.FindStringSubmatch(name)
		}
		if m == nil {
			orig, origBodies = append(orig, p), append(origBodies, bodies[i])
			continue
		}
		if p.Lang != "" { // newPage read the code: a configured language
			trs, trBodies = append(trs, p), append(trBodies, bodies[i])
			continue
		}
		code := m[2]
		switch l := cfg.Lang(code); {
		case l == nil:
			diags.Warnf(p.Source, 1, 1, diag.RuleTranslationLanguage, "%q is not one of the site's languages (%s): %s is left out; rename it, or add the language to languages in config.yaml",
				code, strings.Join(cfg.LangCodes(), ", "), p.Source)
		default: // the default language's code
			diags.Warnf(p.Source, 1, 1, diag.RuleTranslationLanguage, "%q is the default language: its pages have no code (%s.md); %s is left out", code, m[1], p.Source)
		}
	}
	return orig, origBodies, trs, trBodies
}

// SourceRel is the Rel of the page a translation translates.
func SourceRel(tr *Page) string {
	m := langSuffixRe.FindStringSubmatch(path.Base(tr.Rel))
	if m == nil {
		return tr.Rel
	}
	return path.Join(path.Dir(tr.Rel), m[1]+".md")
}

// addTranslations attaches a tree's translations to their sources in v.
func (v *Version) addTranslations(trs []*Page, bodies [][]byte, store *Bodies, drafts bool, diags *diag.List) {
	hidden := map[string]bool{}
	for _, h := range v.Hidden {
		hidden[h.Rel] = true
	}
	for i, tr := range trs {
		if tr.Draft && !drafts {
			continue // a draft translation waits, as a draft page does
		}
		rel := SourceRel(tr)
		src := v.ByRel[rel]
		if src == nil {
			if !hidden[rel] {
				// Left out with its source otherwise: a partner-only page's
				// translation is never in a public build.
				diags.Warnf(tr.Source, 1, 1, diag.RuleTranslationOrphan, "%s translates %s, which does not exist; it is left out", tr.Source, path.Join(path.Dir(tr.Source), path.Base(rel)))
			}
			continue
		}
		t := Translate(src, tr, diags)
		if v.Translations == nil {
			v.Translations = map[string]map[string]*Page{}
		}
		if v.Translations[tr.Lang] == nil {
			v.Translations[tr.Lang] = map[string]*Page{}
		}
		v.Translations[tr.Lang][rel] = t
		store.add(t, bodies[i])
	}
}

// Translate is the page a translation publishes: its source with the
// translation's file, body and display fields. A key the translation
// writes that may not change and does change is a frontmatter-field
// error at the key, and the source's value stands.
func Translate(src, tr *Page, diags *diag.List) *Page {
	t := *src
	t.Lang, t.Source, t.SourceHash, t.BodyHash = tr.Lang, tr.Source, tr.SourceHash, tr.BodyHash
	t.BodyOffset, t.BodyLine, t.FMLine, t.keys, t.start = tr.BodyOffset, tr.BodyLine, tr.FMLine, tr.keys, tr.start
	for _, k := range tr.keys {
		switch {
		case translatable[k.name]:
		case k.name == "values" || k.name == "region_values" || k.name == "requirements" || k.name == "keep" || k.name == "steps":
			// Notes, footnotes and labels may be translated, values not.
			if sameModel(fieldOf(src, k.name), fieldOf(tr, k.name)) {
				setField(&t, tr, k.name)
				continue
			}
			diags.Errorf(tr.Source, k.raw.Line, k.raw.Column, diag.RuleFrontmatterField,
				"%s differs from %s beyond its notes and labels: a translation may translate notes, footnotes and labels, never values, units, ids or references", k.name, src.Source)
		default:
			a, b := fieldOf(src, k.name), fieldOf(tr, k.name)
			if a == nil || reflect.DeepEqual(a, b) {
				continue
			}
			diags.Errorf(tr.Source, k.raw.Line, k.raw.Column, diag.RuleFrontmatterField,
				"%s: %v in a translation, %v in %s; a translation may change only %s", k.name, show(b), show(a), src.Source, strings.Join(translatableKeys(), ", "))
		}
	}
	for _, k := range []string{"title", "description", "group", "owner", "review_by", "entries"} {
		if tr.Has(k) {
			setField(&t, tr, k)
		}
	}
	return &t
}

func translatableKeys() []string {
	var out []string
	for k := range translatable {
		out = append(out, k)
	}
	sort.Strings(out)
	return append(out, "and the notes, footnotes and labels of values and requirements")
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%v", v)
}

// fieldOf is the typed value of a front-matter key; nil for a key the
// page keeps as a parameter.
func fieldOf(p *Page, key string) any {
	switch key {
	case "id":
		return p.ID
	case "kind":
		return p.Kind
	case "weight":
		return p.Weight
	case "audience":
		return p.Audience
	case "regions":
		return p.Regions
	case "tags":
		return p.Tags
	case "aliases":
		return p.Aliases
	case "type":
		return p.Type
	case "program":
		return p.Program
	case "programs":
		return p.Programs
	case "min_tier":
		return p.MinTier
	case "rank":
		return p.Rank
	case "entry":
		return p.Entry
	case "terms":
		return p.Terms
	case "track":
		return p.Track
	case "level":
		return p.Level
	case "prerequisites":
		return p.Prerequisites
	case "duration_hours":
		return p.DurationHours
	case "validity_months":
		return p.ValidityMonths
	case "exam":
		return p.Exam
	case "badge":
		return p.Badge
	case "roles":
		return p.Roles
	case "version":
		return p.TermsVersion
	case "effective":
		return p.Effective
	case "supersedes":
		return p.Supersedes
	case "date":
		return p.Date
	case "expires":
		return p.Expires
	case "affects":
		return p.Affects
	case "requirements":
		return p.Requirements
	case "keep":
		return p.Keep
	case "values":
		return p.Values
	case "region_values":
		return p.RegionValues
	case "requires":
		return p.Requires
	case "starts":
		return p.Starts
	case "ends":
		return p.Ends
	case "steps":
		return p.Steps
	case "tier":
		return p.PathTier
	}
	return p.Params[key]
}

func setField(t, tr *Page, key string) {
	switch key {
	case "title":
		t.Title = tr.Title
	case "description":
		t.Description = tr.Description
	case "group":
		t.Group = tr.Group
	case "owner":
		t.Owner = tr.Owner
	case "review_by":
		t.ReviewBy = tr.ReviewBy
	case "values":
		t.Values, t.ValuesKey = tr.Values, tr.ValuesKey
	case "region_values":
		t.RegionValues = tr.RegionValues
	case "requirements":
		t.Requirements = tr.Requirements
	case "keep":
		t.Keep = tr.Keep
	case "steps":
		// Titles and stages are translated; each step keeps its source's
		// id, which a reader's progress is kept by.
		steps := make([]PathStep, len(tr.Steps))
		for i, st := range tr.Steps {
			if i < len(t.Steps) {
				st.ID = t.Steps[i].ID
			}
			steps[i] = st
		}
		t.Steps = steps
	case "entries":
		// A glossary's terms and definitions are words to translate.
		t.Entries = tr.Entries
	}
}

// sameModel compares two model keys' values but for what a translation
// may change (notes, footnotes, labels) and where they are written.
func sameModel(a, b any) bool {
	return reflect.DeepEqual(stripDisplay(reflect.ValueOf(a)), stripDisplay(reflect.ValueOf(b)))
}

// stripDisplay is a copy of a value without its display text and
// positions, as plain Go values (maps and slices) for DeepEqual.
func stripDisplay(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return stripDisplay(v.Elem())
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = stripDisplay(v.Index(i))
		}
		return out
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(Pos{}) {
			return nil
		}
		out := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			switch f.Name {
			case "Note", "Footnote", "Label", "KeyPos", "RefPos", "Title", "Stage", "Pos", "ID":
				continue
			}
			if f.IsExported() {
				out[f.Name] = stripDisplay(v.Field(i))
			}
		}
		return out
	}
	return v.Interface()
}

// ForLanguage is the site as a language publishes it: every page of the
// default language, each replaced by its translation where there is one
// (a page without one is published in the default language, so links and
// navigation never dead-end). The default language's code gives the site
// itself.
func (s *Site) ForLanguage(code string) *Site {
	if code == "" || code == s.Config.Language {
		return s
	}
	out := *s
	out.Lang = code
	out.Portal = s.Portal.forLanguage(code)
	out.Versions = make([]*Version, len(s.Versions))
	for i, v := range s.Versions {
		out.Versions[i] = v.forLanguage(code)
	}
	return &out
}

func (v *Version) forLanguage(code string) *Version {
	if v == nil {
		return nil
	}
	trs := v.Translations[code]
	out := *v
	out.Pages = make([]*Page, len(v.Pages))
	out.ByID = make(map[string]*Page, len(v.ByID))
	out.ByRel = make(map[string]*Page, len(v.ByRel))
	for i, p := range v.Pages {
		if t := trs[p.Rel]; t != nil {
			p = t
		}
		out.Pages[i] = p
		out.ByRel[p.Rel] = p
	}
	for id, p := range v.ByID {
		if t := trs[p.Rel]; t != nil {
			p = t
		}
		out.ByID[id] = p
	}
	return &out
}

// TranslatedInto lists the languages a page of v has a translation in,
// in the order of the configuration.
func (v *Version) TranslatedInto(rel string, langs []string) []string {
	var out []string
	for _, l := range langs {
		if v.Translations[l][rel] != nil {
			out = append(out, l)
		}
	}
	return out
}

// TranslationKey names which pages of the site have a translation in
// which language: pages name their translations (the language switcher,
// hreflang), so a cache of rendered pages keys them with it.
func (s *Site) TranslationKey() string {
	var lines []string
	for _, v := range s.All() {
		for code, rels := range v.Translations {
			for rel := range rels {
				lines = append(lines, v.Name+"|"+code+"|"+rel)
			}
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
