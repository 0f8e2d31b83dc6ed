package search

import (
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

var (
	analyzerOnce sync.Once
	analyzer     analysis.Analyzer
	stopWords    []string
)

func load() {
	cache := registry.NewCache()
	a, err := cache.AnalyzerNamed(en.AnalyzerName)
	if err != nil {
		panic("bleve's English analyzer is missing: " + err.Error())
	}
	analyzer = a
	tm, err := cache.TokenMapNamed(en.StopName)
	if err == nil {
		for w := range tm {
			stopWords = append(stopWords, w)
		}
		sort.Strings(stopWords)
	}
}

// Analyze returns the terms of text as the index sees them: bleve's
// English analysis (Unicode word segmentation, possessives removed, lower
// case, stop words removed, Porter stems). The static index and its
// client use exactly these terms.
func Analyze(text string) []string {
	analyzerOnce.Do(load)
	ts := analyzer.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// StopWords is the English stop list of the analysis, for the client.
func StopWords() []string {
	analyzerOnce.Do(load)
	return stopWords
}
