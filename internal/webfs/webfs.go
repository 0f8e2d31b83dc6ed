// Package webfs serves a built site over HTTP as a static host does: the
// one file server of the preview (from memory), of the PDF printer and of
// the tests (from disk). A folder's address serves its index.html, a
// folder named without its trailing slash is redirected, a missing file
// gets the site's 404.html, and content types come from one table, not
// from the machine's mime.types.
package webfs

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// Options shape a Handler.
type Options struct {
	// Prefix is the site's base path ("/docs/"); addresses outside it are
	// not found. "" or "/" for the root.
	Prefix string
	// NoStore sends Cache-Control: no-store (the preview's site changes
	// under it).
	NoStore bool
	// Gzip serves a file's .gz sibling to clients that take gzip, as
	// GitLab Pages does, so a test measures what production sends.
	Gzip bool
	// Page, if set, rewrites every HTML page served (the preview adds its
	// reload script).
	Page func([]byte) []byte
}

// Handler serves fsys. Only GET and HEAD are answered; a path with a NUL,
// an encoded dot, slash or backslash, or a ".." segment is refused with
// 400 rather than cleaned. fsys decides what exists: os.Root's FS keeps
// symbolic links from leaving the folder.
func Handler(fsys fs.FS, o Options) http.Handler {
	prefix := "/" + strings.Trim(o.Prefix, "/")
	if prefix != "/" {
		prefix += "/"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o.NoStore {
			w.Header().Set("Cache-Control", "no-store")
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if UnsafePath(r) {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		p := r.URL.Path
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok && p+"/" == prefix {
			http.Redirect(w, r, prefix, http.StatusMovedPermanently)
			return
		}
		if !ok {
			notFound(w, fsys, o)
			return
		}
		rel := strings.TrimPrefix(path.Clean("/"+rest), "/")
		if rel == "" || strings.HasSuffix(p, "/") {
			rel = strings.TrimPrefix(rel+"/index.html", "/")
		}
		data, err := fs.ReadFile(fsys, rel)
		if err != nil {
			if !strings.HasSuffix(p, "/") && exists(fsys, rel+"/index.html") {
				// A folder without its trailing slash: redirect, as every
				// static host does.
				http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
				return
			}
			notFound(w, fsys, o)
			return
		}
		w.Header().Set("Content-Type", ContentType(rel, data))
		if o.Gzip && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			if gz, err := fs.ReadFile(fsys, rel+".gz"); err == nil {
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Add("Vary", "Accept-Encoding")
				http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(gz))
				return
			}
		}
		if o.Page != nil && strings.HasSuffix(rel, ".html") {
			data = o.Page(data)
		}
		http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(data))
	})
}

func exists(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}

// notFound answers 404 with the site's 404.html when it has one.
func notFound(w http.ResponseWriter, fsys fs.FS, o Options) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if b, err := fs.ReadFile(fsys, "404.html"); err == nil {
		if o.Page != nil {
			b = o.Page(b)
		}
		_, _ = w.Write(b)
	}
}

// UnsafePath reports a request path that could leave the site: a NUL, an
// encoded dot, slash or backslash, or a ".." segment.
func UnsafePath(r *http.Request) bool {
	p := r.URL.Path
	raw := strings.ToLower(r.URL.RawPath)
	if strings.Contains(p, "\x00") || strings.Contains(raw, "%2e") || strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return true
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// types are the content types of what a build writes.
var types = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".json": "application/json",
	".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
	".csv": "text/csv; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
	".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon",
	".pdf": "application/pdf", ".woff2": "font/woff2", ".woff": "font/woff", ".gz": "application/gzip",
	".mp4": "video/mp4", ".webm": "video/webm", ".wasm": "application/wasm",
}

// ContentType is the type a file is served with: by extension from one
// table, else sniffed from its first bytes.
func ContentType(name string, data []byte) string {
	if t, ok := types[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return http.DetectContentType(data)
}

// Map is a site held in memory, by slash path: an fs.FS of files only
// (folders exist as the paths' prefixes, and are not listed).
type Map map[string][]byte

// Open implements fs.FS.
func (m Map) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return openBytes(name, b), nil
}

// ReadFile implements fs.ReadFileFS without a copy: the handler only
// reads what it gets.
func (m Map) ReadFile(name string) ([]byte, error) {
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrNotExist}
	}
	return b, nil
}

// Func is a site whose files a function gives (the PDF printer's build).
type Func func(name string) ([]byte, bool)

// Open implements fs.FS.
func (f Func) Open(name string) (fs.File, error) {
	b, err := f.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return openBytes(name, b), nil
}

// openBytes is a file of b named name, for Map and Func.
func openBytes(name string, b []byte) fs.File {
	return &memFile{Reader: bytes.NewReader(b), info: memInfo{name: path.Base(name), size: int64(len(b))}}
}

// ReadFile implements fs.ReadFileFS.
func (f Func) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	b, ok := f(name)
	if !ok {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrNotExist}
	}
	return b, nil
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// errNoRoot is Dir's error when the folder cannot be opened.
var errNoRoot = errors.New("webfs: cannot open the site folder")

// Dir serves the built site in a folder on disk; symbolic links that
// leave it are not followed (os.Root).
func Dir(dir string, o Options) (http.Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, errors.Join(errNoRoot, err)
	}
	return Handler(root.FS(), o), nil
}
