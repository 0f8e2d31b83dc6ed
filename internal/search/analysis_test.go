package search

import (
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fast analysis must give bleve's terms, in order, for any text: the
// bleve index is queried with bleve's analyser and the static client is
// tested against these terms.
// workerStems is a worker's own stem map, shared by every check, as
// AnalyseDocs shares one between a worker's documents.
var workerStems = map[string]stemmed{}

func sameAsBleve(t *testing.T, text string) {
	t.Helper()
	want := bleveAnalyze(text)
	var local []string
	eachTermLocal(text, workerStems, func(s, _ string, _ int) { local = append(local, s) })
	if !reflect.DeepEqual(local, want) && (len(local) > 0 || len(want) > 0) {
		t.Fatalf("analysis with a worker's stems of %q:\n got %q\nwant %q", text, local, want)
	}
	got := Analyze(text)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("analysis of %q:\n got %q\nwant %q", text, got, want)
	}
}

func TestAnalyzeMatchesBleve(t *testing.T) {
	for _, s := range []string{
		"", "Partner's tiers", "don't", "e.g. 3.5% of 1,000 USD", "_id foo_bar", "xref:terms/mdf#claims",
		"Gold—Platinum", "café naïve", "The THE tHe", "(see below).", "v1.2 3rd 2026-11-26",
		"a.b a:b a'b 1.2 1,2 1;2 a.1", "\u0301abc", "x \u200dy", "résumé’s", "ＦＵＬＬ width", "日本語のテキスト",
		"** bold **", "--- | --- |", "`code`", "'quoted' \"double\"", "it’s partners’", strings.Repeat("a", 200),
	} {
		sameAsBleve(t, s)
	}
	// Random text from an alphabet rich in the characters that decide
	// word boundaries.
	alphabet := []string{"a", "B", "z", "e", "s", "S", "1", "9", " ", " ", "\n", "\t", ".", ",", ";", ":", "'", "’", "_",
		"-", "(", ")", "\"", "#", "/", "é", "—", "\u0301", "\u200d", "日", "ｱ", "\u00a0", "＇", "%", "😀", "\r"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := rng.Intn(30); j >= 0; j-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		sameAsBleve(t, b.String())
	}
}

// Every page of the example portal analyses the same both ways.
func TestAnalyzeMatchesBleveOnExample(t *testing.T) {
	n := 0
	err := filepath.WalkDir(filepath.Join(repoRoot(), "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sameAsBleve(t, string(b))
		n++
		return nil
	})
	if err != nil || n < 100 {
		t.Fatalf("walked %d pages: %v", n, err)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"Partner's tiers", "e.g. 3.5%", "a_b c:d", "café—x", "\u0301abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			// bleve's segmenter stops at the first invalid byte and drops
			// the rest; pages are checked for valid UTF-8 when loaded.
			return
		}
		sameAsBleve(t, s)
	})
}

func BenchmarkAnalyze(b *testing.B) {
	b.Run("fast", func(b *testing.B) { benchAnalysis(b, Analyze) })
	b.Run("bleve", func(b *testing.B) { benchAnalysis(b, bleveAnalyze) })
}

func benchAnalysis(b *testing.B, f func(string) []string) {
	b.Helper()
	text, err := os.ReadFile(filepath.Join(repoRoot(), "content", "fy2026", "guides", "deal-registration.md"))
	if err != nil {
		b.Fatal(err) // the example is part of the repository
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f(string(text))
	}
}

// FuzzSnippet: any page text, offset and query words make a snippet
// without a panic: valid UTF-8, escaped (no markup but <mark>), and tidy
// is stable.
func FuzzSnippet(f *testing.F) {
	f.Add("Claim within 45 days , after the [activity] .", 7, "claim days")
	f.Add("é\u0301 <b>x</b> & y", 1, "x")
	f.Fuzz(func(t *testing.T, text string, at int, q string) {
		if !utf8.ValidString(text) || !utf8.ValidString(q) {
			return
		}
		if markdown.Tidy(markdown.Tidy(text)) != markdown.Tidy(text) {
			t.Errorf("tidy is not stable on %q", text)
		}
		w := window(text, at)
		if !utf8.ValidString(w) {
			t.Errorf("window(%q, %d) = %q", text, at, w)
		}
		mark := map[string]bool{}
		for _, qw := range queryWords("", q) {
			mark[qw.term] = true
			correct([]Word{{"claim", 1}, {"days", 2}}, qw.raw)
		}
		m := markText(w, mark, "")
		if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(m), "<") {
			t.Errorf("markText(%q) = %q", w, m)
		}
	})
}
