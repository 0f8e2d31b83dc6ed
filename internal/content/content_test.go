package content

import (
	"bytes"
	"math/rand"
	"time"

	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/adrg/frontmatter"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
)

func testConfig(t *testing.T, root string) *config.Config {
	t.Helper()
	cfgText := "title: T\nportal: content/portal\nregions: [emea, amer]\nversions:\n  - {name: v1, path: content/v1, latest: true}\n"
	for _, d := range []string{"content/portal", "content/v1"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "config.yaml"), []byte(cfgText), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, diags := config.Load(root)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	return cfg
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadGood(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	write(t, root, "content/v1/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
	write(t, root, "content/v1/terms/mdf.md", "---\ntitle: MDF terms\nkind: terms\nversion: \"3.1\"\neffective: 2026-02-01\nregions: [emea]\ntags: mdf\n---\n\n## Claims {#claims}\n")
	write(t, root, "content/v1/programs/resale/_index.md", "+++\ntitle = \"Resale\"\nkind = \"program\"\ntype = \"reseller\"\n+++\nBody\n")
	write(t, root, "content/v1/guides/json.md", "{\n  \"title\": \"JSON page\",\n  \"weight\": 3\n}\n\nText\n")
	write(t, root, "content/v1/secret.md", "---\ntitle: Secret\naudience: internal\n---\n")
	write(t, root, "content/v1/draft.md", "---\ntitle: Draft\ndraft: true\n---\n")
	write(t, root, "content/v1/img/logo.png", "PNG")
	write(t, root, "content/v1/.hidden.md", "junk")
	write(t, root, "content/v1/notes.md~", "junk")
	write(t, root, "content/portal/news/launch.md", "---\ntitle: Launch\nkind: announcement\ndate: 2026-01-05\naffects: [terms/mdf]\n---\n")

	site, diags := Load(cfg, Options{Audience: "partner"})
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	v := site.Version("v1")
	var ids []string
	for _, p := range v.Pages {
		ids = append(ids, p.ID+"="+p.URL)
	}
	want := "index=v1/,guides/json=v1/guides/json/,programs/resale=v1/programs/resale/,terms/mdf=v1/terms/mdf/"
	if got := strings.Join(ids, ","); got != want {
		t.Errorf("pages\n got %s\nwant %s", got, want)
	}
	mdf := v.ByID["terms/mdf"]
	if mdf.Kind != "terms" || mdf.TermsVersion != "3.1" || mdf.Effective != "2026-02-01" || mdf.Regions[0] != "emea" || mdf.Tags[0] != "mdf" {
		t.Errorf("mdf = %+v", mdf)
	}
	if body := site.Bodies.Take(mdf); mdf.BodyLine != 9 || !strings.HasPrefix(string(body), "\n## Claims") {
		t.Errorf("body line %d body %q", mdf.BodyLine, body)
	}
	if site.Bodies.Take(mdf) != nil {
		t.Error("a body taken twice")
	}
	if v.ByID["programs/resale"].Type != "reseller" || v.ByID["guides/json"].Weight != 3 {
		t.Error("toml or json front matter not decoded")
	}
	if len(v.Hidden) != 2 || len(v.Assets) != 1 || v.Assets[0].URL != "v1/img/logo.png" {
		t.Errorf("hidden %v assets %v", v.Hidden, v.Assets)
	}
	if a := site.Portal.ByID["news/launch"]; a == nil || a.Date != "2026-01-05" || a.URL != "news/launch/" {
		t.Errorf("portal = %+v", site.Portal.Pages)
	}
	site2, _ := Load(cfg, Options{Audience: "internal", Drafts: true})
	if len(site2.Version("v1").Pages) != 6 {
		t.Errorf("internal build with drafts has %d pages", len(site2.Version("v1").Pages))
	}
}

// Every broken page of one site is reported in one run, each at its exact
// position and rule.
func TestFrontMatterErrors(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	cases := map[string]struct{ text, want string }{
		"unknown.md":    {"---\ntitle: A\nkind: guide\ntitel: B\n---\n", "4:1 frontmatter-field unknown key \"titel\" for kind \"guide\" ~title"},
		"kindkey.md":    {"---\ntitle: A\nkind: guide\nrank: 2\n---\n", "4:1 frontmatter-field key \"rank\" belongs to kind tier"},
		"plainkey.md":   {"---\ntitle: A\ntitel: B\nstage: plan\n---\n", ""},
		"type.md":       {"---\ntitle: A\nweight: heavy\n---\n", "3:9 frontmatter-field weight: expected an integer, got \"heavy\""},
		"notitle.md":    {"---\nkind: guide\nweight: 1\n---\n", "2:1 frontmatter-field missing required key \"title\""},
		"plaintitle.md": {"---\nweight: 1\n---\n", ""},
		"badid.md":      {"---\ntitle: A\nid: Bad ID\n---\n", "3:5 frontmatter-field id: \"Bad ID\" is not a valid id"},
		"dupe.md":       {"---\ntitle: A\nid: a/unknown\n---\n", "3:5 duplicate-id id \"a/unknown\" is already used by content/v1/a/unknown.md"},
		"malformed.md":  {"---\ntitle: A\nx: b: c\n---\n", "3:1 frontmatter-syntax malformed YAML front matter: mapping values are not allowed"},
		"unclosed.md":   {"---\ntitle: A\n", "1:1 frontmatter-syntax never closed"},
		"nofm.md":       {"# Just a heading\n", ""},
		"empty.md":      {"", ""},
		"utf8.md":       {"---\ntitle: A\n---\nok \xff bad\n", "4:4 file not valid UTF-8"},
		"region.md":     {"---\ntitle: A\nregions: [emea, emae]\n---\n", "3:17 unknown-region unknown region \"emae\" ~emea"},
		"date.md":       {"---\ntitle: A\nreview_by: 2026-13-01\n---\n", "3:12 frontmatter-field review_by: expected a date"},
		"kind.md":       {"---\ntitle: A\nkind: guid\n---\n", "3:7 frontmatter-field kind: \"guid\" is not one of ~guide"},
		"announce.md":   {"---\ntitle: A\nkind: announcement\n---\n", "2:1 frontmatter-field missing required key \"date\""},
		"list.md":       {"---\n- a\n- b\n---\n", "2:1 frontmatter-syntax front matter must be a mapping"},
		"toml.md":       {"+++\ntitle = \"A\"\nweight = \n+++\n", "3:10 frontmatter-syntax malformed TOML"},
		"Bad Name.md":   {"---\ntitle: A\n---\n", ""},
		"dupkey.md":     {"---\ntitle: A\ntitle: B\n---\n", "3:1 frontmatter-field duplicate key \"title\""},
		"x/index.md":    {"---\ntitle: A\n---\n", ""},
		"x.md":          {"---\ntitle: B\nid: x2\n---\n", "1:1 duplicate-url content/v1/x/index.md and content/v1/x.md would both be written to /v1/x/"},
		"a/unknown.md":  {"---\ntitle: first\n---\n", ""},
		"audience.md":   {"---\ntitle: A\naudience: partners\n---\n", "3:11 frontmatter-field audience: \"partners\" is not one of ~partner"},
		"tier.md":       {"---\ntitle: A\nkind: tier\n---\n", "2:1 frontmatter-field missing required key \"program\""},
		"alias.md":      {"---\ntitle: A\naliases: [ok, Not/OK]\n---\n", "3:15 frontmatter-field aliases: \"Not/OK\" is not a valid id"},
		"entrykind.md":  {"---\ntitle: A\nkind: tier\nprogram: p\nentry: closed\n---\n", "5:8 frontmatter-field entry: \"closed\" is not one of"},
		"former.md":     {"---\ntitle: A\naliases: [/handbook/ok/, /../x]\n---\n", "3:26 frontmatter-field aliases: \"/../x\" is not a plain path"},
		"bom.md":        {"\xef\xbb\xbf---\ntitle: A\nweight: x\n---\n", "3:9 frontmatter-field weight: expected an integer"},
		"json.md":       {"{\n  \"title\": \"A\",\n  \"tags\": [\"a\" \"b\"]\n}\nBody.\n", "3:17 frontmatter-syntax malformed JSON front matter: invalid character"},
		"jsonok.md":     {"{\n  \"title\": \"A\",\n  \"weight\": \"x\"\n}\nBody right after.\n", "3:13 frontmatter-field weight: expected an integer"},
		"jsonopen.md":   {"{\n  \"title\": \"A\",\n", "3:1 frontmatter-syntax malformed JSON front matter: the object is never closed"},
		"deeptoml.md":   {"+++\ntitle = \"A\"\nx = " + strings.Repeat("[", 500) + strings.Repeat("]", 500) + "\n+++\n", "2:1 frontmatter-syntax nested more than 64 levels"},
		"deepyaml.md":   {"---\ntitle: A\nx: " + strings.Repeat("[", 500) + strings.Repeat("]", 500) + "\n---\n", "3:" + "1 frontmatter-syntax nested more than 64 levels"},
		"aliasuse.md":   {"---\ntitle: A\ntags: &w [x]\nweight: *w\n---\n", "4:9 frontmatter-field weight: expected an integer, got a list"},
		"aliaspos.md":   {"---\ntitle: A\nid: &w x-y\ndescription: ok\nregions: *w\n---\n", "5:10 unknown-region unknown region \"x-y\""},
		"bomb.md":       {"---\ntitle: A\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d]\n---\n", "6:36 frontmatter-syntax aliases expand to too many values"},
	}
	for name, c := range cases {
		write(t, root, "content/v1/"+name, c.text)
	}
	// Unreadable files are simulated through the tree, since tests may run
	// as root, for whom file modes do not bite.
	_, diags := Load(cfg, Options{})
	items := diags.Items()
	used := make([]bool, len(items))
	for name, c := range cases {
		if c.want == "" {
			continue
		}
		head, rest, _ := strings.Cut(c.want, " ")
		rule, msg, _ := strings.Cut(rest, " ")
		msg, sugg, _ := strings.Cut(msg, " ~")
		found := false
		for i, d := range items {
			if d.File == "content/v1/"+name && fmt.Sprintf("%d:%d", d.Line, d.Column) == head && d.Rule == rule && strings.Contains(d.Message, msg) && d.Suggestion == sugg {
				found, used[i] = true, true
			}
		}
		if !found {
			t.Errorf("%s: want %q", name, c.want)
		}
	}
	for i, d := range items {
		if !used[i] {
			t.Errorf("unexpected: %s", d)
		}
	}
}

func TestBadFiles(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	write(t, root, "content/v1/ok.md", "---\ntitle: OK\n---\n")
	// A 50 MB file is refused without reading it whole.
	big := filepath.Join(root, "content/v1/huge.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Symlink("loop2.md", filepath.Join(root, "content/v1/loop1.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop1.md", filepath.Join(root, "content/v1/loop2.md")); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret.md")
	write(t, filepath.Dir(outside), "secret.md", "---\ntitle: Secret\n---\nroot:x:0:0\n")
	if err := os.Symlink(outside, filepath.Join(root, "content/v1/escape.md")); err != nil {
		t.Fatal(err)
	}
	site, diags := Load(cfg, Options{})
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.File] = d.Rule + ": " + d.Message
	}
	expect := map[string]string{
		"content/v1/huge.md":   "file: content/v1/huge.md is 52.4 MB; a page may be at most 8 MiB",
		"content/v1/loop1.md":  "symbolic link loop",
		"content/v1/loop2.md":  "symbolic link loop",
		"content/v1/escape.md": "points outside the site",
	}
	for f, w := range expect {
		if !strings.Contains(got[f], w) || !strings.HasPrefix(got[f], "file") {
			t.Errorf("%s: got %q, want %q", f, got[f], w)
		}
	}
	if len(got) != len(expect) {
		t.Errorf("diagnostics: %v", diags.Items())
	}
	if p := site.Version("v1").ByID["ok"]; p == nil {
		t.Error("the good page was not loaded beside the bad ones")
	}
	if site.Version("v1").ByID["escape"] != nil {
		t.Error("a page outside the site was read")
	}
}

