package search

import (
	"sort"
	"strings"
	"testing"
)

// dictLess must order words exactly as comparing their dictKeys does:
// the static index's client finds a word's run in the dictionary's pages
// by the keys.
func TestDictLessOrdersAsKeys(t *testing.T) {
	words := []string{"", "a", "ab", "abc", "b", "zz", "Zebra", "éclair", "ecl", "über", "uber",
		"日本語", "日本", "éàà", "ébcd", "\xff", "\xffa", "\xef\xbf\xbd", strings.Repeat("x", 120), strings.Repeat("x", 99), "x"}
	for _, a := range words {
		for _, c := range words {
			if got, want := dictLess(a, c), dictKey(a) < dictKey(c); got != want {
				t.Errorf("dictLess(%q, %q) = %v; the keys say %v", a, c, got, want)
			}
		}
	}
	d := dictionary(map[string]int{"bridge": 1, "be": 2, "boat": 3, "apple": 1, "ábc": 1})
	got := make([]string, len(d))
	for i, w := range d {
		got[i] = w.Word
	}
	if !sort.SliceIsSorted(d, func(i, j int) bool { return dictKey(d[i].Word) < dictKey(d[j].Word) }) {
		t.Fatalf("dictionary out of key order: %q", got)
	}
	if want := "apple be boat bridge ábc"; strings.Join(got, " ") != want {
		t.Fatalf("dictionary order %q; want %q", strings.Join(got, " "), want)
	}
}

func FuzzDictLess(f *testing.F) {
	f.Add("apple", "able")
	f.Add("\xff", "\xef\xbf\xbd")
	f.Add("日本", "日本語")
	f.Fuzz(func(t *testing.T, a, c string) {
		if got, want := dictLess(a, c), dictKey(a) < dictKey(c); got != want {
			t.Fatalf("dictLess(%q, %q) = %v; the keys say %v", a, c, got, want)
		}
	})
}
