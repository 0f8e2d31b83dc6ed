package valuehash

import (
	"html/template"
	"testing"
)

type cell struct {
	Text  string
	Note  *string
	HTML  template.HTML
	n     int
	Cells []cell
}

type view struct {
	Heading string
	Rows    []cell
	By      map[string]int
	Any     any
}

func sample() view {
	note := "on approved deals"
	return view{
		Heading: "Values by tier",
		Rows:    []cell{{Text: "5%", n: 1}, {Text: "10%", Note: &note, HTML: "<b>x</b>", Cells: []cell{{Text: "inner"}}}},
		By:      map[string]int{"registered": 1, "select": 2, "premier": 3, "a": 4, "b": 5, "c": 6},
		Any:     []string{"x"},
	}
}

func mustSum(t *testing.T, v any) [32]byte {
	t.Helper()
	s, ok := Sum(v)
	if !ok {
		t.Fatalf("Sum(%#v) not ok", v)
	}
	return s
}

// TestSumByContent: equal data in fresh values (other pointers, maps
// built in another order) hash alike, and each change of one held value,
// exported or not, however deep, hashes otherwise.
func TestSumByContent(t *testing.T) {
	base := mustSum(t, sample())
	for range 20 {
		if mustSum(t, sample()) != base {
			t.Fatal("equal data hashed differently (map order or pointers)")
		}
	}
	changes := map[string]func(*view){
		"heading":        func(v *view) { v.Heading = "Values" },
		"unexported int": func(v *view) { v.Rows[0].n = 2 },
		"pointed-to":     func(v *view) { s := "on all deals"; v.Rows[1].Note = &s },
		"nil pointer":    func(v *view) { v.Rows[1].Note = nil },
		"html":           func(v *view) { v.Rows[1].HTML = "<i>x</i>" },
		"nested":         func(v *view) { v.Rows[1].Cells[0].Text = "outer" },
		"map value":      func(v *view) { v.By["select"] = 9 },
		"map key":        func(v *view) { delete(v.By, "a"); v.By["z"] = 4 },
		"row added":      func(v *view) { v.Rows = append(v.Rows, cell{}) },
		"interface type": func(v *view) { v.Any = [1]string{"x"} },
		"empty vs nil":   func(v *view) { v.Rows[1].Cells = []cell{} },
		// A string's bytes moved across a boundary.
		"boundary": func(v *view) { v.Rows[0].Text, v.Rows[1].Text = "5%1", "0%" },
	}
	for name, change := range changes {
		v := sample()
		v.Rows[1].Cells[0].Cells = nil
		before := mustSum(t, v)
		change(&v)
		if mustSum(t, v) == before {
			t.Errorf("%s: the sum did not change", name)
		}
	}
}

// TestSumRefuses: what cannot be hashed by content is refused, not
// hashed by address or skipped.
func TestSumRefuses(t *testing.T) {
	type node struct {
		Next *node
	}
	loop := &node{}
	loop.Next = loop
	big := make([]int, Budget+1)
	shared := &node{}
	for name, v := range map[string]any{
		"func":      struct{ F func() }{F: func() {}},
		"chan":      make(chan int),
		"cycle":     loop,
		"too large": big,
	} {
		if _, ok := Sum(v); ok {
			t.Errorf("%s: hashed", name)
		}
	}
	// The same pointer twice is not a cycle.
	if _, ok := Sum([]*node{shared, shared}); !ok {
		t.Error("a pointer met twice, not on a cycle, was refused")
	}
}
