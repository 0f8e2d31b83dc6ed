package gittree

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// commitFiles writes files into the repository at root and commits them
// on day.
func commitFiles(t testing.TB, root string, day time.Time, files map[string]string) {
	t.Helper()
	r, err := git.PlainOpen(root)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := r.Worktree()
	for rel, text := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
		if _, err := w.Add(rel); err != nil {
			t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: "t", Email: "t@example.com", When: day}
	if _, err := w.Commit("edit", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}

func TestLastChanged(t *testing.T) {
	root, _, _ := repo(t) // content/v1/a.md and sub/b.md on 2026-01-01
	commitFiles(t, root, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), map[string]string{"content/v1/a.md": "---\ntitle: A2\n---\n"})
	commitFiles(t, root, time.Date(2026, 4, 5, 10, 0, 0, 0, time.UTC), map[string]string{"config.yaml": "title: T2\n"})
	os.WriteFile(filepath.Join(root, "content/v1/new.md"), []byte("---\ntitle: N\n---\n"), 0o644) // never committed
	cache := filepath.Join(t.TempDir(), "history.json")
	paths := []string{"content/v1/a.md", "content/v1/sub/b.md", "content/v1/new.md"}
	h, err := LastChanged(root, paths, cache)
	if err != nil || h == nil {
		t.Fatalf("%v %v", h, err)
	}
	want := map[string]string{"content/v1/a.md": "2026-03-02", "content/v1/sub/b.md": "2026-01-01", "content/v1/new.md": ""}
	for p, d := range want {
		if h.Dates[p] != d {
			t.Errorf("%s: %q, want %q", p, h.Dates[p], d)
		}
	}
	// The answer is kept by HEAD: a second call reads the cache, which a
	// test can tell by changing it.
	real := mustJSON(t, h)
	h.Dates["content/v1/a.md"] = "cached"
	os.WriteFile(cache, mustJSON(t, h), 0o644)
	if again, _ := LastChanged(root, paths, cache); again.Dates["content/v1/a.md"] != "cached" {
		t.Errorf("the cache was not used: %v", again.Dates)
	}
	os.WriteFile(cache, real, 0o644)
	// A new commit moves HEAD: only the commits since the cached HEAD are
	// read; a.md keeps its date, b.md gets the new one.
	commitFiles(t, root, time.Date(2026, 5, 6, 10, 0, 0, 0, time.UTC), map[string]string{"content/v1/sub/b.md": "---\ntitle: B2\n---\n"})
	h, _ = LastChanged(root, paths, cache)
	if h.Dates["content/v1/a.md"] != "2026-03-02" || h.Dates["content/v1/sub/b.md"] != "2026-05-06" {
		t.Errorf("after a commit: %v", h.Dates)
	}
	// An earlier answer at the same HEAD is the answer, the cache file
	// unread (the preview asks on every rebuild).
	os.Remove(cache)
	if again, _ := LastChangedSince(root, paths, cache, h); again != h {
		t.Error("the earlier answer was not reused")
	}
	if _, err := os.Stat(cache); err == nil {
		t.Error("the cache file was written again")
	}
	// Not a repository: no history, no error.
	if h, err := LastChanged(t.TempDir(), paths, cache); h != nil || err != nil {
		t.Errorf("outside a repository: %v %v", h, err)
	}
}

