// Package sitefile reads the files a site supplies beside its pages
// (layouts, partials, data, assets, Hugo config) the way pages are read:
// nothing behind a symbolic link, nothing that is not a regular file, and
// nothing larger than a limit. A site's files are content, written by
// whoever may open a merge request, so a link in layouts/ must not
// publish /proc/self/environ.
package sitefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// MaxSize is the largest site file read (templates, data, includes).
const MaxSize = 16 << 20

// ErrLink is the refusal of a path that passes through a symbolic link.
var ErrLink = errors.New("is a symbolic link; site files are read only from the site itself")

// ErrNotRegular is the refusal of a FIFO, device or socket.
var ErrNotRegular = errors.New("is not a regular file")

// check refuses rel when any of its components below root is a symbolic
// link, or when the file is not a regular file.
func check(root, rel string) (fs.FileInfo, error) {
	rel = path.Clean(strings.TrimPrefix(filepath.ToSlash(rel), "/"))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return nil, fmt.Errorf("%s is outside the site", rel)
	}
	cur := root
	var fi fs.FileInfo
	for _, seg := range strings.Split(rel, "/") {
		cur = filepath.Join(cur, seg)
		var err error
		fi, err = os.Lstat(cur)
		if err != nil {
			return nil, err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s %w", rel, ErrLink)
		}
	}
	return fi, nil
}

// Read returns the file at rel (slash-separated, below root).
func Read(root, rel string) ([]byte, error) {
	fi, err := check(root, rel)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s %w", rel, ErrNotRegular)
	}
	if fi.Size() > MaxSize {
		return nil, fmt.Errorf("%s is %d bytes; a site file may be at most %d MiB", rel, fi.Size(), MaxSize>>20)
	}
	f, err := os.OpenFile(filepath.Join(root, filepath.FromSlash(rel)), os.O_RDONLY|oNoFollow|oNonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s %w", rel, ErrNotRegular)
	}
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}

// Exists reports whether rel is a regular file Read would read.
func Exists(root, rel string) bool {
	fi, err := check(root, rel)
	return err == nil && fi.Mode().IsRegular()
}

// Refusal is a file a walk passed over, and why.
type Refusal struct {
	Rel string
	Err error
}

// Walk lists the regular files below dir (slash-separated, relative to
// root), sorted, relative to dir. Symbolic links and special files are
// not followed: each is returned as a refusal, so the caller can report
// it. A missing dir lists nothing.
func Walk(root, dir string) (files []string, refused []Refusal) {
	if _, err := check(root, dir); err != nil {
		if errors.Is(err, ErrLink) {
			refused = append(refused, Refusal{dir, err})
		}
		return nil, refused
	}
	base := filepath.Join(root, filepath.FromSlash(dir))
	_ = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(base, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			refused = append(refused, Refusal{path.Join(dir, rel), fmt.Errorf("%s %w", path.Join(dir, rel), ErrLink)})
		case d.IsDir():
			if rel != "." && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
		case d.Type().IsRegular():
			if !strings.HasPrefix(d.Name(), ".") {
				files = append(files, rel)
			}
		default:
			refused = append(refused, Refusal{path.Join(dir, rel), fmt.Errorf("%s %w", path.Join(dir, rel), ErrNotRegular)})
		}
		return nil
	})
	sort.Strings(files)
	return files, refused
}
