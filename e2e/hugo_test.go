package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hugoPages are the pages of the Hugo-style fixture whose content the
// golden file holds.
var hugoPages = []string{"index.html", "handbook/index.html", "handbook/channel/index.html", "handbook/channel/partner-faq/index.html", "handbook/legal/reseller-agreement/index.html"}

var tocRe = regexp.MustCompile(`(?s)<nav class="toc".*?</nav>`)

var contentRe = regexp.MustCompile(`(?s)<div class="content">.*?</article>`)

// TestHugoHandbook builds a handbook written for Hugo, as it is: its
// front matter, root-relative and URL-style links, shortcodes, raw HTML
// and static files. It checks clean, its pages match the reviewed golden
// file, every address it publishes resolves in the output, and no
// shortcode text reaches a page.
func TestHugoHandbook(t *testing.T) {
	t.Parallel()
	site := copySiteFrom(t, filepath.Join(repoRoot, "e2e", "testdata", "hugo-handbook"))
	if r := run(t, site, "check"); r.code != 0 || strings.TrimSpace(r.stdout) != "" {
		t.Fatalf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	strict := run(t, site, "check", "--strict")
	if strict.code != 0 || strings.Count(strict.stdout, "[frontmatter-field]") != 6 || !strings.Contains(strict.stdout, `unknown key "toc_hide"`) {
		t.Errorf("check --strict: exit %d\n%s", strict.code, strict.stdout)
	}
	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	var golden strings.Builder
	for _, p := range hugoPages {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		golden.WriteString("<!-- " + p + " -->\n" + tocRe.FindString(string(b)) + "\n" + contentRe.FindString(string(b)) + "\n\n")
	}
	goldenFile(t, "hugo-handbook.golden.html", []byte(golden.String()))

	// Former URLs redirect, static files are copied, and every address
	// of the site that a page links to exists.
	for _, f := range []string{"handbook/resellers/index.html", "handbook/legal/old-reseller-terms/index.html", "images/partner-logo.png"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	assertNoDeadLinks(t, dest)
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "[!NOTE]") {
				t.Errorf("%s shows callout syntax", p)
			}
		}
		return err
	})

	// Under a GitLab Pages project path, the same links carry the path.
	sub := filepath.Join(t.TempDir(), "sub")
	if r := run(t, site, "build", "--quiet", "--dest", sub, "--base-url", "https://tidewater.gitlab.io/handbook/"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, _ := os.ReadFile(filepath.Join(sub, "handbook/channel/index.html"))
	for _, want := range []string{`href="/handbook/handbook/legal/reseller-agreement/#master-partner-agreement"`, `src="/handbook/images/partner-logo.png"`, `href="https://www.tidewater.example/company/contact/"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("under a base path, missing %s", want)
		}
	}
}

// TestHugoHandbookMistakes: each mistake a Hugo author makes is one
// finding at its line and column, with what was expected or meant.
func TestHugoHandbookMistakes(t *testing.T) {
	t.Parallel()
	site := copySiteFrom(t, filepath.Join(repoRoot, "e2e", "testdata", "hugo-handbook"))
	writeFile(t, site, "content/portal/handbook/channel/mistakes.md", strings.Join([]string{
		"---",
		"title: Mistakes",
		"kind: guide",
		"descripton: typo",
		"---",
		"",
		"[tiers](/handbook/chanel/#tiers) and [clause](/handbook/legal/reseller-agreement/#registration-deal) and [faq](partner-faqs/)",
		"",
		`{{< youtube "a1B2c3D4e5F >}}`,
		"",
		"{{% alert %}}",
		"never closed",
		"",
		"{{< tier-badge Gold >}}{{< /tier-badge >}}",
		"",
		`<span onclick="steal()">hi</span><script>x()</script>`,
		"",
		`{{< include "clauses/nope.md" >}}`,
		"",
	}, "\n"))
	writeFile(t, site, "layouts/shortcodes/broken.html", "<p>{{ .Get 0 </p>\n")
	r := run(t, site, "check")
	want := []string{
		`mistakes.md:4:1: error: unknown key "descripton" for kind "guide" (did you mean "description"?) [frontmatter-field]`,
		`mistakes.md:7:9: error: no page at /handbook/chanel/ (did you mean "/handbook/channel/"?) [broken-link]`,
		`mistakes.md:7:47: error: no heading "registration-deal" in content/portal/handbook/legal/reseller-agreement.md (did you mean "deal-registration"?) [broken-anchor]`,
		`mistakes.md:7:112: error: no page or file content/portal/handbook/channel/partner-faqs (did you mean "partner-faq.md"?) [broken-link]`,
		`mistakes.md:9:29: error: unterminated string: expected " [unknown-shortcode]`,
		`mistakes.md:11:5: error: shortcode alert needs inner content and its closing tag {{< /alert >}} [unknown-shortcode]`,
		`mistakes.md:14:5: error: shortcode tier-badge takes no inner content; remove its closing tag {{< /tier-badge >}} [unknown-shortcode]`,
		`mistakes.md:16:1: warning: the attribute onclick of <span> is not allowed; it is dropped [raw-html]`,
		`mistakes.md:16:34: warning: <script> is not allowed in Markdown (markdown.html: safe); it is dropped [raw-html]`,
		`mistakes.md:18:5: error: include: no file clauses/nope.md (looked for assets/clauses/nope.md, clauses/nope.md, the page handbook/channel/clauses/nope.md of this version) [broken-link]`,
		`layouts/shortcodes/broken.html:1:1: error: template broken does not parse`,
	}
	for _, w := range want {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("missing finding:\n%s", w)
		}
	}
	if n := strings.Count(r.stdout, "\n"); n != len(want) || r.code != 1 {
		t.Errorf("exit %d, %d findings, want %d:\n%s", r.code, n, len(want), r.stdout)
	}
}
