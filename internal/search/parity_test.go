package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	porter "github.com/blevesearch/go-porterstemmer"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI for the search parity tests")
		}
		t.Skip("node is not installed")
	}
	return p
}

// runClient evaluates a snippet against the static search client in Node.
func runClient(t *testing.T, script string, input any) []byte {
	t.Helper()
	in, _ := json.Marshal(input)
	js := filepath.Join(repoRoot(), "themes", "default", "static", "assets", "search.js")
	cmd := exec.Command(node(t), "-e", "const S=require("+jsString(js)+");const input=JSON.parse(require('fs').readFileSync(0,'utf8'));"+script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return out
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// wordList gathers the words of the example portal plus words chosen for
// the stemmer's corners.
func wordList(t *testing.T) []string {
	set := map[string]bool{}
	for _, w := range strings.Fields("caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate cease controll roll eed ied ion yyy y ay oy sses ies ss s ing ed") {
		set[w] = true
	}
	filepath.WalkDir(filepath.Join(repoRoot(), "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, w := range strings.FieldsFunc(strings.ToLower(string(b)), func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
			set[w] = true
		}
		return nil
	})
	var out []string
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	if len(out) < 800 {
		t.Fatalf("only %d words", len(out))
	}
	return out
}

// TestStemmerParity: the client's Porter stemmer gives the Go stemmer's
// stem for every word of the example portal and the classic test words.
func TestStemmerParity(t *testing.T) {
	words := wordList(t)
	out := runClient(t, "process.stdout.write(JSON.stringify(input.map(S.stem)))", words)
	var js []string
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, w := range words {
		want := string(porter.StemWithoutLowerCasing([]rune(w)))
		if js[i] != want {
			bad++
			if bad <= 20 {
				t.Errorf("stem(%q): client %q, index %q", w, js[i], want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d words differ", bad, len(words))
	}
}

// TestAnalysisParity: whole sentences give the same terms in the client
// as in bleve's English analysis (segmentation, possessives, case, stop
// words, stems).
func TestAnalysisParity(t *testing.T) {
	texts := []string{
		"The partner's MDF claims are due within 45 days after the activity.",
		"Tidewater Certified Engineer: Pipelines — runner fleets, caching and policy-as-code.",
		"Deal registration: the FIRST complete registration wins; extensions up to 60 days!",
		"Net new ARR ≥ USD 150,000 (trailing 12 months) for Select partners' renewals.",
		"Überblick der Vorteile für Partner in EMEA and APAC, naïve café résumé.",
		"It's what we've always done: isn't it? Partners’ co-branded campaign kits.",
	}
	stopOut := runClient(t, `const stop={};for(const w of input.stop)stop[w]=true;process.stdout.write(JSON.stringify(input.texts.map(x=>S.analyze(x,stop))))`,
		map[string]any{"stop": StopWords(), "texts": texts})
	var js [][]string
	if err := json.Unmarshal(stopOut, &js); err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		want := strings.Join(Analyze(text), " ")
		if got := strings.Join(js[i], " "); got != want {
			t.Errorf("%q\n client %s\n index  %s", text, got, want)
		}
	}
}

// TestClientMarkEntities: the client marks words of the text, never the
// letters of the entities that escaping adds (&amp; &lt; &quot; &#39;).
func TestClientMarkEntities(t *testing.T) {
	out := runClient(t, `process.stdout.write(S.mark(input.text, input.terms, {}))`, map[string]any{
		"text":  `Tips & tricks <b> "quote" it's amp lt`,
		"terms": []map[string]any{{"term": "amp", "raw": "amp"}, {"term": "lt", "raw": "lt"}, {"term": "39", "raw": "39"}},
	})
	want := `Tips &amp; tricks &lt;b&gt; &quot;quote&quot; it&#39;s <mark>amp</mark> <mark>lt</mark>`
	if string(out) != want {
		t.Errorf("mark:\n got %s\nwant %s", out, want)
	}
}

// TestLanguageAnalysisParity: the client analyses German and Japanese
// text as bleve's "de" and "cjk" analysers do, sentence by sentence, over
// the example portal's German and Japanese pages and a few corners
// (umlauts, ß, compounds, inflections, kana next to ideographs, full-width
// letters).
func TestLanguageAnalysisParity(t *testing.T) {
	texts := map[string][]string{
		"de": {"Die Straße der Größen: Bürogebäude, Ärzte und Müller-Lüdenscheidt.", "Marketingentwicklungsfonds, Leistungsnachweise, Abrechnungen des Partners."},
		"ja": {"Tidewater CI、Deploy、Observe のサブスクリプションを再販し、ティアに応じて利益率が上がります。", "ＡＢＣ と 検索エンジン、々 と ー。"},
	}
	filepath.WalkDir(filepath.Join(repoRoot(), "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, lang := range []string{"de", "ja"} {
			if strings.HasSuffix(p, "."+lang+".md") {
				b, _ := os.ReadFile(p)
				for _, line := range strings.Split(string(b), "\n") {
					if line = strings.TrimSpace(line); line != "" && line != "---" {
						texts[lang] = append(texts[lang], line)
					}
				}
			}
		}
		return nil
	})
	for _, lang := range []string{"de", "ja"} {
		if len(texts[lang]) < 10 {
			t.Fatalf("%s: only %d lines of example text", lang, len(texts[lang]))
		}
		out := runClient(t, `const stop={};for(const w of input.stop)stop[w]=true;process.stdout.write(JSON.stringify(input.texts.map(x=>S.termsOf(x,input.lang,stop).map(t=>t.term))))`,
			map[string]any{"stop": stopWordsFor(lang), "texts": texts[lang], "lang": langKey(lang)})
		var js [][]string
		if err := json.Unmarshal(out, &js); err != nil {
			t.Fatal(err)
		}
		bad := 0
		for i, text := range texts[lang] {
			want := strings.Join(AnalyzeIn(lang, text), " ")
			if got := strings.Join(js[i], " "); got != want {
				bad++
				if bad <= 10 {
					t.Errorf("%s %q\n client %s\n index  %s", lang, text, got, want)
				}
			}
		}
	}
}
