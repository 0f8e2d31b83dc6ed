package search

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerdocs/partnerdocs/internal/diag"
)

// The typo rule, shared by the command line, the server and the static
// client: a query word that is no term of the index (and, if it is the
// last word, begins none) is replaced by the closest word of the
// dictionary, the index's words as written, then searched as usual.
// Only words of CorrectFrom letters or more are corrected: at edit
// distance 1 (a letter left out, added, changed, or two neighbours
// swapped), or 2 from CorrectTwoFrom letters. Candidates start with the
// same letter, as nearly every typo does, which keeps the client's
// download to the dictionary pages of one letter. The closest candidate
// wins, then the one in more documents, then the first in byte order.
const (
	CorrectFrom    = 4
	CorrectTwoFrom = 8
	MinWord        = 3  // shorter words are not in the dictionary
	MaxWord        = 40 // nor longer ones
)

// dictKey orders the dictionary by first letter, then length, then word,
// so the candidates for a word are one run of it.
func dictKey(w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	return string(r) + fmt.Sprintf("%02d", utf8.RuneCountInString(w)) + w
}

// dictLess orders two words as their dictKeys do, without making the
// keys: sorting a real vocabulary by its keys spent most of a preview
// edit's search analysis in formatting them. Words are at most MaxWord
// letters, so the two-digit lengths compare as numbers do.
func dictLess(a, c string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rc, _ := utf8.DecodeRuneInString(c)
	if ra != rc {
		// The keys start with each rune's UTF-8 (an invalid one decodes
		// as U+FFFD, which the key spells out too), and UTF-8 orders as
		// the runes do.
		return ra < rc
	}
	na, nc := utf8.RuneCountInString(a), utf8.RuneCountInString(c)
	if na != nc && na < 100 && nc < 100 {
		return na < nc
	}
	if na != nc {
		return dictKey(a) < dictKey(c)
	}
	return a < c
}

// maxEdits is how far a word of n letters may be corrected.
func maxEdits(n int) int {
	switch {
	case n >= CorrectTwoFrom:
		return 2
	case n >= CorrectFrom:
		return 1
	}
	return 0
}

// correct returns the dictionary word that replaces raw, or "".
func correct(dict []Word, raw string) string {
	rs := []rune(raw)
	limit := maxEdits(len(rs))
	if limit == 0 {
		return ""
	}
	lo := string(rs[0]) + fmt.Sprintf("%02d", max(len(rs)-limit, 0))
	hi := string(rs[0]) + fmt.Sprintf("%02d", len(rs)+limit+1)
	best, bestD, bestDF := "", limit+1, 0
	// The dictionary is in key order: binary search to the run.
	i := searchWords(dict, lo)
	for ; i < len(dict); i++ {
		w := dict[i]
		if dictKey(w.Word) >= hi {
			break
		}
		d := diag.EditDistance(rs, []rune(w.Word), limit)
		if d == 0 || d > limit {
			continue
		}
		if d < bestD || d == bestD && (w.DF > bestDF || w.DF == bestDF && w.Word < best) {
			best, bestD, bestDF = w.Word, d, w.DF
		}
	}
	return best
}

func searchWords(dict []Word, key string) int {
	lo, hi := 0, len(dict)
	for lo < hi {
		m := (lo + hi) / 2
		if dictKey(dict[m].Word) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func wordsFile(dir string) string { return filepath.Join(dir, "words.tsv") }

// WriteWords stores the typo dictionary of the documents of every index
// of the directory (AnalyseDocs counts it) beside the bleve indexes in
// dir.
func WriteWords(dir string, dict []Word) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var b strings.Builder
	for _, w := range dict {
		b.WriteString(w.Word)
		b.WriteByte('\t')
		b.WriteString(strconv.Itoa(w.DF))
		b.WriteByte('\n')
	}
	tmp := wordsFile(dir) + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, wordsFile(dir))
}

// readWords reads the dictionary WriteWords stored; none when missing.
func readWords(dir string) []Word {
	f, err := os.Open(wordsFile(dir))
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []Word
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w, n, ok := strings.Cut(sc.Text(), "\t")
		df, err := strconv.Atoi(n)
		if ok && err == nil {
			out = append(out, Word{w, df})
		}
	}
	return out
}
