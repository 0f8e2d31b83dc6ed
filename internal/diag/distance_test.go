package diag

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// fullDistance is the optimal string alignment distance from the whole
// table, with no band and no early stop: what EditDistance must agree
// with.
func fullDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// agrees checks every way of asking for the distance of a and b against
// the whole table, at every limit up to past it.
func agrees(t *testing.T, a, b string) {
	t.Helper()
	want := fullDistance([]rune(a), []rune(b))
	if got := Distance(a, b); got != want {
		t.Fatalf("Distance(%q, %q) = %d, want %d", a, b, got, want)
	}
	for limit := 0; limit <= want+2; limit++ {
		w := want
		if w > limit {
			w = limit + 1
		}
		if got := boundedDistance(a, b, limit); got != w {
			t.Fatalf("boundedDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, w)
		}
		if got := EditDistance([]rune(a), []rune(b), limit); got != w {
			t.Fatalf("EditDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, w)
		}
	}
}

func TestDistanceBanded(t *testing.T) {
	for _, c := range [][2]string{{"", ""}, {"", "abc"}, {"kitten", "sitting"}, {"tempalte", "template"},
		{"ca", "abc"}, {"abcdef", "badcfe"}, {"guides/deal-registraton.md", "guides/deal-registration.md"},
		{"über", "uber"}, {"日本語", "日本"}, {"a-very-long-address-of-more-than-forty-eight-letters/x", "a-very-long-address-of-more-than-forty-eight-letters/y"}} {
		agrees(t, c[0], c[1])
		agrees(t, c[1], c[0])
	}
	r := rand.New(rand.NewSource(1))
	word := func() string {
		const letters = "abcab-/é"
		n := r.Intn(70)
		rs := make([]rune, n)
		ls := []rune(letters)
		for i := range rs {
			rs[i] = ls[r.Intn(len(ls))]
		}
		return string(rs)
	}
	for range 3000 {
		a := word()
		b := []rune(a)
		// A few edits of a, so the distances are near the limits.
		for range r.Intn(5) {
			if len(b) > 0 {
				i := r.Intn(len(b))
				switch r.Intn(3) {
				case 0:
					b = append(b[:i], b[i+1:]...)
				case 1:
					b[i] = 'z'
				default:
					if i+1 < len(b) {
						b[i], b[i+1] = b[i+1], b[i]
					}
				}
			}
		}
		agrees(t, a, string(b))
		agrees(t, a, word())
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("kitten", "sitting")
	f.Add("tempalte", "template")
	f.Add("über", "ubre")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) || len(a) > 200 || len(b) > 200 {
			t.Skip()
		}
		agrees(t, a, b)
	})
}
