package search

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
)

// Query is a search request.
type Query struct {
	Q        string   `json:"q"`
	Versions []string `json:"versions,omitempty"` // index names; empty means every index given
	Kind     string   `json:"kind,omitempty"`
	Program  string   `json:"program,omitempty"`
	Limit    int      `json:"limit,omitempty"`
	// Facets asks for counts by kind, program and version. They cost a
	// pass over every match, so only callers that show them ask.
	Facets bool `json:"facets,omitempty"`
}

// Hit is one result.
type Hit struct {
	Title   string `json:"title"`
	URL     string `json:"url"`
	Kind    string `json:"kind"`
	Version string `json:"version"`
	// Section is the title of the section the hit lands on (URL ends in
	// its #anchor); "" for a hit on the page as a whole. Title is the
	// page's.
	Section string  `json:"section,omitempty"`
	Snippet string  `json:"snippet"` // HTML: escaped text with <mark> around matches
	Score   float64 `json:"score"`
	// Also are the copies of the same page in other program years that
	// matched too, folded under this one (the newest copy).
	Also []Also `json:"also,omitempty"`

	fold string // the stored fold address of a renamed page (Doc.Fold)
	ref  ref
}

// Also is another year's copy of a hit's page.
type Also struct {
	Version string `json:"version"`
	URL     string `json:"url"`
}

// Facet counts values of a filter field among all matches; Label is the
// value in words (a program's title, a version's label).
type Facet struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Results is the answer to a query.
type Results struct {
	Query  string             `json:"query"`
	Total  uint64             `json:"total"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets"`
	// Corrected is the query as searched when the typo rule replaced a
	// word of it ("" when none was); Fuzzy says the same.
	Corrected string `json:"corrected,omitempty"`
	Fuzzy     bool   `json:"fuzzy"`
}

// InFolder puts every hit's address under folder ("de/"): an index of
// another language stores its pages' addresses without their language's
// folder, which the site puts them under.
func (r *Results) InFolder(folder string) {
	if folder == "" {
		return
	}
	for i := range r.Hits {
		r.Hits[i].URL = folder + r.Hits[i].URL
		for j := range r.Hits[i].Also {
			r.Hits[i].Also[j].URL = folder + r.Hits[i].Also[j].URL
		}
	}
}

// MaxQuery bounds what a query may contain: a pasted page is cut, not
// scanned term by term.
const (
	MaxQueryRunes = 256
	MaxLimit      = 100
)

// Searcher answers queries from open indexes.
type Searcher struct {
	indexes map[string]bleve.Index
	order   []string
	labels  Labels
	syn     Synonyms
	dir     string
	lang    string // the indexes' analysis (langKey)
	corpus  Corpus // summed over the indexes
	words   func() []Word
}

// Open opens the named indexes found in dir (name.bleve), with the
// labels the build wrote beside them.
func Open(dir string, names []string) (*Searcher, error) {
	s := &Searcher{indexes: map[string]bleve.Index{}, labels: readLabels(dir), syn: readSynonyms(dir), dir: dir}
	s.words = sync.OnceValue(func() []Word { return readWords(dir) })
	for _, n := range names {
		var man manifest
		if b, err := os.ReadFile(dir + "/" + n + ".bleve.json"); err == nil && json.Unmarshal(b, &man) == nil {
			s.corpus.N += man.Corpus.N
			for f := range s.corpus.Lens {
				s.corpus.Lens[f] += man.Corpus.Lens[f]
			}
			switch man.Lang {
			case "de":
				s.lang = "de"
			case "cjk":
				s.lang = "ja"
			}
		}
		idx, err := bleve.OpenUsing(dir+"/"+n+".bleve", readConfig())
		if err != nil {
			s.Close()
			if isTimeout(err) {
				return nil, ErrIndexBusy
			}
			return nil, fmt.Errorf("search index %s: %w", n, err)
		}
		s.indexes[n] = idx
		s.order = append(s.order, n)
	}
	return s, nil
}

// Close closes the indexes.
func (s *Searcher) Close() {
	for _, idx := range s.indexes {
		idx.Close()
	}
}

func clean(q string) string {
	q = strings.TrimSpace(strings.ToValidUTF8(q, ""))
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		q = string([]rune(q)[:MaxQueryRunes])
	}
	return q
}

// Search runs a query (see Searcher.SearchContext).
func (s *Searcher) Search(q Query) (*Results, error) {
	return s.SearchContext(context.Background(), q)
}

// SearchContext runs a query the way the static client does, on the
// bleve indexes' postings: each word's term (or, for the last word, the
// terms it begins, at 0.8; or, for a word that is no term, the
// dictionary word the typo rule puts in its place) scores each document
// by Corpus.Score over every index of the language, each term keeps its
// best MaxPostings documents, a document's score is the sum of its
// words' best scores times the share of the words it has, and equal
// scores go in version order, then id order. Results land on the
// section most of the words point to.
func (s *Searcher) SearchContext(ctx context.Context, q Query) (*Results, error) {
	q.Q = clean(q.Q)
	if q.Limit <= 0 {
		q.Limit = 10
	}
	if q.Limit > MaxLimit {
		q.Limit = MaxLimit
	}
	res := &Results{Query: q.Q, Hits: []Hit{}, Facets: map[string][]Facet{"kind": {}, "program": {}, "version": {}}}
	want := map[int]bool{}
	names := q.Versions
	if len(names) == 0 {
		names = s.order
	}
	for _, n := range names {
		ix := slices.Index(s.order, n)
		if ix < 0 {
			return nil, fmt.Errorf("no search index for version %q", n)
		}
		want[ix] = true
	}
	// "title:mdf" is two words, not field syntax (which is not
	// supported): Unicode would join them at the colon.
	words := queryWords(s.lang, strings.ReplaceAll(q.Q, ":", " "))
	if len(words) == 0 {
		return res, nil
	}
	e, err := s.newEngine(ctx)
	if err != nil {
		return nil, err
	}
	defer e.close()
	return e.run(q, words, want, res)
}

// Fold puts the copies of one page in several program years together,
// in score order: a page's group stands where its best copy ranked, shows
// its newest copy (versions lists the index names newest first), and
// lists the others under Also. Copies are the same address within their
// year (fy2025/terms/mdf/ and fy2026/terms/mdf/). The static client folds
// by the same rule.
func Fold(hits []Hit, versions []string) []Hit {
	rank := map[string]int{}
	for i, v := range versions {
		rank[v] = i
	}
	newer := func(a, b string) bool {
		ra, oka := rank[a]
		rb, okb := rank[b]
		return oka && (!okb || ra < rb)
	}
	out := make([]Hit, 0, len(hits))
	at := map[string]int{}
	for _, h := range hits {
		k := foldKey(h)
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, h)
			continue
		}
		g := &out[i]
		if newer(h.Version, g.Version) {
			also := append(g.Also, Also{Version: g.Version, URL: g.URL})
			*g, g.Also = h, also
			continue
		}
		g.Also = append(g.Also, Also{Version: h.Version, URL: h.URL})
	}
	for i := range out {
		sort.SliceStable(out[i].Also, func(a, b int) bool { return newer(out[i].Also[a].Version, out[i].Also[b].Version) })
	}
	return out
}

// foldKey is a hit's address within its year.
func foldKey(h Hit) string {
	if h.fold != "" {
		return h.fold
	}
	if h.Version == "portal" || h.Version == "" {
		return "portal:" + h.URL
	}
	return strings.TrimPrefix(h.URL, h.Version+"/")
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}
