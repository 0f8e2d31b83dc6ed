package diag

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
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
