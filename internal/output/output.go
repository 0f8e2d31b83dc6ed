package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Marker is written into every output folder. A non-empty folder without
// it was not written by partnerdocs, and is never replaced: pointing
// --dest at the wrong folder must not delete someone's files.
const Marker = ".partnerdocs-output"

// ErrUnsafeDest is returned for a destination a build must not replace.
var ErrUnsafeDest = errors.New("unsafe output folder")

// CheckDest refuses output folders whose replacement would destroy
// sources: the site root, a content folder, a parent of either, the
// filesystem root, or a non-empty folder partnerdocs did not write.
func CheckDest(dest, siteRoot string, protected []string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnsafeDest, err)
	}
	abs = realPath(abs)
	if abs == filepath.Dir(abs) {
		return "", fmt.Errorf("%w: %s is the root of the filesystem", ErrUnsafeDest, dest)
	}
	if home, err := os.UserHomeDir(); err == nil && abs == realPath(home) {
		return "", fmt.Errorf("%w: %s is the home folder", ErrUnsafeDest, dest)
	}
	for _, p := range append([]string{siteRoot}, protected...) {
		pa := realPath(p)
		if within(pa, abs) {
			what := "the site root"
			if pa != realPath(siteRoot) {
				what = "the content folder " + p
			}
			return "", fmt.Errorf("%w: %s is %s or contains it", ErrUnsafeDest, dest, what)
		}
		if within(abs, pa) && pa != realPath(siteRoot) {
			return "", fmt.Errorf("%w: %s is inside the content folder %s", ErrUnsafeDest, dest, p)
		}
	}
	entries, err := os.ReadDir(abs)
	if err == nil && len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
			return "", fmt.Errorf("%w: %s is not empty and was not written by partnerdocs; remove it or choose another --dest", ErrUnsafeDest, dest)
		}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%w: %v", ErrUnsafeDest, err)
	}
	return abs, nil
}

