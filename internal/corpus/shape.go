package corpus

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"

	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// Shape is what a site's Markdown is made of: the share of its body bytes
// in each kind of block, how many links, bare addresses, code spans and
// emphases a kilobyte of it carries, its fences' languages, and how many
// distinct words it uses, over the site and on a page.
//
// A corpus padded to a site's shape costs what that site's Markdown costs
// to read and index, so the site's cost per byte set against it shows
// what is particular to the site (its templates, includes, pages of
// unusual size), not what lists, tables and a large vocabulary cost any
// Markdown tool. Plain paragraphs over a small vocabulary, the default
// padding, are the cheapest Markdown there is.
type Shape struct {
	Files int // Markdown files measured
	Bytes int // their bytes, front matter left out
	// Shares of those bytes, summing to 1.
	Paragraph, List, Table, Code, HTML, Heading float64
	// Per 1,000 bytes of body.
	Links, URLs, CodeSpans, Emphasis float64
	// Words is how many distinct words (letters only, lower-cased) the
	// text outside code has; Stems, how many distinct Porter stems they
	// make (what an English search index keeps: "runner" and "runners"
	// are one); WordLength, the mean length of its words.
	Words, Stems int
	WordLength   float64
	// Languages are the fences' languages, each with its share of the
	// code's bytes, largest first (those of at least 1%; "" is a fence
	// with none, or a diagram's, which nothing highlights).
	Languages []Language
	// Of a file, on average: its words and its distinct words. Real
	// pages repeat their own words (a page about runners says "runner"
	// forty times), which is what keeps a search index small.
	PageWords, PageDistinct float64
}

// Language is a fence language and its share of the code's bytes.
type Language struct {
	Name  string
	Share float64
}

// block kinds, in the order padding considers them.
const (
	kindParagraph = iota
	kindList
	kindTable
	kindCode
	kindHTML
	kindHeading
	kinds
)

func (s *Shape) shares() [kinds]float64 {
	return [kinds]float64{s.Paragraph, s.List, s.Table, s.Code, s.HTML, s.Heading}
}

// String is the shape as one line, for a benchmark's report.
func (s Shape) String() string {
	return fmt.Sprintf("%d files, %d bytes: paragraphs %.0f%%, lists %.0f%%, tables %.0f%%, code %.0f%%, HTML %.0f%%, headings %.0f%%; per KB %.1f links, %.1f bare addresses, %.1f code spans, %.1f emphases; %d distinct words (%d stems, %.1f letters on average), %.0f of %.0f words distinct a page; code in %s",
		s.Files, s.Bytes, 100*s.Paragraph, 100*s.List, 100*s.Table, 100*s.Code, 100*s.HTML, 100*s.Heading, s.Links, s.URLs, s.CodeSpans, s.Emphasis, s.Words, s.Stems, s.WordLength, s.PageDistinct, s.PageWords, s.languages())
}

func (s Shape) languages() string {
	var parts []string
	for i, l := range s.Languages {
		if i == 5 {
			parts = append(parts, "…")
			break
		}
		name := l.Name
		if name == "" {
			name = "(none)"
		}
		parts = append(parts, fmt.Sprintf("%s %.0f%%", name, 100*l.Share))
	}
	if len(parts) == 0 {
		return "no fences"
	}
	return strings.Join(parts, ", ")
}

// Measure reads the shape of the Markdown files below dir.
func Measure(dir string) (Shape, error) {
	var t tally
	words := map[string]struct{}{}
	files, pageWords, pageDistinct, letters := 0, 0, 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		page := map[string]struct{}{}
		n, l := t.add(stripFront(raw), page)
		pageWords, letters = pageWords+n, letters+l
		pageDistinct += len(page)
		for w := range page {
			words[w] = struct{}{}
		}
		return nil
	})
	if err != nil {
		return Shape{}, err
	}
	s := t.shape()
	s.Files, s.Words = files, len(words)
	stems := map[string]bool{}
	for w := range words {
		stems[string(porterstemmer.StemWithoutLowerCasing([]rune(w)))] = true
	}
	s.Stems = len(stems)
	if pageWords > 0 {
		s.WordLength = float64(letters) / float64(pageWords)
	}
	if files > 0 {
		s.PageWords, s.PageDistinct = float64(pageWords)/float64(files), float64(pageDistinct)/float64(files)
	}
	return s, nil
}

// tally counts what Shape reports, body by body.
type tally struct {
	bytes                   int
	by                      [kinds]int
	links, urls, spans, emp int
	langs                   map[string]int // code bytes by fence language
}