type deniedTree struct{ fstest.MapFS }

func (d deniedTree) Open(name string) (fs.File, error) {
	if name == "locked.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

func (d deniedTree) ReadFile(name string) ([]byte, error) {
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return d.MapFS.ReadFile(name)
}

func TestUnreadable(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	cfg.Versions[0].Git = &config.GitSource{Ref: "x", Line: 5}
	tree := deniedTree{fstest.MapFS{
		"locked.md": {Data: []byte("---\ntitle: L\n---\n")},
		"fine.md":   {Data: []byte("---\ntitle: F\n---\n")},
	}}
	site, diags := Load(cfg, Options{OpenTree: func(*config.Config, *config.Version) (Tree, string, error) { return tree, "git:x", nil }})
	items := diags.Items()
	if len(items) != 1 || items[0].File != "git:x/locked.md" || !strings.Contains(items[0].Message, "permission denied") || items[0].Rule != diag.RuleFile {
		t.Fatalf("got %v", items)
	}
	if site.Version("v1").ByID["fine"] == nil {
		t.Fatal("fine.md not loaded")
	}
	_, diags = Load(cfg, Options{OpenTree: func(*config.Config, *config.Version) (Tree, string, error) { return nil, "", errors.New("no such ref") }})
	if items := diags.Items(); len(items) != 1 || items[0].File != "config.yaml" || items[0].Line != 5 {
		t.Fatalf("got %v", items)
	}
}

func FuzzParsePage(f *testing.F) {
	f.Add([]byte("---\ntitle: A\nkind: tier\nrank: 1\nrequirements: [{text: x}]\n---\nbody"))
	f.Add([]byte("+++\ntitle = \"A\"\n+++\n"))
	f.Add([]byte("{\n\"title\": \"x\"\n}\n\n"))
	f.Add([]byte("---\n&a [*a]\n---\n"))
	f.Add([]byte("---\ntitle: *x\n"))
	f.Add([]byte("\xef\xbb\xbf---\ntitle: A\n---\n"))
	f.Add([]byte("{\"title\": \"x\", \"tags\": [1 2]}\nbody"))
	f.Add([]byte("---\na: &a [x, *a]\nb: [*a, *a]\n---\n"))
	// The kinds with structured keys of their own: a glossary's entries,
	// a path's steps, an event's times, dated pages and values.
	f.Add([]byte("---\ntitle: G\nkind: glossary\nentries:\n  - {term: MDF, also: [m], definition: d, id: mdf}\n  - {term: ''}\n---\n"))
	f.Add([]byte("---\ntitle: P\nkind: path\nprogram: p\ntier: t\nsteps:\n  - {title: A, page: x, stage: s, days: 3}\n  - {title: B, link: 'https://x/', id: b}\n  - {page: y, benefit: z}\n---\n"))
	f.Add([]byte("---\ntitle: E\nkind: event\nstart: 2027-03-10T16:00\nend: 2027-03-10T15:00:00+01:00\ntimezone: Europe/Berlin\nformat: webcast\nregister: https://x/\n---\n"))
	f.Add([]byte("---\ntitle: B\nkind: benefit\nprogram: p\nstarts: 2027-01-01\nends: 2026-12-31\nvalues:\n  gold:\n    - {value: 3, ends: 2027-03-31}\n    - {value: 5, starts: 2027-03-01}\n---\n"))
	cfg := &config.Config{DefaultAudience: "partner", Regions: []string{"global"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		var diags diag.List
		p, body := ParsePage(cfg, "v", "content/v/x.md", "x.md", data, &diags)
		if p == nil || len(body) > len(data) {
			t.Fatal("nil page")
		}
		if p.BodyOffset < 0 || p.BodyOffset > len(data) {
			t.Fatalf("body offset %d of %d", p.BodyOffset, len(data))
		}
		for _, d := range diags.Items() {
			if d.File != "content/v/x.md" || d.Rule == "" || d.Message == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}

// The preview's file cache: unchanged files give the same page and the
// same findings without being read; a changed file is read again.
func TestFileCache(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	write(t, root, "content/v1/a.md", "---\ntitle: A\n---\nOne.\n")
	write(t, root, "content/v1/b.md", "---\ntitle: B\nkind: guide\nweigth: 1\n---\nTwo.\n")
	// Files written just now are not cached (see racyWindow): age them.
	age(root, "content/v1/a.md", "content/v1/b.md")
	cache := NewFileCache()
	opts := Options{Files: cache}
	s1, d1 := Load(cfg, opts)
	s2, d2 := Load(cfg, opts)
	if s1.Version("v1").ByID["a"] != s2.Version("v1").ByID["a"] {
		t.Error("an unchanged file was loaded again")
	}
	if d1.Len() == 0 || d1.Len() != d2.Len() {
		t.Errorf("findings of cached pages: first load %v, second %v", d1.Items(), d2.Items())
	}
	write(t, root, "content/v1/a.md", "---\ntitle: A changed\n---\nOne, longer.\n")
	s3, _ := Load(cfg, opts)
	if got := s3.Version("v1").ByID["a"].Title; got != "A changed" {
		t.Errorf("changed file: title %q", got)
	}
	if s3.Version("v1").ByID["b"] != s1.Version("v1").ByID["b"] {
		t.Error("the unchanged file was loaded again")
	}
	// A file saved twice within its time's resolution, same size: a
	// fresh file is never cached, so the second save is seen.
	now := time.Now()
	write(t, root, "content/v1/c.md", "---\ntitle: C1\n---\n")
	os.Chtimes(filepath.Join(root, "content/v1/c.md"), now, now)
	Load(cfg, opts)
	write(t, root, "content/v1/c.md", "---\ntitle: C2\n---\n")
	os.Chtimes(filepath.Join(root, "content/v1/c.md"), now, now)
	if s, _ := Load(cfg, opts); s.Version("v1").ByID["c"].Title != "C2" {
		t.Error("a same-size save with the same time was missed")
	}
	// Another configuration empties the cache.
	cache.Reset("other")
	s4, _ := Load(cfg, opts)
	if s4.Version("v1").ByID["b"] == s1.Version("v1").ByID["b"] {
		t.Error("the cache survived a reset")
	}
}

// Giving the front-matter parser only the front matter must not change
// what it finds: the same data and the same body offset as with the whole
// file, for any input.
func TestFrontMatterEnd(t *testing.T) {
	inputs := []string{
		"---\ntitle: A\n---\nBody\n", "\n\n---\ntitle: A\n---\n", "---\ntitle: A\n  ---  \nBody", "---\r\ntitle: A\r\n---\r\nB",
		"+++\ntitle = \"A\"\n+++\nB", "{\n\"title\": \"A\"\n}\n\nB", "---\ntitle: A\n", "no front matter", "", "---", "---\n---",
		"  ---  \nx: 1\n---\n", "---\nx: |\n  ---\n---\nB", "---\nx: 1\n+++\n---\n", "\t\n---\nx\n---", "---\nx: 1\n---a\ny\n---\nB", "+++\na = 1\n+++ \nB",
	}
	rng := rand.New(rand.NewSource(1))
	parts := []string{"---", "+++", "{", "}", "x: 1", " ", "\n", "\r\n", "\t", "a"}
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for j := rng.Intn(12); j >= 0; j-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		src := []byte(in)
		var whole, part rawFM
		restW, errW := frontmatter.Parse(bytes.NewReader(src), &whole, formats...)
		cut := src[:frontMatterEnd(src)]
		restP, errP := frontmatter.Parse(bytes.NewReader(cut), &part, formats...)
		if (errW == nil) != (errP == nil) || len(src)-len(restW) != len(cut)-len(restP) ||
			string(whole.data) != string(part.data) || whole.syntax != part.syntax {
			t.Fatalf("%q: whole file gives (%q %s, body at %d, %v), front matter only (%q %s, body at %d, %v)",
				in, whole.data, whole.syntax, len(src)-len(restW), errW, part.data, part.syntax, len(cut)-len(restP), errP)
		}
	}
}

// With Changed, the last walk is reused and only the named files are
// looked at: a file left off the list is taken from the cache even when
// it changed (the caller broke its promise), which shows nothing else
// was read; a listed file is read again; nil walks again.
func TestFileCacheChanged(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	write(t, root, "content/v1/a.md", "---\ntitle: A\n---\nOne.\n")
	write(t, root, "content/v1/b.md", "---\ntitle: B\nkind: guide\nweigth: 1\n---\nTwo.\n")
	write(t, root, "content/v1/logo.svg", "<svg/>")
	age(root, "content/v1/a.md", "content/v1/b.md")
	cache := NewFileCache()
	s1, d1 := Load(cfg, Options{Files: cache})

	write(t, root, "content/v1/a.md", "---\ntitle: A2\n---\nOne, edited.\n")
	write(t, root, "content/v1/b.md", "---\ntitle: B2\n---\nTwo, edited.\n")
	write(t, root, "content/v1/new.md", "---\ntitle: New\n---\n")
	age(root, "content/v1/a.md", "content/v1/b.md")
	s2, d2 := Load(cfg, Options{Files: cache, Changed: map[string]bool{"content/v1/a.md": true}})
	v := s2.Version("v1")
	if got := v.ByID["a"].Title; got != "A2" {
		t.Errorf("listed file: title %q, want A2", got)
	}
	if v.ByID["b"] != s1.Version("v1").ByID["b"] {
		t.Error("a file left off the list was read again")
	}
	if v.ByID["new"] != nil {
		t.Error("the last walk was not reused: a new file was found")
	}
	if len(v.Assets) != 1 || v.AssetBy["logo.svg"] == nil {
		t.Errorf("assets of the reused walk: %v", v.Assets)
	}
	// b's cached page still carries its finding; nothing is lost.
	if d1.Len() == 0 || d2.Len() != d1.Len() {
		t.Errorf("findings: first load %v, changed-only load %v", d1.Items(), d2.Items())
	}

	s3, _ := Load(cfg, Options{Files: cache, Changed: map[string]bool{"content/v1/b.md": true}})
	if got := s3.Version("v1").ByID["b"].Title; got != "B2" {
		t.Errorf("listed file: title %q, want B2", got)
	}
	s4, _ := Load(cfg, Options{Files: cache})
	if s4.Version("v1").ByID["new"] == nil {
		t.Error("a load without Changed did not walk")
	}
	// A listed file that became a link is read through the tree, which
	// refuses links out of the site.
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("---\ntitle: Secret\n---\n"), 0o644)
	os.Remove(filepath.Join(root, "content/v1/a.md"))
	if err := os.Symlink(outside, filepath.Join(root, "content/v1/a.md")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI runs on Linux, where links can be made: %v", err)
		}
		t.Skip(err)
	}
	s5, d5 := Load(cfg, Options{Files: cache, Changed: map[string]bool{"content/v1/a.md": true}})
	if p := s5.Version("v1").ByID["a"]; p != nil && p.Title == "Secret" {
		t.Error("a link out of the site was followed")
	}
	if !strings.Contains(fmt.Sprint(d5.Items()), "outside") {
		t.Errorf("no finding for the link out of the site: %v", d5.Items())
	}
}

// age sets files an hour back, out of the racy window (see put).
func age(root string, files ...string) {
	old := time.Now().Add(-time.Hour)
	for _, f := range files {
		os.Chtimes(filepath.Join(root, f), old, old)
	}
}

// TestFileCacheRecentEdit: a file read seconds after it was saved (the
// preview reads a page as soon as the editor writes it) is not cached
// for size-and-time checks, yet a later load told that only another file
// changed must see it as it was read, not as the load before saw it.
func TestFileCacheRecentEdit(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	write(t, root, "content/v1/a.md", "---\ntitle: A\n---\nOne.\n")
	write(t, root, "content/v1/b.md", "---\ntitle: B\n---\nTwo.\n")
	age(root, "content/v1/a.md", "content/v1/b.md")
	cache := NewFileCache()
	Load(cfg, Options{Files: cache})
	write(t, root, "content/v1/a.md", "---\ntitle: A2\n---\nOne.\n")
	if s, _ := Load(cfg, Options{Files: cache, Changed: map[string]bool{"content/v1/a.md": true}}); s.Version("v1").ByID["a"].Title != "A2" {
		t.Fatal("the listed file was not read")
	}
	write(t, root, "content/v1/b.md", "---\ntitle: B2\n---\nTwo.\n")
	s, _ := Load(cfg, Options{Files: cache, Changed: map[string]bool{"content/v1/b.md": true}})
	if got := s.Version("v1").ByID["a"].Title; got != "A2" {
		t.Errorf("a file edited seconds before the last load: title %q, want A2", got)
	}
	// Saved again within the same second, at the same size: a walk reads
	// it again rather than trust its size and time.
	write(t, root, "content/v1/a.md", "---\ntitle: A3\n---\nOne.\n")
	if got := func() string { s, _ := Load(cfg, Options{Files: cache}); return s.Version("v1").ByID["a"].Title }(); got != "A3" {
		t.Errorf("a racily clean file: title %q, want A3", got)
	}
}

// Bodies whose shape would make the Markdown parser slower than linear
// are reported at the line and read up to it; real shapes pass.
func TestShapeLimits(t *testing.T) {
	deepList := ""
	for i := 0; i < 200; i++ {
		deepList += strings.Repeat("  ", i) + "- item\n"
	}
	cases := []struct {
		name, body, want string
	}{
		{"deep list", deepList, "this line is indented 258 columns"},
		{"nested quotes", "Intro.\n\n" + strings.Repeat("> ", 40) + "deep\n", "opens 40 nested lists or quotes"},
		{"markers on one line", strings.Repeat("- ", 33) + "x\n", "opens 33 nested"},
		{"long line", "a\n" + strings.Repeat("w", MaxLineBytes+1) + "\n", "bytes long"},
		{"rule", strings.Repeat("* ", 60) + "*\n\n" + strings.Repeat("  ", 10) + "- fine\n", ""},
		{"ordinary", "1. one\n   - two\n     > three\n", ""},
	}
	cfg := &config.Config{DefaultAudience: "partner", Regions: []string{"global"}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.List
			_, body := ParsePage(cfg, "v", "content/v/x.md", "x.md", []byte("---\ntitle: A\n---\n"+c.body), &diags)
			items := diags.Items()
			if c.want == "" {
				if len(items) != 0 {
					t.Fatalf("findings on a real shape: %v", items)
				}
				return
			}
			if len(items) != 1 || !strings.Contains(items[0].Message, c.want) || items[0].Rule != diag.RuleFile {
				t.Fatalf("findings = %v, want one with %q", items, c.want)
			}
			lines := strings.Split(c.body, "\n")
			for i, l := range lines {
				before := 0
				for _, b := range lines[:i] {
					before += len(b) + 1
				}
				if i+4 == items[0].Line && len(body) != before {
					t.Errorf("body cut at %d bytes, want the lines before line %d (%q…)", len(body), items[0].Line, l[:min(len(l), 20)])
				}
			}
		})
	}
}

