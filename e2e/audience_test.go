package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Canaries are words that survive analysis unchanged (lower case, no
// suffix the stemmer removes), so they are found in search indexes too.
const (
	canaryPartner  = "qzxpartnerkw"
	canaryInternal = "qzxinternalkw"
)

// canarySite writes a site whose partner-only and internal pages carry a
// canary in every place a leak could come from.
func canarySite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	w := func(rel, text string) { writeFile(t, root, rel, text) }
	w("config.yaml", "title: Canary\nportal: content/portal\ndefaultAudience: public\nregions: [global, emea]\nversions:\n  - {name: v2, path: content/v2, latest: true}\n  - {name: v1, path: content/v1}\n")
	w("content/portal/_index.md", "---\ntitle: Home\n---\nPublic home. See the [guide](xref:guides/public).\n")
	for _, v := range []string{"v1", "v2"} {
		base := "content/" + v + "/"
		w(base+"_index.md", "---\ntitle: Guide "+v+"\n---\nHome.\n")
		w(base+"guides/public.md", "---\ntitle: Public guide\n---\n\n## Overview\n\nPublic text. Partners read the [terms](partner-"+canaryPartner+".md) and staff the [playbook](xref:playbooks/"+canaryInternal+").\n\n"+
			"<a href=\"partner-"+canaryPartner+".md\">raw</a>\n")
		for _, c := range []struct{ aud, canary string }{{"partner", canaryPartner}, {"internal", canaryInternal}} {
			fm := "---\ntitle: Title " + c.canary + "\naudience: " + c.aud + "\ndescription: Description " + c.canary + "\ntags: [tag" + c.canary + "]\nowner: Owner " + c.canary + "\naliases: [old/" + c.canary + "]\n---\n\n"
			body := "Body " + c.canary + ".\n\n## Heading " + c.canary + " {#h-" + c.canary + "}\n"
			w(base+"guides/"+c.aud+"-"+c.canary+".md", fm+body+"\n![img](img-"+c.canary+".svg)\n")
			w(base+"guides/img-"+c.canary+".svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>"+c.canary+"</title></svg>\n")
			w(base+"playbooks/"+c.canary+".md", strings.Replace(fm, "audience: "+c.aud, "audience: "+c.aud+"\nkind: playbook\nroles: [sales]", 1)+body)
			w(base+"certifications/"+c.canary+".md", "---\ntitle: Cert "+c.canary+"\nkind: certification\naudience: "+c.aud+"\ntrack: track"+c.canary+"\n---\n"+body)
			w(base+"programs/p/tier-"+c.canary+".md", "---\ntitle: Tier "+c.canary+"\nkind: tier\nprogram: programs/p\nrank: "+map[string]string{"partner": "5", "internal": "9"}[c.aud]+"\naudience: "+c.aud+"\n---\n"+body)
			w(base+"benefits/"+c.canary+".md", "---\ntitle: Benefit "+c.canary+"\nkind: benefit\nprogram: programs/p\ngroup: Group"+c.canary+"\naudience: "+c.aud+"\nvalues:\n  one: Value "+c.canary+"\n  tier-"+canaryPartner+": true\n  tier-"+canaryInternal+": true\n---\n"+body)
			// A program of its own, named by a public playbook and a
			// public benefit beside the public program: its id must not
			// reach filters, facets or exports of a wider build.
			w(base+"programs/prog-"+c.canary+"/_index.md", "---\ntitle: Program "+c.canary+"\nkind: program\naudience: "+c.aud+"\n---\nBody "+c.canary+".\n")
			w(base+"programs/prog-"+c.canary+"/entry.md", "---\ntitle: Entry "+c.canary+"\nkind: tier\nprogram: programs/prog-"+c.canary+"\nrank: 1\naudience: "+c.aud+"\n---\nTier.\n")
			w("content/portal/news/"+c.canary+".md", "---\ntitle: News "+c.canary+"\nkind: announcement\ndate: 2026-03-01\naudience: "+c.aud+"\n---\n"+body)
		}
		w(base+"playbooks/shared.md", "---\ntitle: Shared playbook\nkind: playbook\nroles: [sales]\nprograms: [programs/prog-"+canaryInternal+", programs/prog-"+canaryPartner+", programs/p]\n---\nSell the sharedplaybookword together.\n")
		w(base+"benefits/shared.md", "---\ntitle: Shared benefit\nkind: benefit\nprograms: [programs/p, programs/prog-"+canaryPartner+", programs/prog-"+canaryInternal+"]\ngroup: Sales\nvalues:\n  one: true\n  tier-"+canaryPartner+": true\n  tier-"+canaryInternal+": true\n  programs/prog-"+canaryPartner+"/entry: true\n  programs/prog-"+canaryInternal+"/entry: true\n---\nShared sharedbenefitword.\n")
		w(base+"programs/p/_index.md", "---\ntitle: Program P\nkind: program\n---\nThe program.\n")
		w(base+"programs/p/one.md", "---\ntitle: One\nkind: tier\nprogram: programs/p\nrank: 1\nrequirements:\n  - {certification: certifications/"+canaryInternal+", count: 1}\n  - {text: Signed}\n---\nEntry tier.\n")
		w(base+"benefits/open.md", "---\ntitle: Open benefit\nkind: benefit\nprogram: programs/p\ngroup: Sales\nvalues:\n  one: true\n  tier-"+canaryPartner+": 2\n  tier-"+canaryInternal+": 3\n---\nFor all.\n")
		w(base+"news-"+v+".md", "---\ntitle: Note\nkind: announcement\ndate: 2026-04-01\naffects: [guides/internal-"+canaryInternal+", guides/public]\n---\nPublic note.\n")
	}
	return root
}

