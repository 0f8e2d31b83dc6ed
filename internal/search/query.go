package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is a search request.
type Query struct {
	Q        string   `json:"q"`
	Versions []string `json:"versions,omitempty"` // index names; empty means every index given
	Kind     string   `json:"kind,omitempty"`
	Program  string   `json:"program,omitempty"`
	Limit    int      `json:"limit,omitempty"`
	// Facets asks for counts by kind, program and version. They cost a
	// pass over every match (10 ms at 10,000 pages), so only callers that
	// show them ask.
	Facets bool `json:"facets,omitempty"`
}

// Hit is one result.
type Hit struct {
	Title   string  `json:"title"`
	URL     string  `json:"url"`
	Kind    string  `json:"kind"`
	Version string  `json:"version"`
	Snippet string  `json:"snippet"` // HTML: escaped text with <mark> around matches
	Score   float64 `json:"score"`
	// Also are the copies of the same page in other program years that
	// matched too, folded under this one (the newest copy).
	Also []Also `json:"also,omitempty"`

	fold string // the stored fold address of a renamed page (Doc.Fold)
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
	Fuzzy  bool               `json:"fuzzy"` // no exact match; typo-tolerant results
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
}

// Open opens the named indexes found in dir (name.bleve), with the
// labels the build wrote beside them.
func Open(dir string, names []string) (*Searcher, error) {
	s := &Searcher{indexes: map[string]bleve.Index{}, labels: readLabels(dir)}
	for _, n := range names {
		idx, err := bleve.OpenUsing(dir+"/"+n+".bleve", openConfig())
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

// textQuery matches q in every text field with its boost. MatchQuery
// analyses q like the documents, so query syntax characters are plain
// text here, and fuzziness applies to the stems (a FuzzyQuery would not be
// analysed, and "certifcate" would find nothing).
func textQuery(q string, fuzzy bool) query.Query {
	var qs []query.Query
	for _, f := range TextFields {
		m := bleve.NewMatchQuery(q)
		m.SetField(f)
		m.SetBoost(Boosts[f])
		if fuzzy {
			m.SetFuzziness(1)
		}
		qs = append(qs, m)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// Search runs a query: exact matches first; only when there are none, the
// same query with one-letter typo tolerance.
func (s *Searcher) Search(q Query) (*Results, error) {
	return s.SearchContext(context.Background(), q)
}

// SearchContext is Search, stopped when ctx is done.
func (s *Searcher) SearchContext(ctx context.Context, q Query) (*Results, error) {
	q.Q = clean(q.Q)
	if q.Limit <= 0 {
		q.Limit = 10
	}
	if q.Limit > MaxLimit {
		q.Limit = MaxLimit
	}
	res := &Results{Query: q.Q, Hits: []Hit{}, Facets: map[string][]Facet{"kind": {}, "program": {}, "version": {}}}
	if q.Q == "" {
		return res, nil
	}
	var idxs []bleve.Index
	names := q.Versions
	if len(names) == 0 {
		names = s.order
	}
	for _, n := range names {
		idx, ok := s.indexes[n]
		if !ok {
			return nil, fmt.Errorf("no search index for version %q", n)
		}
		idxs = append(idxs, idx)
	}
	alias := bleve.NewIndexAlias(idxs...)
	for _, fuzzy := range []bool{false, true} {
		must := []query.Query{textQuery(q.Q, fuzzy)}
		if q.Kind != "" {
			t := bleve.NewTermQuery(q.Kind)
			t.SetField("kind")
			must = append(must, t)
		}
		if q.Program != "" {
			t := bleve.NewTermQuery(q.Program)
			t.SetField("program")
			must = append(must, t)
		}
		// More than the limit when several years are searched: their
		// copies of a page fold into one hit.
		size := q.Limit * len(idxs)
		if size > MaxLimit*4 {
			size = MaxLimit * 4
		}
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), size, 0, false)
		req.Fields = []string{"title", "url", "kind", "version", "description", "fold"}
		// Equal scores are ordered by id, not by where documents happen to
		// sit in the index (which batching and merging decide).
		req.SortBy([]string{"-_score", "_id"})
		// The snippet comes from the description (the page's summary or
		// first paragraph): highlighting whole bodies doubled query time.
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField("description")
		if q.Facets {
			for _, f := range []string{"kind", "program", "version"} {
				req.AddFacet(f, bleve.NewFacetRequest(f, 20))
			}
		}
		sr, err := alias.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		if sr.Total == 0 && !fuzzy {
			continue
		}
		res.Total, res.Fuzzy = sr.Total, fuzzy
		for _, h := range sr.Hits {
			hit := Hit{Score: h.Score}
			hit.Title, _ = h.Fields["title"].(string)
			hit.URL, _ = h.Fields["url"].(string)
			hit.Kind, _ = h.Fields["kind"].(string)
			hit.Version, _ = h.Fields["version"].(string)
			hit.fold, _ = h.Fields["fold"].(string)
			if frags := h.Fragments["description"]; len(frags) > 0 {
				hit.Snippet = frags[0]
			} else if d, _ := h.Fields["description"].(string); d != "" {
				hit.Snippet = htmlEscape(d)
			}
			res.Hits = append(res.Hits, hit)
		}
		res.Hits = Fold(res.Hits, s.order)
		if len(res.Hits) > q.Limit {
			res.Hits = res.Hits[:q.Limit]
		}
		for name, f := range sr.Facets {
			fs := []Facet{}
			for _, t := range f.Terms.Terms() {
				fs = append(fs, Facet{Value: t.Term, Label: s.labels.Label(name, t.Term), Count: t.Count})
			}
			sort.Slice(fs, func(i, j int) bool {
				if fs[i].Count != fs[j].Count {
					return fs[i].Count > fs[j].Count
				}
				return fs[i].Value < fs[j].Value
			})
			res.Facets[name] = fs
		}
		break
	}
	return res, nil
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
