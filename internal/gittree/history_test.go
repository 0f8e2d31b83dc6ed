package gittree

import (
	"encoding/json"
	"fmt"
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
// cold (no cache file) and warm.
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
	for _, mode := range []string{"cold", "warm"} {
		b.Run(mode, func(b *testing.B) {
			cache := filepath.Join(b.TempDir(), "h.json")
			if mode == "warm" {
				LastChanged(root, paths, cache)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if mode == "cold" {
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
