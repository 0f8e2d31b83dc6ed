package diff

import (
	"strings"
	"testing"
)

func TestInContext(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{"Net new ARR of at least USD 120,000 (trailing 12 months)", "Net new ARR of at least USD 150,000 (trailing 12 months)", "Net new ARR of at least USD 120,000 → 150,000 (trailing 12 months)"},
		{"50% of approved activity cost", "40% of approved activity cost", "50% → 40% of approved activity cost"},
		{"2 hours", "1 hour", "2 hours → 1 hour"},
		{"8", "10", "8 → 10"},
		{"Signed agreement", "Signed agreement and a reference", "Signed agreement → Signed agreement and a reference"},
		{"a  b", "a b", "a  b → a b"},
	} {
		if got := compact(c.old, c.new); got != c.want {
			t.Errorf("compact(%q, %q) = %q, want %q", c.old, c.new, got, c.want)
		}
	}
}

func TestRedline(t *testing.T) {
	ops := []WordOp{{"=", "Tidewater reviews each registration within"}, {"-", "three"}, {"+", "two"}, {"=", "business days and tells the partner by email."}}
	got := Redline(ops, 2)
	var b strings.Builder
	for _, o := range got {
		b.WriteString(o.Op + o.Text + "|")
	}
	if want := "=…|=registration within|-three|+two|=business days|=…|"; b.String() != want {
		t.Errorf("Redline = %s, want %s", b.String(), want)
	}
	if txt := RedlineText(got); txt != "… registration within three → two business days …" {
		t.Errorf("RedlineText = %q", txt)
	}
	whole := Redline(ops, 20)
	if RedlineText(whole) != "Tidewater reviews each registration within three → two business days and tells the partner by email." {
		t.Errorf("a window wider than the sentence keeps it whole: %q", RedlineText(whole))
	}
}
