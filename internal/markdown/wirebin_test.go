package markdown

import (
	"reflect"
	"testing"
)

// fill sets every field under v, recursively, to a value that differs
// from its zero value and from its neighbours', and every list to two
// elements: a field the binary form forgets comes back zero.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)) + "é")
	case reflect.Int:
		v.SetInt(int64(*n) * 37)
		if *n%3 == 0 {
			v.SetInt(-v.Int())
		}
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

func TestWireBinaryEveryField(t *testing.T) {
	var w WireDoc
	n := 0
	fill(reflect.ValueOf(&w).Elem(), &n)
	b := w.AppendBinary([]byte("head"))
	back, rest, err := ReadWireDoc(append(b[len("head"):], "tail"...))
	if err != nil || string(rest) != "tail" {
		t.Fatalf("read: %v, rest %q", err, rest)
	}
	if !reflect.DeepEqual(back, w) {
		t.Fatalf("round trip lost a field:\n%+v\n%+v", w, back)
	}
	// Every cut short of the end is an error, never a panic or a doc.
	for i := range len(b) - len("head") {
		if _, _, err := ReadWireDoc(b[len("head") : len("head")+i]); err == nil {
			t.Fatalf("a cut at %d bytes read without error", i)
		}
	}
}

func FuzzReadWireDoc(f *testing.F) {
	var w WireDoc
	n := 0
	fill(reflect.ValueOf(&w).Elem(), &n)
	f.Add(w.AppendBinary(nil))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, _, err := ReadWireDoc(b)
		if err != nil {
			return
		}
		// Varints and booleans have more than one spelling, so the bytes
		// may differ; what they say may not.
		again, rest2, err := ReadWireDoc(got.AppendBinary(nil))
		if err != nil || len(rest2) != 0 || !reflect.DeepEqual(again, got) {
			t.Fatalf("re-read differs (%v, %d left):\n%+v\n%+v", err, len(rest2), got, again)
		}
	})
}
