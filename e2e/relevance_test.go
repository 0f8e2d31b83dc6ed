package e2e

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// relevanceCase is a field-team question with the section that answers it
// (a page, with #anchor where a clause answers it) and other pages that
// answer it as well.
type relevanceCase struct {
	q, want string
	alt     []string
}

func relevanceSet(t *testing.T) []relevanceCase {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, "e2e", "testdata", "relevance.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []relevanceCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "|")
		if len(parts) != 3 {
			t.Fatalf("relevance.txt: %q: want question|section|alternatives", sc.Text())
		}
		out = append(out, relevanceCase{parts[0], parts[1], strings.Fields(parts[2])})
	}
	return out
}

// page drops an address's #anchor.
func page(u string) string { p, _, _ := strings.Cut(u, "#"); return p }

// answers reports whether url answers c at page level.
func (c relevanceCase) answers(url string) bool {
	if page(url) == page(c.want) {
		return true
	}
	for _, a := range c.alt {
		if page(url) == page(a) {
			return true
		}
	}
	return false
}

// Page-level hit rates the engines reach on relevance.txt (out of 30),
// recorded in docs/BENCHMARKS.md; the test fails if a change lowers them.
const (
	minTop1 = 24
	minTop3 = 27
)

// TestSearchRelevanceSet asks the 30 questions of e2e/testdata/relevance.txt
// through the command line and the static client and counts how often the
// answering page is first and in the top 3. Every answer's anchor exists
// on its page, so the set stays valid as search learns to land on sections.
func TestSearchRelevanceSet(t *testing.T) {
	cases := relevanceSet(t)
	if len(cases) != 30 {
		t.Fatalf("%d questions, want 30", len(cases))
	}
	site := copySite(t)
	if r := run(t, site, "build", "--quiet"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	var qs []string
	for _, c := range cases {
		qs = append(qs, c.q)
		p, anchor, _ := strings.Cut(c.want, "#")
		html, err := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(p), "index.html"))
		if err != nil {
			t.Errorf("%q: no page %s", c.q, p)
			continue
		}
		if anchor != "" && !strings.Contains(string(html), `id="`+anchor+`"`) {
			t.Errorf("%q: %s has no #%s", c.q, p, anchor)
		}
	}
	static := staticSearch(t, filepath.Join(site, "public", "search", "idx"), qs, map[string]any{"versions": []string{"fy2026", "portal"}})
	count := func(hits [][]hitJSON) (top1, top3 int, misses []string) {
		for i, c := range cases {
			found := 0
			for k, h := range hits[i] {
				if k < 3 && c.answers(h.URL) {
					found = k + 1
					break
				}
			}
			switch {
			case found == 1:
				top1++
				top3++
			case found > 1:
				top3++
			default:
				misses = append(misses, c.q)
			}
		}
		return
	}
	var cli [][]hitJSON
	for _, q := range qs {
		cli = append(cli, bleveSearch(t, site, q))
	}
	for _, e := range []struct {
		name string
		hits [][]hitJSON
	}{{"command line", cli}, {"static", static}} {
		top1, top3, misses := count(e.hits)
		t.Logf("%s: top-1 %d/30, top-3 %d/30; not in the top 3: %s", e.name, top1, top3, strings.Join(misses, "; "))
		if top1 < minTop1 || top3 < minTop3 {
			t.Errorf("%s: top-1 %d (at least %d), top-3 %d (at least %d)", e.name, top1, minTop1, top3, minTop3)
		}
	}
}
