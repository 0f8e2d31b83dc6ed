package diag

import (
	"sort"
	"strings"
	"sync"
	"unsafe"
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
		d := boundedDistance(word, c, limit)
		if d <= limit && (bestDist < 0 || d < bestDist || (d == bestDist && c < best)) {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the edit distance between a and b, counted in runes: the
// optimal string alignment distance (see EditDistance), in which two
// neighbours swapped are one edit, where Levenshtein's counts two.
func Distance(a, b string) int {
	return boundedDistance(a, b, len(a)+len(b))
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
			if d := boundedDistance(word, c, bestDist); d < bestDist || (d == bestDist && d <= limit && c < best) {
				best, bestDist = c, d
			}
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// boundedDistance is Distance(a, b) when that is at most bound, and
// bound+1 otherwise. Two ASCII strings are compared byte by byte, as
// they are, with no copy into runes: paths and names are ASCII, and the
// copies were most of a suggestion's cost.
func boundedDistance(a, b string, bound int) int {
	if isASCII(a) && isASCII(b) {
		return osa(unsafe.Slice(unsafe.StringData(a), len(a)), unsafe.Slice(unsafe.StringData(b), len(b)), bound)
	}
	return osa([]rune(a), []rune(b), bound)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// EditDistance is the number of edits (a letter inserted, deleted or
// replaced, or two neighbours swapped: the optimal string alignment
// distance) between a and b when it is at most limit, and limit+1
// otherwise. A swap counts once because it is one slip of the fingers
// ("tempalte").
func EditDistance(a, b []rune, limit int) int {
	return osa(a, b, limit)
}

// osa computes EditDistance over any letters. Only the cells within
// limit of the diagonal are filled: a cell further off is more than
// limit edits whatever the letters, and reads as limit+1, which no path
// of at most limit edits goes through. Each row stops the work as soon
// as none of its cells is within the limit.
func osa[E byte | rune](a, b []E, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if limit > len(a)+len(b) {
		limit = len(a) + len(b)
	}
	far := limit + 1
	w := len(b) + 1
	var small [3 * 48]int
	var cells []int
	if 3*w <= len(small) {
		cells = small[:3*w]
	} else {
		cells = make([]int, 3*w)
	}
	prev2, prev, cur := cells[:w], cells[w:2*w], cells[2*w:]
	for j := range w {
		prev[j] = min(j, far)
		prev2[j], cur[j] = far, far
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		// The cell left of the band holds what an earlier row left
		// there; this row reads it as out of reach. Right of the band
		// no row has written yet: those cells are still far.
		if lo > 1 {
			cur[lo-1] = far
		} else {
			cur[0] = min(i, far)
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			v = min(v, far)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return far
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
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
	// memo holds the answers given: a real site links the same missing
	// page from dozens of pages (49 links to one address on a company
	// handbook), and each answer compares with every candidate of a
	// folder.
	memo sync.Map // string -> string
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

// Suggest returns the nearest candidate to word, or "". It is safe for
// concurrent use.
func (ps *PathSuggester) Suggest(word string) string {
	if s, ok := ps.memo.Load(word); ok {
		return s.(string)
	}
	s := ps.suggest(word)
	ps.memo.Store(word, s)
	return s
}

func (ps *PathSuggester) suggest(word string) string {
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
		if _, ok := ps.orig[joined]; ok && boundedDistance(t, joined, limitFor(t)) <= limitFor(t) {
			return ps.orig[joined]
		}
		if best := ps.inDir[d].Suggest(joined); best != "" && boundedDistance(t, best, limitFor(t)) <= limitFor(t) {
			return ps.orig[best]
		}
	}
	if moved := ps.byBase[base]; len(moved) == 1 && moved[0] != t {
		return ps.orig[moved[0]]
	}
	return ""
}
