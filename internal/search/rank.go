package search

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"sort"
	"strings"

	index "github.com/blevesearch/bleve_index_api"
)

// qword is a query word: its term, the word as written (lower case) and
// whether it is the query's last word (which may be unfinished).
type qword struct {
	term, raw string
	last      bool
}

// MaxQueryWords is how many of a query's words are searched.
const MaxQueryWords = 12

// queryWords analyses a query as the static client does: words as
// written, stop words out, each with its term.
func queryWords(lang, q string) []qword {
	var out []qword
	eachIn(lang, q, nil, func(t, raw string, _ int) {
		if raw == "" {
			raw = t // CJK: the pair of characters is the word
		}
		out = append(out, qword{term: t, raw: raw})
	})
	if len(out) > MaxQueryWords {
		out = out[:MaxQueryWords]
	}
	if len(out) > 0 {
		out[len(out)-1].last = true
	}
	return out
}

// ref is a document: which index (its place in the searcher's order) and
// its number there.
type ref struct {
	ix int
	id uint64
}

// stored is what a result needs of a document's stored fields.
type stored struct {
	title, url, kind, version, description, fold string
	sections                                     []Section
	loaded                                       bool
}

// engine is one search's view of the indexes.
type engine struct {
	s       *Searcher
	ctx     context.Context
	readers []index.IndexReader
	post    map[string]map[ref]int  // term -> capped postings
	weak    map[string]map[ref]bool // term -> its weak postings (see voter)
	docs    map[ref]*stored
	ids     map[ref]string
}

func (s *Searcher) newEngine(ctx context.Context) (*engine, error) {
	e := &engine{s: s, ctx: ctx, post: map[string]map[ref]int{}, weak: map[string]map[ref]bool{}, docs: map[ref]*stored{}, ids: map[ref]string{}}
	for _, n := range s.order {
		adv, err := s.indexes[n].Advanced()
		if err != nil {
			e.close()
			return nil, err
		}
		r, err := adv.Reader()
		if err != nil {
			e.close()
			return nil, err
		}
		e.readers = append(e.readers, r)
	}
	return e, nil
}

func (e *engine) close() {
	for _, r := range e.readers {
		r.Close()
	}
}

func idOf(id index.IndexInternalID) uint64 {
	if len(id) == 8 {
		return binary.BigEndian.Uint64(id)
	}
	var v uint64
	for _, c := range id {
		v = v<<8 | uint64(c)
	}
	return v
}

func internal(id uint64) index.IndexInternalID {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, id)
	return b
}

// postings are a term's scores by document over every index, its best
// MaxPostings only, as the static index keeps them.
func (e *engine) postings(term string) (map[ref]int, error) {
	if p, ok := e.post[term]; ok {
		return p, nil
	}
	type acc struct {
		tf   [NumFields]uint16
		lens [NumFields]int
	}
	docs := map[ref]*acc{}
	for ix, r := range e.readers {
		for f, field := range TextFields {
			tr, err := r.TermFieldReader(e.ctx, []byte(term), field, true, true, false)
			if err != nil {
				return nil, err
			}
			for {
				d, err := tr.Next(nil)
				if err != nil {
					tr.Close()
					return nil, err
				}
				if d == nil {
					break
				}
				k := ref{ix, idOf(d.ID)}
				a := docs[k]
				if a == nil {
					a = &acc{}
					docs[k] = a
				}
				a.tf[f] = uint16(min(d.Freq, math.MaxUint16))
				if d.Norm > 0 {
					a.lens[f] = int(math.Round(1 / (d.Norm * d.Norm)))
				}
			}
			tr.Close()
		}
		if err := e.ctx.Err(); err != nil {
			return nil, err
		}
	}
	out := make(map[ref]int, len(docs))
	weak := map[ref]bool{}
	for k, a := range docs {
		if weakTF(a.tf) {
			weak[k] = true
		}
	}
	// Documents that have the term only in added sections do not count
	// in its document frequency (as in the static export).
	df := max(len(docs)-len(weak), 1)
	for k, a := range docs {
		out[k] = e.s.corpus.Score(a.tf, a.lens, df)
	}
	if len(out) > MaxPostings {
		out = e.capped(out)
	}
	e.post[term] = out
	e.weak[term] = weak
	return out, nil
}

// capped keeps the best MaxPostings of a term's postings; equal scores
// in version order, then id order, as the static index has them.
func (e *engine) capped(all map[ref]int) map[ref]int {
	refs := make([]ref, 0, len(all))
	for k := range all {
		refs = append(refs, k)
	}
	sort.Slice(refs, func(i, j int) bool { return all[refs[i]] > all[refs[j]] })
	edge := all[refs[MaxPostings-1]]
	var keep, tied []ref
	for _, k := range refs {
		switch {
		case all[k] > edge:
			keep = append(keep, k)
		case all[k] == edge:
			tied = append(tied, k)
		}
	}
	e.order(tied)
	keep = append(keep, tied[:MaxPostings-len(keep)]...)
	out := make(map[ref]int, len(keep))
	for _, k := range keep {
		out[k] = all[k]
	}
	return out
}

// order sorts documents of equal score as the static index numbers them:
// by version, then id. The id is the cheapest stored field to read.
func (e *engine) order(refs []ref) {
	sort.SliceStable(refs, func(i, j int) bool {
		if refs[i].ix != refs[j].ix {
			return refs[i].ix < refs[j].ix
		}
		return e.id(refs[i]) < e.id(refs[j])
	})
}

// id is a document's id ("version:page-id"), read once.
func (e *engine) id(k ref) string {
	if id, ok := e.ids[k]; ok {
		return id
	}
	id, _ := e.readers[k.ix].ExternalID(internal(k.id))
	e.ids[k] = id
	return id
}

