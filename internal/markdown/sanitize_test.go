package markdown

import (
	"strings"
	"testing"
)

func TestSanitizer(t *testing.T) {
	s := NewSanitizer([]string{"www.youtube-nocookie.com"})
	for _, c := range []struct {
		name, in, out string
		drops         []string // fragments of the drop messages, in order
	}{
		{"allowed", `<details open><summary>Q</summary>A</details>`, `<details open=""><summary>Q</summary>A</details>`, nil},
		{"br and kbd", `a<br>b <kbd>K</kbd>`, `a<br>b <kbd>K</kbd>`, nil},
		{"script", `<script>alert(1)</script>x`, `x`, []string{"<script>"}},
		{"event and style", `<p style="x" onclick="y()">t</p>`, `<p>t</p>`, []string{"style", "onclick"}},
		{"javascript href", `<a href="javascript:alert(1)">t</a>`, `t`, nil},
		{"iframe kept", `<iframe src="https://www.youtube-nocookie.com/embed/x" title="v"></iframe>`, `<iframe src="https://www.youtube-nocookie.com/embed/x" title="v"></iframe>`, nil},
		{"iframe dropped", `<iframe src="https://evil.example.com/x" width="5"></iframe>after`, `after`, []string{"evil.example.com"}},
		{"form", `<form action="/x"><input name="a"></form>`, ``, []string{"<form>", "<input>"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := string(s.Sanitize([]byte(c.in))); got != c.out {
				t.Errorf("Sanitize = %q, want %q", got, c.out)
			}
			drops := s.Drops([]byte(c.in))
			if len(drops) != len(c.drops) {
				t.Fatalf("drops = %v, want %v", drops, c.drops)
			}
			for i, d := range drops {
				if !strings.Contains(d.What, c.drops[i]) {
					t.Errorf("drop %d = %q, want %q", i, d.What, c.drops[i])
				}
			}
		})
	}
}

func TestRawHTMLText(t *testing.T) {
	doc, out := New(Options{}).ScanAll([]byte("Intro.\n\n<details>\n<summary>How do I register a deal?</summary>\n\nWithin 30 days.\n\n</details>\n"))
	if !strings.Contains(out.Text, "How do I register a deal?") {
		t.Errorf("kept HTML text is not searchable: %q", out.Text)
	}
	if len(doc.RawDrops) != 0 {
		t.Errorf("drops = %v", doc.RawDrops)
	}
	drop := New(Options{HTML: HTMLDrop}).Scan([]byte("a\n\n<div>x</div>\n\nb <b>c</b>\n"))
	if len(drop.RawDrops) != 3 || drop.RawDrops[0].Line != 3 || drop.RawDrops[1].Line != 5 {
		t.Errorf("drop-mode drops = %+v", drop.RawDrops)
	}
}
