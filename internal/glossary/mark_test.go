package glossary

import (
	"bytes"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/content"
)

func testGlossary(entries ...content.GlossaryEntry) *Glossary {
	g := &Glossary{}
	for i := range entries {
		t := &Term{GlossaryEntry: entries[i], URL: "/g/#" + entries[i].ID}
		g.Terms = append(g.Terms, t)
		for _, f := range append([]string{t.Term}, t.Also...) {
			g.forms = append(g.forms, form{text: escapeText(f), swapped: escapeText(swapFirst(f)), term: t})
		}
	}
	sortForms(g.forms)
	g.index()
	return g
}

func brackets(v View) ([]byte, error) { return []byte("[" + string(v.Text) + "|" + v.ID + "]"), nil }

func TestMark(t *testing.T) {
	g := testGlossary(
		content.GlossaryEntry{Term: "MDF", Also: []string{"market development funds"}, ID: "mdf", Definition: "d"},
		content.GlossaryEntry{Term: "ARR", ID: "arr", Definition: "d"},
		content.GlossaryEntry{Term: "Net new ARR", ID: "net-new-arr", Definition: "d"},
		content.GlossaryEntry{Term: "Co-sell", ID: "co-sell", Definition: "d"},
		content.GlossaryEntry{Term: "販売店", ID: "hanbaiten", Definition: "d"},
	)
	cases := []struct{ in, want string }{
		{"<p>No terms here.</p>", "<p>No terms here.</p>"},
		{"<p>MDF and MDF.</p>", "<p>[MDF|term-mdf] and MDF.</p>"},
		{"<p>Two MDFs, one MDFX.</p>", "<p>Two [MDFs|term-mdf], one MDFX.</p>"},
		{"<p>An MDFX then mdf then MDF.</p>", "<p>An MDFX then mdf then [MDF|term-mdf].</p>"},
		{"<p>We co-sell; Co-sell.</p>", "<p>We [co-sell|term-co-sell]; Co-sell.</p>"},
		{"<p>Market development funds, MDF.</p>", "<p>[Market development funds|term-mdf], MDF.</p>"},
		{"<p>USD 5 of net new ARR, then ARR.</p>", "<p>USD 5 of [net new ARR|term-net-new-arr], then [ARR|term-arr].</p>"},
		{"<h2 id=\"mdf\">MDF</h2><p><a href=\"x\">MDF</a> <code>MDF</code> MDF</p>", "<h2 id=\"mdf\">MDF</h2><p><a href=\"x\">MDF</a> <code>MDF</code> [MDF|term-mdf]</p>"},
		{"<pre><code>MDF\n</code></pre><p title=\"MDF\">x <b>MDF</b></p>", "<pre><code>MDF\n</code></pre><p title=\"MDF\">x <b>[MDF|term-mdf]</b></p>"},
		{"<!-- MDF --><p>主要販売店です</p>", "<!-- MDF --><p>主要[販売店|term-hanbaiten]です</p>"},
		{"<p>MDFの申請</p>", "<p>[MDF|term-mdf]の申請</p>"},
		{"<p>PREMDF</p>", "<p>PREMDF</p>"},
	}
	for _, c := range cases {
		got, err := g.Mark([]byte(c.in), brackets)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("Mark(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestMarkEscaped: a term with & matches the page's escaped text, and
// the text handed to the theme is the page's own HTML.
func TestMarkEscaped(t *testing.T) {
	g := testGlossary(content.GlossaryEntry{Term: "R&D", ID: "rd", Definition: "d"})
	got, _ := g.Mark([]byte("<p>Our R&amp;D team.</p>"), brackets)
	if want := "<p>Our [R&amp;D|term-rd] team.</p>"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzMark: marking never loses or changes a byte of the page: with the
// marks taken out, the output is the input, whatever the HTML.
func FuzzMark(f *testing.F) {
	for _, s := range []string{"<p>MDF and ARR</p>", "<a>MDF</a>MDF", "<p title='MDF'>MDFs</p><script>MDF</script>", "<svg><text>MDF</text></svg> MDF", "MDF<", "&amp;MDF&", "<code>MDF<p>MDF</code>"} {
		f.Add([]byte(s))
	}
	g := testGlossary(content.GlossaryEntry{Term: "MDF", ID: "mdf", Definition: "d"}, content.GlossaryEntry{Term: "ARR", Also: []string{"a r"}, ID: "arr", Definition: "d"})
	f.Fuzz(func(t *testing.T, in []byte) {
		if bytes.ContainsAny(in, "\x00\x01") {
			return
		}
		out, err := g.Mark(in, func(v View) ([]byte, error) { return []byte("\x00" + string(v.Text) + "\x01"), nil })
		if err != nil {
			t.Fatal(err)
		}
		if back := strings.NewReplacer("\x00", "", "\x01", "").Replace(string(out)); back != string(in) {
			t.Fatalf("marking changed the page:\n in %q\nout %q", in, out)
		}
	})
}

// BenchmarkAnyIn is the glossary's cost on a page that uses no term, as
// most pages of a large site: sixteen terms with two forms each, over 21
// KB of text.
func BenchmarkAnyIn(b *testing.B) {
	var es []content.GlossaryEntry
	for _, t := range []string{"MDF", "Proof of performance", "Deal registration", "NFR licence", "ARR", "Net new ARR", "Tier review", "Designation",
		"Program year", "Rebate", "List price", "Distributor", "Technical account manager", "Partner manager", "Co-sell", "SPIFF"} {
		es = append(es, content.GlossaryEntry{Term: t, Also: []string{strings.ToLower(t) + "s"}, ID: "x", Definition: "d"})
	}
	g := testGlossary(es...)
	page := []byte(strings.Repeat("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>\n", 160))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if g.anyIn(page) {
			b.Fatal("a term found in lorem ipsum")
		}
	}
}
