package markdown

import (
	"strings"
	"testing"
	"unsafe"
)

// tidyRef is Tidy's rule written the plain way: collapse white space, no
// space before closing punctuation or after an opening bracket.
func tidyRef(s string) string {
	words := strings.Fields(s)
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 {
			prev := b.String()[b.Len()-1]
			if !(strings.IndexByte(".,;:!?)]", w[0]) >= 0 || prev == '(' || prev == '[') {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

func checkTidy(t *testing.T, s string) {
	t.Helper()
	got := Tidy(s)
	if want := tidyRef(s); got != want {
		t.Fatalf("Tidy(%q) = %q, want %q", s, got, want)
	}
	if !isTidy(got) {
		t.Fatalf("Tidy(%q) = %q is not tidy by isTidy", s, got)
	}
	if again := Tidy(got); unsafe.StringData(again) != unsafe.StringData(got) && got != "" {
		t.Fatalf("Tidy copied the tidy string %q", got)
	}
}

func TestTidy(t *testing.T) {
	pieces := []string{" ", "  ", "\n", "\t", "\r", "a", "bc", ".", ",", ")", "]", "(", "[", "!", "é", "x:y"}
	for _, s := range randomTexts(3, 20000, 9, pieces) {
		checkTidy(t, s)
	}
}

func FuzzTidy(f *testing.F) {
	for _, s := range []string{"the MDF terms . next", " ( a ) [ b ] ", "a\t\tb\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTidy(t, s)
	})
}

// The scan writes its text tidy, so that search cuts its sections from
// it without copying; and the text is what tidying the text written the
// old way (a space after every text node) gives.
func TestScanTextIsTidy(t *testing.T) {
	e := New(Options{})
	for _, pg := range examplePages(t) {
		doc, out := e.ScanAll(pg.src)
		if !isTidy(strings.TrimSpace(out.Text)) {
			t.Fatalf("%s: the scan's text is not tidy:\n%q", pg.path, out.Text)
		}
		for _, sec := range Sections(doc, out) {
			if Tidy(sec.Text) != sec.Text {
				t.Fatalf("%s: section %q is not tidy", pg.path, sec.ID)
			}
		}
	}
}