// within reports whether child is parent or lies below it.
func within(child, parent string) bool {
	if child == parent {
		return true
	}
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath resolves links in the longest existing prefix of p, so that a
// destination reached through a link is still recognised.
func realPath(p string) string {
	p = filepath.Clean(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(realPath(parent), filepath.Base(p))
}

// Writer stages the files of one build. It is safe for concurrent use.
type Writer struct {
	dest    string
	staging string
	mu      sync.Mutex
	files   map[string]bool
	bytes   int64
	dirs    sync.Map // folders already created: MkdirAll per file was a fifth of a build

	// Files are written by a pool of goroutines: creating a file is a
	// blocking system call, and with as many writers as cores the CPUs sat
	// idle waiting for the filesystem.
	queue chan job
	wg    sync.WaitGroup
	errMu sync.Mutex
	err   error
	// aliases are files that share another file's content (a language
	// folder's copy of a static file): linked once every write is done.
	aliases [][2]string
}

type job struct {
	path string
	data []byte
	// open, when set, streams the file's content instead of data.
	open func() (io.ReadCloser, error)
}

// writers is the size of the write pool.
const writers = 16

func (w *Writer) start() {
	w.queue = make(chan job, 256)
	for i := 0; i < writers; i++ {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for j := range w.queue {
				if err := w.writeJob(j); err != nil {
					w.errMu.Lock()
					if w.err == nil {
						w.err = err
					}
					w.errMu.Unlock()
				}
			}
		}()
	}
}

func (w *Writer) writeJob(j job) error {
	if j.open == nil {
		return w.writeFile(j.path, j.data)
	}
	if err := w.mkdir(filepath.Dir(j.path)); err != nil {
		return err
	}
	return copyFile(j.path, j.open)
}

// copyFile writes what open reads into the file at full.
func copyFile(full string, open func() (io.ReadCloser, error)) error {
	src, err := open()
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(full)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func (w *Writer) writeFile(full string, data []byte) error {
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// mkdir creates a folder of the output once.
func (w *Writer) mkdir(dir string) error {
	if _, ok := w.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		w.dirs.Store(dir, true)
	}
	return nil
}

// Flush waits for every queued file and returns the first write error.
func (w *Writer) Flush() error {
	if w.queue != nil {
		close(w.queue)
		w.wg.Wait()
		w.queue = nil
	}
	w.mu.Lock()
	aliases := w.aliases
	w.aliases = nil
	w.mu.Unlock()
	for _, a := range aliases {
		if err := w.link(a[0], a[1]); err != nil {
			w.errMu.Lock()
			if w.err == nil {
				w.err = err
			}
			w.errMu.Unlock()
		}
	}
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

// NewWriter creates the staging folder beside dest (which CheckDest has
// approved), so the final swap stays on one filesystem. It first clears
// what builds that were killed left beside dest (see Recover).
func NewWriter(dest string) (*Writer, error) {
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := Recover(dest); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(parent, stagingPrefix(dest)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, err
	}
	w := &Writer{dest: dest, staging: staging, files: map[string]bool{}}
	w.start()
	if err := w.Write(Marker, []byte("This folder is written by partnerdocs build and replaced on every build.\n")); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// Settle waits for every file queued so far to be on disk and keeps the
// writer open for more: a stage that reads what the render staged (the
// build's guide PDFs print its pages) settles it first.
func (w *Writer) Settle() error {
	err := w.Flush()
	w.start()
	return err
}

// Staged reads a file of the output as staged so far (after Settle);
// false when the output has no such file.
func (w *Writer) Staged(rel string) ([]byte, bool) {
	clean := path.Clean("/" + rel)[1:]
	if clean == "" || !fs.ValidPath(clean) {
		return nil, false
	}
	w.mu.Lock()
	ok := w.files[clean]
	w.mu.Unlock()
	if !ok {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(w.staging, filepath.FromSlash(clean)))
	return b, err == nil
}

// Write stores one file at a slash-separated path inside the output. A
// path that would leave the output, or a second write to one path, is an
// error: both mean a bug or hostile input, and must not pass silently.
func (w *Writer) Write(rel string, data []byte) error {
	full, err := w.claim(rel, int64(len(data)))
	if err != nil {
		return err
	}
	w.queue <- job{path: full, data: data}
	return nil
}

// claim reserves a path of the output for one writer and returns where
// it is staged.
func (w *Writer) claim(rel string, size int64) (string, error) {
	clean := path.Clean("/" + rel)[1:]
	if clean == "" || clean != strings.TrimSuffix(rel, "/") || !fs.ValidPath(clean) {
		return "", fmt.Errorf("refusing to write %q: not a clean path inside the output", rel)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files[clean] {
		return "", fmt.Errorf("two outputs write %s", clean)
	}
	w.files[clean] = true
	w.bytes += size
	return filepath.Join(w.staging, filepath.FromSlash(clean)), nil
}

// Copy stores one file whose content open streams (size bytes): a large
// static file is copied, not held in memory. The same rules as Write
// hold for its path.
func (w *Writer) Copy(rel string, open func() (io.ReadCloser, error), size int64) error {
	full, err := w.claim(rel, size)
	if err != nil {
		return err
	}
	w.queue <- job{path: full, open: open}
	return nil
}

// Alias stores a file with the content of a file already written, as a
// hard link where the file system allows (else a copy): a language
// folder's static files share the root's, on disk too.
func (w *Writer) Alias(rel, target string) error {
	w.mu.Lock()
	ok := w.files[path.Clean("/" + target)[1:]]
	w.mu.Unlock()
	if !ok {
		return fmt.Errorf("alias %s: %s is not written", rel, target)
	}
	full, err := w.claim(rel, 0)
	if err != nil {
		return err
	}
	w.mu.Lock()
	w.aliases = append(w.aliases, [2]string{full, filepath.Join(w.staging, filepath.FromSlash(path.Clean("/" + target)[1:]))})
	w.mu.Unlock()
	return nil
}

func (w *Writer) link(full, target string) error {
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if err := os.Link(target, full); err == nil {
		return nil
	}
	return copyFile(full, func() (io.ReadCloser, error) { return os.Open(target) })
}

// Has reports whether a path has been written.
func (w *Writer) Has(rel string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.files[rel]
}

// Stats returns the number of files and bytes written.
func (w *Writer) Stats() (files int, bytes int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.files), w.bytes
}

// Commit waits for the writes and swaps the staged output in place of the
// destination. Where the system can exchange two folders in one step
// (Linux's renameat2 with RENAME_EXCHANGE), the destination always holds
// one whole build, the previous or the new one, whatever moment the
// process is killed at. Elsewhere the previous output is moved aside
// first; a kill between the two renames leaves it aside, and the next
// build puts it back (Recover) before anything else.
func (w *Writer) Commit() error {
	if err := w.Flush(); err != nil {
		w.Abort()
		return err
	}
	if _, err := os.Lstat(w.dest); err != nil {
		if err := rename(w.staging, w.dest); err != nil {
			w.Abort()
			return fmt.Errorf("cannot move the new output in place: %w", err)
		}
		return nil
	}
	err := exchange(w.staging, w.dest)
	if err == nil {
		// The staging folder now holds the previous output.
		return removeParallel(w.staging)
	}
	if !errors.Is(err, errNoExchange) {
		w.Abort()
		return fmt.Errorf("cannot swap the new output in place: %w", err)
	}
	old := w.staging + oldSuffix
	if err := rename(w.dest, old); err != nil {
		w.Abort()
		return fmt.Errorf("cannot move the previous output aside: %w", err)
	}
	if err := rename(w.staging, w.dest); err != nil {
		_ = rename(old, w.dest)
		w.Abort()
		return fmt.Errorf("cannot move the new output in place: %w", err)
	}
	return removeParallel(old)
}

// oldSuffix marks a previous output moved aside by the portable swap.
const oldSuffix = ".old"

// rename and exchange are variables so that tests can stop a build at any
// step of the swap, as a kill would.
var (
	rename   = os.Rename
	exchange = exchangeDirs
)

// errNoExchange says the system or filesystem cannot exchange two folders
// atomically; Commit then uses two renames.
var errNoExchange = errors.New("atomic exchange not supported")

// stagingPrefix is how the folders a build stages into beside dest begin;
// the writer's process id follows, so a build never removes the staging
// folder of another build that is still running.
func stagingPrefix(dest string) string {
	return "." + filepath.Base(dest) + ".staging-"
}

// Recover clears what killed builds left beside dest: staging folders whose
// process is gone are removed, and a previous output that the portable
// swap had moved aside is put back when dest is missing. Folders of builds
// still running are left alone.
func Recover(dest string) error {
	parent := filepath.Dir(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	prefix := stagingPrefix(dest)
	var restore []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		pid, ok := stagingPID(strings.TrimPrefix(name, prefix))
		if ok && pid != os.Getpid() && processAlive(pid) {
			continue
		}
		if strings.HasSuffix(name, oldSuffix) {
			restore = append(restore, name)
			continue
		}
		if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
			return fmt.Errorf("removing %s left by a killed build: %w", name, err)
		}
	}
	for _, name := range restore {
		full := filepath.Join(parent, name)
		if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			if err := rename(full, dest); err != nil {
				return fmt.Errorf("restoring the previous output from %s: %w", name, err)
			}
			continue
		}
		if err := os.RemoveAll(full); err != nil {
			return fmt.Errorf("removing %s left by a killed build: %w", name, err)
		}
	}
	return nil
}

// stagingPID reads the process id from the part of a staging folder's name
// after the prefix ("1234-567890" or "1234-567890.old").
func stagingPID(rest string) (int, bool) {
	i := strings.IndexByte(rest, '-')
	if i <= 0 {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[:i])
	return pid, err == nil && pid > 0
}

// removeParallel deletes a tree with one goroutine per top-level entry
// (bounded): unlinking 20,000 files one by one took two seconds, and the
// kernel serves unlinks in different folders side by side.
func removeParallel(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	var mu sync.Mutex
	var first error
	for _, e := range entries {
		wg.Add(1)
		sem <- struct{}{}
		go func(p string) {
			defer wg.Done()
			defer func() { <-sem }()
			if err := os.RemoveAll(p); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}(filepath.Join(dir, e.Name()))
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return os.RemoveAll(dir)
}

// Abort discards the staged output.
func (w *Writer) Abort() {
	_ = w.Flush()
	_ = os.RemoveAll(w.staging)
}
