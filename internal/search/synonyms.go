package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
)

// Synonyms are groups of index terms a search treats as one: a query
// word finds the pages that say any word of its group ("how long is a
// registration valid" finds "a registration lasts 90 days"), at
// synonymWeight of what its own word gives. Every engine (the command
// line, the server and the static client) uses the same groups: they go
// into the static index's meta file and beside the bleve indexes.
type Synonyms [][]string

// synonymWeight is what a page gets for a synonym of a query word rather
// than the word itself: a little less, so a page in the reader's own
// words ranks first.
const synonymWeight = 0.9

// builtinSynonyms are the words partner-program readers use for one
// thing, by language. Only single words: a phrase would need the index
// to know word order.
var builtinSynonyms = map[string][][]string{
	"en": {
		{"valid", "validity", "lasts", "expires", "expiry", "expire"},
		{"join", "become", "enrol", "enroll", "onboarding", "signup", "start"},
		{"apply", "application"},
		{"discount", "margin"},
		{"end", "cancel", "terminate", "termination", "leave"},
		{"claim", "reimburse", "reimbursement", "refund"},
		{"webinar", "event", "workshop"},
		{"requirements", "criteria", "qualify"},
		{"demo", "sandbox"},
		{"exam", "test"},
	},
	"de": {
		{"gültig", "gültigkeit", "gilt", "läuft", "abläuft"},
		{"beitreten", "werden", "bewerben", "anmelden", "einstieg"},
		{"rabatt", "marge", "nachlass"},
		{"kündigen", "kündigung", "beenden"},
		{"voraussetzungen", "anforderungen", "kriterien"},
	},
}

// SynonymsFor are the groups for a language, the built-in ones and the
// site's own (extra), as the language's analysis makes terms of them. A
// word that is a stop word, or a group left with one term, drops out.
func SynonymsFor(lang string, extra [][]string) Synonyms {
	var out Synonyms
	for _, g := range append(append([][]string{}, builtinSynonyms[langKey(lang)]...), extra...) {
		seen := map[string]bool{}
		var terms []string
		for _, w := range g {
			eachIn(lang, w, nil, func(t, _ string, _ int) {
				if !seen[t] {
					seen[t] = true
					terms = append(terms, t)
				}
			})
		}
		if len(terms) > 1 {
			sort.Strings(terms)
			out = append(out, terms)
		}
	}
	return out
}

// of lists the terms that share a group with term, sorted, itself not
// included.
func (s Synonyms) of(term string) []string {
	seen := map[string]bool{term: true}
	var out []string
	for _, g := range s {
		in := false
		for _, t := range g {
			if t == term {
				in = true
			}
		}
		if !in {
			continue
		}
		for _, t := range g {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

func synonymsFile(dir string) string { return filepath.Join(dir, "synonyms.json") }

// WriteSynonyms keeps the groups beside an audience's bleve indexes, for
// the searches that open them.
func WriteSynonyms(dir string, s Synonyms) error {
	if s == nil {
		s = Synonyms{}
	}
	b, _ := json.Marshal(s)
	if old, err := os.ReadFile(synonymsFile(dir)); err == nil && string(old) == string(b) {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(synonymsFile(dir), b, 0o644)
}

func readSynonyms(dir string) Synonyms {
	var s Synonyms
	if b, err := os.ReadFile(synonymsFile(dir)); err == nil {
		_ = json.Unmarshal(b, &s)
	}
	return s
}
