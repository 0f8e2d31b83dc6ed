package feedback

import (
	"net/url"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/diag"
)

var page = Page{Title: `Terms & "conditions"`, URL: "https://p.example/fy2026/terms/a b/", ID: "terms/a", Year: "FY2026", Language: "de", Audience: "partner", Section: "Terms/Clauses"}

func TestLinkKinds(t *testing.T) {
	// GitLab's issue form.
	u, _ := url.Parse(Link("https://gitlab.example.com/g/p/-/issues/new", No, page))
	if got := u.Query().Get("issue[title]"); got != `Not helpful: "Terms & \"conditions\""` {
		t.Errorf("GitLab title %q", got)
	}
	if d := u.Query().Get("issue[description]"); !strings.Contains(d, "Page: https://p.example/fy2026/terms/a b/\nProgram year: FY2026\nSection: Terms/Clauses\nLanguage: de\nAudience: partner\n") {
		t.Errorf("GitLab description %q", d)
	}
	// GitHub's, with its own parameter names; a query already there stays.
	u, _ = url.Parse(Link("https://github.com/acme/portal/issues/new?template=fb.md", Suggest, page))
	q := u.Query()
	if q.Get("title") != `Suggestion for "Terms & \"conditions\""` || q.Get("template") != "fb.md" || q.Get("labels") != "feedback" || !strings.Contains(q.Get("body"), "What should the page say instead?") {
		t.Errorf("GitHub query %v", q)
	}
	// Any other form gets the fields as parameters.
	u, _ = url.Parse(Link("https://forms.example.com/f/1", Yes, page))
	q = u.Query()
	if q.Get("answer") != "yes" || q.Get("title") != page.Title || q.Get("section") != page.Section || q.Get("url") != page.URL {
		t.Errorf("form query %v", q)
	}
	// Placeholders: escaped for the path before the "?", for the query
	// after it; the same name in both places gets both escapings.
	got := Link("https://forms.example.com/{section}/x?s={section}&t={title}&a={answer}", No, page)
	want := "https://forms.example.com/Terms%2FClauses/x?s=Terms%2FClauses&t=Terms+%26+%22conditions%22&a=no"
	if got != want {
		t.Errorf("placeholders:\n got %s\nwant %s", got, want)
	}
}

func TestCheck(t *testing.T) {
	for s, want := range map[string]string{
		"https://gitlab.com/a/b/-/issues/new":     "",
		"https://f.example/{audience}?p={url}":    "",
		"javascript:alert(1)":                     "must be an http(s) address",
		"mailto:team@example.com":                 "must be an http(s) address",
		"https://f.example/new#top":               "must not have a #fragment",
		"https://f.example/new?who={reader}":      "unknown placeholder {reader}",
		"//f.example/new":                         "must be an http(s) address",
		"https:///path-only":                      "must be an http(s) address",
		"https://f.example/{title}/{answer}/edit": "",
	} {
		got := Check(s)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("Check(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestPath(t *testing.T) {
	for in, want := range map[string]string{
		"/fy2026/benefits/mdf/":                      "fy2026/benefits/mdf/",
		"fy2026/benefits/mdf":                        "fy2026/benefits/mdf/",
		"https://p.example/docs/fy2026/x/index.html": "fy2026/x/",
		"/docs/fy2026/x/?utm=1":                      "fy2026/x/",
		"/":                                          "",
	} {
		if got := Path(in, "/docs/"); got != want {
			t.Errorf("Path(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Path("/fy2026/benefits/mdf/", "/"); got != "fy2026/benefits/mdf/" {
		t.Errorf("at the root: %q", got)
	}
	if got := Path("fy2026/benefits/mdf", "/"); got != "fy2026/benefits/mdf/" {
		t.Errorf("relative: %q", got)
	}
}

func TestReadCounts(t *testing.T) {
	var diags diag.List
	in := "\uFEFFPage,Suggest,Yes,No,notes\n" +
		"/a/,1,2,3,fine\n" +
		"/b/,0,-1,0,negative\n" +
		"\"/c/,0,1,0\n" // an unclosed quote runs to the end
	got := ReadCounts("fb.csv", []byte(in), &diags)
	if len(got) != 1 || got[0] != (Count{Page: "/a/", Line: 2, Yes: 2, No: 3, Suggest: 1}) {
		t.Errorf("counts %+v", got)
	}
	items := diags.Items()
	if len(items) != 2 || items[0].Line != 3 || !strings.Contains(items[0].Message, `yes is "-1", not a count`) || items[1].Line != 4 {
		t.Errorf("findings %v", items)
	}
	// Sorted by total, most first; blank counts are 0.
	diags = diag.List{}
	got = ReadCounts("fb.csv", []byte("page,yes,no,suggest\n/a/,1,,\n/b/,5,5,5\n/c/,,2,\n"), &diags)
	if diags.Len() != 0 || len(got) != 3 || got[0].Page != "/b/" || got[1].Page != "/c/" || got[2].Page != "/a/" {
		t.Errorf("order %+v %v", got, diags.Items())
	}
	// A header without the columns, broken UTF-8, and an oversized file
	// are one finding each, at line 1.
	for _, bad := range []string{"page,yes\n/a/,1\n", "page,yes,no,suggest\n/\xff/,1,1,1\n", strings.Repeat("x", MaxCountsBytes+1)} {
		diags = diag.List{}
		if got := ReadCounts("fb.csv", []byte(bad), &diags); got != nil || diags.Len() != 1 || diags.Items()[0].Line != 1 {
			t.Errorf("%.40q: %v %v", bad, got, diags.Items())
		}
	}
}

// FuzzReadCounts: any file reads without a panic, and every row kept has
// a page and counts that are not negative.
func FuzzReadCounts(f *testing.F) {
	f.Add([]byte("page,yes,no,suggest\n/a/,1,2,3\n"))
	f.Add([]byte("suggest,page\n\"x\"\"y\",2\n,\n"))
	f.Add([]byte("page,yes,no,suggest\n\"/a/\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var diags diag.List
		for _, c := range ReadCounts("f.csv", data, &diags) {
			if c.Page == "" || c.Yes < 0 || c.No < 0 || c.Suggest < 0 || c.Line < 1 {
				t.Fatalf("row %+v", c)
			}
		}
		for _, d := range diags.Items() {
			if d.Line < 0 || d.File != "f.csv" {
				t.Fatalf("finding %+v", d)
			}
		}
	})
}