// Unknown keys: on a page of a kind of the program model (a guide here),
// a typo of a known key is an error with a suggestion, a key of another
// kind a warning, any other key a parameter with no finding. On a plain
// page every unknown key is a parameter, whatever it is close to (as
// Hugo sites write stage, owners or group).
func TestUnknownKeyPolicy(t *testing.T) {
	cfg := &config.Config{DefaultAudience: "partner", Regions: []string{"global"}}
	cases := []struct {
		name, fm   string
		want, sugg string // the one finding ("" for none) and its suggestion
		param      string // a key kept as a parameter
	}{
		{"hugo keys", "toc_hide: true\nstatus: review\ncanonical_path: /handbook/x/\nimages: [a.png]", "", "", "toc_hide"},
		{"typo", "kind: guide\ntitel: B", "4:1 error frontmatter-field", "title", ""},
		{"two edits", "kind: guide\ndescritpion: x", "4:1 error frontmatter-field", "description", ""},
		{"short typo", "kind: guide\ntag: x", "4:1 error frontmatter-field", "tags", ""},
		{"other kind", "kind: guide\nrank: 2", "4:1 warning frontmatter-field", "", "rank"},
		{"hugo date", "date: 2026-01-01", "", "", "date"},
		{"plain page near a key", "stage: plan\nowners: [a]", "", "", "stage"},
		{"plain page another kind's key", "group: Sales", "", "", "group"},
		{"plain page typo", "titel: B", "", "", "titel"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.List
			p, _ := ParsePage(cfg, "v", "content/v/x.md", "x.md", []byte("---\ntitle: A\n"+c.fm+"\n---\nBody.\n"), &diags)
			items := diags.Items()
			switch {
			case c.want == "" && len(items) != 0:
				t.Errorf("findings %v, want none", items)
			case c.want != "" && len(items) != 1:
				t.Errorf("findings %v, want one: %s", items, c.want)
			case c.want != "":
				d := items[0]
				if got := fmt.Sprintf("%d:%d %s %s", d.Line, d.Column, d.Severity, d.Rule); got != c.want || d.Suggestion != c.sugg {
					t.Errorf("finding %s (did you mean %q), want %s (%q)", got, d.Suggestion, c.want, c.sugg)
				}
			}
			if c.param != "" {
				if _, ok := p.Params[c.param]; !ok || (c.want == "") != (len(p.ParamKeys) > 0) {
					t.Errorf("params %v at %v, want %s", p.Params, p.ParamKeys, c.param)
				}
			} else if len(p.Params) != 0 {
				t.Errorf("a typo became a parameter: %v", p.Params)
			}
		})
	}
}

