package serve

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

func init() {
	// Content types must not depend on the machine's mime.types.
	for ext, typ := range map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
		".js": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
		".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".png": "image/png"} {
		_ = mime.AddExtensionType(ext, typ)
	}
}

// Static serves only the files of the built site at root: a path that
// climbs out, an encoded traversal or a link that leaves the folder gets
// 400 or 404, and nothing is cached, since the site changes under the
// preview.
func Static(root string) http.Handler {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		realRoot = root
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if unsafePath(r) {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		clean := path.Clean("/" + p)
		full := filepath.Join(realRoot, filepath.FromSlash(clean))
		if strings.HasSuffix(p, "/") || clean == "/" {
			full = filepath.Join(full, "index.html")
		}
		real, err := filepath.EvalSymlinks(full)
		if err == nil && real != realRoot && !strings.HasPrefix(real, realRoot+string(filepath.Separator)) {
			err = os.ErrNotExist
		}
		var st os.FileInfo
		if err == nil {
			st, err = os.Stat(real)
		}
		if err == nil && st.IsDir() {
			// A folder without a trailing slash: redirect like every static host.
			http.Redirect(w, r, clean+"/", http.StatusMovedPermanently)
			return
		}
		if err != nil {
			notFound(w, realRoot)
			return
		}
		// Like GitLab Pages, serve a pre-compressed sibling when the client
		// takes gzip, so the preview measures what production sends.
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			if gz, err := os.Stat(real + ".gz"); err == nil && !gz.IsDir() {
				if ct := mime.TypeByExtension(filepath.Ext(real)); ct != "" {
					w.Header().Set("Content-Type", ct)
				}
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Add("Vary", "Accept-Encoding")
				http.ServeFile(w, r, real+".gz")
				return
			}
		}
		http.ServeFile(w, r, real)
	})
}

func notFound(w http.ResponseWriter, root string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if b, err := os.ReadFile(filepath.Join(root, "404.html")); err == nil {
		_, _ = w.Write(b)
	}
}

// unsafePath reports a request path that could leave the site: a NUL, an
// encoded dot, slash or backslash, or a ".." segment. Both the preview
// and Static refuse these with 400 rather than clean them.
func unsafePath(r *http.Request) bool {
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
