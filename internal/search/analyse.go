package search

import (
	"maps"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/partnerdocs/partnerdocs/internal/memo"
)

// noSection marks a term found in no section of its page (only in the
// title or description): it does not point a hit anywhere.
const noSection = math.MaxUint16

// maxSection is the last section a term may point to: a page with more
// sections than that (a generated one) has its tail counted in it.
const maxSection = 32000

// headingWeight is how much more a word in a section's heading counts
// than one in its text, when deciding which section a term points to.
const headingWeight = 3

// Analysed is one document's terms with their count in each text field
// (title, headings, description, body, in TextFields order) and the
// fields' lengths in terms. It is computed once per build and shared by
// the bleve index and the static export, and never changed after.
type Analysed struct {
	terms []string
	tf    [][NumFields]uint16 // per term
	lens  [NumFields]int
	// sec is, per term, the section it counts most in (heading words
	// count headingWeight times; ties go to the earlier section), or
	// noSection for a term of the title or the opening text (it is about
	// the whole page) or of no section; at is where it first occurs in
	// that section's text (at most 65,535: a snippet further in starts
	// there).
	sec []uint16
	at  []uint16
	// words are the document's distinct words as written (lower case,
	// unstemmed, no stop words), '\n'-separated, kept only in a cache's
	// copy (the dictionary counts them as it goes; a cached document is
	// counted from here). None for CJK.
	words string
}

// scratch is a worker's reusable state for analyse.
type scratch struct {
	index   map[string]int // term -> its number in the document
	seen    map[string]bool
	count   []uint32 // per term, its weight in the current section
	first   []uint32 // per term, its first offset in the current section
	best    []uint32 // per term, its weight in its best section so far
	touched []int
	// counts are the worker's dictionary counts, which analyse adds each
	// new document's words to; keep also keeps them in Analysed.words.
	counts map[string]int
	keep   bool
	words  strings.Builder
}

func newScratch() *scratch {
	return &scratch{index: map[string]int{}, seen: map[string]bool{}, counts: map[string]int{}}
}

func analyse(d *Entry, stems map[string]stemmed, x *scratch) Analysed {
	var a Analysed
	clear(x.index)
	clear(x.seen)
	x.words.Reset()
	add := func(f int, t, raw string) int {
		a.lens[f]++
		k, ok := x.index[t]
		if !ok {
			k = len(a.terms)
			x.index[t] = k
			a.terms = append(a.terms, t)
			a.tf = append(a.tf, [NumFields]uint16{})
			a.sec = append(a.sec, noSection)
			a.at = append(a.at, 0)
			if k >= len(x.count) {
				x.count = append(x.count, 0)
				x.first = append(x.first, 0)
				x.best = append(x.best, 0)
			}
			x.count[k], x.best[k] = 0, 0
		}
		if a.tf[k][f] < math.MaxUint16 {
			a.tf[k][f]++
		}
		if raw != "" && !x.seen[raw] {
			x.seen[raw] = true
			countWords(x.counts, raw)
			if x.keep {
				x.words.WriteString(raw)
				x.words.WriteByte('\n')
			}
		}
		return k
	}
	for f, text := range [3]string{d.Title, d.Headings, d.Description} {
		eachIn(d.Lang, text, stems, func(t, raw string, _ int) { add(f, t, raw) })
	}
	for s, sec := range d.sections() {
		// The body field is every section's heading and text; a section
		// another stage added counts in its own field.
		f := 3
		if sec.Added {
			f = 4
		}
		// An added section's heading is the theme's ("Values by tier"
		// on every benefit page): not the page's words.
		if !sec.Added {
			eachIn(d.Lang, sec.Title, stems, func(t, raw string, _ int) {
				k := add(f, t, raw)
				x.weigh(k, headingWeight, noOffset)
			})
		}
		eachIn(d.Lang, sec.Text, stems, func(t, raw string, at int) {
			k := add(f, t, raw)
			x.weigh(k, 1, uint32(at))
		})
		x.settle(&a, s)
	}
	// A word of the page's title, or one its opening text uses most,
	// is about the whole page: it points into no section.
	for k := range a.terms {
		if a.tf[k][0] > 0 || a.sec[k] == 0 {
			a.sec[k] = noSection
		}
	}
	if x.keep {
		a.words = x.words.String()
	}
	return a.exact()
}

// exact is a with its slices no longer than they are: grown by append,
// they hold up to twice their length, for as long as the build keeps
// every document's analysis.
func (a Analysed) exact() Analysed {
	n := len(a.terms)
	a.terms = append(make([]string, 0, n), a.terms...)
	a.tf = append(make([][NumFields]uint16, 0, n), a.tf...)
	a.sec = append(make([]uint16, 0, n), a.sec...)
	a.at = append(make([]uint16, 0, n), a.at...)
	return a
}

const noOffset = math.MaxUint32

// weigh counts w for term k in the current section.
func (x *scratch) weigh(k int, w uint32, at uint32) {
	if x.count[k] == 0 {
		x.touched = append(x.touched, k)
		x.first[k] = noOffset
	}
	x.count[k] += w
	if at < x.first[k] {
		x.first[k] = at
	}
}

