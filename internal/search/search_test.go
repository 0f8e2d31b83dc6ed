package search

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func testDocs() []Entry {
	return []Entry{
		{ID: "v1:terms/mdf", Title: "Market development funds terms", Headings: "Claims\nProposals", Sections: []Section{
			{Text: "These terms govern market development funds for partners."},
			{Anchor: "proposals", Title: "Proposals", Text: "Submit a proposal before the activity. Certification vouchers are not funds."},
			{Anchor: "claims", Title: "Claims", Text: "Claim within 45 days of the activity with proof of performance; the claim deadline is firm."}},
			Kind: "terms", Version: "v1", URL: "v1/terms/mdf/"},
		{ID: "v1:guides/deals", Title: "Registering deals", Headings: "Submitting", Sections: body("The first complete registration wins."), Kind: "guide", Program: []string{"programs/reseller"}, Version: "v1", URL: "v1/guides/deals/"},
		{ID: "v1:certs/a", Title: "Certified Associate", Sections: body("Certificate exam for engineers. Überblick für Partner."), Kind: "certification", Version: "v1", URL: "v1/certs/a/"},
	}
}

func body(text string) []Section { return []Section{{Text: text}} }

// buildIndex builds the bleve index of docs in dir as a build does: the
// index, then the typo dictionary beside it.
func buildIndex(t testing.TB, dir string, docs []Entry) {
	t.Helper()
	an, words := AnalyseDocs(docs, nil)
	if _, err := Update(filepath.Join(dir, "v1.bleve"), docs, an); err != nil {
		t.Fatal(err)
	}
	if err := WriteWords(dir, words); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateIsIncremental(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v1.bleve")
	an, _ := AnalyseDocs(testDocs(), nil)
	st, err := Update(dir, testDocs(), an)
	if err != nil || !st.Rebuilt || st.Indexed != 3 {
		t.Fatalf("first update %+v %v", st, err)
	}
	docs := testDocs()
	docs[1].Sections = body("Changed text.")
	an, _ = AnalyseDocs(docs[:2], nil)
	st, err = Update(dir, docs[:2], an)
	if err != nil || st.Rebuilt || st.Indexed != 1 || st.Deleted != 1 || st.Unchanged != 1 {
		t.Fatalf("second update %+v %v", st, err)
	}
}

func TestQueries(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, dir, testDocs())
	s, err := Open(dir, []string{"v1"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	first := func(q Query) string {
		t.Helper()
		r, err := s.Search(q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if len(r.Hits) == 0 {
			return ""
		}
		return r.Hits[0].URL
	}
	if got := first(Query{Q: "mdf claims"}); got != "v1/terms/mdf/#claims" {
		t.Errorf("mdf claims -> %s", got)
	}
	if got := first(Query{Q: "market development"}); got != "v1/terms/mdf/" {
		t.Errorf("market development -> %s", got)
	}
	// A typo is corrected against the words as written (a stemmed index
	// cannot match "certifcate" by edit distance: bleve#2057), in any
	// word of the query.
	r, _ := s.Search(Query{Q: "certifcate"})
	if len(r.Hits) == 0 || !r.Fuzzy || r.Corrected != "certificate" || r.Hits[0].URL != "v1/certs/a/" {
		t.Errorf("typo: %+v", r)
	}
	r, _ = s.Search(Query{Q: "complete registraton"})
	if r.Corrected != "complete registration" || len(r.Hits) == 0 || r.Hits[0].URL != "v1/guides/deals/" {
		t.Errorf("typo in the second word: %+v", r)
	}
	// A hit lands on the section most of the words point to, with a
	// snippet from it.
	r, _ = s.Search(Query{Q: "mdf claim deadline"})
	if len(r.Hits) == 0 || r.Hits[0].URL != "v1/terms/mdf/#claims" || r.Hits[0].Section != "Claims" || !strings.Contains(r.Hits[0].Snippet, "<mark>deadline</mark>") {
		t.Errorf("section hit: %+v", r.Hits)
	}
	r, _ = s.Search(Query{Q: "market development funds"})
	if len(r.Hits) == 0 || r.Hits[0].URL != "v1/terms/mdf/" || r.Hits[0].Section != "" {
		t.Errorf("page hit: %+v", r.Hits)
	}
	if got := first(Query{Q: "registration", Program: "programs/reseller"}); got != "v1/guides/deals/" {
		t.Errorf("program filter -> %s", got)
	}
	if got := first(Query{Q: "registration", Kind: "terms"}); got != "" {
		t.Errorf("kind filter let through %s", got)
	}
	// Bad input: an answer, never an error or a scan of everything.
	for _, q := range []string{"", "   ", `+-:"*~^()`, strings.Repeat("deal ", 5000), "überblick", "\xff\xfe", "*", "title:mdf"} {
		start := time.Now()
		if _, err := s.Search(Query{Q: q, Limit: 1000}); err != nil {
			t.Errorf("%.30q: %v", q, err)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("%.30q took %s", q, time.Since(start))
		}
	}
	if got := first(Query{Q: "überblick"}); got != "v1/certs/a/" {
		t.Errorf("unicode -> %s", got)
	}
	if _, err := s.Search(Query{Q: "x", Versions: []string{"v9"}}); err == nil {
		t.Error("unknown version accepted")
	}
}

func TestExportBounds(t *testing.T) {
	var docs []Entry
	for i := 0; i < 2000; i++ {
		docs = append(docs, Entry{ID: fmt.Sprintf("v1:p%d", i), Title: fmt.Sprintf("Page %d partner", i), Sections: body(strings.Repeat("partner program tier benefit ", 20) + fmt.Sprintf("unique%d", i)), Kind: "guide", Version: "v1", URL: fmt.Sprintf("v1/p%d/", i)})
	}
	an, words := AnalyseDocs(docs, nil)
	files := Export(docs, an, words, []string{"v1"}, "v1", nil)
	if len(files) > 500 {
		t.Errorf("%d files", len(files))
	}
	for name := range files {
		if !strings.HasSuffix(name, ".gz") {
			if _, ok := files[name+".gz"]; !ok {
				t.Errorf("%s has no .gz sibling", name)
			}
		}
	}
	// Deterministic: the same docs give the same files.
	an, words = AnalyseDocs(docs, nil)
	again := Export(docs, an, words, []string{"v1"}, "v1", nil)
	for name, b := range files {
		if string(again[name]) != string(b) {
			t.Fatalf("%s differs between two exports", name)
		}
	}
}

// BenchmarkQuery measures one query against an index of 2,000 pages; the
// figure for the 10,000-page corpus is in docs/BENCHMARKS.md.
func BenchmarkQuery(b *testing.B) {
	var docs []Entry
	for i := 0; i < 2000; i++ {
		docs = append(docs, Entry{ID: fmt.Sprintf("v1:p%d", i), Title: fmt.Sprintf("Page %d partner program", i),
			Sections: body(strings.Repeat("partner program tier benefit deal registration claims ", 30) + fmt.Sprintf("unique%d", i)), Kind: "guide", Version: "v1", URL: fmt.Sprintf("v1/p%d/", i)})
	}
	dir := b.TempDir()
	buildIndex(b, dir, docs)
	s, err := Open(dir, []string{"v1"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Search(Query{Q: "deal registration claims", Limit: 10}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestScoresMatchExport: the command line scores every term of every
// document from bleve's postings exactly as the static index does, over
// two versions (the statistics are the whole language's), and points it
// at the same section.
func TestScoresMatchExport(t *testing.T) {
	var docs []Entry
	for v, name := range []string{"v2", "v1"} {
		for _, d := range testDocs() {
			d.ID, d.Version, d.URL = name+strings.TrimPrefix(d.ID, "v1"), name, name+strings.TrimPrefix(d.URL, "v1")
			if v == 1 {
				d.Sections = append(d.Sections, Section{Anchor: "older", Title: "Older rules", Text: "Claims were due in 60 days."})
			}
			docs = append(docs, d)
		}
	}
	for i := 0; i < 400; i++ { // a common term past MaxPostings
		docs = append(docs, Entry{ID: fmt.Sprintf("v1:p%d", i), Title: fmt.Sprintf("Page %d", i), Version: "v1", URL: fmt.Sprintf("v1/p%03d/", i),
			Sections: []Section{{Text: strings.Repeat("partner ", 1+i%7)}, {Anchor: "more", Title: "More", Text: "partner claims"}}})
	}
	dir := t.TempDir()
	an, words := AnalyseDocs(docs, nil)
	for _, v := range []string{"v2", "v1"} {
		var vd []Entry
		var va []Analysed
		for i := range docs {
			if docs[i].Version == v {
				vd, va = append(vd, docs[i]), append(va, an[i])
			}
		}
		if _, err := Update(filepath.Join(dir, v+".bleve"), vd, va); err != nil {
			t.Fatal(err)
		}
	}
	files := Export(docs, an, words, []string{"v2", "v1"}, "v2", nil)
	var meta Meta
	json.Unmarshal(files["meta.json"], &meta)
	urls := map[int]string{}
	for _, sh := range meta.Shards {
		var ts TermShard
		json.Unmarshal(files[sh[2]], &ts)
		for k, d := range ts.Docs {
			n, _ := strconv.Atoi(k)
			urls[n] = d[1]
		}
	}
	s, err := Open(dir, []string{"v2", "v1"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, err := s.newEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer e.close()
	checked := 0
	for _, sh := range meta.Shards {
		var ts TermShard
		json.Unmarshal(files[sh[2]], &ts)
		for k, term := range ts.Terms {
			got, err := e.postings(term)
			if err != nil {
				t.Fatal(err)
			}
			byURL := map[string]int{}
			for d, sc := range got {
				byURL[e.doc(d).url] = sc
			}
			p := ts.Post[k]
			if len(p)/3 != len(got) {
				t.Errorf("%q: static has %d postings, bleve %d", term, len(p)/3, len(got))
			}
			for i := 0; i+2 < len(p); i += 3 {
				if sc, ok := byURL[urls[p[i]]]; !ok || sc != p[i+1] {
					t.Errorf("%q in %s: static %d, bleve %d (%v)", term, urls[p[i]], p[i+1], sc, ok)
				}
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d postings compared", checked)
	}
}

// TestCorrect: the typo rule picks the closest word of the dictionary
// with the same first letter, then the one in more documents, then the
// first in byte order; short words are left alone.
func TestCorrect(t *testing.T) {
	dict := []Word{{"register", 3}, {"registered", 1}, {"registration", 9}, {"registrations", 2}, {"regional", 4}, {"deal", 7}, {"dial", 7}, {"teal", 9}}
	sort.Slice(dict, func(i, j int) bool { return dictKey(dict[i].Word) < dictKey(dict[j].Word) })
	for _, c := range []struct{ in, want string }{
		{"registraton", "registration"},  // a letter left out
		{"regsitration", "registration"}, // two neighbours swapped: one edit
		{"registartoin", "registration"}, // two edits, 8+ letters
		{"regiter", "register"},          // one edit, 4+ letters
		{"registrationss", "registrations"},
		{"dael", "deal"}, // 4 letters, a swap
		{"deol", "deal"}, // deal and dial tie on documents: byte order
		{"eal", ""},      // 3 letters: not corrected
		{"xeal", ""},     // the first letter is kept
		{"rgstrtn", ""},  // too far
	} {
		if got := correct(dict, c.in); got != c.want {
			t.Errorf("correct(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestWindow: a snippet starts at a word a little before the offset,
// runs about snippetLen letters to a word's end, and marks what it left
// out, but not after a sentence's end or in place of a comma.
func TestWindow(t *testing.T) {
	text := "Partners submit a proposal before the activity. Claim within 45 days after the activity ends, with invoices and proof of performance: attendee lists, screenshots. Late claims are refused."
	at := strings.Index(text, "Claim within")
	w := window(text, at)
	if !strings.HasPrefix(w, "…") || !strings.Contains(w, "Claim within 45 days") || strings.Contains(w, "refused") {
		t.Errorf("window = %q", w)
	}
	if got := window("Short text.", 0); got != "Short text." {
		t.Errorf("whole text: %q", got)
	}
	long := strings.Repeat("word ", 20) + "end. " + strings.Repeat("more ", 40)
	if got := window(long, 0); strings.HasSuffix(got, ".…") || strings.HasSuffix(got, ",…") {
		t.Errorf("cut: %q", got)
	}
	if got := window(text, len(text)+10); got == "" {
		t.Error("an offset past the end gives nothing")
	}
}

// TestSynonyms: a query word finds the pages that say a word of its
// group, a little below a page in the reader's own words; a site's own
// group works the same; stop words and one-term groups drop out.
func TestSynonyms(t *testing.T) {
	docs := []Entry{
		{ID: "v1:terms/deals", Title: "Deal terms", Sections: body("An approved registration lasts 90 days."), Kind: "terms", Version: "v1", URL: "v1/terms/deals/"},
		{ID: "v1:guides/valid", Title: "Valid registrations", Sections: body("A registration is valid when approved."), Kind: "guide", Version: "v1", URL: "v1/guides/valid/"},
		{ID: "v1:benefits/kit", Title: "Campaign kit", Sections: body("A co-branded kit for partners."), Kind: "benefit", Version: "v1", URL: "v1/benefits/kit/"},
	}
	dir := t.TempDir()
	buildIndex(t, dir, docs)
	syn := SynonymsFor("en", [][]string{{"toolkit", "kit"}, {"the", "a"}, {"same", "same"}})
	if err := WriteSynonyms(dir, syn); err != nil {
		t.Fatal(err)
	}
	for _, g := range syn {
		if len(g) < 2 || strings.Join(g, " ") == "a the" {
			t.Errorf("group %v kept", g)
		}
	}
	s, err := Open(dir, []string{"v1"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	urls := func(q string) string {
		res, err := s.Search(Query{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.URL)
		}
		return strings.Join(out, " ")
	}
	if got := urls("how long is it valid"); got != "v1/guides/valid/ v1/terms/deals/" {
		t.Errorf("valid: %s", got)
	}
	if got := urls("when does it expire"); got != "v1/guides/valid/ v1/terms/deals/" && got != "v1/terms/deals/ v1/guides/valid/" {
		t.Errorf("expire: %s", got)
	}
	if got := urls("toolkit"); got != "v1/benefits/kit/" {
		t.Errorf("a site's own group: %q", got)
	}
}

// A section another stage added counts in the "added" field: a term the
// page has only there is a weak posting (written -score-1 in the static
// index), it leaves the term's document frequency alone, and its
// section's title is not indexed.
func TestAddedSections(t *testing.T) {
	docs := []Entry{
		{ID: "v1:tiers/select", Title: "Select", Sections: body("The middle tier."), Kind: "tier", Version: "v1", URL: "v1/tiers/select/"},
		{ID: "v1:benefits/mdf", Title: "Market development funds", Sections: body("Funds for joint marketing."), Kind: "benefit", Version: "v1", URL: "v1/benefits/mdf/"},
	}
	docs[1].AddSections(Section{Anchor: "values-by-tier", Title: "Values by tier", Text: "Select: 50%.", Added: true})
	an, _ := AnalyseDocs(docs, nil)
	tf := func(d int, term string) [NumFields]uint16 {
		for k, t := range an[d].terms {
			if t == term {
				return an[d].tf[k]
			}
		}
		return [NumFields]uint16{}
	}
	if got := tf(1, "select"); got != [NumFields]uint16{0, 0, 0, 0, 1} || !weakTF(got) {
		t.Errorf("select on the benefit page: %v", got)
	}
	if got := tf(1, "valu"); got != ([NumFields]uint16{}) {
		t.Errorf("the added section's title is indexed: %v", got)
	}
	if docs[1].Headings != "" {
		t.Errorf("headings %q", docs[1].Headings)
	}
	selectPosts := func(docs []Entry) []int {
		an, words := AnalyseDocs(docs, nil)
		for name, b := range Export(docs, an, words, []string{"v1"}, "v1", nil) {
			var shard TermShard
			if !strings.HasPrefix(name, "t-") || !strings.HasSuffix(name, ".json") || json.Unmarshal(b, &shard) != nil {
				continue
			}
			for i, term := range shard.Terms {
				if term == "select" {
					return shard.Post[i]
				}
			}
		}
		t.Fatal("no select in the export")
		return nil
	}
	// Documents are numbered by id: the benefit page 0, the tier page 1.
	// The tier page first, by its title; the benefit page weak, pointing
	// into the added section.
	p := selectPosts(docs)
	if len(p) != 6 || p[0] != 1 || p[1] <= 0 || p[3] != 0 || p[4] >= 0 || p[5] != 1 {
		t.Fatalf("select's postings %v", p)
	}
	// The tier page scores as when no other page has the word at all.
	plain := []Entry{docs[0], {ID: "v1:benefits/mdf", Title: "Market development funds", Sections: body("Funds for joint marketing."), Kind: "benefit", Version: "v1", URL: "v1/benefits/mdf/"}}
	if q := selectPosts(plain); len(q) != 3 || q[1] != p[1] {
		t.Errorf("the tier page scores %d with the added section, %v without", p[1], q)
	}
}
