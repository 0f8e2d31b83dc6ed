package memo

import "testing"

func TestCache(t *testing.T) {
	c := New[string, int]()
	c.Put("a", 1)
	c.Put("b", 2)
	c.Sweep() // both were used by this "build"
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("a = %d, %v", v, ok)
	}
	c.Sweep() // b was not used since the last sweep
	if _, ok := c.Get("b"); ok {
		t.Error("an unused entry survived a sweep")
	}
	if _, ok := c.Get("a"); !ok {
		t.Error("a used entry was swept")
	}
	n := 0
	c.EachUsed(func(string, int) { n++ })
	if n != 1 {
		t.Errorf("%d used entries, want 1", n)
	}
	if !c.Reset("x") || c.Reset("x") {
		t.Error("Reset reports a change only when the tag changes")
	}
	if _, ok := c.Get("a"); ok {
		t.Error("Reset kept an entry")
	}
	var none *Cache[string, int]
	none.Put("a", 1)
	if _, ok := none.Get("a"); ok {
		t.Error("a nil cache stored something")
	}
}
