package e2e

import (
	"encoding/xml"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	attrRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idRe   = regexp.MustCompile(` id="([^"]+)"`)
)

// TestExamplePortal builds the example portal with the binary and checks
// the output as a whole.
func TestExamplePortal(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	r := run(t, repoRoot, "build", "--dest", dest)
	if r.code != 0 {
		t.Fatalf("build exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "FY2026") || !strings.Contains(r.stdout, "0 errors") {
		t.Errorf("summary: %s", r.stdout)
	}

	// Every page source that this audience (partner) sees has its file.
	pages := 0
	for _, dir := range []string{"content/fy2026", "content/fy2025", "content/portal"} {
		prefix := strings.TrimPrefix(dir, "content/") + "/"
		if prefix == "portal/" {
			prefix = ""
		}
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, _ := os.ReadFile(p)
			if strings.Contains(string(src), "\naudience: internal\n") {
				return nil
			}
			rel, _ := filepath.Rel(filepath.Join(repoRoot, dir), p)
			rel = filepath.ToSlash(rel)
			lang := ""
			if m := translationFile.FindStringSubmatch(rel); m != nil {
				// A translation is published under its language's
				// folder at its source's address.
				lang = strings.TrimSuffix(strings.TrimPrefix(m[0], "."), ".md") + "/"
				rel = strings.TrimSuffix(rel, m[0]) + ".md"
			}
			url := strings.TrimSuffix(rel, ".md") + "/"
			if base := path.Base(rel); base == "_index.md" || base == "index.md" {
				url = path.Dir(rel) + "/"
				if url == "./" {
					url = ""
				}
			}
			if _, err := os.Stat(filepath.Join(dest, lang+prefix+url, "index.html")); err != nil {
				t.Errorf("%s has no output at /%s%s%s", rel, lang, prefix, url)
			}
			pages++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if pages < 80 {
		t.Errorf("only %d pages in the example portal; want at least 80", pages)
	}
	for _, f := range []string{"index.html", "news/index.html", "news/feed.xml", "sitemap.xml", "robots.txt", "404.html", "assets/style.css", "assets/syntax.css"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// Internal pages never reach a partner build.
	if _, err := os.Stat(filepath.Join(dest, "fy2026/playbooks/field-only-pricing")); err == nil {
		t.Error("internal playbook was written in a partner build")
	}

	checkInternalLinks(t, dest, "/")

	for _, f := range []string{"news/feed.xml", "sitemap.xml"} {
		b, _ := os.ReadFile(filepath.Join(dest, f))
		var v struct{ XMLName xml.Name }
		if err := xml.Unmarshal(b, &v); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f, err)
		}
	}
	feed, _ := os.ReadFile(filepath.Join(dest, "news/feed.xml"))
	if n := strings.Count(string(feed), "<entry>"); n != 6 {
		t.Errorf("feed has %d entries, want 6", n)
	}
	sitemap, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if !strings.Contains(string(sitemap), "https://partners.tidewater.example/fy2026/terms/mdf/") || strings.Contains(string(sitemap), "/fy2025/") {
		t.Error("sitemap must list the latest version and not the older one")
	}

	// Determinism: a second build is byte-identical.
	dest2 := filepath.Join(t.TempDir(), "public")
	if r := run(t, repoRoot, "build", "--quiet", "--dest", dest2); r.code != 0 {
		t.Fatalf("second build: %s", r.stderr)
	}
	if treeHash(t, dest) != treeHash(t, dest2) {
		t.Error("two builds of the same sources differ")
	}
}

// checkInternalLinks asserts that every internal href and src resolves to
// a file of the output, and every fragment to an id in that file.
func checkInternalLinks(t *testing.T, dest, basePath string) {
	t.Helper()
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		b, _ := os.ReadFile(file)
		for _, x := range idRe.FindAllStringSubmatch(string(b), -1) {
			m[x[1]] = true
		}
		ids[file] = m
		return m
	}
	checked := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, m := range attrRe.FindAllStringSubmatch(string(b), -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: malformed link %q", p, link)
				continue
			}
			target := p
			if u.Path != "" {
				if !strings.HasPrefix(u.Path, basePath) {
					t.Errorf("%s: link %q does not start with the base path %s", p, link, basePath)
					continue
				}
				rel := strings.TrimPrefix(u.Path, basePath)
				target = filepath.Join(dest, filepath.FromSlash(rel))
				if strings.HasSuffix(u.Path, "/") {
					target = filepath.Join(target, "index.html")
				}
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: link %q leads to no file", strings.TrimPrefix(p, dest), link)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
				t.Errorf("%s: link %q: no id %q in the target", strings.TrimPrefix(p, dest), link, u.Fragment)
			}
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 1000 {
		t.Errorf("only %d internal links checked; the walk is broken", checked)
	}
}

