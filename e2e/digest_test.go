package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDigestBrowser: the newsletter of the example's first half-year, in its three
// formats (Markdown and text reviewed as golden files), checked the way
// mail clients see it: absolute links only, no script or stylesheet, every
// image with alt text, readable in 600 px.
func TestDigestBrowser(t *testing.T) {
	t.Parallel()
	window := []string{"--since", "2026-01-01", "--until", "2026-06-30"}
	md := run(t, repoRoot, append([]string{"digest", "--format", "markdown"}, window...)...)
	if md.code != 0 {
		t.Fatalf("exit %d %s", md.code, md.stderr)
	}
	goldenFile(t, "digest.golden.md", []byte(md.stdout))
	txt := run(t, repoRoot, append([]string{"digest", "--format", "text", "--changes", "fy2025..fy2026"}, window...)...)
	goldenFile(t, "digest.golden.txt", []byte(txt.stdout))
	// Terms clauses come first, each changed word in its context; a
	// changed figure is not two whole sentences.
	for _, want := range []string{"MDF claim window extended to 45 days", "What changed from FY2025 to FY2026", "https://partners.tidewater.example/fy2026/changes/",
		"Claims: Claim within 30 → 45 days", "within three → two business days", "Net new ARR of at least USD 120,000 → 150,000 (trailing 12 months)"} {
		if !strings.Contains(txt.stdout, want) {
			t.Errorf("text digest lacks %q", want)
		}
	}
	if strings.Contains(txt.stdout, "(trailing 12 months) → Net new ARR") {
		t.Error("the text digest repeats a whole requirement for one changed figure")
	}
	if strings.Index(txt.stdout, "Deal registration terms") > strings.Index(txt.stdout, "Reseller Program\n  - New designation") {
		t.Error("terms changes come after the programs' lists")
	}

	out := filepath.Join(t.TempDir(), "digest.html")
	if r := run(t, repoRoot, append([]string{"digest", "--changes", "fy2025..fy2026", "--output", out}, window...)...); r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if !strings.Contains(page, ">2 February 2026<") {
		t.Error("the email's dates are not written out (2 February 2026)")
	}
	hrefs := regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(hrefs) < 5 {
		t.Fatalf("only %d links", len(hrefs))
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h[1], "https://partners.tidewater.example/") {
			t.Errorf("link not absolute under baseURL: %s", h[1])
		}
	}
	for _, bad := range []string{"<script", "<link", "<style", "class="} {
		if strings.Contains(page, bad) {
			t.Errorf("the email has %s", bad)
		}
	}
	for _, img := range regexp.MustCompile(`<img[^>]*>`).FindAllString(page, -1) {
		if !strings.Contains(img, ` alt="`) {
			t.Errorf("image without alt text: %s", img)
		}
	}
	// As a mail client shows it: 600 px wide, no sideways scrolling.
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(600, 900), chromedp.Navigate("file://"+out), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if w := mustEval(ctx, t, `String(document.documentElement.scrollWidth)`); w != "600" {
		t.Errorf("the email is %s px wide at 600", w)
	}
	screenshot(ctx, t, "digest-600.png")

	// Audience rules: a partner-only announcement is not in a public digest.
	pub := run(t, repoRoot, append([]string{"digest", "--format", "text", "--audience", "public"}, window...)...)
	if pub.code != 0 || strings.Contains(pub.stdout, "MDF claim window") || !strings.Contains(pub.stdout, "FY2026 partner program launches") {
		t.Errorf("public digest (exit %d):\n%s", pub.code, pub.stdout)
	}
	// Bad input: exit 2 with a message.
	for _, args := range [][]string{{"--since", "2026-07-01", "--until", "2026-06-30"}, {"--since", "2026-13-01"}, {"--until", "yesterday"}, {"--changes", "fy2025"}, {"--format", "pdf"}} {
		r := run(t, repoRoot, append([]string{"digest"}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "partnerdocs: ") {
			t.Errorf("digest %v: exit %d %s", args, r.code, r.stderr)
		}
	}
}

// TestDigestDated: a digest's period lists the events that start in it
// ("Coming up") and the incentives whose last day is in it ("Ending
// soon"), in every format.
func TestDigestDated(t *testing.T) {
	t.Parallel()
	window := []string{"--since", "2026-11-01", "--until", "2027-02-28"}
	txt := run(t, repoRoot, append([]string{"digest", "--format", "text"}, window...)...)
	want := "Coming up\n---------\n2026-11-12  Quarterly partner webcast: Q4 2026\n    https://partners.tidewater.example/events/q4-2026-partner-webcast/\n" +
		"2027-02-11  Quarterly partner webcast: Q1 2027\n    https://partners.tidewater.example/events/q1-2027-partner-webcast/\n\n" +
		"Ending soon\n-----------\n2027-01-31  New-logo incentive\n    https://partners.tidewater.example/fy2026/benefits/new-logo-incentive/\n"
	if txt.code != 0 || !strings.Contains(txt.stdout, want) {
		t.Errorf("text digest (%d):\n%s\nwant it to hold\n%s", txt.code, txt.stdout, want)
	}
	if strings.Contains(txt.stdout, "bootcamp") {
		t.Error("the digest lists an event after its period")
	}
	md := run(t, repoRoot, append([]string{"digest", "--format", "markdown"}, window...)...)
	if !strings.Contains(md.stdout, "## Ending soon\n\n- **[New-logo incentive](https://partners.tidewater.example/fy2026/benefits/new-logo-incentive/)** (2027-01-31)") {
		t.Errorf("markdown digest:\n%s", md.stdout)
	}
	out := filepath.Join(t.TempDir(), "digest.html")
	if r := run(t, repoRoot, append([]string{"digest", "--output", out}, window...)...); r.code != 0 {
		t.Fatalf("exit %d %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{">Coming up</h2>", ">Ending soon</h2>", ">31 January 2027<", `href="https://partners.tidewater.example/events/q1-2027-partner-webcast/"`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("the email lacks %s", s)
		}
	}
}
