package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Tree is the file system a version is read from: a folder on disk, or
// (for Git versions) a tree at a ref. Names are slash-separated and
// relative to the tree's top.
type Tree interface {
	fs.FS
	fs.ReadDirFS
	fs.StatFS
}

// errOutside reports a symbolic link that leaves the site.
var errOutside = errors.New("symbolic link points outside the site")

// DiskTree is a folder on disk. Unlike os.DirFS it refuses symbolic links
// that resolve outside the site root, so content can never read
// /etc/passwd through a link, and it reports link loops as errors.
type DiskTree struct {
	Dir      string // absolute folder
	SiteRoot string // absolute site root: links must stay inside it
}

func (t DiskTree) full(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	p := filepath.Join(t.Dir, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	root, err := filepath.EvalSymlinks(t.SiteRoot)
	if err != nil {
		root = t.SiteRoot
	}
	if real != root && !strings.HasPrefix(real, root+string(filepath.Separator)) {
		return "", &fs.PathError{Op: "open", Path: name, Err: errOutside}
	}
	return real, nil
}

// Open opens a file after checking where its links lead.
func (t DiskTree) Open(name string) (fs.File, error) {
	p, err := t.full(name)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// ReadDir lists a folder without following links in it.
func (t DiskTree) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := t.full(name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(p)
}

// Stat follows links, within the site.
func (t DiskTree) Stat(name string) (fs.FileInfo, error) {
	p, err := t.full(name)
	if err != nil {
		return nil, err
	}
	return os.Stat(p)
}

// describeErr words a file error for an author.
func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, errOutside):
		return "it is a symbolic link that points outside the site"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist (a dangling symbolic link?)"
	case strings.Contains(err.Error(), "too many links") || strings.Contains(err.Error(), "too many levels"):
		return "symbolic link loop"
	}
	return fmt.Sprint(err)
}