// leaks returns the files under dir (decompressing .gz) that contain any
// of the canaries, case-insensitively, in their path or their bytes.
func leaks(t *testing.T, dir string, canaries ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				return err
			}
		}
		hay := strings.ToLower(p + "\n" + string(b))
		for _, c := range canaries {
			if strings.Contains(hay, c) {
				out = append(out, strings.TrimPrefix(p, dir)+" contains "+c)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNoAudienceLeaks builds the canary site for each audience and searches
// every output file for the canaries of narrower audiences. Zero is the
// only passing figure.
func TestNoAudienceLeaks(t *testing.T) {
	t.Parallel()
	site := canarySite(t)
	builds := map[string]string{}
	for _, a := range []string{"public", "partner", "internal"} {
		dest := filepath.Join(t.TempDir(), a)
		r := run(t, site, "build", "--quiet", "--audience", a, "--dest", dest)
		if r.code != 0 {
			t.Fatalf("%s build: exit %d\n%s", a, r.code, r.stderr)
		}
		builds[a] = dest
		if a != "internal" && !strings.Contains(r.stderr, "[audience-link]") {
			t.Errorf("%s build reports no audience-link warning", a)
		}
	}
	if l := leaks(t, builds["public"], canaryPartner, canaryInternal); len(l) > 0 {
		t.Errorf("public build leaks:\n%s", strings.Join(l, "\n"))
	}
	if l := leaks(t, builds["partner"], canaryInternal); len(l) > 0 {
		t.Errorf("partner build leaks:\n%s", strings.Join(l, "\n"))
	}
	// The test can fail: the canaries are there in the wider builds.
	if len(leaks(t, builds["internal"], canaryInternal)) == 0 || len(leaks(t, builds["partner"], canaryPartner)) == 0 {
		t.Fatal("canaries missing from the builds that may show them; the fixture is broken")
	}
	// Search from the command line answers from the audience's index.
	for _, c := range []struct{ aud, canary string }{{"public", canaryPartner}, {"public", canaryInternal}, {"partner", canaryInternal}} {
		r := run(t, site, "search", c.canary, "--audience", c.aud, "--json", "--version", "v2,v1,portal")
		if r.code != 0 || !strings.Contains(r.stdout, `"total": 0`) {
			t.Errorf("search %s as %s: %s %s", c.canary, c.aud, r.stdout, r.stderr)
		}
	}
	// Facets and the program filter name no left-out program.
	r := run(t, site, "search", "sharedplaybookword", "--audience", "public", "--json", "--version", "v2")
	if r.code != 0 || !strings.Contains(r.stdout, "Shared playbook") || strings.Contains(r.stdout, canaryInternal) || strings.Contains(r.stdout, canaryPartner) {
		t.Errorf("search --audience public: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, site, "search", "sharedplaybookword", "--audience", "public", "--json", "--version", "v2", "--program", "programs/prog-"+canaryInternal); !strings.Contains(r.stdout, `"total": 0`) {
		t.Errorf("the program filter finds pages through a left-out program: %s", r.stdout)
	}
	if r := run(t, site, "search", canaryInternal, "--audience", "internal", "--json", "--version", "v2"); !strings.Contains(r.stdout, "Title "+canaryInternal) {
		t.Errorf("internal search does not find the internal page: %s", r.stdout)
	}
}

// pageSet lists the pages of a build (index.html files outside the
// generated addresses).
func pageSet(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "latest/") || strings.HasPrefix(rel, "search/") {
			return nil
		}
		out = append(out, rel)
		return nil
	})
	sort.Strings(out)
	return out
}

