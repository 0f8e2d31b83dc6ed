package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHugoSiteAsItIs builds a site written for a current Hugo (templates
// in layouts/_shortcodes/ with subfolders and a .md template, partials,
// data/, includes in assets/, hugo.toml, Hugo-style front matter and
// links) as it is. At check.level warn it has no error; each loss is a
// warning at its line; the output holds what Hugo would publish, no
// shortcode text, and no address that 404s.
func TestHugoSiteAsItIs(t *testing.T) {
	t.Parallel()
	site := copySiteFrom(t, filepath.Join(repoRoot, "e2e", "testdata", "hugo-site"))
	// A template may not read outside the site through a link: refused,
	// an error at any level.
	leak := filepath.Join(site, "layouts", "_shortcodes", "leak.html")
	if err := os.Symlink("/etc/passwd", leak); err != nil {
		t.Fatal(err)
	}
	if r := run(t, site, "check"); r.code != 1 || !strings.Contains(r.stdout, "layouts/_shortcodes/leak.html: error: layouts/_shortcodes/leak.html is a symbolic link") {
		t.Errorf("a linked template: exit %d\n%s", r.code, r.stdout)
	}
	os.Remove(leak)
	r := run(t, site, "check")
	if r.code != 0 || strings.Contains(r.stdout, ": error:") {
		t.Fatalf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, w := range []string{
		`guide.md:20:5: warning: unknown shortcode "docsy-card" [unknown-shortcode]`,
		`guide.md:22:5: warning: shortcode template layouts/_shortcodes/remote-data.html: getenv reads outside the site and returns nothing here`,
		`guide.md:22:5: warning: shortcode template layouts/_shortcodes/remote-data.html: resources.GetRemote reaches the network`,
		`guide.md:24:5: warning: shortcode template layouts/_shortcodes/spin.html fails on this page: range over 100000000000 is over its budget`,
		`guide.md:26:5: warning: shortcode template layouts/_shortcodes/counter.html fails on this page: seq of 50000000 numbers is over its budget`,
		`layouts/_shortcodes/futurefunc.html:1:1: warning: template futurefunc calls someHugoFunction, a Hugo function partnerdocs does not have`,
		`hugo.toml:1:1: warning: Hugo settings partnerdocs does not use, ignored: enableGitInfo (it reads`,
		`search.md:1:1: warning: left out: /search/ is the portal's search page [duplicate-url]`,
	} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("check: missing %q in\n%s", w, r.stdout)
		}
	}
	// Front matter and links Hugo accepts are not findings.
	for _, bad := range []string{"readFile", "People", "stage", "owners", "cells-1.5.md", "people/remote", "billing-gpo", "contacts", "our-team", ":~:text", "include"} {
		if strings.Contains(r.stdout, bad) {
			t.Errorf("check reports %q, which Hugo accepts:\n%s", bad, r.stdout)
		}
	}
	// At check.level error the same losses fail the check.
	strict := strings.Replace(readFile(t, filepath.Join(site, "config.yaml")), "level: warn", "level: error", 1)
	writeFile(t, site, "config.yaml", strict)
	if r := run(t, site, "check"); r.code != 1 || !strings.Contains(r.stdout, `error: unknown shortcode "docsy-card"`) {
		t.Errorf("check at level error: exit %d\n%s", r.code, r.stdout)
	}
	writeFile(t, site, "config.yaml", strings.Replace(strict, "level: error", "level: warn", 1))

	dest := filepath.Join(t.TempDir(), "out")
	if r := run(t, site, "build", "--quiet", "--dest", dest); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	guide := readFile(t, filepath.Join(dest, "handbook/guide/index.html"))
	for _, w := range []string{
		`<a href="/handbook/people/remote/">remote</a>`,                                                // x/ from the page's folder
		`<a href="/handbook/people/#our-team">people</a>`,                                              // heading id from its text only
		`<a href="/handbook/people/#contacts">contacts</a>`,                                            // <a name>
		`<a href="/handbook/people/remote/">go</a>`,                                                    // relref by unique name
		`<span class="member">Ada Lovelace (partner engineer)`,                                         // data, where, index, partial
		`<small>2 on the team</small>`,                                                                 // dict, len, printf
		`registrations expire after 90 days (<a href="mailto:partners@northwind.example">contact</a>)`, // .md template, site.Params
		`<h3 id="shared-clause">`,                                                                      // include from assets/
		`youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30`,
		`<td><div class="video"><iframe src="https://player.vimeo.com/video/123456789`, // a shortcode in raw HTML
		`Inner text stays.`, // an unknown paired shortcode keeps its inner content
		`<em>plain</em>`,    // a missing function costs only the branch that calls it
		"partners@northwind.example",
		`Why <strong>Northwind</strong>: partners first.`, // readFile inside the site
		`<a href="/handbook/people/">People</a>`,          // relref by name, in any case
	} {
		if !strings.Contains(guide, w) {
			t.Errorf("guide page: missing %q", w)
		}
	}
	if strings.Contains(guide, "root:") || strings.Contains(guide, "docsy-card") {
		t.Error("the guide shows a linked file or shortcode text")
	}
	for _, f := range []string{"handbook/cells-1.5/index.html", "handbook/billing-gpo/index.html", "handbook/people/remote/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, f := range []string{"handbook/hidden/index.html", "handbook/future/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err == nil {
			t.Errorf("%s is published (build.render never, publishDate ahead)", f)
		}
	}
	if cells := readFile(t, filepath.Join(dest, "handbook/cells-1.5/index.html")); !strings.Contains(cells, "<h1>Cells 1.5</h1>") {
		t.Error("a page without a title is not titled from its file name")
	}
	if remote := readFile(t, filepath.Join(dest, "handbook/people/remote/index.html")); !strings.Contains(remote, "<h1>Remote work</h1>") {
		t.Error("a page without a title is not titled from its linkTitle")
	}
	if home := readFile(t, filepath.Join(dest, "index.html")); !strings.Contains(home, `href="/handbook/"`) {
		t.Error("the generated home does not link the portal's top section")
	}
	assertNoDeadLinks(t, dest)
}

// assertNoDeadLinks fails for every site address in the output's pages
// that the build did not write, and for any shortcode text outside code.
func assertNoDeadLinks(t *testing.T, dest string) {
	t.Helper()
	hrefRe := regexp.MustCompile(`(?:href|src)="(/[^"#?]*)`)
	codeRe := regexp.MustCompile(`(?s)<pre.*?</pre>|<code>.*?</code>`)
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		page := string(b)
		if text := codeRe.ReplaceAllString(page, ""); strings.Contains(text, "{{<") || strings.Contains(text, "{{%") {
			t.Errorf("%s shows shortcode text", p)
		}
		for _, m := range hrefRe.FindAllStringSubmatch(page, -1) {
			target := filepath.Join(dest, filepath.FromSlash(m[1]))
			if strings.HasSuffix(m[1], "/") {
				target = filepath.Join(target, "index.html")
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s links to %s, which the build did not write", strings.TrimPrefix(p, dest), m[1])
			}
		}
		return nil
	})
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
