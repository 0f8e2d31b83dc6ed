package gittree

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Error is a problem with one key of a Git version: "ref" or "path".
type Error struct {
	Key string
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// Field names the key of config.yaml the error is about.
func (e *Error) Field() string { return e.Key }

func refErr(format string, a ...any) error { return &Error{Key: "ref", Msg: fmt.Sprintf(format, a...)} }
func pathErr(format string, a ...any) error {
	return &Error{Key: "path", Msg: fmt.Sprintf(format, a...)}
}

var hexRe = regexp.MustCompile(`^[0-9a-f]{40}$`)

// Open returns the folder sub of the site's repository at ref, and a label
// for diagnostics ("fy2024:content/fy2025", as git names such files).
func Open(siteRoot, ref, sub string) (*Tree, string, error) {
	repo, err := git.PlainOpenWithOptions(siteRoot, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, "", fmt.Errorf("a version read from Git needs the site to be in a Git repository, and %s is not (%v)", siteRoot, err)
	}
	if hexRe.MatchString(ref) {
		// A full hash may name a blob or a tree, which ResolveRevision
		// only reports as "not found".
		if obj, err := repo.Storer.EncodedObject(plumbing.AnyObject, plumbing.NewHash(ref)); err == nil && obj.Type() != plumbing.CommitObject && obj.Type() != plumbing.TagObject {
			return nil, "", refErr("ref %q points at a %s, not a commit", ref, obj.Type())
		}
	}
	h, err := repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		if shallow, _ := repo.Storer.Shallow(); len(shallow) > 0 {
			return nil, "", refErr("ref %q is not in this shallow clone; fetch it first (git fetch --unshallow, or git fetch origin tag %s)", ref, ref)
		}
		return nil, "", refErr("no ref %q in the repository (a tag, branch or commit)", ref)
	}
	commit, err := repo.CommitObject(*h)
	if err != nil {
		kind := "an object that is not a commit"
		if obj, oerr := repo.Storer.EncodedObject(plumbing.AnyObject, *h); oerr == nil {
			kind = "a " + obj.Type().String()
		}
		return nil, "", refErr("ref %q points at %s, not a commit", ref, kind)
	}
	root, err := commit.Tree()
	if err != nil {
		return nil, "", refErr("ref %q: %v", ref, err)
	}
	t := root
	if sub != "" && sub != "." {
		t, err = root.Tree(sub)
		if err != nil {
			if _, ferr := root.File(sub); ferr == nil {
				return nil, "", pathErr("%q is a file at ref %q, not a folder", sub, ref)
			}
			return nil, "", pathErr("no folder %q at ref %q", sub, ref)
		}
	}
	label := ref + ":" + strings.TrimSuffix(sub, "/")
	return &Tree{root: t, when: commit.Committer.When}, label, nil
}

// Tree is a Git tree as an fs.FS.
type Tree struct {
	root *object.Tree
	when time.Time
	mu   sync.Mutex // go-git's object storage is not documented as safe for concurrent reads
}

type entry struct {
	name string
	mode filemode.FileMode
	size int64
	when time.Time
}

func (e entry) Name() string { return e.name }
func (e entry) Size() int64  { return e.size }
func (e entry) Mode() fs.FileMode {
	switch e.mode {
	case filemode.Dir:
		return fs.ModeDir | 0o555
	case filemode.Symlink:
		return fs.ModeSymlink | 0o444
	case filemode.Submodule:
		return fs.ModeIrregular
	}
	return 0o444
}
func (e entry) ModTime() time.Time         { return e.when }
func (e entry) IsDir() bool                { return e.mode == filemode.Dir }
func (e entry) Sys() any                   { return nil }
func (e entry) Type() fs.FileMode          { return e.Mode().Type() }
func (e entry) Info() (fs.FileInfo, error) { return e, nil }

func (t *Tree) lookup(op, name string) (entry, *object.Tree, error) {
	if !fs.ValidPath(name) {
		return entry{}, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return entry{name: ".", mode: filemode.Dir, when: t.when}, t.root, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.root.FindEntry(name)
	if err != nil {
		return entry{}, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	en := entry{name: path.Base(name), mode: e.Mode, when: t.when}
	if e.Mode == filemode.Dir {
		sub, err := t.root.Tree(name)
		if err != nil {
			return entry{}, nil, &fs.PathError{Op: op, Path: name, Err: err}
		}
		return en, sub, nil
	}
	if e.Mode.IsFile() {
		if size, err := t.root.Size(name); err == nil {
			en.size = size
		}
	}
	return en, nil, nil
}

// Stat implements fs.StatFS. Symbolic links are not followed: they could
// point anywhere in the working tree of a different commit.
func (t *Tree) Stat(name string) (fs.FileInfo, error) {
	e, _, err := t.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// ReadDir implements fs.ReadDirFS.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	_, sub, err := t.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if sub == nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]fs.DirEntry, 0, len(sub.Entries))
	for _, e := range sub.Entries {
		en := entry{name: e.Name, mode: e.Mode, when: t.when}
		if e.Mode.IsFile() {
			if size, err := sub.Size(e.Name); err == nil {
				en.size = size
			}
		}
		out = append(out, en)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// ReadFile implements fs.ReadFileFS.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	e, _, err := t.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if e.mode == filemode.Symlink {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("symbolic links in Git versions are not followed")}
	}
	if !e.mode.IsFile() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("not a file")}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	f, err := t.root.File(name)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	r, err := f.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// Open implements fs.FS.
func (t *Tree) Open(name string) (fs.File, error) {
	e, _, err := t.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if e.IsDir() {
		entries, err := t.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &dir{entry: e, entries: entries}, nil
	}
	data, err := t.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &file{entry: e, r: bytes.NewReader(data)}, nil
}

type file struct {
	entry
	r *bytes.Reader
}

func (f *file) Stat() (fs.FileInfo, error) { return f.entry, nil }
func (f *file) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *file) Close() error               { return nil }

type dir struct {
	entry
	entries []fs.DirEntry
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.entry, nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a folder")}
}
func (d *dir) Close() error { return nil }
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.off += n
	return rest[:n], nil
}
