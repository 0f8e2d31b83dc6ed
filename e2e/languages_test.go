package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readOut(t *testing.T, dest, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLanguages builds the example portal, which is English with German
// and Japanese translations of a few pages, and reads it as a partner in
// each language would: a translated page, a fallback page with its notice
// and lang, the switcher's targets, hreflang and sitemap alternates, a
// German matrix with German numbers, and search per language.
func TestLanguages(t *testing.T) {
	t.Parallel()
	site := exampleSite(t)
	dest := filepath.Join(site, "public")
	const root = "https://partners.tidewater.example/"

	// A translated page: German throughout, the switcher on Deutsch.
	de := readOut(t, dest, "de/fy2026/terms/mdf/index.html")
	// The printed page's footer is German too.
	if !strings.Contains(de, `"Ausgabe partner · erstellt am `) {
		t.Error("the German page's print footer is not in German")
	}
	for _, want := range []string{
		`<html lang="de" data-base="/de/">`, `<h1>Bedingungen für Marketingentwicklungsfonds</h1>`, `>Abrechnung<a`,
		`<link rel="alternate" hreflang="en" href="` + root + `fy2026/terms/mdf/">`,
		`<link rel="alternate" hreflang="de" href="` + root + `de/fy2026/terms/mdf/">`,
		`<link rel="alternate" hreflang="x-default" href="` + root + `fy2026/terms/mdf/">`,
		`<a href="/fy2026/terms/mdf/" hreflang="en" lang="en">English</a>`,
		`<a href="/de/fy2026/terms/mdf/" hreflang="de" lang="de" aria-current="true">Deutsch</a>`,
		`<a href="/ja/fy2026/terms/mdf/" hreflang="ja" lang="ja">日本語</a>`,
		`placeholder="FY2026 durchsuchen"`, // the theme's words in German
	} {
		if !strings.Contains(de, want) {
			t.Errorf("/de/fy2026/terms/mdf/ lacks %s", want)
		}
	}
	if strings.Contains(de, "fallback-notice") || strings.Contains(de, `hreflang="ja" href=`) {
		t.Error("a translated page shows the fallback notice, or an alternate in a language it has no translation in")
	}

	// A page with no translation: English, marked so, under /de/, with
	// its English original as canonical; its links stay in German.
	fb := readOut(t, dest, "de/fy2026/guides/tier-reviews/index.html")
	for _, want := range []string{
		`<p class="notice fallback-notice" role="note">Diese Seite ist noch nicht übersetzt; angezeigt wird English.</p>`,
		`<article class="page" lang="en">`, `<link rel="canonical" href="` + root + `fy2026/guides/tier-reviews/">`,
		`href="/de/fy2026/guides/`,
	} {
		if !strings.Contains(fb, want) {
			t.Errorf("the German fallback page lacks %s", want)
		}
	}
	if strings.Contains(fb, `rel="alternate" hreflang=`) {
		t.Error("an untranslated page names alternates")
	}
	en := readOut(t, dest, "fy2026/terms/mdf/index.html")
	if !strings.Contains(en, `<link rel="alternate" hreflang="de" href="`+root+`de/fy2026/terms/mdf/">`) || strings.Contains(en, "fallback-notice") {
		t.Error("the English MDF terms do not name their German translation")
	}

	// The German matrix: translated names, German numbers, the same values.
	prog := readOut(t, dest, "de/fy2026/programs/reseller/index.html")
	for _, want := range []string{"<h1>Reseller-Programm</h1>", "USD 150.000", "50 %, USD 1.000–25.000", "der genehmigten Aktivitätskosten", "Marketingentwicklungsfonds (MDF)"} {
		if !strings.Contains(prog, want) {
			t.Errorf("the German program page lacks %q", want)
		}
	}
	// The German program guide, printed: German title in the running
	// header, German page numbers.
	guide := readOut(t, dest, "de/fy2026/programs/reseller/guide/index.html")
	for _, want := range []string{"<h1>Reseller-Programm: Programmhandbuch</h1>", `@top-right { content: "Reseller-Programm: Programmhandbuch"; }`, `content: "Seite " counter(page) " von " counter(pages);`, ">Inhalt</h2>"} {
		if !strings.Contains(guide, want) {
			t.Errorf("the German program guide lacks %s", want)
		}
	}
	ja := readOut(t, dest, "ja/fy2026/programs/reseller/index.html")
	if !strings.Contains(ja, "<h1>リセラープログラム</h1>") || !strings.Contains(ja, `<html lang="ja"`) {
		t.Error("the Japanese program page is not in Japanese")
	}
	if _, err := os.Stat(filepath.Join(dest, "ja", "fy2026", "benefits", "mdf", "index.html")); err != nil {
		t.Error("a page without a Japanese translation is missing under /ja/: every page exists in every language")
	}

	// Sitemaps: the default lists translated pages with their
	// alternates; a language's lists its translations only; robots.txt
	// names them all.
	sm := readOut(t, dest, "sitemap.xml")
	if !strings.Contains(sm, `<xhtml:link rel="alternate" hreflang="de" href="`+root+`de/fy2026/terms/mdf/">`) {
		t.Error("sitemap.xml has no German alternate for the MDF terms")
	}
	desm := readOut(t, dest, "de/sitemap.xml")
	if !strings.Contains(desm, "<loc>"+root+"de/fy2026/terms/mdf/</loc>") || strings.Contains(desm, "tier-reviews") {
		t.Error("de/sitemap.xml should list the German translations and only them")
	}
	if !strings.Contains(readOut(t, dest, "robots.txt"), "Sitemap: "+root+"de/sitemap.xml") {
		t.Error("robots.txt does not name the German sitemap")
	}

	// Search per language: a German query finds the German MDF terms in
	// the German index, at their German address, and nothing in the
	// English one.
	hits := bleveSearch(t, site, "Abrechnung Leistungsnachweis", "--language", "de")
	if len(hits) == 0 || page(hits[0].URL) != "de/fy2026/terms/mdf/" || hits[0].Title != "Bedingungen für Marketingentwicklungsfonds" {
		t.Errorf("German search: %+v", hits)
	}
	if hits := bleveSearch(t, site, "Leistungsnachweis"); len(hits) != 0 {
		t.Errorf("the English index has German pages: %+v", hits)
	}
	// German compound words and Japanese text are searchable.
	if hits := bleveSearch(t, site, "Marketingentwicklungsfonds", "--language", "de"); len(hits) < 2 {
		t.Errorf("German compound word: %+v", hits)
	}
	if hits := bleveSearch(t, site, "再販", "--language", "ja"); len(hits) == 0 || page(hits[0].URL) != "ja/fy2026/programs/reseller/" {
		t.Errorf("Japanese search: %+v", hits)
	}
	if r := run(t, site, "search", "x", "--language", "fr"); r.code != 2 || !strings.Contains(r.stderr, "en, de, ja") {
		t.Errorf("unknown --language: exit %d %s", r.code, r.stderr)
	}
	// One static index per language and version, searched from that
	// language's pages.
	// Each language's pages are analysed with its analyser, in both
	// indexes: German inflections (a plural the page does not write) and
	// compounds, Japanese by pairs of characters.
	if hits := bleveSearch(t, site, "Leistungsnachweise", "--language", "de"); !contains(urls(hits, 3), "de/fy2026/terms/mdf/") {
		t.Errorf("German inflection, command line: %+v", hits)
	}
	opts := map[string]any{"versions": []string{"fy2026", "portal"}}
	static := staticSearch(t, filepath.Join(dest, "de", "search", "idx"), []string{"Abrechnung", "Leistungsnachweise", "Marketingentwicklungsfonds"}, opts)
	for i, q := range []string{"Abrechnung", "Leistungsnachweise", "Marketingentwicklungsfonds"} {
		if !contains(urls(static[i], 3), "fy2026/terms/mdf/") {
			t.Errorf("German static search %q: %+v", q, static[i])
		}
	}
	jstatic := staticSearch(t, filepath.Join(dest, "ja", "search", "idx"), []string{"再販", "リセラー"}, opts)
	for i, q := range []string{"再販", "リセラー"} {
		if len(jstatic[i]) == 0 || page(jstatic[i][0].URL) != "fy2026/programs/reseller/" {
			t.Errorf("Japanese static search %q: %+v", q, jstatic[i])
		}
	}
	if meta := readOut(t, dest, "de/search/idx/meta.json"); !strings.Contains(meta, `"lang":"de"`) {
		t.Error("the German static index does not say it is German")
	}

	// partnerdocs translations: counts per language and version.
	r := run(t, site, "translations", "--format", "json")
	var st []struct {
		Language, Version string
		Pages, Translated int
		Missing, Stale    []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || r.code != 0 {
		t.Fatalf("translations: %d %v\n%s", r.code, err, r.stdout)
	}
	found := false
	for _, s := range st {
		if s.Language == "de" && s.Version == "fy2026" {
			found = true
			if s.Translated != 14 || len(s.Missing) != s.Pages-14 || len(s.Stale) != 0 {
				t.Errorf("de fy2026: %+v", s)
			}
		}
	}
	if !found {
		t.Errorf("no de fy2026 in %s", r.stdout)
	}
}

// TestLanguagesAudience: a partner-only page's translation never appears
// in a public build, in any language, nor in its search index.
func TestLanguagesAudience(t *testing.T) {
	t.Parallel()
	dest := exampleOut(t, "public")
	// The MDF benefit and its terms are partner pages.
	for _, rel := range []string{"de/fy2026/benefits/mdf/index.html", "de/fy2026/terms/mdf/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, rel)); err == nil {
			t.Errorf("public build has %s", rel)
		}
	}
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "Kofinanzierung") || strings.Contains(string(b), "Aufzeichnung des Webinars") {
			t.Errorf("%s holds German text of a partner page", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The public reseller program page is translated.
	if !strings.Contains(readOut(t, dest, "de/fy2026/programs/reseller/index.html"), "<h1>Reseller-Programm</h1>") {
		t.Error("the public German program page is missing")
	}
}

// TestLanguagesBadInput: an unknown language code in a file name, a
// translation of a page that does not exist, a translation that changes a
// value or a reference, two default languages.
func TestLanguagesBadInput(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	writeFile(t, site, "content/fy2026/terms/mdf.fr.md", "---\ntitle: Conditions FDM\n---\nTexte.\n")
	writeFile(t, site, "content/fy2026/terms/nothing.de.md", "---\ntitle: Nichts\n---\nText.\n")
	b, _ := os.ReadFile(filepath.Join(site, "content/fy2026/programs/reseller/select.de.md"))
	writeFile(t, site, "content/fy2026/programs/reseller/select.de.md", strings.Replace(string(b), "title: \"Select\"\n", "title: \"Select\"\nrank: 5\n", 1))
	mdf, _ := os.ReadFile(filepath.Join(site, "content/fy2026/benefits/mdf.de.md"))
	writeFile(t, site, "content/fy2026/benefits/mdf.de.md", strings.Replace(string(mdf), "premier: {value: 60", "premier: {value: 65", 1))
	r := run(t, site, "check")
	if r.code != 1 {
		t.Fatalf("check: exit %d\n%s", r.code, r.stderr)
	}
	out := r.stdout + r.stderr
	for _, want := range []string{
		`content/fy2026/terms/mdf.fr.md:1:1: warning: "fr" is not one of the site's languages (en, de, ja)`,
		"content/fy2026/terms/nothing.de.md:1:1: warning: content/fy2026/terms/nothing.de.md translates content/fy2026/terms/nothing.md, which does not exist; it is left out [translation-orphan]",
		"content/fy2026/programs/reseller/select.de.md:3:7: error: rank: 5 in a translation, 2 in content/fy2026/programs/reseller/select.md",
		"content/fy2026/benefits/mdf.de.md:",
		"values differs from content/fy2026/benefits/mdf.md beyond its notes and labels",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q\n%s", want, out)
		}
	}

	cfg, _ := os.ReadFile(filepath.Join(site, "config.yaml"))
	writeFile(t, site, "config.yaml", strings.Replace(string(cfg), `{code: de, label: "Deutsch"}`, `{code: de, label: "Deutsch", default: true}`, 1))
	r = run(t, site, "build")
	if r.code != 2 || !strings.Contains(r.stderr, `"de" is a second default language`) {
		t.Errorf("two default languages: exit %d\n%s", r.code, r.stderr)
	}
}

// TestTranslationStale: in a Git repository, a source committed after its
// translation makes the translation stale (a warning, and partnerdocs
// translations lists it); outside Git nothing is reported.
func TestTranslationStale(t *testing.T) {
	t.Parallel()
	needTool(t, "git")
	site := copySite(t)
	if r := run(t, site, "check"); strings.Contains(r.stdout+r.stderr, "translation-stale") {
		t.Errorf("outside Git: %s", r.stdout)
	}
	git(t, site, "init", "-q", "-b", "main")
	git(t, site, "add", "-A")
	git(t, site, "commit", "-q", "-m", "portal")
	if r := run(t, site, "check"); r.code != 0 || strings.Contains(r.stdout+r.stderr, "translation-stale") {
		t.Fatalf("fresh repository: exit %d %s", r.code, r.stdout)
	}
	p := filepath.Join(site, "content/fy2026/terms/mdf.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "within 45 days", "within 30 days", 1)), 0o644)
	cmd := exec.Command("git", "commit", "-q", "-am", "MDF claims within 30 days")
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_AUTHOR_DATE=2026-03-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-03-01T00:00:00Z")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v %s", err, out)
	}
	r := run(t, site, "check")
	want := "content/fy2026/terms/mdf.de.md:1:1: warning: content/fy2026/terms/mdf.md changed on 2026-03-01, after this translation (last changed 2026-01-01): bring the de translation up to date [translation-stale]"
	if r.code != 0 || !strings.Contains(r.stdout, want) {
		t.Errorf("stale translation: exit %d\n%s", r.code, r.stdout)
	}
	if strings.Count(r.stdout, "translation-stale") != 1 {
		t.Errorf("only the MDF terms are stale:\n%s", r.stdout)
	}
	tr := run(t, site, "translations")
	if !strings.Contains(tr.stdout, "stale: content/fy2026/terms/mdf.de.md") {
		t.Errorf("translations: %s", tr.stdout)
	}
}

