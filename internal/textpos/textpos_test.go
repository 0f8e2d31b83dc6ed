package textpos

import "testing"

func TestPos(t *testing.T) {
	x := New([]byte("ab\nçd\n\nx"))
	for _, c := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {6, 2, 3}, {7, 3, 1}, {8, 4, 1}} {
		if l, co := x.Pos(c.off); l != c.line || co != c.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", c.off, l, co, c.line, c.col)
		}
	}
	if x.LineStart(2) != 3 {
		t.Error("LineStart")
	}
}

func TestInvalidUTF8(t *testing.T) {
	if _, _, bad := InvalidUTF8([]byte("fine ü")); bad {
		t.Error("valid text flagged")
	}
	l, c, bad := InvalidUTF8([]byte("a\nbç\xffz"))
	if !bad || l != 2 || c != 3 {
		t.Errorf("got %d:%d %v", l, c, bad)
	}
}
