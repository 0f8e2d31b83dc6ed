package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func fileHash(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// gitSite makes the example portal a Git repository with history: a tag
// fy2024 where the FY2025 folder still had last year's values, a branch,
// and a main branch that moved on.
func gitSite(t *testing.T) string {
	t.Helper()
	needTool(t, "git")
	site := copyOneLanguage(t)
	git(t, site, "init", "-q", "-b", "main")
	// FY2024 as it was: the Select resale discount was 20%.
	p := filepath.Join(site, "content/fy2025/benefits/resale-discount.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "select: {value: 22", "select: {value: 20", 1)), 0o644)
	git(t, site, "add", "-A")
	git(t, site, "commit", "-q", "-m", "FY2024 program")
	git(t, site, "tag", "fy2024")
	git(t, site, "branch", "archive/fy2024")
	os.WriteFile(p, b, 0o644)
	git(t, site, "commit", "-q", "-am", "FY2025 values")
	return site
}

func addGitVersion(t *testing.T, site, ref, path string) {
	t.Helper()
	cfg := filepath.Join(site, "config.yaml")
	b, _ := os.ReadFile(cfg)
	s := strings.Replace(string(b), "    status: supported\n", "    status: supported\n  - name: fy2024\n    label: \"FY2024\"\n    git: {ref: "+ref+", path: "+path+"}\n    status: archived\n", 1)
	os.WriteFile(cfg, []byte(s), 0o644)
}

func TestGitVersions(t *testing.T) {
	t.Parallel()
	for _, ref := range []string{"fy2024", "archive/fy2024"} {
		t.Run(strings.ReplaceAll(ref, "/", "_"), func(t *testing.T) {
			site := gitSite(t)
			if ref == "fy2024" {
				ref = git(t, site, "rev-parse", "--short", "fy2024") // by commit, too
				ref = "fy2024"
			}
			addGitVersion(t, site, ref, "content/fy2025")
			statusBefore := git(t, site, "status", "--porcelain")
			indexBefore := fileHash(t, filepath.Join(site, ".git", "index"))
			headBefore := git(t, site, "rev-parse", "HEAD")

			dest := filepath.Join(t.TempDir(), "public")
			r := run(t, site, "build", "--dest", dest)
			if r.code != 0 {
				t.Fatalf("build: %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "FY2024") {
				t.Errorf("summary: %s", r.stdout)
			}
			csv, err := os.ReadFile(filepath.Join(dest, "fy2024/programs/reseller/matrix.csv"))
			if err != nil || !strings.Contains(string(csv), "benefits/resale-discount,Resale discount,programs/reseller/select,Select,2,number,20,percent,20%") {
				t.Errorf("FY2024 is not the tagged content: %v", err)
			}
			csv25, _ := os.ReadFile(filepath.Join(dest, "fy2025/programs/reseller/matrix.csv"))
			if !strings.Contains(string(csv25), "Select,2,number,22,percent,22%") {
				t.Error("FY2025 is not the working tree's content")
			}
			page, _ := os.ReadFile(filepath.Join(dest, "fy2024/terms/mdf/index.html"))
			if !strings.Contains(string(page), `<meta name="robots" content="noindex">`) || !strings.Contains(string(page), "an archived program year") {
				t.Error("archived version pages lack noindex or the banner")
			}
			sitemap, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
			if strings.Contains(string(sitemap), "/fy2024/") {
				t.Error("archived version in the sitemap")
			}
			checkInternalLinks(t, dest, "/")
			// The changes page of FY2025 compares with FY2024.
			changes, _ := os.ReadFile(filepath.Join(dest, "fy2025/changes/index.html"))
			if !strings.Contains(string(changes), "Resale discount</a> <del>20%</del> → <ins>22%</ins>") {
				t.Error("FY2025 changes page does not show the tagged difference")
			}
			if git(t, site, "status", "--porcelain") != statusBefore || fileHash(t, filepath.Join(site, ".git", "index")) != indexBefore || git(t, site, "rev-parse", "HEAD") != headBefore {
				t.Error("the build touched the working tree, the index or HEAD")
			}
		})
	}
}

func TestGitVersionErrors(t *testing.T) {
	t.Parallel()
	site := gitSite(t)
	blob := git(t, site, "rev-parse", "HEAD:config.yaml")
	cases := []struct{ ref, path, want string }{
		// At the line and column of the ref addGitVersion writes (found
		// below, so the example's config.yaml may grow above it).
		{"fy2023", "content/fy2025", `config.yaml:LINE:16: error: version "fy2024": no ref "fy2023" in the repository`},
		{blob, "content/fy2025", "points at a blob, not a commit"},
		{"fy2024", "config.yaml", `"config.yaml" is a file at ref "fy2024", not a folder`},
		{"fy2024", "content/nope", `no folder "content/nope" at ref "fy2024"`},
	}
	for _, c := range cases {
		s := copySiteFrom(t, site)
		addGitVersion(t, s, c.ref, c.path)
		cfg, _ := os.ReadFile(filepath.Join(s, "config.yaml"))
		line := 1 + strings.Count(string(cfg[:strings.Index(string(cfg), "git: {ref: "+c.ref)]), "\n")
		want := strings.Replace(c.want, "LINE", strconv.Itoa(line), 1)
		r := run(t, s, "build")
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("ref %s path %s: exit %d\n%s", c.ref, c.path, r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(s, "public")); err == nil {
			t.Error("a configuration error wrote output")
		}
	}
	// No repository at all.
	plain := copyOneLanguage(t)
	addGitVersion(t, plain, "fy2024", "content/fy2025")
	if r := run(t, plain, "build"); r.code != 2 || !strings.Contains(r.stderr, "needs the site to be in a Git repository") {
		t.Errorf("no repository: %d %s", r.code, r.stderr)
	}
	// A shallow clone without the tag says to fetch it.
	shallow := filepath.Join(t.TempDir(), "shallow")
	git(t, filepath.Dir(shallow), "clone", "-q", "--depth", "1", "--no-tags", "file://"+site, shallow)
	addGitVersion(t, shallow, "fy2024", "content/fy2025")
	if r := run(t, shallow, "build"); r.code != 2 || !strings.Contains(r.stderr, "shallow clone; fetch it first") {
		t.Errorf("shallow: %d %s", r.code, r.stderr)
	}
}

// copySiteFrom copies a site folder, .git included.
func copySiteFrom(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	copyTree(t, src, dst)
	return dst
}

// TestLastChangedFromGit: in a Git repository each page says when its file
// last changed (the newest commit that touched it); outside one, no page
// carries a date, so builds stay reproducible.
func TestLastChangedFromGit(t *testing.T) {
	t.Parallel()
	site := gitSite(t) // two commits on 2026-01-01
	p := filepath.Join(site, "content/fy2026/terms/mdf.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, []byte("\nClaims are paid in the partner's currency.\n")...), 0o644)
	cmd := exec.Command("git", "commit", "-q", "-am", "MDF: currency")
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_AUTHOR_DATE=2026-03-04T12:00:00Z", "GIT_COMMITTER_DATE=2026-03-04T12:00:00Z")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	out := filepath.Join(t.TempDir(), "out")
	if r := run(t, site, "build", "--dest", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if s := read("fy2026/terms/mdf/index.html"); !strings.Contains(s, `Last changed <time datetime="2026-03-04">4 March 2026</time>`) {
		t.Errorf("MDF terms: no last-changed date of the newest commit")
	}
	if s := read("fy2026/terms/deal-registration/index.html"); !strings.Contains(s, `Last changed <time datetime="2026-01-01">`) {
		t.Errorf("deal registration terms: no last-changed date of the first commit")
	}
	// Not a repository: no dates.
	plain := copyOneLanguage(t)
	out2 := filepath.Join(t.TempDir(), "out")
	if r := run(t, plain, "build", "--dest", out2); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out2, "fy2026/terms/mdf/index.html")); strings.Contains(string(b), "Last changed") {
		t.Error("a site outside Git shows a last-changed date")
	}
}
