package render

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// windowsOf names each item's window by its first and last keys and its
// length (the items of a window follow each other).
func windowsOf(items []*NavItem) map[string]string {
	lv := &level{items: items, starts: cutWindows(items)}
	out := map[string]string{}
	for i, it := range items {
		_, start, end := lv.window(i)
		out[it.sortKey] = items[start].sortKey + " " + items[end-1].sortKey + " " + strconv.Itoa(end-start)
	}
	return out
}

func navItems(keys []string) []*NavItem {
	out := make([]*NavItem, len(keys))
	for i, k := range keys {
		out[i] = &NavItem{sortKey: k}
	}
	return out
}

// TestNavWindowsStay: a page added to or removed from a long folder
// changes the navigation window of a few dozen pages around it, not of
// every later page (each such page is rendered again in the preview);
// every window holds between the minimum and the maximum of items but
// the last, and a short level is one window.
func TestNavWindowsStay(t *testing.T) {
	var keys []string
	for i := range 1000 {
		keys = append(keys, "guides/page-"+strconv.Itoa(i))
	}
	lv := &level{items: navItems(keys), starts: cutWindows(navItems(keys))}
	for b, start := range lv.starts {
		_, s, e := lv.window(start)
		if s != start || (b < len(lv.starts)-1 && (e-s < navMinWindow || e-s > navMaxWindow)) {
			t.Errorf("window %d holds items %d to %d", b, s, e)
		}
	}
	if n := len(keys) / len(lv.starts); n < NavWindow-5 || n > NavWindow+5 {
		t.Errorf("windows of %d items on average, want about %d", n, NavWindow)
	}
	if got := cutWindows(navItems(keys[:NavWindow])); !slices.Equal(got, []int{0}) {
		t.Errorf("a level of %d items is cut at %v", NavWindow, got)
	}

	before := windowsOf(navItems(keys))
	r := rand.New(rand.NewPCG(1, 2))
	worst, total := 0, 0
	for round := range 200 {
		at := r.IntN(len(keys))
		var edited []string
		if round%2 == 0 {
			edited = slices.Insert(slices.Clone(keys), at, "guides/new-"+strconv.Itoa(round))
		} else {
			edited = slices.Delete(slices.Clone(keys), at, at+1)
		}
		after := windowsOf(navItems(edited))
		changed := 0
		for _, k := range keys {
			if a, ok := after[k]; ok && a != before[k] {
				changed++
			}
		}
		worst, total = max(worst, changed), total+changed
	}
	// Fixed blocks of 25 changed 500 pages' windows on average here.
	if worst > 3*navMaxWindow || total/200 > 2*NavWindow {
		t.Errorf("a page added or removed changed up to %d pages' windows (%d on average)", worst, total/200)
	}
	t.Logf("pages whose window changed: up to %d, %d on average", worst, total/200)
}
