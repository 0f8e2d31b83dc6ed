package search

import (
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

// A site's pages in a language other than English are analysed with
// bleve's analyser for that language, in both indexes: German with its
// stop words, umlaut folding and light stemmer, Japanese (and Chinese
// and Korean) as overlapping pairs of characters (CJK bigrams), so a
// word is found without a dictionary. The static client implements the
// same analysis for queries (search.js); a test holds the two equal on
// the example portal's pages. Other languages are analysed as English.

// analyzerName is the bleve analyser of a language code ("" or "en":
// English).
func analyzerName(lang string) string {
	switch strings.SplitN(lang, "-", 2)[0] {
	case "de":
		return de.AnalyzerName
	case "ja", "zh", "ko":
		return cjk.AnalyzerName
	}
	return en.AnalyzerName
}

// langKey is the analysis a language uses: "en", "de" or "cjk" (the
// static client's meta.lang).
func langKey(lang string) string {
	switch analyzerName(lang) {
	case de.AnalyzerName:
		return "de"
	case cjk.AnalyzerName:
		return "cjk"
	}
	return "en"
}

var langAnalyzers sync.Map // analyser name -> analysis.Analyzer

// analyzerFor is a language's bleve analyser; nil for English, which
// eachTerm does faster.
func analyzerFor(lang string) analysis.Analyzer {
	name := analyzerName(lang)
	if name == en.AnalyzerName {
		return nil
	}
	if a, ok := langAnalyzers.Load(name); ok {
		return a.(analysis.Analyzer)
	}
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		panic("bleve's " + name + " analyser is missing: " + err.Error())
	}
	langAnalyzers.Store(name, a)
	return a
}

// pipeline is a language's analysis cut in two: raw finds the words as
// written (lower case, stop words out), rest turns one word into its term.
// CJK has no words as written (its terms are pairs of characters), so no
// typo dictionary: raw is the whole analysis and rest is empty.
type pipeline struct {
	raw  analysis.Analyzer
	rest []analysis.TokenFilter
	cjk  bool
}

var pipelines sync.Map // language key -> *pipeline

// pipelineFor is the pipeline of a language other than English.
func pipelineFor(lang string) *pipeline {
	key := langKey(lang)
	if p, ok := pipelines.Load(key); ok {
		return p.(*pipeline)
	}
	a := analyzerFor(lang)
	p := &pipeline{raw: a, cjk: key == "cjk"}
	if key == "de" {
		// lower case, stop words | normalise umlauts, light stemmer
		p.raw = withoutLast(a, 2)
		d := a.(*analysis.DefaultAnalyzer)
		p.rest = d.TokenFilters[len(d.TokenFilters)-2:]
	}
	pipelines.Store(key, p)
	return p
}

// term is the term of one word as written.
func (p *pipeline) term(raw string) string {
	if len(p.rest) == 0 {
		return raw
	}
	ts := analysis.TokenStream{&analysis.Token{Term: []byte(raw), Type: analysis.AlphaNumeric}}
	for _, f := range p.rest {
		ts = f.Filter(ts)
	}
	if len(ts) == 0 {
		return ""
	}
	return string(ts[0].Term)
}

// eachIn calls emit with every term of text in a language, the word as
// written ("" for CJK) and where it starts, as both indexes see them.
func eachIn(lang, text string, local map[string]stemmed, emit func(term, raw string, at int)) {
	if langKey(lang) == "en" {
		eachTermLocal(text, local, emit)
		return
	}
	p := pipelineFor(lang)
	for _, t := range p.raw.Analyze([]byte(text)) {
		if p.cjk {
			emit(string(t.Term), "", t.Start)
			continue
		}
		raw := string(t.Term)
		if term := p.term(raw); term != "" {
			emit(term, raw, t.Start)
		}
	}
}

// termOf is the term of one word as written, in a language.
func termOf(lang, raw string) string {
	if langKey(lang) == "en" {
		analyzerOnce.Do(load)
		s := stem([]byte(raw))
		if s.stop {
			return ""
		}
		return s.term
	}
	return pipelineFor(lang).term(raw)
}

// AnalyzeIn returns the terms of text in a language, as both indexes
// see them.
func AnalyzeIn(lang, text string) []string {
	a := analyzerFor(lang)
	if a == nil {
		return Analyze(text)
	}
	var out []string
	for _, t := range a.Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
}

// stopWordsFor is a language's stop list, for the static client.
func stopWordsFor(lang string) []string {
	switch langKey(lang) {
	case "de":
		tm, err := registry.NewCache().TokenMapNamed(de.StopName)
		if err != nil {
			return nil
		}
		out := make([]string, 0, len(tm))
		for w := range tm {
			out = append(out, w)
		}
		sort.Strings(out)
		return out
	case "cjk":
		return []string{}
	}
	return StopWords()
}
