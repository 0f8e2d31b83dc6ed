package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestTextFormat(t *testing.T) {
	d := Diagnostic{File: "content/fy2026/guides/deal-registration.md", Line: 14, Column: 5, Severity: Error,
		Rule: RuleBrokenAnchor, Message: `no heading "claim" in content/fy2026/terms/mdf.md`, Suggestion: "claims"}
	want := `content/fy2026/guides/deal-registration.md:14:5: error: no heading "claim" in content/fy2026/terms/mdf.md (did you mean "claims"?) [broken-anchor]`
	if got := d.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSortedAndCounted(t *testing.T) {
	var l List
	l.Errorf("b.md", 1, 1, RuleBrokenLink, "x")
	l.Warnf("a.md", 9, 1, RuleStaleContent, "y")
	l.Errorf("a.md", 2, 3, RuleBrokenLink, "z")
	items := l.Items()
	if items[0].File != "a.md" || items[0].Line != 2 || items[2].File != "b.md" {
		t.Fatalf("not sorted: %+v", items)
	}
	e, w := l.Count()
	if e != 2 || w != 1 || !l.HasErrors() {
		t.Fatalf("count = %d, %d", e, w)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, items); err != nil {
		t.Fatal(err)
	}
	var back []Diagnostic
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back) != 3 || back[1].Severity != Warning {
		t.Fatalf("json round trip: %v %+v", err, back)
	}
	buf.Reset()
	_ = WriteJSON(&buf, nil)
	if buf.String() != "[]\n" {
		t.Fatalf("empty json = %q", buf.String())
	}
}

func TestSuggest(t *testing.T) {
	cases := []struct{ word, want string }{
		{"claim", "claims"},
		{"titel", "title"},
		{"zzzzzz", ""},
		{"wieght", "weight"},
	}
	cands := []string{"claims", "title", "weight", "tags"}
	for _, c := range cases {
		if got := Suggest(c.word, cands); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if Distance("kitten", "sitting") != 3 {
		t.Error("levenshtein")
	}
}

func TestGitLabFingerprintsAreStable(t *testing.T) {
	a := []Diagnostic{
		{File: "x.md", Line: 4, Column: 2, Severity: Error, Rule: RuleBrokenLink, Message: "no page y.md"},
		{File: "x.md", Line: 9, Column: 2, Severity: Error, Rule: RuleBrokenLink, Message: "no page y.md"},
		{File: "x.md", Line: 12, Severity: Warning, Rule: RuleStaleContent, Message: "stale"},
	}
	moved := append([]Diagnostic(nil), a...)
	for i := range moved {
		moved[i].Line += 7 // an unrelated paragraph was added above
	}
	ga, gm := GitLab(a), GitLab(moved)
	for i := range ga {
		if ga[i].Fingerprint != gm[i].Fingerprint {
			t.Errorf("fingerprint %d changed when lines moved", i)
		}
	}
	if ga[0].Fingerprint == ga[1].Fingerprint {
		t.Error("two findings share a fingerprint")
	}
	if ga[2].Severity != "minor" || ga[0].Severity != "major" || gm[0].Location.Lines.Begin != 11 {
		t.Errorf("%+v", ga)
	}
}

func TestOneFindingOnce(t *testing.T) {
	var l List
	for i := 0; i < 9; i++ {
		l.Errorf("a.md", 3, 4, RuleFrontmatterField, "tags: expected text, got a list")
	}
	l.Errorf("a.md", 3, 5, RuleFrontmatterField, "tags: expected text, got a list")
	if n := len(l.Items()); n != 2 {
		t.Errorf("%d findings, want 2: %v", n, l.Items())
	}
	if e, _ := l.Count(); e != 2 {
		t.Errorf("Count = %d errors, want 2", e)
	}
}

func TestQuotedPaths(t *testing.T) {
	d := Diagnostic{File: "content/a\nb.md", Line: 1, Column: 1, Severity: Error, Rule: RuleBrokenLink, Message: "x"}
	if s := d.String(); strings.Contains(s, "\n") || !strings.HasPrefix(s, `"content/a\nb.md":1:1: `) {
		t.Errorf("String() = %q", s)
	}
	d.File = "content/über.md"
	if s := d.String(); !strings.HasPrefix(s, "content/über.md:1:1: ") {
		t.Errorf("String() = %q", s)
	}
}

// The indexed suggester gives what Suggest gives.
func TestSuggesterAgrees(t *testing.T) {
	cands := []string{"terms/mdf.md", "terms/mdf-claims.md", "guides/deal-registration.md", "guides/deal-registrations.md", "a.md", "ab.md", "claims", "claim", "proof-of-performance", "tiers", "title"}
	s := NewSuggester(cands)
	for _, w := range []string{"terms/mfd.md", "guides/deal-registraton.md", "b.md", "a.md", "claimz", "proof-of-performence", "xyz", "titel", "tier", "", "guides/deal-registrations.md"} {
		if got, want := s.Suggest(w), Suggest(w, cands); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestPathSuggester(t *testing.T) {
	cands := []string{"terms/mdf.md", "terms/deal-registration.md", "guides/getting-started.md", "guides/mdf.md", "programs/reseller/_index.md", "programs/reseller/select.md", "v1/section-9/page-499/", "faq.md"}
	ps := NewPathSuggester(cands)
	for word, want := range map[string]string{
		"terms/mfd.md":                         "terms/mdf.md",               // a typo in its folder
		"term/deal-registration.md":            "terms/deal-registration.md", // a misspelt folder
		"guides/deal-registration.md":          "terms/deal-registration.md", // moved
		"v1/section-9/page-49/":                "v1/section-9/page-499/",     // an address with its slash
		"faqs.md":                              "faq.md",                     // at the top
		"programs/reseller/nothing-like-it.md": "",
		"guides/getting-started.md":            "", // itself: no suggestion
		"term/xmdf-old.md":                     "", // folder and name together are too far
		"tems/mdf.md":                          "terms/mdf.md",
	} {
		if got := ps.Suggest(word); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}
