package search

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testDocs() []Doc {
	return []Doc{
		{ID: "v1:terms/mdf", Title: "Market development funds terms", Headings: "Claims\nProposals", Body: "Claim within 45 days with proof of performance. Certification vouchers.", Kind: "terms", Version: "v1", URL: "v1/terms/mdf/"},
		{ID: "v1:guides/deals", Title: "Registering deals", Headings: "Submitting", Body: "The first complete registration wins.", Kind: "guide", Program: []string{"programs/reseller"}, Version: "v1", URL: "v1/guides/deals/"},
		{ID: "v1:certs/a", Title: "Certified Associate", Body: "Certificate exam for engineers. Überblick für Partner.", Kind: "certification", Version: "v1", URL: "v1/certs/a/"},
	}
}

func TestUpdateIsIncremental(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v1.bleve")
	st, err := Update(dir, testDocs(), AnalyseDocs(testDocs(), nil))
	if err != nil || !st.Rebuilt || st.Indexed != 3 {
		t.Fatalf("first update %+v %v", st, err)
	}
	docs := testDocs()
	docs[1].Body = "Changed text."
	st, err = Update(dir, docs[:2], AnalyseDocs(docs[:2], nil))
	if err != nil || st.Rebuilt || st.Indexed != 1 || st.Deleted != 1 || st.Unchanged != 1 {
		t.Fatalf("second update %+v %v", st, err)
	}
}

func TestQueries(t *testing.T) {
	dir := t.TempDir()
	if _, err := Update(filepath.Join(dir, "v1.bleve"), testDocs(), AnalyseDocs(testDocs(), nil)); err != nil {
		t.Fatal(err)
	}
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
	if got := first(Query{Q: "mdf claims"}); got != "v1/terms/mdf/" && got != "" {
		t.Errorf("mdf claims -> %s", got)
	}
	if got := first(Query{Q: "market development"}); got != "v1/terms/mdf/" {
		t.Errorf("market development -> %s", got)
	}
	// bleve#2057: a typo finds the stem through an analysed fuzzy match.
	r, _ := s.Search(Query{Q: "certifcate"})
	if len(r.Hits) == 0 || !r.Fuzzy {
		t.Errorf("typo: %+v", r)
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
	var docs []Doc
	for i := 0; i < 2000; i++ {
		docs = append(docs, Doc{ID: fmt.Sprintf("v1:p%d", i), Title: fmt.Sprintf("Page %d partner", i), Body: strings.Repeat("partner program tier benefit ", 20) + fmt.Sprintf("unique%d", i), Kind: "guide", Version: "v1", URL: fmt.Sprintf("v1/p%d/", i)})
	}
	files := Export(docs, AnalyseDocs(docs, nil), []string{"v1"}, "v1", nil)
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
	again := Export(docs, AnalyseDocs(docs, nil), []string{"v1"}, "v1", nil)
	for name, b := range files {
		if string(again[name]) != string(b) {
			t.Fatalf("%s differs between two exports", name)
		}
	}
}

// BenchmarkQuery measures one query against an index of 2,000 pages; the
// figure for the 10,000-page corpus is in docs/BENCHMARKS.md.
func BenchmarkQuery(b *testing.B) {
	var docs []Doc
	for i := 0; i < 2000; i++ {
		docs = append(docs, Doc{ID: fmt.Sprintf("v1:p%d", i), Title: fmt.Sprintf("Page %d partner program", i),
			Body: strings.Repeat("partner program tier benefit deal registration claims ", 30) + fmt.Sprintf("unique%d", i), Kind: "guide", Version: "v1", URL: fmt.Sprintf("v1/p%d/", i)})
	}
	dir := b.TempDir()
	if _, err := Update(filepath.Join(dir, "v1.bleve"), docs, AnalyseDocs(docs, nil)); err != nil {
		b.Fatal(err)
	}
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
