package corpus

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

// Each kind of line is counted where it belongs, front matter left out.
func TestMeasure(t *testing.T) {
	// The front matter is not counted.
	dir := testsite.Write(t, map[string]string{
		"a.md": "---\ntitle: A\n---\n" +
			"## Runner setup\n" + // 16 bytes: heading
			"- one [two](b.md)\n" + // 18: list, a link
			"| x | y |\n" + // 10: table
			"```\nrunner: x\n```\n" + // 18: code (its words not counted)
			"<div>raw</div>\n" + // 15: HTML
			"See https://example.com and `code` **runner** now.\n", // 51 with the newline: paragraph
		"sub/b.md":  "+++\ntitle = \"B\"\n+++\nrunner runners runner\n",
		"notes.txt": "not markdown\n",
	})
	s, err := Measure(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Files != 2 {
		t.Errorf("Files = %d, want 2", s.Files)
	}
	body := 16 + 18 + 10 + 18 + 15 + 51 + 22
	if s.Bytes != body {
		t.Errorf("Bytes = %d, want %d", s.Bytes, body)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	f := func(n int) float64 { return float64(n) / float64(body) }
	near("Heading", s.Heading, f(16))
	near("List", s.List, f(18))
	near("Table", s.Table, f(10))
	near("Code", s.Code, f(18))
	near("HTML", s.HTML, f(15))
	near("Paragraph", s.Paragraph, f(51+22))
	kb := float64(body) / 1000
	near("Links", s.Links, 1/kb)
	near("URLs", s.URLs, 1/kb)
	near("CodeSpans", s.CodeSpans, 1/kb)
	near("Emphasis", s.Emphasis, 1/kb)
	// a.md: runner setup / one two b md / x y / div raw div / see https
	// example com and code runner now: 17 distinct of 19, 65 letters (the
	// code block's left out); b.md: runner runners runner, 19 letters,
	// whose two words are one stem.
	if s.Words != 18 || s.Stems != 17 {
		t.Errorf("Words, Stems = %d, %d, want 18, 17", s.Words, s.Stems)
	}
	near("PageWords", s.PageWords, (19+3)/2.0)
	near("PageDistinct", s.PageDistinct, (17+2)/2.0)
	near("WordLength", s.WordLength, (65+19)/22.0)
}

// A corpus padded to a shape has that shape, within a few points, and
// the same corpus for the same seed.
func TestShapedCorpus(t *testing.T) {
	want := Shape{Paragraph: 0.4, List: 0.3, Table: 0.1, Code: 0.1, HTML: 0.05, Heading: 0.05,
		Links: 3, URLs: 0.5, CodeSpans: 1, Emphasis: 1, Words: 5000, Stems: 4000, WordLength: 5.5, PageWords: 1500, PageDistinct: 500}
	dir := t.TempDir()
	if err := Generate(Options{Pages: 120, Seed: 3, Dir: dir, Bytes: 12000, Shape: &want}); err != nil {
		t.Fatal(err)
	}
	got, err := Measure(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want float64
		within    float64
	}{
		{"Paragraph", got.Paragraph, want.Paragraph, 0.03}, {"List", got.List, want.List, 0.03},
		{"Table", got.Table, want.Table, 0.03}, {"Code", got.Code, want.Code, 0.03},
		{"HTML", got.HTML, want.HTML, 0.03}, {"Heading", got.Heading, want.Heading, 0.03},
		{"Links", got.Links, want.Links, 0.5}, {"URLs", got.URLs, want.URLs, 0.2},
		{"CodeSpans", got.CodeSpans, want.CodeSpans, 0.3}, {"Emphasis", got.Emphasis, want.Emphasis, 0.3},
	} {
		if math.Abs(c.got-c.want) > c.within {
			t.Errorf("%s = %.3f, want %.3f ± %.2f", c.what, c.got, c.want, c.within)
		}
	}
	// Pages repeat their words: far fewer distinct words a page than
	// words drawn independently would give.
	if got.PageDistinct > 0.5*got.PageWords {
		t.Errorf("%.0f of %.0f words distinct a page: pages do not repeat their words", got.PageDistinct, got.PageWords)
	}
	// (Titles and the corpus's own words add a few.)
	if got.Stems < 2000 || got.Stems > want.Stems*11/10 {
		t.Errorf("%d stems, want a vocabulary near %d", got.Stems, want.Stems)
	}
	// Made-up words as long as the site's, on average.
	if math.Abs(got.WordLength-want.WordLength) > 0.5 {
		t.Errorf("words of %.1f letters on average, want %.1f", got.WordLength, want.WordLength)
	}
	plain := t.TempDir()
	if err := Generate(Options{Pages: 120, Seed: 3, Dir: plain, Bytes: 12000}); err != nil {
		t.Fatal(err)
	}
	p, err := Measure(filepath.Join(plain, "content"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Paragraph < 0.6 {
		t.Errorf("the plain corpus is %.0f%% paragraphs: its padding changed", 100*p.Paragraph)
	}
	again := t.TempDir()
	if err := Generate(Options{Pages: 120, Seed: 3, Dir: again, Bytes: 12000, Shape: &want}); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "content/v1/section-2/page-100.md"))
	b, _ := os.ReadFile(filepath.Join(again, "content/v1/section-2/page-100.md"))
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("the same seed gave different pages (%d and %d bytes)", len(a), len(b))
	}
}

// A shape written by hand with words and no stems still gets a
// vocabulary of that size, not of two words.
func TestShapeWordsAlone(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(Options{Pages: 40, Seed: 1, Dir: dir, Bytes: 8000, Shape: &Shape{Paragraph: 1, Words: 1000}}); err != nil {
		t.Fatal(err)
	}
	got, err := Measure(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Stems < 300 {
		t.Errorf("%d stems from a shape of 1,000 words", got.Stems)
	}
}