// add counts a body; words, when not nil, collects its words, and add
// returns how many it read and their letters.
func (t *tally) add(body []byte, words map[string]struct{}) (n, letters int) {
	t.bytes += len(body)
	if t.langs == nil {
		t.langs = map[string]int{}
	}
	fence, lang := "", ""
	for _, line := range bytes.SplitAfter(body, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " \t")
		if fence != "" {
			t.by[kindCode] += len(line)
			t.langs[lang] += len(line)
			if bytes.HasPrefix(trimmed, []byte(fence)) {
				fence = ""
			}
			continue
		}
		if bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")) {
			fence, lang = string(trimmed[:3]), fenceLanguage(trimmed[3:])
			t.by[kindCode] += len(line)
			t.langs[lang] += len(line)
			continue
		}
		t.by[lineKind(trimmed)] += len(line)
		t.links += bytes.Count(line, []byte("]("))
		t.urls += bareURLs(line)
		t.spans += bytes.Count(line, []byte("`")) / 2
		t.emp += bytes.Count(line, []byte("**")) / 2
		if words != nil {
			for _, w := range bytes.FieldsFunc(line, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
				words[strings.ToLower(string(w))] = struct{}{}
				n++
				letters += len(w)
			}
		}
	}
	return n, letters
}

func (t *tally) shape() Shape {
	s := Shape{Bytes: t.bytes}
	total := 0
	for _, n := range t.by {
		total += n
	}
	if total > 0 {
		f := func(n int) float64 { return float64(n) / float64(total) }
		s.Paragraph, s.List, s.Table, s.Code, s.HTML, s.Heading = f(t.by[kindParagraph]), f(t.by[kindList]), f(t.by[kindTable]), f(t.by[kindCode]), f(t.by[kindHTML]), f(t.by[kindHeading])
	}
	code := t.by[kindCode]
	for name, n := range t.langs {
		if code > 0 && n*100 >= code {
			s.Languages = append(s.Languages, Language{name, float64(n) / float64(code)})
		}
	}
	slices.SortFunc(s.Languages, func(a, b Language) int {
		if c := cmp.Compare(b.Share, a.Share); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	if t.bytes > 0 {
		kb := float64(t.bytes) / 1000
		s.Links, s.URLs, s.CodeSpans, s.Emphasis = float64(t.links)/kb, float64(t.urls)/kb, float64(t.spans)/kb, float64(t.emp)/kb
	}
	return s
}

// fenceLanguage is the language of a fence's info string ("go
// {linenos=true}" is go); a diagram's is "", as nothing highlights it.
func fenceLanguage(info []byte) string {
	f := bytes.Fields(bytes.TrimLeft(info, "`~"))
	if len(f) == 0 {
		return ""
	}
	name := strings.ToLower(strings.Trim(string(f[0]), "{}."))
	switch name {
	case "mermaid", "plantuml", "puml":
		return ""
	}
	return name
}

// stripFront drops a YAML (---) or TOML (+++) front matter.
func stripFront(raw []byte) []byte {
	for _, d := range []string{"---", "+++"} {
		if bytes.HasPrefix(raw, []byte(d+"\n")) {
			if i := bytes.Index(raw[4:], []byte("\n"+d+"\n")); i >= 0 {
				return raw[4+i+5:]
			}
		}
	}
	return raw
}

// lineKind tells what block a line (its indent trimmed) belongs to, by
// its start alone.
func lineKind(t []byte) int {
	switch {
	case len(t) == 0:
		return kindParagraph
	case t[0] == '#':
		return kindHeading
	case t[0] == '|':
		return kindTable
	case t[0] == '<' && len(t) > 1 && (t[1] == '/' || t[1] == '!' || t[1] >= 'a' && t[1] <= 'z' || t[1] >= 'A' && t[1] <= 'Z'):
		return kindHTML
	case len(t) > 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ':
		return kindList
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' ' {
		return kindList
	}
	return kindParagraph
}

// bareURLs counts addresses written without link syntax: "http" at the
// start of the line or after a space.
func bareURLs(line []byte) int {
	n := 0
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte("http"))
		if j < 0 {
			return n
		}
		at := i + j
		if at == 0 || line[at-1] == ' ' {
			n++
		}
		i = at + 4
	}
}

// common are English's most frequent words, most frequent first: the
// head of any English vocabulary, and words a search index leaves out.
var common = strings.Fields(`the of and to a in is for that on with as are be this by it or from at an you your can
will not we if have has which their they all more was our but should may must these when also each use any other
into about its than been how do only new what one who so there some such were would them then out up no time make
see need team work how`)

// zipfS is the exponent of the words' rank-frequency law: in prose a
// word's frequency falls with its rank about as 1/rank.
const zipfS = 1.07

// vocabulary makes n words with n distinct Porter stems (what a search
// index keeps), the same for the same arguments: English's commonest
// words first, then made-up words from syllables, long enough that a word
// of prose drawn by rank is mean letters long on average.
func vocabulary(n int, mean float64) []string {
	if mean <= 0 {
		mean = 5
	}
	// The made-up words' length is what sets the mean: start from it,
	// and correct by what the rank weights give.
	target := mean
	var out []string
	for range 4 {
		out = syllableWords(n, target)
		target += mean - tokenMean(out)
	}
	return out
}

// tokenMean is the mean length of a word drawn from words by rank.
func tokenMean(words []string) float64 {
	var sum, weight float64
	for k, w := range words {
		p := math.Pow(float64(1+k), -zipfS)
		sum += p * float64(len(w))
		weight += p
	}
	return sum / weight
}

func syllableWords(n int, target float64) []string {
	cons := strings.Split("b c d f g h k l m n p r s t v w z br cr dr st tr pl", " ")
	vows := strings.Split("a e i o u ai ea io ou", " ")
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	add := func(w string) bool {
		stem := string(porterstemmer.StemWithoutLowerCasing([]rune(w)))
		if seen[stem] {
			return false
		}
		seen[stem] = true
		out = append(out, w)
		return true
	}
	for _, w := range common {
		if len(out) < n {
			add(w)
		}
	}
	r := rand.New(rand.NewSource(int64(n)))
	for misses := 0; len(out) < n; {
		want := max(2, int(math.Round(target+2*r.NormFloat64()))+misses/1000)
		var b strings.Builder
		for b.Len() < want {
			b.WriteString(cons[r.Intn(len(cons))])
			b.WriteString(vows[r.Intn(len(vows))])
		}
		if r.Intn(2) == 0 {
			b.WriteString(cons[r.Intn(len(cons))])
		}
		if !add(b.String()) {
			// Short words run out: lengthen them slowly.
			misses++
		}
	}
	return out
}

// shaper pads pages to a Shape. It keeps a tally of the corpus written
// so far, the pages' own parts included, and writes whatever is furthest
// behind the shape: the kind of block, and within prose a link, a bare
// address, a code span or an emphasis.
type shaper struct {
	s     Shape
	r     *rand.Rand
	vocab []string
	zipf  *rand.Zipf
	t     tally
	// repeat is the chance that a word is one the page already used
	// (page), set so that pages have the site's share of distinct words.
	repeat float64
	page   []int
}

func newShaper(s Shape, r *rand.Rand) *shaper {
	n := s.Stems
	if n == 0 {
		// A shape written by hand may give words alone.
		n = s.Words
	}
	n = max(n, 2)
	sh := &shaper{s: s, r: r, vocab: vocabulary(n, s.WordLength)}
	// Word frequencies in prose fall with rank about as 1/rank.
	sh.zipf = rand.NewZipf(r, zipfS, 1, uint64(n-1))
	sh.repeat = sh.repeatFor(s.PageWords, s.PageDistinct)
	return sh
}

// repeatFor finds the chance of repeating a page's word that gives pages
// of words words about distinct distinct ones, by trying pages with its
// own random stream (the corpus's is left as it was).
func (sh *shaper) repeatFor(words, distinct float64) float64 {
	if words < 1 || distinct < 1 || distinct >= words {
		return 0
	}
	r := rand.New(rand.NewSource(1))
	z := rand.NewZipf(r, zipfS, 1, uint64(len(sh.vocab)-1))
	mean := func(q float64) float64 {
		total := 0
		for range 20 {
			var seen []int
			set := map[int]bool{}
			for range int(words) {
				w := 0
				if len(seen) > 0 && r.Float64() < q {
					w = seen[r.Intn(len(seen))]
				} else {
					w = int(z.Uint64())
				}
				seen = append(seen, w)
				set[w] = true
			}
			total += len(set)
		}
		return float64(total) / 20
	}
	lo, hi := 0.0, 0.95
	for range 12 {
		q := (lo + hi) / 2
		if mean(q) > distinct {
			lo = q
		} else {
			hi = q
		}
	}
	return (lo + hi) / 2
}

// account counts what the corpus writes beside the shaper's blocks.
func (sh *shaper) account(text string) { sh.t.add([]byte(text), nil) }

// startPage starts a page: the words it repeats are its own.
func (sh *shaper) startPage() { sh.page = sh.page[:0] }

func (sh *shaper) word() string {
	var w int
	if len(sh.page) > 0 && sh.r.Float64() < sh.repeat {
		w = sh.page[sh.r.Intn(len(sh.page))]
	} else {
		w = int(sh.zipf.Uint64())
	}
	sh.page = append(sh.page, w)
	return sh.vocab[w]
}

func (sh *shaper) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = sh.word()
	}
	return strings.Join(ws, " ")
}