// TestAudienceProperty: for random audience assignments, the partner
// build's pages are exactly the internal build's pages whose audience is
// public or partner.
func TestAudienceProperty(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(42))
	auds := []string{"public", "partner", "internal"}
	for round := 0; round < 4; round++ {
		site := t.TempDir()
		writeFile(t, site, "config.yaml", "title: P\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
		visible := map[string]bool{}
		for i := 0; i < 25; i++ {
			a := auds[r.Intn(3)]
			rel := fmt.Sprintf("s%d/p%d", i%4, i)
			writeFile(t, site, "content/v1/"+rel+".md", fmt.Sprintf("---\ntitle: Page %d\naudience: %s\n---\nText %d.\n", i, a, i))
			if a != "internal" {
				visible["v1/"+rel+"/index.html"] = true
			}
		}
		in, pa := filepath.Join(t.TempDir(), "in"), filepath.Join(t.TempDir(), "pa")
		if res := run(t, site, "build", "--quiet", "--audience", "internal", "--dest", in); res.code != 0 {
			t.Fatal(res.stderr)
		}
		if res := run(t, site, "build", "--quiet", "--audience", "partner", "--dest", pa); res.code != 0 {
			t.Fatal(res.stderr)
		}
		var want []string
		for _, p := range pageSet(t, in) {
			if p == "v1/report/index.html" {
				continue // the content report is published in internal builds only
			}
			if !strings.HasPrefix(p, "v1/s") || visible[p] {
				want = append(want, p)
			}
		}
		if got := pageSet(t, pa); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("round %d:\npartner  %v\nexpected %v", round, got, want)
		}
	}
}

// TestExampleAudiencesCheckClean: the example portal checks clean for
// every audience, apart from audience-link warnings.
func TestExampleAudiencesCheckClean(t *testing.T) {
	t.Parallel()
	for _, a := range []string{"public", "partner", "internal"} {
		r := run(t, repoRoot, "check", "--audience", a)
		if r.code != 0 {
			t.Errorf("%s: exit %d\n%s", a, r.code, r.stdout)
		}
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if line != "" && !strings.HasSuffix(line, "[audience-link]") {
				t.Errorf("%s: %s", a, line)
			}
		}
	}
}

// TestDraftsFlag: drafts are left out unless --drafts, and a link to one
// is an audience-link warning rather than a broken link.
func TestDraftsFlag(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: D\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	writeFile(t, site, "content/v1/a.md", "---\ntitle: A\n---\nSee [the draft](b.md).\n")
	writeFile(t, site, "content/v1/b.md", "---\ntitle: B\ndraft: true\n---\nNot yet.\n")
	dest := filepath.Join(t.TempDir(), "out")
	r := run(t, site, "build", "--dest", dest)
	if r.code != 0 || !strings.Contains(r.stderr, "it is a draft") {
		t.Fatalf("without --drafts: %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "v1/b/index.html")); err == nil {
		t.Error("a draft was written without --drafts")
	}
	if r := run(t, site, "build", "--quiet", "--drafts", "--dest", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "v1/b/index.html")); err != nil {
		t.Error("--drafts left the draft out")
	}
}
