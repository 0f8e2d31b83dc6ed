package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long the watcher waits after the last event of a burst:
// editors save with several events (write to a temporary file, rename,
// change modes), and one rebuild should follow them all.
const Debounce = 120 * time.Millisecond

// skipDir is true for folders whose changes never affect the site.
func skipDir(name string) bool {
	return name == ".git" || name == "node_modules" || name == ".partnerdocs-cache" || name == "public" || name == "test-artifacts" ||
		(strings.HasPrefix(name, ".") && name != ".")
}

// ignoredFile is true for editors' scratch files.
func ignoredFile(name string) bool {
	base := filepath.Base(name)
	return strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".swo") ||
		strings.HasSuffix(base, "~") || strings.HasPrefix(base, ".#") || strings.HasPrefix(base, "#") ||
		base == "4913" || strings.HasSuffix(base, ".tmp") || strings.HasPrefix(base, ".")
}

// Watch rebuilds the site whenever a file under root changes (content,
// config.yaml, themes), until ctx ends. fsnotify does not watch new
// folders by itself, so each created folder is added as it appears.
func (s *Server) Watch(ctx context.Context, root string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	add := func(dir string) {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p != dir && skipDir(d.Name()) {
					return filepath.SkipDir
				}
				_ = w.Add(p)
			}
			return nil
		})
	}
	add(root)
	var timer *time.Timer
	var fire <-chan time.Time
	cssOnly := true
	// Pages written in place since the last rebuild; any other event
	// (a file created, removed or renamed, a non-page file, a lost
	// event) makes the next rebuild walk every folder.
	changed, walk := map[string]bool{}, false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, _ := filepath.Rel(root, ev.Name)
			top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
			if skipDir(top) && rel != "." {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					add(ev.Name)
				}
			}
			if ignoredFile(ev.Name) {
				continue
			}
			if !strings.HasSuffix(ev.Name, ".css") {
				cssOnly = false
			}
			if strings.HasSuffix(ev.Name, ".md") && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
				changed[filepath.ToSlash(rel)] = true
			} else {
				walk = true
			}
			if timer == nil {
				timer = time.NewTimer(Debounce)
			} else {
				timer.Reset(Debounce)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			var paths []string
			if !walk {
				paths = make([]string, 0, len(changed))
				for p := range changed {
					paths = append(paths, p)
				}
			}
			s.rebuild(cssOnly, paths)
			cssOnly, changed, walk = true, map[string]bool{}, false
		case <-w.Errors:
			// Events were lost (the kernel's queue overflowed).
			walk = true
		}
	}
}
