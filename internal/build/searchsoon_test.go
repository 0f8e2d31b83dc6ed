package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/output"
	"github.com/partnerdocs/partnerdocs/internal/search"
)

// pagesFor lists the addresses of the pages whose postings for word the
// static index files (under prefix, "search/idx/" or a language's) hold.
func pagesFor(t *testing.T, files map[string][]byte, prefix, word string) []string {
	t.Helper()
	term := search.Analyze(word)[0]
	var meta search.Meta
	if err := json.Unmarshal(files[prefix+"meta.json"], &meta); err != nil {
		t.Fatalf("%smeta.json: %v", prefix, err)
	}
	for _, s := range meta.Shards {
		if term < s[0] || term > s[1] {
			continue
		}
		var sh search.TermShard
		if err := json.Unmarshal(files[prefix+s[2]], &sh); err != nil {
			t.Fatalf("%s%s: %v", prefix, s[2], err)
		}
		for k, tm := range sh.Terms {
			if tm != term {
				continue
			}
			var urls []string
			for j := 0; j+2 < len(sh.Post[k]); j += 3 {
				urls = append(urls, sh.Docs[strconv.Itoa(sh.Post[k][j])][1])
			}
			return urls
		}
	}
	return nil
}

// TestPreviewSearchSoon: after an edit the preview's quick static index
// (Result.SearchSoon) already finds the page by its new words, in every
// language's index, and the full one (Search) agrees; a page deleted is
// found by neither.
func TestPreviewSearchSoon(t *testing.T) {
	dir := copyExample(t)
	s := NewSession()
	preview := func(changed []string) *Result {
		t.Helper()
		res := s.Preview(Options{Source: dir, DeferSearch: true, Today: "2026-12-01"}, output.NewMemory(), changed)
		if res.Outcome != OK {
			t.Fatal(res.Diags.Items(), res.Err)
		}
		return res
	}
	res := preview(nil)
	if _, err := res.Search(); err != nil {
		t.Fatal(err)
	}
	s.Sweep()
	const page = "content/fy2026/guides/deal-registration.md"
	b, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, page), append(b, "\nQuokkas register deals too.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	res = preview([]string{page})
	soon, err := res.SearchSoon()
	if err != nil || soon == nil {
		t.Fatalf("no quick index after a text edit (%v)", err)
	}
	if got := pagesFor(t, soon, "search/idx/", "quokkas"); len(got) != 1 || !strings.Contains(got[0], "deal-registration") {
		t.Errorf("the quick index finds %q by its new word; want the edited page", got)
	}
	if _, ok := soon["de/search/idx/meta.json"]; !ok {
		t.Error("the quick index lacks the German index")
	}
	full, err := res.Search()
	if err != nil {
		t.Fatal(err)
	}
	if got := pagesFor(t, full, "search/idx/", "quokkas"); len(got) != 1 || !strings.Contains(got[0], "deal-registration") {
		t.Errorf("the full index finds %q by the new word; want the edited page", got)
	}
	s.Sweep()
	// A page added, then deleted.
	const added = "content/fy2026/guides/wallaby-notes.md"
	if err := os.WriteFile(filepath.Join(dir, added), []byte("---\ntitle: Notes\n---\nWallabies hop.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res = preview(nil)
	soon, err = res.SearchSoon()
	if err != nil || soon == nil {
		t.Fatalf("no quick index after a page was added (%v)", err)
	}
	if got := pagesFor(t, soon, "search/idx/", "wallabies"); len(got) != 1 || !strings.Contains(got[0], "wallaby-notes") {
		t.Errorf("the quick index finds %q by the new page's word; want the new page", got)
	}
	if _, err := res.Search(); err != nil {
		t.Fatal(err)
	}
	s.Sweep()
	if err := os.Remove(filepath.Join(dir, added)); err != nil {
		t.Fatal(err)
	}
	res = preview(nil)
	soon, err = res.SearchSoon()
	if err != nil || soon == nil {
		t.Fatalf("no quick index after a page was deleted (%v)", err)
	}
	if got := pagesFor(t, soon, "search/idx/", "wallabies"); len(got) != 0 {
		t.Errorf("the quick index still finds the deleted page: %q", got)
	}
	if got := pagesFor(t, soon, "search/idx/", "quokkas"); len(got) != 1 {
		t.Errorf("after the deletion, the edited page's word finds %q", got)
	}
	if _, err := res.Search(); err != nil {
		t.Fatal(err)
	}
}

// TestPreviewKeepsAnalysis: the preview server's first build searches
// before it returns, the later ones after; an edit after the first must
// analyse the edited page only (the cache was swept before the deferred
// analysis used it, and every page was analysed again).
func TestPreviewKeepsAnalysis(t *testing.T) {
	dir := monolingual(t)
	s := NewSession()
	first := s.Preview(Options{Source: dir, Today: "2026-12-01"}, output.NewMemory(), nil)
	if first.Outcome != OK {
		t.Fatal(first.Diags.Items())
	}
	s.Sweep()
	before := s.analysis.Analysed()
	const page = "content/fy2026/guides/deal-registration.md"
	for i, word := range []string{"Quokkas", "Wombats"} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		// A new title: not a quick rebuild, which sweeps no cache.
		b = []byte(strings.Replace(string(b), "title: ", "title: "+word+" ", 1))
		if err := os.WriteFile(filepath.Join(dir, page), b, 0o644); err != nil {
			t.Fatal(err)
		}
		res := s.Preview(Options{Source: dir, DeferSearch: true, Today: "2026-12-01"}, output.NewMemory(), []string{page})
		s.Sweep()
		if _, err := res.Search(); err != nil {
			t.Fatal(err)
		}
		if s.wasQuick {
			t.Fatal("a title edit took the quick rebuild")
		}
		if n := s.analysis.Analysed() - before; n > 2 {
			t.Errorf("edit %d: %d documents analysed again; want the edited page's", i+1, n)
		}
		before = s.analysis.Analysed()
	}
}