// TestTranslations: a translation takes its source's id, address and
// model keys with its own display fields; a draft translation is left out
// (its page falls back to the source) unless drafts are built; a
// partner-only source keeps its translation out of a public load.
func TestTranslations(t *testing.T) {
	root := t.TempDir()
	cfg := testConfig(t, root)
	cfg.Languages = []config.Lang{{Code: "en", Label: "English", Default: true}, {Code: "de", Label: "Deutsch"}}
	write(t, root, "content/v1/a.md", "---\ntitle: A\nweight: 3\nowner: Legal\n---\nA.\n")
	write(t, root, "content/v1/a.de.md", "---\ntitle: A auf Deutsch\nowner: Übersetzung\n---\nA.\n")
	write(t, root, "content/v1/b.md", "---\ntitle: B\n---\nB.\n")
	write(t, root, "content/v1/b.de.md", "---\ntitle: B (Entwurf)\ndraft: true\n---\nB.\n")
	write(t, root, "content/v1/c.md", "---\ntitle: C\naudience: partner\n---\nC.\n")
	write(t, root, "content/v1/c.de.md", "---\ntitle: C auf Deutsch\n---\nC.\n")
	s, diags := Load(cfg, Options{Audience: "partner"})
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	v := s.Version("v1")
	a := v.Translations["de"]["a.md"]
	if a == nil || a.Title != "A auf Deutsch" || a.Owner != "Übersetzung" || a.ID != "a" || a.URL != "v1/a/" || a.Weight != 3 || a.Lang != "de" || a.Source != "content/v1/a.de.md" {
		t.Errorf("translation of a.md: %+v", a)
	}
	if v.Translations["de"]["b.md"] != nil {
		t.Error("a draft translation is published without --drafts")
	}
	if v.Translations["de"]["c.md"] == nil {
		t.Error("the partner build lacks c.md's translation")
	}
	de := s.ForLanguage("de").Version("v1")
	if de.ByRel["a.md"].Lang != "de" || de.ByRel["b.md"].Lang != "" || de.ByID["a"].Title != "A auf Deutsch" {
		t.Errorf("ForLanguage: a.md %+v, b.md %+v", de.ByRel["a.md"], de.ByRel["b.md"])
	}
	s, _ = Load(cfg, Options{Audience: "partner", Drafts: true})
	if s.Version("v1").Translations["de"]["b.md"] == nil {
		t.Error("--drafts leaves out a draft translation")
	}
	s, _ = Load(cfg, Options{Audience: "public"})
	if s.Version("v1").Translations["de"]["c.md"] != nil {
		t.Error("a partner page's translation is in a public load")
	}

}