// TestBaseURLSubPath builds for a GitLab Pages project site.
func TestBaseURLSubPath(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	r := run(t, repoRoot, "build", "--quiet", "--dest", dest, "--base-url", "https://group.gitlab.io/portal/")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	checkInternalLinks(t, dest, "/portal/")
}

// TestFailedBuildKeepsOutput: a broken site exits 1 and the previous
// output stays exactly as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	if r := run(t, site, "build", "--quiet"); r.code != 0 {
		t.Fatalf("first build: %d %s", r.code, r.stderr)
	}
	before := treeHash(t, filepath.Join(site, "public"))
	writeFile(t, site, "content/fy2026/guides/broken.md", "---\ntitle: Broken\nkind: guide\n---\n\nSee [the terms](../terms/nope.md) and [claims](xref:terms/mdf#claim).\n")
	r := run(t, site, "build")
	if r.code != 1 {
		t.Fatalf("broken build exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"content/fy2026/guides/broken.md:6:17: error: no page content/fy2026/terms/nope.md [broken-link]",
		`content/fy2026/guides/broken.md:6:48: error: no heading "claim" in content/fy2026/terms/mdf.md (did you mean "claims"?) [broken-anchor]`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("missing diagnostic %q in\n%s", want, r.stderr)
		}
	}
	if after := treeHash(t, filepath.Join(site, "public")); after != before {
		t.Error("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			t.Errorf("staging folder left behind: %s", e.Name())
		}
	}
}