// prose is n words, with links to pages of the corpus, bare addresses,
// code spans and emphases where the tally is behind the shape's rates.
func (sh *shaper) prose(n int, g *gen, from string) string {
	var b strings.Builder
	behind := func(done int, rate float64) bool {
		return float64(done) < rate*float64(sh.t.bytes+b.Len())/1000
	}
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch {
		case behind(sh.t.links, sh.s.Links):
			t := &g.pages[sh.r.Intn(len(g.pages))]
			fmt.Fprintf(&b, "[%s](%s)", sh.words(1+sh.r.Intn(3)), relLink(from, t.rel))
			sh.t.links++
		case behind(sh.t.urls, sh.s.URLs):
			fmt.Fprintf(&b, "https://www.example.com/%s/%s", sh.word(), sh.word())
			sh.t.urls++
		case behind(sh.t.spans, sh.s.CodeSpans):
			fmt.Fprintf(&b, "`%s`", sh.word())
			sh.t.spans++
		case behind(sh.t.emp, sh.s.Emphasis):
			fmt.Fprintf(&b, "**%s %s**", sh.word(), sh.word())
			sh.t.emp++
		default:
			b.WriteString(sh.word())
		}
	}
	return b.String()
}

// language is the fence language furthest behind its share of the code.
func (sh *shaper) language() string {
	if len(sh.s.Languages) == 0 {
		return "yaml"
	}
	code := sh.t.by[kindCode]
	best, worst := sh.s.Languages[0].Name, math.Inf(-1)
	for _, l := range sh.s.Languages {
		if d := l.Share*float64(code+1) - float64(sh.t.langs[l.Name]); d > worst {
			best, worst = l.Name, d
		}
	}
	return best
}

