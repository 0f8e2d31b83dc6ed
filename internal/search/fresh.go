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
func Fresh(cfg *config.Config, indexDir, today string) bool {
	// The day decides which dated pages are in the site: an index made on
	// another day may hold a page that has ended since, or lack one that
	// has started.
	if b, err := os.ReadFile(filepath.Join(indexDir, dayFile)); err != nil || string(b) != today {
		return false
	}
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

// dayFile records the day the indexes were made for.
const dayFile = "day"

// WriteDay records the day (YYYY-MM-DD) the indexes in dir were made
// for, which Fresh compares with today's. It is written after the
// indexes, so an interrupted update is not taken as fresh.
func WriteDay(dir, today string) error {
	return os.WriteFile(filepath.Join(dir, dayFile), []byte(today), 0o644)
}
