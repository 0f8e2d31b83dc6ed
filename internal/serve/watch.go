package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/partnerdocs/partnerdocs/internal/config"
)

// Debounce is how long the watcher waits after the last event of a burst:
// editors save with several events (write to a temporary file, rename,
// change modes), and one rebuild should follow them all.
const Debounce = 120 * time.Millisecond

// skipDir is true for folders whose changes never affect the site.
func skipDir(name string) bool {
	return name == ".git" || name == "node_modules" || name == ".partnerdocs-cache" || name == "public" ||
		(strings.HasPrefix(name, ".") && name != ".")
}

// ignoredFile is true for editors' scratch files.
func ignoredFile(name string) bool {
	base := filepath.Base(name)
	return strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".swo") ||
		strings.HasSuffix(base, "~") || strings.HasPrefix(base, ".#") || strings.HasPrefix(base, "#") ||
		base == "4913" || strings.HasSuffix(base, ".tmp") || strings.HasPrefix(base, ".")
}

// readsFrom lists what a build of the site at root reads, as slash paths
// from root: config.yaml, the site's string tables and themes, the
// folders of its versions, portal and static files, and the feedback
// counts (the internal report lists them), and what a Hugo site keeps
// beside them: its layouts (shortcode and partial templates), assets
// (includes), data files and Hugo config. Include-only files elsewhere
// are added from the last build (Server.includes). Nil when config.yaml
// cannot be read: then everything is watched, so fixing it rebuilds.
func readsFrom(root string) []string {
	cfg, diags := config.Load(root)
	if cfg == nil || diags.HasErrors() {
		return nil
	}
	out := []string{config.FileName, "themes", "i18n", "layouts", "assets", "data", "config/_default"}
	out = append(out, config.HugoFiles()...)
	for _, v := range cfg.Versions {
		if v.Path != "" {
			out = append(out, v.Path)
		}
	}
	for _, dir := range []string{cfg.Portal, cfg.Static, cfg.Feedback.Counts} {
		if dir != "" {
			out = append(out, dir)
		}
	}
	return out
}

// reads reports whether a build reads rel (a slash path from the root),
// or a folder that holds what it reads (new folders are watched as they
// appear).
func reads(set []string, rel string) bool {
	if set == nil || rel == "." {
		return true
	}
	for _, x := range set {
		if rel == x || strings.HasPrefix(rel, x+"/") || strings.HasPrefix(x, rel+"/") {
			return true
		}
	}
	return false
}

// readsInclude reports whether rel is an include-only file the last build
// read, or a folder that holds one.
func (s *Server) readsInclude(rel string) bool {
	inc := s.includes.Load()
	return inc != nil && len(*inc) > 0 && reads(*inc, rel)
}

// Watch rebuilds the site whenever a file a build reads changes (its
// content folders, config.yaml, themes, string tables), until ctx ends;
// anything else in the site root (a log file, an editor's backup, another
// tool's output) is left alone, so it cannot make the preview rebuild
// without end. fsnotify does not watch new folders by itself, so each
// created folder is added as it appears. ready, if not nil, is called
// once every folder is watched: a change made after it is seen (the
// command says "watching" then, and tests wait for it).
func (s *Server) Watch(ctx context.Context, root string, ready func()) error {
	set := readsFrom(root)
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
	if ready != nil {
		ready()
	}
	var timer *time.Timer
	var fire <-chan time.Time
	cssOnly := true
	// Pages written in place since the last rebuild, and pages created,
	// removed or renamed (told apart at the rebuild by whether they are
	// there); any other event (a folder, a non-page file, a lost event)
	// makes the next rebuild walk every folder.
	changed, cameOrWent, walk := map[string]bool{}, map[string]bool{}, false
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
			if skipDir(top) && rel != "." || !reads(set, filepath.ToSlash(rel)) && !s.readsInclude(filepath.ToSlash(rel)) {
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
			switch {
			case !strings.HasSuffix(ev.Name, ".md"):
				walk = true
			case ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
				cameOrWent[filepath.ToSlash(rel)] = true
			default:
				changed[filepath.ToSlash(rel)] = true
			}
			if timer == nil {
				timer = time.NewTimer(Debounce)
			} else {
				timer.Reset(Debounce)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			added, removed, other := pagesCameOrWent(root, cameOrWent)
			var paths []string
			if !walk && !other {
				paths = make([]string, 0, len(changed))
				for p := range changed {
					paths = append(paths, p)
				}
			} else {
				added, removed = nil, nil
			}
			s.rebuild(cssOnly, paths, added, removed)
			cssOnly, changed, cameOrWent, walk = true, map[string]bool{}, map[string]bool{}, false
			// config.yaml may name other folders now.
			set = readsFrom(root)
		case <-w.Errors:
			// Events were lost (the kernel's queue overflowed).
			walk = true
		}
	}
}

// pagesCameOrWent sorts the pages created, removed or renamed into those
// there now (added, or written again under the same name) and those
// gone; other is set when one of them is neither a page file nor gone (a
// folder named like a page, a link): the rebuild then walks.
func pagesCameOrWent(root string, paths map[string]bool) (added, removed []string, other bool) {
	for p := range paths {
		st, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
		switch {
		case err == nil && st.Mode().IsRegular():
			added = append(added, p)
		case errors.Is(err, fs.ErrNotExist):
			removed = append(removed, p)
		default:
			other = true
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	return added, removed, other
}