// doc reads a document's stored fields once.
func (e *engine) doc(k ref) *stored {
	if d := e.docs[k]; d != nil {
		return d
	}
	d := &stored{}
	e.docs[k] = d
	r := e.readers[k.ix]
	ext, err := r.ExternalID(internal(k.id))
	if err != nil {
		return d
	}
	doc, err := r.Document(ext)
	if err != nil || doc == nil {
		return d
	}
	d.loaded = true
	fields := map[string]*string{"url": &d.url, "kind": &d.kind, "version": &d.version, "description": &d.description, "fold": &d.fold}
	var texts []byte
	doc.VisitFields(func(f index.Field) {
		switch name := f.Name(); {
		case name == "sections":
			_ = json.Unmarshal(f.Value(), &d.sections)
		case name == "texts":
			texts = append([]byte(nil), f.Value()...)
		case name == "title" && len(f.Value()) > 0:
			d.title = string(f.Value())
		case fields[name] != nil:
			*fields[name] = string(f.Value())
		}
	})
	d.sections = unpack(d.sections, texts)
	return d
}

// expansion is an index term a query word searches, with its weight.
type expansion struct {
	term   string
	weight float64
}

// prefixWeight is what a term the last word only begins counts for.
const prefixWeight = 0.8

// expand finds what a query word searches: its term; for the last word
// also the terms it begins; for a word that finds neither, its typo
// correction ("" when none), whose term.
func (e *engine) expand(w qword) ([]expansion, string, error) {
	var out []expansion
	seen := map[string]bool{}
	for _, r := range e.readers {
		for _, field := range TextFields {
			if !seen[w.term] {
				tr, err := r.TermFieldReader(e.ctx, []byte(w.term), field, false, false, false)
				if err != nil {
					return nil, "", err
				}
				if tr.Count() > 0 {
					seen[w.term] = true
				}
				tr.Close()
			}
			if !w.last || utf16Len(w.raw) < 2 {
				continue
			}
			fd, err := r.FieldDictPrefix(field, []byte(w.raw))
			if err != nil {
				return nil, "", err
			}
			for {
				de, err := fd.Next()
				if err != nil || de == nil {
					break
				}
				if de.Count > 0 && de.Term != w.term {
					seen[de.Term] = true
				}
			}
			fd.Close()
		}
	}
	// The word's synonyms, those the indexes have.
	weight := map[string]float64{}
	for _, t := range e.s.syn.of(w.term) {
		for _, r := range e.readers {
			for _, field := range TextFields {
				if weight[t] > 0 {
					continue
				}
				tr, err := r.TermFieldReader(e.ctx, []byte(t), field, false, false, false)
				if err != nil {
					return nil, "", err
				}
				if tr.Count() > 0 {
					weight[t] = synonymWeight
				}
				tr.Close()
			}
		}
	}
	for t := range seen {
		switch {
		case t == w.term:
			weight[t] = 1
		case weight[t] == 0:
			weight[t] = prefixWeight
		}
	}
	var terms []string
	for t := range weight {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	for _, t := range terms {
		out = append(out, expansion{t, weight[t]})
	}
	if len(out) > 0 || e.s.lang == "ja" {
		return out, "", nil
	}
	c := correct(e.s.words(), w.raw)
	if c == "" {
		return nil, "", nil
	}
	if t := termOf(e.s.lang, c); t != "" {
		out = append(out, expansion{t, 1})
	}
	return out, c, nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// voter is a query word's part in a document's score: the term that
// gave it and what it gave.
type voter struct {
	term  string
	score float64
	weak  bool // the term is in the document's added sections only
}

// WeakShare is what a query word the document has only in the sections
// another stage added (a benefit's values by tier) counts for, as one of
// the query's words it has, and it adds nothing to the section bonus: a
// tier's name among a benefit's values must not make the benefit page
// answer "what do we need for Select" as well as Select's own page.
const WeakShare = 0.25

// scored is a document's score and its words' parts, and once worked
// out (landed) the section its hit lands on (-1 the page), how many words
// point there and where the snippet starts.
type scored struct {
	score  float64
	voters []voter
	landed bool
	sec    int
	count  int
	at     int
}

// score adds up the query's words over the documents.
func (e *engine) score(words []qword) (map[ref]*scored, []string, error) {
	all := map[ref]*scored{}
	corrected := make([]string, len(words))
	for i, w := range words {
		exps, c, err := e.expand(w)
		if err != nil {
			return nil, nil, err
		}
		corrected[i] = c
		best := map[ref]voter{}
		for _, x := range exps {
			ps, err := e.postings(x.term)
			if err != nil {
				return nil, nil, err
			}
			for d, sc := range ps {
				v := float64(sc) * x.weight
				if b, ok := best[d]; !ok || b.score < v || b.score == v && x.term < b.term {
					best[d] = voter{x.term, v, e.weak[x.term][d]}
				}
			}
		}
		for d, v := range best {
			s := all[d]
			if s == nil {
				s = &scored{}
				all[d] = s
			}
			s.score += v.score
			s.voters = append(s.voters, v)
		}
	}
	return all, corrected, nil
}

// correctedQuery is the query with its corrected words put in; "" when
// none was.
func correctedQuery(words []qword, corrected []string) string {
	var parts []string
	any := false
	for i, w := range words {
		if corrected[i] != "" {
			parts = append(parts, corrected[i])
			any = true
			continue
		}
		parts = append(parts, w.raw)
	}
	if !any {
		return ""
	}
	return strings.Join(parts, " ")
}