// TestLanguagesServe: the preview serves every language, and
// /api/search?language=de answers from the German index, with the German
// pages' addresses (under de/).
func TestLanguagesServe(t *testing.T) {
	t.Parallel()
	site := copySite(t)
	srv := startServe(t, site)
	// The first build's indexes are done before serve says it listens.
	if code, body := srv.get(t, "/api/search?q=Abrechnung&language=de", 10*time.Second); code != 200 || !strings.Contains(body, `"url":"de/fy2026/terms/mdf/`) || !strings.Contains(body, "Bedingungen für Marketingentwicklungsfonds") {
		t.Fatalf("German search in the preview: %d %s", code, body)
	}
	if code, body := srv.get(t, "/api/search?q=Abrechnung", 10*time.Second); code != 200 || strings.Contains(body, "terms/mdf") {
		t.Errorf("English search found German text: %d %s", code, body)
	}
	if code, _ := srv.get(t, "/api/search?q=x&language=fr", 10*time.Second); code != 400 {
		t.Errorf("unknown language: %d, want 400", code)
	}
	if code, body := srv.get(t, "/de/fy2026/terms/mdf/", 10*time.Second); code != 200 || !strings.Contains(body, "<h1>Bedingungen für Marketingentwicklungsfonds</h1>") {
		t.Errorf("German page in the preview: %d", code)
	}
}
