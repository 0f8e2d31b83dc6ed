package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/testsite"
)

// TestPreviewRendersWhatShows: a page added, moved, turned draft or
// deleted, and an edit of what the navigation shows of a page (its title,
// weight or description), re-render the pages that show it and no others,
// and the preview's files and findings stay those of a build from
// scratch. The broad steps change the front matter of every
// plain page at once, so that a page whose output depends on another's
// title without the page cache knowing (the program model's sections,
// the lists other stages add, references by id) shows as a difference.
func TestPreviewRendersWhatShows(t *testing.T) {
	dir := monolingual(t)
	s := NewSession()
	first := previewBuild(t, s, dir, nil)
	if first.outcome != OK {
		t.Fatal(first.diags)
	}
	total := 0
	for f := range first.files {
		if strings.HasSuffix(f, "index.html") && !strings.HasPrefix(f, "latest/") {
			total++
		}
	}
	kindRe := regexp.MustCompile(`(?m)^kind: *"?(\w+)`)
	titleRe := regexp.MustCompile(`(?m)^title: *(.*)$`)
	descRe := regexp.MustCompile(`(?m)^description: *"(.*)"$`)
	weightRe := regexp.MustCompile(`(?m)^weight: *(-?\d+)\n`)
	// plain lists the example's pages outside the site's core, by their
	// path from the site's root.
	var plain []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b := string(raw)
		// Terms pages are of the core (the model's sections name them):
		// their edits render every page, which would test nothing here.
		if m := kindRe.FindStringSubmatch(b); m != nil && (site.ModelKind(m[1]) || m[1] == "terms") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		plain = append(plain, filepath.ToSlash(rel))
		return nil
	})
	if len(plain) < 40 {
		t.Fatalf("only %d plain pages in the example", len(plain))
	}
	retitle := func(b string, n int) string {
		return titleRe.ReplaceAllStringFunc(b, func(line string) string {
			v := strings.TrimSpace(strings.TrimPrefix(line, "title:"))
			v = strings.Trim(v, `"'`)
			return `title: "` + v + ` (` + strings.Repeat("i", n) + `)"`
		})
	}
	steps := []struct {
		name  string
		files []string
		edit  func(b string) string
		// most is the most pages the rebuild may render; 0: any number.
		most int
	}{
		{"every plain page's title", plain, func(b string) string { return retitle(b, 1) }, 0},
		{"every plain page's weight", plain, func(b string) string {
			if weightRe.MatchString(b) {
				return weightRe.ReplaceAllString(b, "weight: 7\n")
			}
			return strings.Replace(b, "---\n", "---\nweight: 7\n", 1)
		}, 0},
		{"every description", plain, func(b string) string { return descRe.ReplaceAllString(b, `description: "Changed: $1"`) }, 0},
		// Not the callouts' folder: its 20 pages with shortcodes keep
		// their last render.
		{"one guide's title", []string{"content/fy2026/guides/deal-registration.md"}, func(b string) string { return retitle(b, 2) }, 20},
		{"one guide's weight", []string{"content/fy2026/guides/deal-registration.md"}, func(b string) string {
			return weightRe.ReplaceAllString(b, "weight: 1\n")
		}, 30},
		// The program model: of the pages that show it (its own kinds in
		// both years, the years' homes and certifications, designations;
		// 90 of the example's), those whose drawn sections show the value
		// are rendered again (the benefit, its program and tier pages:
		// 8), not the others nor the plain pages.
		{"a benefit's value for a tier", []string{"content/fy2026/benefits/deal-registration-discount.md"}, func(b string) string {
			return strings.Replace(b, `registered: {value: 5,`, `registered: {value: 6,`, 1)
		}, 12},
		{"last year's terms page, which this year's supersedes", []string{"content/fy2025/terms/mdf.md"}, func(b string) string { return retitle(b, 3) }, 0},
		{"a folder's landing title", []string{"content/fy2026/guides/_index.md"}, func(b string) string { return retitle(b, 4) }, 0},
	}
	// Pages come, go and move: the watcher names no files then.
	page := func(title, link string) string {
		return "---\ntitle: \"" + title + "\"\n---\n\nSell with us; see the [MDF terms](" + link + ").\n"
	}
	put := func(rel, text string) func() { return testsite.Put(t, dir, rel, text) }
	remove := func(rel string) func() { return testsite.Remove(t, dir, rel) }
	structural := []struct {
		name string
		do   func()
		most int
	}{
		{"a new page", put("content/fy2026/guides/co-selling.md", page("Co-selling", "../terms/mdf.md")), 30},
		{"last year gets the same page", put("content/fy2025/guides/co-selling.md", page("Co-selling", "../terms/mdf.md")), 40},
		{"a page moved to another folder", func() {
			remove("content/fy2026/guides/co-selling.md")()
			put("content/fy2026/playbooks/co-selling.md", page("Co-selling", "../terms/mdf.md"))()
		}, 60},
		{"a page that links to it", put("content/fy2026/guides/see-co-selling.md", "---\ntitle: \"See co-selling\"\n---\n\nRead [co-selling](../playbooks/co-selling.md).\n"), 30},
		// A draft is a hidden page: it leaves its folder's navigation,
		// and a link to it (the page above's) says it is left out.
		{"a page turned draft", put("content/fy2026/playbooks/co-selling.md", strings.Replace(page("Co-selling", "../terms/mdf.md"), "---\n\n", "draft: true\n---\n\n", 1)), 60},
		{"a page deleted", remove("content/fy2025/guides/co-selling.md"), 40},
		{"a link through an alias", func() {
			put("content/fy2026/guides/partner-faq.md", "---\ntitle: \"Partner FAQ\"\naliases: [guides/faq]\n---\n\nAnswers.\n")()
			put("content/fy2026/playbooks/faq-links.md", "---\ntitle: \"Where the answers are\"\n---\n\nRead the [FAQ](xref:guides/faq).\n")()
		}, 40},
		// Shortcodes that show their own arguments and text only: the
		// pages are cached as pages without shortcodes, so their links
		// are what ties them to other pages (the next step moves where
		// xref:guides/faq leads).
		{"pages with callouts, details and a video", func() {
			for i := range 20 {
				put(fmt.Sprintf("content/fy2026/callouts/c%02d.md", i), "---\ntitle: \"Callout "+strconv.Itoa(i)+"\"\n---\n\n"+
					"{{< alert title=\"Heads up\" >}}Read the [FAQ](xref:guides/faq) first.{{< /alert >}}\n\n"+
					"{{< details \"More\" >}}Ask your partner manager.{{< /details >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n")()
			}
		}, 0},
		// The page with the link is not edited: its link now leads to
		// another page, which only resolving it again tells.
		{"the alias's id given to a new page", func() {
			put("content/fy2026/guides/partner-faq.md", "---\ntitle: \"Partner FAQ\"\n---\n\nAnswers.\n")()
			put("content/fy2026/guides/faq.md", "---\ntitle: \"FAQ\"\n---\n\nThe questions.\n")()
		}, 40},
		{"a new folder", put("content/fy2026/webinars/_index.md", page("Webinars", "../terms/mdf.md")), 0},
	}
	for _, st := range structural {
		st.do()
		before := s.pages.Rendered.Load()
		got := previewBuild(t, s, dir, nil)
		rendered := int(s.pages.Rendered.Load() - before)
		want := previewBuild(t, NewSession(), dir, nil)
		sameBuild(t, st.name, got, want)
		if got.outcome != OK {
			t.Fatalf("%s: %v", st.name, got.diags)
		}
		if st.most > 0 && rendered > st.most {
			t.Errorf("%s: %d of %d pages rendered, want at most %d", st.name, rendered, total, st.most)
		}
		t.Logf("%s: %d of %d pages rendered", st.name, rendered, total)
	}
	for _, st := range steps {
		for _, f := range st.files {
			writeFile(t, dir, f, st.edit)
		}
		before := s.pages.Rendered.Load()
		got := previewBuild(t, s, dir, st.files)
		rendered := int(s.pages.Rendered.Load() - before)
		want := previewBuild(t, NewSession(), dir, nil)
		sameBuild(t, st.name, got, want)
		if st.most > 0 && rendered > st.most {
			t.Errorf("%s: %d of %d pages rendered, want at most %d", st.name, rendered, total, st.most)
		}
		t.Logf("%s: %d of %d pages rendered", st.name, rendered, total)
	}
}
