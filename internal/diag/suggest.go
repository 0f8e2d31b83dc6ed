package diag

import (
	"sort"
	"strings"
)

// Suggest returns the candidate closest to word by edit distance, or ""
// when none is close enough to be a plausible misspelling. The threshold
// grows with the word so that short keys do not get wild guesses.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	limit := 2
	if len([]rune(word)) > 8 {
		limit = 3
	}
	if len([]rune(word)) <= 3 {
		limit = 1
	}
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := Levenshtein(word, c)
		if d <= limit && (bestDist < 0 || d < bestDist || (d == bestDist && c < best)) {
			best, bestDist = c, d
		}
	}
	return best
}

// Levenshtein is the edit distance between a and b, counted in runes.
func Levenshtein(a, b string) int {
	return boundedLevenshtein(a, b, len(a)+len(b))
}

// Suggester answers Suggest for many words against one candidate list,
// indexed once: only candidates whose length is within the edit limit of
// the word are compared, and each comparison stops as soon as it cannot
// come within the limit. A site with thousands of broken links compared
// each with every page was a third of check's time.
type Suggester struct {
	byLen map[int][]string // sorted candidates by rune length
}

// NewSuggester indexes candidates.
func NewSuggester(candidates []string) *Suggester {
	s := &Suggester{byLen: map[int][]string{}}
	for _, c := range candidates {
		n := len([]rune(c))
		s.byLen[n] = append(s.byLen[n], c)
	}
	for _, l := range s.byLen {
		sort.Strings(l)
	}
	return s
}

// limitFor is how many edits make a plausible misspelling of word.
func limitFor(word string) int {
	n := len([]rune(word))
	switch {
	case n > 8:
		return 3
	case n <= 3:
		return 1
	}
	return 2
}

// Suggest returns what the package's Suggest would for these candidates.
func (s *Suggester) Suggest(word string) string {
	n := len([]rune(word))
	limit := limitFor(word)
	best, bestDist := "", limit+1
	for l := n - limit; l <= n+limit; l++ {
		for _, c := range s.byLen[l] {
			if c == word {
				continue
			}
			if d := boundedLevenshtein(word, c, bestDist); d < bestDist || (d == bestDist && d <= limit && c < best) {
				best, bestDist = c, d
			}
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// boundedLevenshtein is Levenshtein(a, b) when that is at most bound, and
// some value above bound otherwise, found without finishing the table.
func boundedLevenshtein(a, b string, bound int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > bound || -d > bound {
		return bound + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > bound {
			return bound + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// PathSuggester suggests among slash-separated paths (files, ids,
// addresses) without comparing a word with every path: a near miss is
// looked for in its own folder, then in the nearest folder name, and a
// path whose last segment exists in exactly one other folder (a moved
// file) is suggested too. Thousands of broken links each compared with
// thousands of pages took most of a check.
type PathSuggester struct {
	dirs   *Suggester            // folder names
	inDir  map[string]*Suggester // candidates by folder
	byBase map[string][]string   // candidates by last segment
	orig   map[string]string     // trimmed candidate -> as given
}

// NewPathSuggester indexes candidates.
func NewPathSuggester(candidates []string) *PathSuggester {
	ps := &PathSuggester{inDir: map[string]*Suggester{}, byBase: map[string][]string{}, orig: map[string]string{}}
	groups := map[string][]string{}
	for _, c := range candidates {
		t := strings.TrimSuffix(c, "/")
		ps.orig[t] = c
		dir, base := splitPath(t)
		groups[dir] = append(groups[dir], t)
		ps.byBase[base] = append(ps.byBase[base], t)
	}
	dirs := make([]string, 0, len(groups))
	for d, cs := range groups {
		dirs = append(dirs, d)
		ps.inDir[d] = NewSuggester(cs)
	}
	ps.dirs = NewSuggester(dirs)
	return ps
}

func splitPath(p string) (dir, base string) {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "", p
	}
	return p[:i], p[i+1:]
}

// Suggest returns the nearest candidate to word, or "".
func (ps *PathSuggester) Suggest(word string) string {
	t := strings.TrimSuffix(word, "/")
	dir, base := splitPath(t)
	if s, ok := ps.inDir[dir]; ok {
		if best := s.Suggest(t); best != "" {
			return ps.orig[best]
		}
	} else if d := ps.dirs.Suggest(dir); d != "" {
		// A misspelt folder: the same name in the folder it was meant to be.
		joined := base
		if d != "" {
			joined = d + "/" + base
		}
		// The folder's edits and the name's count together, within the
		// limit for the whole word.
		if _, ok := ps.orig[joined]; ok && boundedLevenshtein(t, joined, limitFor(t)) <= limitFor(t) {
			return ps.orig[joined]
		}
		if best := ps.inDir[d].Suggest(joined); best != "" && boundedLevenshtein(t, best, limitFor(t)) <= limitFor(t) {
			return ps.orig[best]
		}
	}
	if moved := ps.byBase[base]; len(moved) == 1 && moved[0] != t {
		return ps.orig[moved[0]]
	}
	return ""
}
