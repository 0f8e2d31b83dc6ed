package render

import (
	"bytes"
	"encoding/xml"
	"math/rand"
	"testing"
)

// xmlText's shortcut must give what encoding/xml gives, for any text.
func TestXMLTextMatchesEncoder(t *testing.T) {
	chars := []string{"a", "Z", "0", " ", "/", ":", "\"", "'", "&", "<", ">", "\n", "\t", "\r", "\x01", "é", "—", "\x7f", "\xff", "\u2028"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		var s string
		for j := rng.Intn(12); j >= 0; j-- {
			s += chars[rng.Intn(len(chars))]
		}
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		if got := xmlText(s); got != b.String() {
			t.Fatalf("xmlText(%q) = %q, encoding/xml gives %q", s, got, b.String())
		}
	}
}
