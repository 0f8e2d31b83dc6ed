package urlsafe

import "testing"

func TestDangerous(t *testing.T) {
	for _, c := range []struct {
		dest  string
		image bool
		want  bool
	}{
		{"javascript:alert(1)", false, true},
		{"JAVASCRIPT:alert(1)", false, true},
		{"&#x6A;avascript:alert(1)", false, true},
		{"&#106;avascript:alert(1)", false, true},
		{"javascript&colon;alert(1)", false, true},
		{"java\tscript:alert(1)", false, true},
		{" \x01javascript:alert(1)", false, true},
		{"vbscript:msgbox(1)", false, true},
		{"data:text/html,<script>alert(1)</script>", false, true},
		{"data:text/html,x", true, true},
		{"data:image/png;base64,iVBOR", true, false},
		{"data:image/png;base64,iVBOR", false, true},
		{"file:///etc/passwd", false, true},
		{"xref:terms/mdf", false, true},
		{"https://example.com/", false, false},
		{"HTTP://example.com/", false, false},
		{"mailto:a@example.com", false, false},
		{"../terms/mdf.md#claims", false, false},
		{"/handbook/x/", false, false},
		{"#claims", false, false},
		{"a/b:c", false, false},
		{"%6Aavascript:alert(1)", false, false},
		{"", false, false},
	} {
		if got := Dangerous(c.dest, c.image); got != c.want {
			t.Errorf("Dangerous(%q, image=%v) = %v, want %v", c.dest, c.image, got, c.want)
		}
	}
}

func FuzzScheme(f *testing.F) {
	for _, s := range []string{"javascript:x", "&#x6A;avascript:", "a:b", "", "::", "1a:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc := Scheme(s)
		if sc != "" && Dangerous(s, false) != !linkSchemes[sc] {
			t.Errorf("Dangerous(%q) disagrees with its scheme %q", s, sc)
		}
	})
}
