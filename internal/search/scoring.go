package search

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Corpus is what scoring needs of a whole index (every version of a
// language): its number of documents and each text field's total length
// in terms.
type Corpus struct {
	N    int            `json:"n"`
	Lens [NumFields]int `json:"lens"`
}

var fieldBoosts = [NumFields]float64{4, 2, 1.5, 1, 0.1} // Boosts, in TextFields order

// Score is a term's score in a document, in hundredths, for the static
// index and the command line alike: BM25 (k1 1.2, b 0.75) of each text
// field with its boost, summed over the fields. tf and lens are the
// document's counts of the term and lengths by field; df is how many
// documents have the term.
func (s Corpus) Score(tf [NumFields]uint16, lens [NumFields]int, df int) int {
	n := float64(s.N)
	idf := math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
	score := 0.0
	for f := range NumFields {
		if tf[f] == 0 {
			continue
		}
		avg := math.Max(1, float64(s.Lens[f])/math.Max(1, n))
		t := float64(tf[f])
		score += fieldBoosts[f] * idf * t * (k1 + 1) / (t + k1*(1-b+b*float64(lens[f])/avg))
	}
	return int(math.Round(score * 100))
}

// snippetLen is about how long a snippet from a section is, in letters.
const snippetLen = 100

// window is about snippetLen letters of text from a little before byte
// offset at, cut at spaces, with "…" where text was left out.
func window(text string, at int) string {
	at = min(max(at, 0), len(text))
	for at > 0 && at < len(text) && !utf8.RuneStart(text[at]) {
		at--
	}
	start := at
	// Up to 30 letters of what comes before, from a word's start.
	for n := 0; start > 0 && n < 30; n++ {
		_, w := utf8.DecodeLastRuneInString(text[:start])
		start -= w
	}
	if start > 0 {
		if i := strings.IndexByte(text[start:at], ' '); i >= 0 {
			start += i + 1
		} else {
			start = at
		}
	}
	end, n := start, 0
	for end < len(text) && n < snippetLen {
		_, w := utf8.DecodeRuneInString(text[end:])
		end += w
		n++
	}
	if end < len(text) {
		if i := strings.LastIndexByte(text[start:end], ' '); i > (end-start)/2 {
			end = start + i
		}
	}
	out := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		// A cut after a sentence needs no mark; a cut after a comma or a
		// colon loses it ("performance:…" reads badly).
		out = strings.TrimRight(out, ",;:")
		if !strings.HasSuffix(out, ".") && !strings.HasSuffix(out, "!") && !strings.HasSuffix(out, "?") {
			out += "…"
		}
	}
	return out
}
