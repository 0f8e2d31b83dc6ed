package gittree

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// repo makes a repository with one commit holding content/v1/{a.md,
// sub/b.md} and a file, tagged v1 and on branch main; it returns the site
// root and the commit's and a blob's hashes.
func repo(t *testing.T) (root, commit, blob string) {
	t.Helper()
	root = t.TempDir()
	r, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	for rel, text := range map[string]string{"content/v1/a.md": "---\ntitle: A\n---\n", "content/v1/sub/b.md": "---\ntitle: B\n---\n", "config.yaml": "title: T\n"} {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	w, _ := r.Worktree()
	if err := w.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "t", Email: "t@example.com", When: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	h, err := w.Commit("first", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.CreateTag("v1", h, nil); err != nil {
		t.Fatal(err)
	}
	c, _ := r.CommitObject(h)
	tree, _ := c.Tree()
	f, _ := tree.File("config.yaml")
	return root, h.String(), f.Hash.String()
}

func TestOpen(t *testing.T) {
	root, commit, blob := repo(t)
	for _, c := range []struct {
		name, ref, sub string
		field, msg     string // of the error; "" for success
	}{
		{"tag", "v1", "content/v1", "", ""},
		{"branch", "master", "content/v1", "", ""},
		{"commit", commit, "content/v1", "", ""},
		{"missing ref", "v9", "content/v1", "ref", `no ref "v9"`},
		{"blob", blob, "content/v1", "ref", "points at a blob"},
		{"missing folder", "v1", "content/v2", "path", `no folder "content/v2"`},
		{"file", "v1", "config.yaml", "path", "is a file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, label, err := Open(root, c.ref, c.sub)
			if c.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				if label != c.ref+":"+c.sub {
					t.Errorf("label %q", label)
				}
				if err := fstest.TestFS(tr, "a.md", "sub/b.md"); err != nil {
					t.Error(err)
				}
				b, err := fs.ReadFile(tr, "sub/b.md")
				if err != nil || !strings.Contains(string(b), "title: B") {
					t.Errorf("sub/b.md = %q, %v", b, err)
				}
				return
			}
			var ge *Error
			if !errors.As(err, &ge) || ge.Field() != c.field || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want %s error with %q", err, c.field, c.msg)
			}
		})
	}
	if _, _, err := Open(t.TempDir(), "v1", "x"); err == nil || !strings.Contains(err.Error(), "Git repository") {
		t.Errorf("outside a repository: %v", err)
	}
}
