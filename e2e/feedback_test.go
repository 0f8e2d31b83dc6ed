package e2e

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// feedbackHrefs are the three feedback addresses of a built page (yes,
// no, suggest), or nil when it has none.
func feedbackHrefs(t *testing.T, file string) []*url.URL {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	i := strings.Index(page, `<aside class="feedback"`)
	if i < 0 {
		return nil
	}
	aside := page[i : i+strings.Index(page[i:], "</aside>")]
	if strings.Contains(aside, "<form") || strings.Contains(aside, "<script") {
		t.Errorf("%s: the feedback controls send something themselves:\n%s", file, aside)
	}
	var out []*url.URL
	for _, m := range regexp.MustCompile(`<a class="feedback-[a-z]+" href="([^"]*)" target="_blank" rel="noopener">`).FindAllStringSubmatch(aside, -1) {
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	if len(out) != 3 {
		t.Fatalf("%s: %d feedback links, want 3 opening a new tab:\n%s", file, len(out), aside)
	}
	return out
}

// TestFeedbackLinks: partner and public pages ask "Was this page helpful?"
// with links that open a prefilled issue in the feedback project (title,
// address, year, section, language and audience); internal builds, which
// the config leaves out, have none, and their report lists the pages
// with the most feedback from the site's counts file, in its order.
func TestFeedbackLinks(t *testing.T) {
	t.Parallel()
	for _, aud := range []string{"partner", "public"} {
		out := exampleOut(t, aud)
		page, title, section := "fy2026/benefits/mdf/", "Market development funds", "Benefits"
		if aud == "public" {
			page, title, section = "fy2026/guides/getting-started/", "Getting started as a Tidewater partner", "Program guides"
		}
		us := feedbackHrefs(t, filepath.Join(out, page, "index.html"))
		if us == nil {
			t.Fatalf("%s build: %s has no feedback links", aud, page)
		}
		wantTitles := []string{`Helpful: "` + title + `"`, `Not helpful: "` + title + `"`, `Suggestion for "` + title + `"`}
		for i, u := range us {
			if u.Host != "gitlab.com" || u.Path != "/tidewater/partner-feedback/-/issues/new" {
				t.Errorf("%s: link %d goes to %s", aud, i, u)
			}
			q := u.Query()
			if got := q.Get("issue[title]"); got != wantTitles[i] {
				t.Errorf("%s: link %d title %q, want %q", aud, i, got, wantTitles[i])
			}
			desc := q.Get("issue[description]")
			for _, want := range []string{"Page: https://partners.tidewater.example/" + page + "\n", "Program year: FY2026\n", "Section: " + section + "\n", "Language: en\n", "Audience: " + aud + "\n"} {
				if !strings.Contains(desc, want) {
					t.Errorf("%s: link %d description lacks %q:\n%s", aud, i, want, desc)
				}
			}
		}
		// The German page asks in German and says the reader's language.
		de := filepath.Join(out, "de", page, "index.html")
		if us := feedbackHrefs(t, de); us == nil || !strings.Contains(us[1].Query().Get("issue[description]"), "Language: de\n") {
			t.Errorf("%s: the German page's feedback does not say its language: %v", aud, us)
		}
		if b, _ := os.ReadFile(de); !strings.Contains(string(b), "War diese Seite hilfreich?") {
			t.Errorf("%s: the German page does not ask in German", aud)
		}
	}

	internal := exampleOut(t, "internal")
	if us := feedbackHrefs(t, filepath.Join(internal, "fy2026", "benefits", "mdf", "index.html")); us != nil {
		t.Error("the internal build shows feedback links; the config names public and partner only")
	}
	// The report's table, against the counts file.
	f, err := os.Open(filepath.Join(repoRoot, "feedback", "counts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		page         string
		yes, no, sug int
	}
	// A row of a page in another language (/de/...) counts for the page.
	var want []row
	at := map[string]int{}
	for _, r := range rows[1:] {
		n := func(s string) int { v, _ := strconv.Atoi(s); return v }
		page := r[0]
		for _, code := range []string{"de", "ja"} {
			page = strings.Replace(page, "/"+code+"/", "/", 1)
		}
		if i, ok := at[page]; ok {
			want[i].yes, want[i].no, want[i].sug = want[i].yes+n(r[1]), want[i].no+n(r[2]), want[i].sug+n(r[3])
			continue
		}
		at[page] = len(want)
		want = append(want, row{page, n(r[1]), n(r[2]), n(r[3])})
	}
	sort.SliceStable(want, func(i, j int) bool {
		return want[i].yes+want[i].no+want[i].sug > want[j].yes+want[j].no+want[j].sug
	})
	b, err := os.ReadFile(filepath.Join(internal, "fy2026", "report", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	i := strings.Index(report, `<h2 id="feedback">`)
	if i < 0 {
		t.Fatal("the internal report has no feedback table")
	}
	table := report[i : i+strings.Index(report[i:], "</table>")]
	got := regexp.MustCompile(`<tr><th scope="row"><a href="([^"]*)">[^<]*</a>(?: <span class="report-year">[^<]*</span>)?</th><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td></tr>`).FindAllStringSubmatch(table, -1)
	if len(got) != len(want) {
		t.Fatalf("the report lists %d pages, the counts file %d:\n%s", len(got), len(want), table)
	}
	for i, g := range got {
		w := want[i]
		if g[1] != w.page || g[2] != strconv.Itoa(w.yes) || g[3] != strconv.Itoa(w.no) || g[4] != strconv.Itoa(w.sug) {
			t.Errorf("row %d: %v, want %+v", i, g[1:], w)
		}
	}
	// report --format json gives the same rows.
	r := run(t, repoRoot, "report", "--format", "json")
	var rep struct {
		Feedback []struct {
			URL              string
			Yes, No, Suggest int
			Title            string `json:"title"`
		} `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report --format json: %v\n%s", err, r.stderr)
	}
	if len(rep.Feedback) != len(want) || rep.Feedback[0].Title != "Market development funds" || "/"+rep.Feedback[0].URL != want[0].page {
		t.Errorf("report --format json feedback: %+v", rep.Feedback)
	}
}

// TestFeedbackForms: a form address with placeholders gets each field
// escaped where it stands; an unknown placeholder is a configuration
// error at its line; a counts row that names no page or has no count is
// a warning at its line, and the other rows still count.
func TestFeedbackForms(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	cfg, err := os.ReadFile(filepath.Join(site, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const orig = `url: "https://gitlab.com/tidewater/partner-feedback/-/issues/new"`
	if !strings.Contains(string(cfg), orig) {
		t.Fatal("the example's config.yaml has no feedback url")
	}
	form := strings.Replace(string(cfg), orig, `url: "https://forms.example.com/{audience}/portal?answer={answer}&page={url}&t={title}&s={section}"`, 1)
	writeFile(t, site, "config.yaml", form)
	writeFile(t, site, "feedback/counts.csv", "page,yes,no,suggest\n/fy2026/benefits/mdf/,4,2,1\n/fy2026/no-such-page/,1,1,1\n/fy2026/guides/getting-started/,x,1,1\nhttps://partners.tidewater.example/fy2026/programs/reseller/,9,0,0\n")
	out := filepath.Join(t.TempDir(), "out")
	r := run(t, site, "build", "--audience", "partner", "--dest", out)
	if r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "feedback-counts") {
		t.Errorf("a partner build reads the counts, which only the internal report shows:\n%s", r.stderr)
	}
	us := feedbackHrefs(t, filepath.Join(out, "fy2026", "terms", "deal-registration", "index.html"))
	if us == nil {
		t.Fatal("no feedback links")
	}
	u := us[1]
	if u.Host != "forms.example.com" || u.Path != "/partner/portal" {
		t.Errorf("form address %s", u)
	}
	q := u.Query()
	if q.Get("answer") != "no" || q.Get("page") != "https://partners.tidewater.example/fy2026/terms/deal-registration/" || q.Get("t") != "Deal registration terms" || q.Get("s") != "Terms" {
		t.Errorf("form fields %v", q)
	}
	// The internal report counts the rows that read, and says which it
	// left out, at their lines (an internal build reads them the same way).
	r = run(t, site, "report", "--format", "json")
	for _, want := range []string{"feedback/counts.csv:3:1: warning: the row names /fy2026/no-such-page/, which is no page of this build [feedback-counts]", "feedback/counts.csv:4:", `yes is "x", not a count [feedback-counts]`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("report's output lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, `"url": "fy2026/programs/reseller/"`) || !strings.Contains(r.stdout, `"url": "fy2026/benefits/mdf/"`) || strings.Contains(r.stdout, "getting-started/\",\n      \"yes\"") {
		t.Errorf("report feedback:\n%s", r.stdout)
	}

	writeFile(t, site, "config.yaml", strings.Replace(string(cfg), orig, `url: "https://forms.example.com/new?who={reader}"`, 1))
	r = run(t, site, "check")
	line := 1 + strings.Count(string(cfg)[:strings.Index(string(cfg), orig)], "\n")
	if want := fmt.Sprintf("config.yaml:%d:", line); r.code != 2 || !strings.Contains(r.stderr+r.stdout, want) || !strings.Contains(r.stderr+r.stdout, "unknown placeholder {reader}") {
		t.Errorf("unknown placeholder: exit %d, want %s\n%s%s", r.code, want, r.stdout, r.stderr)
	}
}

// TestBrowserFeedback: the feedback controls on a phone and a desktop:
// visible in the page's width, large enough to tap, reached by the
// keyboard, and hidden in print.
func TestBrowserFeedback(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := servedExample(t)
	for i, width := range []int64{390, 1366, 390} {
		scheme := "light"
		if i == 2 {
			scheme = "dark"
		}
		colorScheme(ctx, t, scheme)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+"/fy2026/benefits/mdf/"), chromedp.WaitVisible(`#page-feedback`)); err != nil {
			t.Fatal(err)
		}
		mustEval(ctx, t, `document.querySelector('#page-feedback').scrollIntoView(), ''`)
		got := mustEval(ctx, t, `[...document.querySelectorAll('#page-feedback a')].map(a => { const r = a.getBoundingClientRect(); return (r.left >= 0 && r.right <= innerWidth && r.height >= 24 && a.tabIndex === 0) + ':' + a.textContent }).join('|')`)
		if got != "true:Yes|true:No|true:Suggest a change" {
			t.Errorf("at %d px (%s) the feedback links are %s", width, scheme, got)
		}
		screenshotElement(ctx, t, "#page-feedback", fmt.Sprintf("feedback-%d-%s.png", width, scheme))
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got := mustEval(ctx, t, `getComputedStyle(document.querySelector('#page-feedback')).display`); got != "none" {
		t.Errorf("printed, the feedback controls are shown (display %s)", got)
	}
}

// screenshotElement saves one element's picture when someone will look
// (see screenshot).
func screenshotElement(ctx context.Context, t *testing.T, sel, name string) {
	t.Helper()
	if os.Getenv("PARTNERDOCS_ARTIFACTS") == "" && !t.Failed() {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.Screenshot(sel))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
