package search

import (
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

var (
	analyzerOnce sync.Once
	analyzer     analysis.Analyzer
	// rawAnalyzer is the English analysis without its stemmer: words as
	// written, for the typo dictionary; stem gives their terms.
	rawAnalyzer analysis.Analyzer
	stopWords   []string
	stopSet     map[string]bool
)

func load() {
	cache := registry.NewCache()
	a, err := cache.AnalyzerNamed(en.AnalyzerName)
	if err != nil {
		panic("bleve's English analyzer is missing: " + err.Error())
	}
	analyzer = a
	rawAnalyzer = withoutLast(a, 1)
	stopSet = map[string]bool{}
	tm, err := cache.TokenMapNamed(en.StopName)
	if err == nil {
		for w := range tm {
			stopWords = append(stopWords, w)
			stopSet[w] = true
		}
		sort.Strings(stopWords)
	}
}

// withoutLast is an analyser a's tokenizer and filters but its last n:
// the filters that turn words into terms (stemmers, normalisers), which
// work on each token alone, so applying them afterwards to one word gives
// the same term as the whole analysis.
func withoutLast(a analysis.Analyzer, n int) analysis.Analyzer {
	d, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || len(d.TokenFilters) < n {
		panic("search: unexpected analyser shape")
	}
	return &analysis.DefaultAnalyzer{CharFilters: d.CharFilters, Tokenizer: d.Tokenizer, TokenFilters: d.TokenFilters[:len(d.TokenFilters)-n]}
}

// Analyze returns the terms of text as the index sees them: bleve's
// English analysis (Unicode word segmentation, possessives removed, lower
// case, stop words removed, Porter stems). The static index and its
// client use exactly these terms.
func Analyze(text string) []string {
	var out []string
	eachTerm(text, func(t string) { out = append(out, t) })
	return out
}

// bleveAnalyze is bleve's own English analysis, which eachTerm must equal
// (tests compare them); queries are analysed with it.
func bleveAnalyze(text string) []string {
	analyzerOnce.Do(load)
	ts := analyzer.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// eachTerm calls emit with every term of text, in order, exactly as
// bleve's English analyser would produce them, only faster: profiles of a
// large build spent a good part of its CPU in that analyser, most of it
// in Unicode word segmentation and the Porter stemmer.
//
// Text is cut at ASCII white space, which always separates words in
// Unicode's segmentation (UAX #29). A piece made of ASCII letters and
// digits, with ASCII punctuation other than '_' only before or after them,
// holds exactly one word: the letters and digits (punctuation joins words
// only between letters or digits, and '_' always joins). Such words, the
// vast majority, skip segmentation, and their stems are remembered. Any
// other piece goes through bleve's analyser, without its stemmer, with the
// white space around it, so its context is the same as in the whole text.
func eachTerm(text string, emit func(string)) {
	eachTermLocal(text, nil, func(t, _ string, _ int) { emit(t) })
}

// eachTermLocal is eachTerm with a worker's own map of stems in front of
// the shared one, so parallel workers do not meet on its lock for every
// word. emit gets each term with the word as written (lower case, before
// stemming: the typo dictionary's form) and where the word starts in text.
func eachTermLocal(text string, local map[string]stemmed, emit func(term, raw string, at int)) {
	analyzerOnce.Do(load)
	var lower [64]byte
	i, n := 0, len(text)
	for i < n {
		for i < n && isSpace(text[i]) {
			i++
		}
		start := i
		for i < n && !isSpace(text[i]) {
			i++
		}
		if start == i {
			break
		}
		piece := text[start:i]
		if onlyPunct(piece) {
			continue // punctuation alone is never a word
		}
		ws, we, ok := simpleWord(piece)
		if !ok || we-ws > len(lower) {
			// Widen to the white space on each side, then analyse.
			from, to := start, i
			if from > 0 {
				from--
			}
			if to < n {
				to++
			}
			for _, t := range rawAnalyzer.Analyze([]byte(text[from:to])) {
				raw := string(t.Term)
				emit(stem([]byte(raw)).term, raw, from+t.Start)
			}
			continue
		}
		w := lower[:we-ws]
		for k := range w {
			c := piece[ws+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w[k] = c
		}
		if s, ok := local[string(w)]; ok {
			if !s.stop {
				emit(s.term, s.raw, start+ws)
			}
			continue
		}
		s := stem(w)
		if local != nil && len(local) < 1<<16 {
			local[s.raw] = s
		}
		if !s.stop {
			emit(s.term, s.raw, start+ws)
		}
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// simpleWord reports whether piece is ASCII punctuation (not '_'), then
// letters and digits, then punctuation again, and where the letters and
// digits are. A piece with no letters or digits is not simple.
func simpleWord(piece string) (start, end int, ok bool) {
	i := 0
	for i < len(piece) && isPunct(piece[i]) {
		i++
	}
	start = i
	for i < len(piece) && isAlnum(piece[i]) {
		i++
	}
	end = i
	for i < len(piece) && isPunct(piece[i]) {
		i++
	}
	return start, end, i == len(piece) && end > start
}

func onlyPunct(piece string) bool {
	for i := 0; i < len(piece); i++ {
		if !isPunct(piece[i]) {
			return false
		}
	}
	return true
}

func isPunct(c byte) bool {
	return c > ' ' && c < 0x7f && c != '_' && !isAlnum(c)
}

// stems remembers the term of each lower-case word: the stem, or nothing
// for a stop word. Prose repeats its words, so most lookups hit.
var stems = struct {
	sync.RWMutex
	m map[string]stemmed
}{m: map[string]stemmed{}}

// stemmed is a word as written (raw, lower case) and its term.
type stemmed struct {
	term, raw string
	stop      bool
}

func stem(w []byte) stemmed {
	stems.RLock()
	s, ok := stems.m[string(w)]
	stems.RUnlock()
	if ok {
		return s
	}
	word := string(w)
	s = stemmed{raw: word}
	if stopSet[word] {
		s.stop = true
	} else {
		s.term = string(porterstemmer.StemWithoutLowerCasing([]rune(word)))
	}
	stems.Lock()
	if len(stems.m) < 1<<20 { // a bound, for pathological input
		stems.m[word] = s
	}
	stems.Unlock()
	return s
}

// StopWords is the English stop list of the analysis, for the client.
func StopWords() []string {
	analyzerOnce.Do(load)
	return stopWords
}
