package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormerURLsCannotWriteRules: a former URL with white space, control
// characters or the _redirects syntax (*, :, !) is refused at the alias,
// and the _redirects file has exactly one rule per accepted alias.
func TestFormerURLsCannotWriteRules(t *testing.T) {
	t.Parallel()
	site := copyOneLanguage(t)
	cfg, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	writeFile(t, site, "config.yaml", string(cfg)+"redirects: file\n")
	b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/terms/mdf.md"))
	aliases := `aliases: ["/ok-alias/", "/x /* /fy2026/guides/ 200!", "/tab\tpath/", "/star/*", "/place/:splat", "/bang!/", "/nl\nrule/"]` + "\n"
	writeFile(t, site, "content/fy2026/terms/mdf.md", strings.Replace(string(b), "kind: terms\n", "kind: terms\n"+aliases, 1))
	r := run(t, site, "check")
	if r.code != 1 || strings.Count(r.stdout, "is not a plain path of this site") != 6 {
		t.Fatalf("check: exit %d\n%s", r.code, r.stdout)
	}
	// Without the bad ones the build writes one rule for the good one.
	writeFile(t, site, "content/fy2026/terms/mdf.md", strings.Replace(string(b), "kind: terms\n", "kind: terms\naliases: [/ok-alias/]\n", 1))
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	rules, _ := os.ReadFile(filepath.Join(dest, "_redirects"))
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(rules)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Errorf("rule %q has %d fields", line, len(f))
		}
		if strings.Contains(line, "ok-alias") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d rules for the alias:\n%s", n, rules)
	}
}

// TestStaticAtGeneratedPath: a static file where the build writes its
// own file (robots.txt, a program year's folder) is left out with a
// warning; the build succeeds (it failed as an internal error).
func TestStaticAtGeneratedPath(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	writeFile(t, site, "static/robots.txt", "User-agent: *\nDisallow: /\n")
	writeFile(t, site, "static/fy2026/index.html", "<p>mine</p>")
	writeFile(t, site, "static/ok.txt", "kept")
	dest := filepath.Join(t.TempDir(), "public")
	r := run(t, site, "build", "--dest", dest)
	if r.code != 0 {
		t.Fatalf("build: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, w := range []string{"static/robots.txt: warning: left out: the build writes /robots.txt itself", "static/fy2026/index.html: warning: left out: the build writes /fy2026/index.html itself"} {
		if !strings.Contains(r.stdout+r.stderr, w) {
			t.Errorf("missing %q in\n%s%s", w, r.stdout, r.stderr)
		}
	}
	if robots := readFile(t, filepath.Join(dest, "robots.txt")); !strings.Contains(robots, "Sitemap:") {
		t.Error("the static robots.txt replaced the build's")
	}
	if readFile(t, filepath.Join(dest, "ok.txt")) != "kept" {
		t.Error("other static files are not copied")
	}
	// Each language's folder shares the root's static files (a hard
	// link), rather than holding a copy of its own.
	root, err1 := os.Stat(filepath.Join(dest, "ok.txt"))
	de, err2 := os.Stat(filepath.Join(dest, "de", "ok.txt"))
	if err1 != nil || err2 != nil || !os.SameFile(root, de) {
		t.Errorf("de/ok.txt is not the root's file: %v %v", err1, err2)
	}
}

// TestThemeLinksRefused: a symbolic link in a site's theme or i18n/
// folder is refused with a message naming it, and nothing it points at is
// published.
func TestThemeLinksRefused(t *testing.T) {
	t.Parallel()
	for _, link := range []string{"themes/mine/static/leak.txt", "i18n/en.yaml", "themes/mine/layouts/page.html"} {
		site := copyOneLanguage(t)
		cfg := readFile(t, filepath.Join(site, "config.yaml"))
		writeFile(t, site, "config.yaml", strings.Replace(cfg, "theme: default", "theme: mine", 1))
		writeFile(t, site, "themes/mine/static/ok.txt", "ok")
		if err := os.MkdirAll(filepath.Dir(filepath.Join(site, link)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/etc/passwd", filepath.Join(site, link)); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		r := run(t, site, "build", "--dest", dest)
		if r.code == 0 || !strings.Contains(r.stderr, link+" is a symbolic link") {
			t.Errorf("%s: exit %d\n%s", link, r.code, r.stderr)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("%s: the build wrote an output", link)
		}
	}
}

// TestLeftOutPageAddressForms: at check.level warn, a link to a page left
// out of the build loses its address in every form it can be written in
// (and each is an audience-link finding): the address appears nowhere in
// the output.
func TestLeftOutPageAddressForms(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	cfg := readFile(t, filepath.Join(site, "config.yaml"))
	writeFile(t, site, "config.yaml", strings.Replace(cfg, "level: error", "level: warn", 1))
	hidden := filepath.Join(site, "content/fy2026/playbooks/field-only-pricing.md")
	writeFile(t, site, "content/fy2026/playbooks/field-only-pricing.md", strings.Replace(readFile(t, hidden), "audience: internal\n", "audience: internal\naliases: [/old-field-pricing/]\n", 1))
	forms := []string{
		"[a](/fy2026/playbooks/field-only-pricing/index.html)", "[b](/de/fy2026/playbooks/field-only-pricing/)",
		"[c](/old-field-pricing/)", "[d](https://partners.tidewater.example/fy2026/playbooks/field-only-pricing/)",
		"[e](field-only-pricing.MD)", "[f](/ja/latest/playbooks/field-only-pricing/)", "[g](/latest/playbooks/field-only-pricing/)",
		"[h](field-only-pricing.md)", "[i](/fy2026/playbooks/field-only-pricing)", `<a href="/fy2026/playbooks/field-only-pricing/">j</a>`,
		"[k](../playbooks/field-only-pricing/)", "[l](field-only-pricing/)",
	}
	page := filepath.Join(site, "content/fy2026/playbooks/migration-services.md")
	writeFile(t, site, "content/fy2026/playbooks/migration-services.md", readFile(t, page)+"\nForms: "+strings.Join(forms, " ")+"\n")
	r := run(t, site, "check")
	if r.code != 0 || strings.Count(r.stdout, "migration-services.md:") != len(forms) || strings.Count(r.stdout, "[audience-link]") != len(forms) {
		t.Errorf("check: exit %d, want %d audience-link findings on the page\n%s", r.code, len(forms), r.stdout)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "field-only-pricing") || strings.Contains(string(b), "old-field-pricing") {
			t.Errorf("%s holds the left-out page's address", strings.TrimPrefix(p, dest))
		}
		return nil
	})
}