// settle ends section s: each term it holds more of than of any earlier
// section now points to it.
func (x *scratch) settle(a *Analysed, s int) {
	for _, k := range x.touched {
		if x.count[k] > x.best[k] {
			x.best[k] = x.count[k]
			a.sec[k] = uint16(min(s, maxSection))
			a.at[k] = 0
			if x.first[k] != noOffset {
				a.at[k] = uint16(min(x.first[k], math.MaxUint16))
			}
		}
		x.count[k] = 0
	}
	x.touched = x.touched[:0]
}

// AnalysisCache keeps documents' analysis between builds of the preview
// server, by document hash: analysis is most of the search work.
type AnalysisCache struct {
	c *memo.Cache[string, Analysed]
	// counted are the documents the last AnalyseDocs counted in the
	// typo dictionary, by hash, and df its counts: the next counts only
	// the documents that came or went.
	// analysed counts the documents analysed, not found in the cache.
	analysed atomic.Int64
	mu       sync.Mutex
	counted  map[string]countedDoc
	df       map[string]int
	// bodies are the sections each body gives a document (EntriesCached),
	// by body hash.
	bodies *memo.Cache[[16]byte, *bodyParts]
}

// NewAnalysisCache returns an empty cache.
func NewAnalysisCache() *AnalysisCache {
	return &AnalysisCache{c: memo.New[string, Analysed](), bodies: memo.New[[16]byte, *bodyParts]()}
}

// Sweep forgets documents the last build did not use.
func (c *AnalysisCache) Sweep() {
	if c != nil {
		c.c.Sweep()
		c.bodies.Sweep()
	}
}

// Analysed is how many documents were analysed since the cache was
// made, rather than found in it.
func (c *AnalysisCache) Analysed() int64 { return c.analysed.Load() }

// countedDoc is how many documents of one hash a dictionary counted,
// and their words.
type countedDoc struct {
	n     int
	words string
}

// AnalyseDocs analyses docs on every core, reusing the analysis of
// documents the cache (which may be nil) has seen, and counts the typo
// dictionary (the words as written, with how many documents have each)
// as it goes. It also remembers each document's
// hash, so the texts may be let go of afterwards.
func AnalyseDocs(docs []Entry, cache *AnalysisCache) ([]Analysed, []Word) {
	out := make([]Analysed, len(docs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	df := map[string]int{}
	next := make(chan int, 64)
	// After the first build, the dictionary is counted from the last
	// one's (recount).
	first := true
	if cache != nil {
		cache.mu.Lock()
		first = cache.counted == nil
		cache.mu.Unlock()
	}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[string]stemmed{}
			x := newScratch()
			x.keep = cache != nil
			for i := range next {
				docs[i].hash = docs[i].Hash()
				var a Analysed
				ok := false
				if cache != nil {
					a, ok = cache.c.Get(docs[i].hash)
				}
				if ok {
					if first {
						countWords(x.counts, a.words)
					}
				} else {
					a = analyse(&docs[i], local, x)
					if cache != nil {
						cache.c.Put(docs[i].hash, a)
						cache.analysed.Add(1)
					}
				}
				out[i] = a
			}
			mu.Lock()
			for w, n := range x.counts {
				df[w] += n
			}
			mu.Unlock()
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	if cache != nil {
		df = cache.recount(docs, out, df)
	}
	return out, dictionary(df)
}

// recount is the typo dictionary's counts of docs, whose analysis is an:
// the last build's counts with the words of the documents that came
// added and of those that went taken away; on the first build, the
// counts the workers made (fresh), which are then remembered.
func (c *AnalysisCache) recount(docs []Entry, an []Analysed, fresh map[string]int) map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := make(map[string]countedDoc, len(docs))
	for i := range docs {
		d := now[docs[i].hash]
		d.n++
		d.words = an[i].words
		now[docs[i].hash] = d
	}
	if c.counted == nil {
		c.counted, c.df = now, fresh
		return fresh
	}
	// A new map: the last build's counts are not changed.
	df := maps.Clone(c.df)
	change := func(words string, by int) {
		countWordsBy(df, words, by)
		for w := range strings.SplitSeq(words, "\n") {
			if df[w] <= 0 {
				delete(df, w)
			}
		}
	}
	for h, d := range now {
		if by := d.n - c.counted[h].n; by != 0 {
			change(d.words, by)
		}
	}
	for h, d := range c.counted {
		if _, ok := now[h]; !ok {
			change(d.words, -d.n)
		}
	}
	c.counted, c.df = now, df
	return df
}

// countWords counts each of a document's words ('\n'-separated) once.
func countWords(df map[string]int, words string) { countWordsBy(df, words, 1) }

// countWordsBy adds by to the count of each of a document's words that
// the dictionary holds (MinWord to MaxWord letters).
func countWordsBy(df map[string]int, words string, by int) {
	for w := range strings.SplitSeq(words, "\n") {
		if n := len([]rune(w)); w != "" && n >= MinWord && n <= MaxWord {
			df[w] += by
		}
	}
}

// Word is an entry of the typo dictionary: a word as written somewhere in
// the index, and how many documents have it.
type Word struct {
	Word string
	DF   int
}

// dictionary puts counted words in dictionary order (dictKey).
func dictionary(df map[string]int) []Word {
	out := make([]Word, 0, len(df))
	for w, n := range df {
		out = append(out, Word{w, n})
	}
	sort.Slice(out, func(i, j int) bool { return dictLess(out[i].Word, out[j].Word) })
	return out
}