// BenchmarkLastChanged: 1,000 pages, 200 commits of 5 files each, read
// cold (no cache file) and warm, from loose objects and packed.
func BenchmarkLastChanged(b *testing.B) {
	root := b.TempDir()
	if _, err := git.PlainInit(root, false); err != nil {
		b.Fatal(err)
	}
	var paths []string
	all := map[string]string{}
	for i := 0; i < 1000; i++ {
		p := fmt.Sprintf("content/v1/s%d/p%d.md", i%20, i)
		paths = append(paths, p)
		all[p] = fmt.Sprintf("---\ntitle: P%d\n---\n", i)
	}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	commitFiles(b, root, day, all)
	for c := 0; c < 200; c++ {
		files := map[string]string{}
		for k := 0; k < 5; k++ {
			p := paths[(c*37+k*101)%len(paths)]
			files[p] = fmt.Sprintf("---\ntitle: %d %d\n---\n", c, k)
		}
		commitFiles(b, root, day.Add(time.Duration(c)*time.Hour), files)
	}
	// Then the same history packed, as a clone has it: most objects are
	// read from a pack file rather than one file each.
	packed := filepath.Join(b.TempDir(), "packed")
	if err := os.CopyFS(packed, os.DirFS(root)); err != nil {
		b.Fatal(err)
	}
	repo, err := git.PlainOpen(packed)
	if err != nil {
		b.Fatal(err)
	}
	if err := repo.RepackObjects(&git.RepackConfig{}); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"cold", "warm", "cold-packed"} {
		b.Run(mode, func(b *testing.B) {
			root := root
			if mode == "cold-packed" {
				root = packed
			}
			cache := filepath.Join(b.TempDir(), "h.json")
			if mode == "warm" {
				LastChanged(root, paths, cache)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if mode != "warm" {
					os.Remove(cache)
				}
				if h, err := LastChanged(root, paths, cache); err != nil || len(h.Dates) != len(paths) {
					b.Fatal(err)
				}
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// refDates dates the wanted paths the plain way: the whole tree of each
// commit diffed against its first parent's.
func refDates(t *testing.T, root string, want []string) map[string]string {
	t.Helper()
	r, err := git.PlainOpen(root)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := r.Head()
	c, _ := r.CommitObject(head.Hash())
	dates := map[string]string{}
	wanted := map[string]bool{}
	for _, p := range want {
		wanted[p] = true
	}
	mark := func(name, day string) {
		if _, done := dates[name]; wanted[name] && !done {
			dates[name] = day
		}
	}
	for c != nil {
		tree, _ := c.Tree()
		day := c.Committer.When.UTC().Format("2006-01-02")
		if c.NumParents() == 0 {
			tree.Files().ForEach(func(f *object.File) error { mark(f.Name, day); return nil })
			break
		}
		parent, _ := c.Parent(0)
		ptree, _ := parent.Tree()
		changes, err := object.DiffTree(ptree, tree)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range changes {
			mark(ch.To.Name, day)
			mark(ch.From.Name, day)
		}
		c = parent
	}
	return dates
}

// The walk diffs only the top-level folders that hold wanted paths, and
// skips commits that leave them alone; the dates must be those of a diff
// of the whole tree, through random commits that add, edit and delete
// files inside and outside the site, a file at the top level included.
func TestLastChangedOnlyWhereWanted(t *testing.T) {
	root, _, _ := repo(t)
	files := []string{"content/v1/a.md", "content/v1/sub/b.md", "content/v2/c.md", "internal/x.go", "internal/y/z.go", "README.md", "docs/d.md", "NOTES.md"}
	rng := rand.New(rand.NewSource(4))
	r, _ := git.PlainOpen(root)
	w, _ := r.Worktree()
	day := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	for i := range 60 {
		day = day.Add(26 * time.Hour)
		changed := map[string]string{}
		for range 1 + rng.Intn(3) {
			f := files[rng.Intn(len(files))]
			if rng.Intn(5) == 0 {
				if _, err := os.Stat(filepath.Join(root, f)); err == nil {
					w.Remove(f)
					continue
				}
			}
			changed[f] = fmt.Sprintf("edit %d of %s\n", i, f)
		}
		if len(changed) == 0 {
			changed["internal/x.go"] = fmt.Sprintf("package x // %d\n", i)
		}
		commitFiles(t, root, day, changed)
	}
	for _, want := range [][]string{
		{"content/v1/a.md", "content/v1/sub/b.md", "content/v2/c.md"},
		{"content/v1/a.md", "README.md", "docs/d.md"},
		{"NOTES.md"},
	} {
		h, err := LastChanged(root, want, filepath.Join(t.TempDir(), "history.json"))
		if err != nil || h == nil {
			t.Fatal(h, err)
		}
		ref := refDates(t, root, want)
		for _, p := range want {
			if h.Dates[p] != ref[p] {
				t.Errorf("%s: %q, whole-tree diff says %q", p, h.Dates[p], ref[p])
			}
		}
	}
}