// TestDangerousDest: refused destinations exit 2 and delete nothing.
func TestDangerousDest(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	before := countFiles(t, site)
	for _, dest := range []string{"/", ".", "content", "content/fy2026", ".."} {
		r := run(t, site, "build", "--dest", dest)
		if r.code != 2 {
			t.Errorf("--dest %s: exit %d, want 2 (%s)", dest, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "unsafe output folder") {
			t.Errorf("--dest %s: stderr %q", dest, r.stderr)
		}
	}
	// A folder someone else filled is not ours to replace.
	writeFile(t, site, "notes/todo.txt", "mine")
	if r := run(t, site, "build", "--dest", "notes"); r.code != 2 {
		t.Errorf("--dest notes: exit %d", r.code)
	}
	if after := countFiles(t, site); after != before+1 {
		t.Errorf("files before %d, after %d", before, after)
	}
}

// TestBadInput: every kind of broken source is reported in one run, with
// its position, and nothing is written.
func TestBadInput(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	v := "content/fy2026/"
	writeFile(t, site, v+"bad/yaml.md", "---\ntitle: A\nx: b: c\n---\n")
	writeFile(t, site, v+"bad/unknown.md", "---\ntitle: A\nkind: guide\nwieght: 3\n---\n")
	writeFile(t, site, v+"bad/utf8.md", "---\ntitle: A\n---\nbad \xff byte\n")
	writeFile(t, site, v+"bad/empty.md", "")
	writeFile(t, site, v+"bad/dupe.md", "---\ntitle: A\nid: terms/mdf\n---\n")
	writeFile(t, site, v+"bad/shortcode.md", "---\ntitle: A\n---\n\n{{< benefit-matrx program=\"programs/reseller\" >}}\n")
	big, err := os.Create(filepath.Join(site, v+"bad/huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(50 << 20)
	big.Close()
	if err := os.Symlink("loop-b.md", filepath.Join(site, v+"bad/loop-a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop-a.md", filepath.Join(site, v+"bad/loop-b.md")); err != nil {
		t.Fatal(err)
	}
	r := run(t, site, "build")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		v + "bad/dupe.md:3:5: error: id \"terms/mdf\" is already used",
		v + "bad/huge.md:1:1: error: content/fy2026/bad/huge.md is 52.4 MB",
		v + "bad/loop-a.md: error: cannot read content/fy2026/bad/loop-a.md: symbolic link loop [file]",
		v + "bad/shortcode.md:5:5: error: unknown shortcode \"benefit-matrx\"",
		v + "bad/unknown.md:4:1: error: unknown key \"wieght\" for kind \"guide\" (did you mean \"weight\"?) [frontmatter-field]",
		v + "bad/utf8.md:4:5: error: not valid UTF-8 text",
		v + "bad/yaml.md:3:1: error: malformed YAML front matter",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("missing %q in\n%s", want, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("a failed first build wrote output")
	}
}

// TestConfigError exits 2 with the key and its line.
func TestConfigError(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	b, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	bad := strings.Replace(string(b), "language: en", "langauge: en", 1)
	writeFile(t, site, "config.yaml", bad)
	r := run(t, site, "build")
	if r.code != 2 || !strings.Contains(r.stderr, `config.yaml:5:1: error: unknown key "langauge" in config.yaml (did you mean "language"?) [config]`) {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, t.TempDir(), "build"); r.code != 2 {
		t.Fatalf("a folder with no config.yaml: exit %d", r.code)
	}
	if r := run(t, site, "build", "--audience", "everyone"); r.code != 2 {
		t.Fatalf("bad --audience: exit %d", r.code)
	}
}

// TestCheckCommand runs check on the example portal and on a broken site.
func TestCheckCommand(t *testing.T) {
	t.Parallel()
	if r := run(t, repoRoot, "check"); r.code != 0 {
		t.Fatalf("example portal does not check clean: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	site := copyOneLanguage(t)
	writeFile(t, site, "content/fy2025/guides/x.md", "---\ntitle: X\n---\n[a](xref:terms/mdf@fy2027)\n")
	r := run(t, site, "check", "--format", "json")
	if r.code != 1 || !strings.Contains(r.stdout, `"rule": "unknown-version"`) || !strings.Contains(r.stdout, `"line": 4`) {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("check wrote output")
	}
}

func TestAudiences(t *testing.T) {
	t.Parallel()
	dests := map[string]string{}
	for _, a := range []string{"public", "partner", "internal"} {
		dests[a] = exampleOut(t, a)
	}
	has := func(a, rel string) bool {
		_, err := os.Stat(filepath.Join(dests[a], rel))
		return err == nil
	}
	if !has("internal", "fy2026/playbooks/field-only-pricing/index.html") || has("partner", "fy2026/playbooks/field-only-pricing/index.html") {
		t.Error("internal playbook in the wrong builds")
	}
	if !has("partner", "fy2026/terms/mdf/index.html") || has("public", "fy2026/terms/mdf/index.html") {
		t.Error("partner terms in the wrong builds")
	}
	if !has("public", "fy2026/programs/reseller/index.html") {
		t.Error("public program page missing from the public build")
	}
	// A public page's link to a partner page says so and leads to the
	// sign-in page config.yaml names; the partner build links the page.
	b, _ := os.ReadFile(filepath.Join(dests["public"], "fy2026/programs/reseller/index.html"))
	if want := `<a class="link-restricted" data-restricted="Partners only" href="https://partners.tidewater.example/sign-in/">program agreement</a>`; !strings.Contains(string(b), want) {
		t.Errorf("public reseller page lacks %s", want)
	}
	b, _ = os.ReadFile(filepath.Join(dests["partner"], "fy2026/programs/reseller/index.html"))
	if strings.Contains(string(b), "link-restricted") {
		t.Error("the partner build marks links to pages it has as restricted")
	}
}
