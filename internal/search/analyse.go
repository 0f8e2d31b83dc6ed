package search

import (
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/memo"
)

// noSection marks a term found in no section of its page (only in the
// title or description): it does not point a hit anywhere.
const noSection = math.MaxUint16

// headingWeight is how much more a word in a section's heading counts
// than one in its text, when deciding which section a term points to.
const headingWeight = 3

// Analysed is one document's terms with their count in each text field
// (title, headings, description, body, in TextFields order) and the
// fields' lengths in terms. It is computed once per build and shared by
// the bleve index and the static export, and never changed after.
type Analysed struct {
	terms []string
	tf    [][4]uint16 // per term
	lens  [4]int
	// sec is, per term, the section it counts most in (heading words
	// count headingWeight times; ties go to the earlier section), or
	// noSection for a term of the title or the opening text (it is about
	// the whole page) or of no section; at is where it first occurs in
	// that section's text.
	sec []uint16
	at  []uint32
	// words are the document's distinct words as written (lower case,
	// unstemmed, no stop words), '\n'-separated: the typo dictionary is
	// made of them. None for CJK.
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
	words   strings.Builder
}

func newScratch() *scratch {
	return &scratch{index: map[string]int{}, seen: map[string]bool{}}
}

func analyse(d *Doc, stems map[string]stemmed, x *scratch) Analysed {
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
			a.tf = append(a.tf, [4]uint16{})
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
			x.words.WriteString(raw)
			x.words.WriteByte('\n')
		}
		return k
	}
	for f, text := range [3]string{d.Title, d.Headings, d.Description} {
		eachIn(d.Lang, text, stems, func(t, raw string, _ int) { add(f, t, raw) })
	}
	for s, sec := range d.Sections {
		// The body field is every section's heading and text.
		eachIn(d.Lang, sec.Title, stems, func(t, raw string, _ int) {
			k := add(3, t, raw)
			x.weigh(k, headingWeight, noOffset)
		})
		eachIn(d.Lang, sec.Text, stems, func(t, raw string, at int) {
			k := add(3, t, raw)
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
	a.words = x.words.String()
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
			a.sec[k] = uint16(min(s, noSection-1))
			a.at[k] = 0
			if x.first[k] != noOffset {
				a.at[k] = x.first[k]
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
}

// NewAnalysisCache returns an empty cache.
func NewAnalysisCache() *AnalysisCache { return &AnalysisCache{memo.New[string, Analysed]()} }

// Sweep forgets documents the last build did not use.
func (c *AnalysisCache) Sweep() {
	if c != nil {
		c.c.Sweep()
	}
}

// AnalyseDocs analyses docs on every core, reusing the analysis of
// documents the cache (which may be nil) has seen. It also remembers each
// document's hash, so the texts may be let go of afterwards.
func AnalyseDocs(docs []Doc, cache *AnalysisCache) []Analysed {
	out := make([]Analysed, len(docs))
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[string]stemmed{}
			x := newScratch()
			for i := range next {
				docs[i].hash = docs[i].Hash()
				if cache == nil {
					out[i] = analyse(&docs[i], local, x)
					continue
				}
				h := docs[i].hash
				a, ok := cache.c.Get(h)
				if !ok {
					a = analyse(&docs[i], local, x)
					cache.c.Put(h, a)
				}
				out[i] = a
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// Word is an entry of the typo dictionary: a word as written somewhere in
// the index, and how many documents have it.
type Word struct {
	Word string
	DF   int
}

// Dictionary is the typo dictionary of analysed documents: their words
// as written, of MinWord to MaxWord letters, in dictionary order.
func Dictionary(an []Analysed) []Word {
	df := map[string]int{}
	for i := range an {
		w := an[i].words
		for w != "" {
			j := strings.IndexByte(w, '\n')
			if j < 0 {
				j = len(w)
			}
			word := w[:j]
			if n := len([]rune(word)); n >= MinWord && n <= MaxWord {
				df[word]++
			}
			w = w[min(j+1, len(w)):]
		}
	}
	out := make([]Word, 0, len(df))
	for w, n := range df {
		out = append(out, Word{w, n})
	}
	sort.Slice(out, func(i, j int) bool { return dictKey(out[i].Word) < dictKey(out[j].Word) })
	return out
}
