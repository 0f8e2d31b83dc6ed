package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/config"
)

// Fresh reports whether the indexes of an audience are newer than every
// source of the site (config.yaml, content folders, themes), so a query
// can answer from them without loading the site first. Versions read
// from Git refs could change without touching a file, so a site with one
// is never considered fresh.
func Fresh(cfg *config.Config, indexDir string) bool {
	names := OrderFromConfig(cfg)
	oldest := time.Time{}
	for _, n := range names {
		st, err := os.Stat(filepath.Join(indexDir, n+".bleve.json"))
		if err != nil {
			return false
		}
		if oldest.IsZero() || st.ModTime().Before(oldest) {
			oldest = st.ModTime()
		}
	}
	newer := false
	check := func(p string) {
		if st, err := os.Stat(p); err == nil && st.ModTime().After(oldest) {
			newer = true
		}
	}
	check(filepath.Join(cfg.Root, config.FileName))
	dirs := []string{filepath.Join(cfg.Root, "themes")}
	if cfg.Portal != "" {
		dirs = append(dirs, filepath.Join(cfg.Root, cfg.Portal))
	}
	for _, v := range cfg.Versions {
		if v.Git != nil {
			return false
		}
		dirs = append(dirs, filepath.Join(cfg.Root, v.Path))
	}
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || newer {
				return filepath.SkipAll
			}
			// A folder's time changes when files are added or removed.
			if info, err := e.Info(); err == nil && info.ModTime().After(oldest) {
				newer = true
			}
			return nil
		})
	}
	return !newer
}

// OrderFromConfig lists index names as Order does, from the configuration
// alone.
func OrderFromConfig(cfg *config.Config) []string {
	var names []string
	if l := cfg.Latest(); l != nil {
		names = append(names, l.Name)
	}
	for _, v := range cfg.Versions {
		if !v.Latest {
			names = append(names, v.Name)
		}
	}
	if cfg.Portal != "" {
		names = append(names, "portal")
	}
	return names
}