// block writes one block of the kind furthest behind its share.
func (sh *shaper) block(g *gen, from string) string {
	shares := sh.s.shares()
	total := 0
	for _, n := range sh.t.by {
		total += n
	}
	k, worst := kindParagraph, math.Inf(-1)
	for i, share := range shares {
		if share == 0 {
			continue
		}
		if d := share*float64(total+1) - float64(sh.t.by[i]); d > worst {
			k, worst = i, d
		}
	}
	var b strings.Builder
	switch k {
	case kindList:
		for range 3 + sh.r.Intn(6) {
			fmt.Fprintf(&b, "- %s\n", sh.prose(5+sh.r.Intn(15), g, from))
		}
	case kindTable:
		b.WriteString("| Name | Owner | Notes |\n| --- | --- | --- |\n")
		for range 3 + sh.r.Intn(6) {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", sh.words(2), sh.words(1), sh.prose(4+sh.r.Intn(8), g, from))
		}
	case kindCode:
		lang := sh.language()
		fmt.Fprintf(&b, "```%s\n", lang)
		for range 4 + sh.r.Intn(10) {
			switch lang {
			case "yaml", "yml":
				fmt.Fprintf(&b, "%s: %s\n", sh.word(), sh.words(1+sh.r.Intn(3)))
			case "", "text", "plaintext", "console", "shell", "sh", "bash":
				fmt.Fprintf(&b, "%s --%s %s\n", sh.word(), sh.word(), sh.words(1+sh.r.Intn(3)))
			default:
				fmt.Fprintf(&b, "%s.%s(%s, \"%s\") // %s\n", sh.word(), sh.word(), sh.word(), sh.word(), sh.words(2))
			}
		}
		b.WriteString("```\n")
	case kindHTML:
		fmt.Fprintf(&b, "<div class=\"panel\">\n<p>%s</p>\n</div>\n", sh.words(10+sh.r.Intn(20)))
	case kindHeading:
		fmt.Fprintf(&b, "### %s\n", title(sh.words(2+sh.r.Intn(4))))
	default:
		b.WriteString(sh.prose(40+sh.r.Intn(60), g, from) + "\n")
	}
	out := "\n" + b.String()
	// The inline counts were kept as they were written; the block's
	// kinds and bytes are counted now.
	links, urls, spans, emp := sh.t.links, sh.t.urls, sh.t.spans, sh.t.emp
	sh.t.add([]byte(out), nil)
	sh.t.links, sh.t.urls, sh.t.spans, sh.t.emp = links, urls, spans, emp
	return out
}