// A line of unclosed link openings is cut with a finding before the
// parser reads it once per opening (it was quadratic); ordinary long
// lines with many links are not.
func TestLinkScanLimit(t *testing.T) {
	var diags diag.List
	bad := "---\ntitle: A\n---\nfine\n" + strings.Repeat("[a](", 200000) + "\n"
	_, body := ParsePage(&config.Config{DefaultAudience: "partner"}, "v", "content/v/a.md", "a.md", []byte(bad), &diags)
	items := diags.Items()
	if len(items) != 1 || items[0].Line != 5 || !strings.Contains(items[0].Message, "link destinations") || string(body) != "fine\n" {
		t.Fatalf("findings %v, body %q", items, body)
	}
	var ok diag.List
	good := "---\ntitle: A\n---\n" + strings.Repeat("see [the terms](../terms/mdf.md#claims) and ", 20000) + "\n"
	ParsePage(&config.Config{DefaultAudience: "partner"}, "v", "content/v/b.md", "b.md", []byte(good), &ok)
	if ok.Len() != 0 {
		t.Errorf("a long line of ordinary links: %v", ok.Items())
	}
}

// FuzzScanCost reads any page the way a build does (front matter, the
// body's shape limits, then the Markdown scan) and measures the time per
// byte of the body: input that grows the cost faster than the text (an
// unclosed link opening repeated, deep nesting) must be cut by the shape
// limits. The bound is generous (ten times a loaded machine's cost), and
// the 50 KB seed of link openings is past it without the limit.
func FuzzScanCost(f *testing.F) {
	f.Add([]byte("---\ntitle: A\n---\n" + strings.Repeat("[a](", 12500)))
	f.Add([]byte("---\ntitle: A\n---\n" + strings.Repeat("> ", 300) + "x\n"))
	f.Add([]byte("---\ntitle: A\n---\n" + strings.Repeat("*a **b ", 500)))
	f.Add([]byte("---\ntitle: A\n---\n" + strings.Repeat("{{< x >}}", 300)))
	cfg := &config.Config{DefaultAudience: "partner", Regions: []string{"global"}}
	engine := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var diags diag.List
		_, body := ParsePage(cfg, "v", "content/v/x.md", "x.md", data, &diags)
		scan := func() time.Duration {
			start := time.Now()
			engine.Scan(body)
			return time.Since(start)
		}
		// A real page scans at well under 1 µs a byte; 10 µs a byte over
		// 16 KB is a cost that grows faster than the text. Over the bound,
		// the best of three more scans decides: a stall of the machine
		// (a collection, a busy neighbour) slows one scan, a cost that
		// grows with the input slows them all. It failed once in CI on a
		// stall: 11 µs a byte, where the same input scans at 1.4.
		limit := time.Duration(len(body)) * 10 * time.Microsecond
		if el := scan(); len(body) >= 16<<10 && el > limit {
			for i := 0; i < 3 && el > limit; i++ {
				el = min(el, scan())
			}
			if el > limit {
				t.Errorf("%d bytes scanned in %s (%s per byte)", len(body), el, el/time.Duration(len(body)))
			}
		}
	})
}
