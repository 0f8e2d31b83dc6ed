package gittree

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// History is when each file of a site last changed in its repository's
// history (the day of the last commit that touched it, YYYY-MM-DD, by
// path from the site root), and the commit it was read at.
type History struct {
	Head  string            `json:"head"`
	Dates map[string]string `json:"dates"`
	// Times are the same commits' times (Unix seconds), to order two
	// files' last changes within a day (a translation and its source).
	Times map[string]int64 `json:"times"`
}

// LastChanged reads when each of the paths (slash paths from the site
// root) last changed, walking the history of HEAD once, newest commit
// first, until every path is found or the history ends. The answer is
// kept in cacheFile by HEAD, so a build on an unchanged HEAD does not walk
// again. A site that is not in a Git repository has no history (nil, nil):
// pages then show no date, and builds stay reproducible. Uncommitted edits
// do not count: the date is the last commit's.
func LastChanged(siteRoot string, paths []string, cacheFile string) (*History, error) {
	return LastChangedSince(siteRoot, paths, cacheFile, nil)
}

// LastChangedSince is LastChanged with the answer of an earlier call
// (nil for none): when HEAD has not moved and it covers the paths, it is
// the answer, and the cache file is not read (the preview server asks on
// every rebuild).
func LastChangedSince(siteRoot string, paths []string, cacheFile string, prev *History) (*History, error) {
	repo, done, err := openKeeping(siteRoot)
	if err != nil {
		return nil, nil
	}
	defer done()
	head, err := repo.Head()
	if err != nil {
		return nil, nil // no commit yet
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, nil // a bare repository
	}
	prefix, err := filepath.Rel(wt.Filesystem.Root(), siteRoot)
	if err != nil || strings.HasPrefix(prefix, "..") {
		return nil, nil
	}
	prefix = filepath.ToSlash(prefix)
	if prefix == "." {
		prefix = ""
	} else {
		prefix += "/"
	}
	h := &History{Head: head.Hash().String(), Dates: map[string]string{}, Times: map[string]int64{}}
	if prev != nil && prev.Head == h.Head && covers(prev.Dates, paths) {
		return prev, nil
	}
	var cached History
	if b, err := os.ReadFile(cacheFile); err == nil && json.Unmarshal(b, &cached) == nil {
		if cached.Times == nil {
			cached = History{} // written before times were kept
		}
		if cached.Head == h.Head && covers(cached.Dates, paths) {
			return &cached, nil
		}
	}
	want := map[string]string{} // repository path -> site path
	for _, p := range paths {
		want[prefix+p] = p
	}
	// From a cached HEAD that the new one descends from, only the commits
	// since matter: a path they do not touch keeps its cached date.
	var stop *plumbing.Hash
	if cached.Head != "" {
		ch := plumbing.NewHash(cached.Head)
		stop = &ch
	}
	reached, err := walk(repo, head.Hash(), stop, want, h)
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		if _, ok := h.Dates[p]; ok {
			continue
		}
		if d, ok := cached.Dates[p]; ok && reached {
			h.Dates[p], h.Times[p] = d, cached.Times[p]
		}
	}
	if !reached && stop != nil {
		// HEAD moved elsewhere (a rebase, another branch): read it all.
		h.Dates, h.Times = map[string]string{}, map[string]int64{}
		if _, err := walk(repo, head.Hash(), nil, want, h); err != nil {
			return nil, err
		}
	}
	for _, p := range paths {
		if _, ok := h.Dates[p]; !ok {
			h.Dates[p] = "" // never committed; still looked for
		}
	}
	if b, err := json.Marshal(h); err == nil {
		_ = os.MkdirAll(filepath.Dir(cacheFile), 0o755)
		_ = os.WriteFile(cacheFile, b, 0o644)
	}
	return h, nil
}

// covers reports whether dates answers every path (a file never
// committed has no date, and is looked for again only when HEAD moves).
func covers(dates map[string]string, paths []string) bool {
	for _, p := range paths {
		if _, ok := dates[p]; !ok {
			return false
		}
	}
	return true
}

// walk visits the first-parent history from start, newest first, and
// dates each wanted path by the first commit (the newest) that changed it.
// It stops at stop (not visited) when given, and reports whether it met
// it; with stop given, paths it does not date are left out of dates.
func walk(repo *git.Repository, start plumbing.Hash, stop *plumbing.Hash, want map[string]string, h *History) (bool, error) {
	dates := h.Dates
	c, err := repo.CommitObject(start)
	if err != nil {
		return false, err
	}
	left := len(want)
	tops := topLevel(want)
	for c != nil && left > 0 {
		if stop != nil && c.Hash == *stop {
			return true, nil
		}
		tree, err := c.Tree()
		if err != nil {
			return false, err
		}
		var parent *object.Commit
		var ptree *object.Tree
		if c.NumParents() > 0 {
			if parent, err = c.Parent(0); err != nil {
				return false, err
			}
			if ptree, err = parent.Tree(); err != nil {
				return false, err
			}
		}
		day := c.Committer.When.UTC().Format("2006-01-02")
		mark := func(name string) {
			if p, ok := want[name]; ok {
				if _, done := dates[p]; !done {
					dates[p], h.Times[p] = day, c.Committer.When.Unix()
					left--
				}
			}
		}
		if ptree == nil {
			// The first commit added every file it holds.
			err := tree.Files().ForEach(func(f *object.File) error { mark(f.Name); return nil })
			if err != nil && !errors.Is(err, io.EOF) {
				return false, err
			}
		} else if err := diffTops(repo, tops, ptree, tree, mark); err != nil {
			return false, err
		}
		c = parent
	}
	// Everything dated before the stop: the stop was not needed.
	return stop != nil && left == 0, nil
}

// topLevel is the first component of each wanted path: the entries of a
// commit's root tree that can hold a change worth dating.
func topLevel(want map[string]string) []string {
	seen := map[string]bool{}
	var tops []string
	for p := range want {
		top, _, _ := strings.Cut(p, "/")
		if !seen[top] {
			seen[top] = true
			tops = append(tops, top)
		}
	}
	sort.Strings(tops)
	return tops
}

// diffTops marks what changed between two commits' trees under the given
// top-level entries only. A site kept in a code repository sees most
// commits change nothing under its folder: comparing the folder's hash
// skips them, where diffing the whole tree read every changed folder of
// the project (most of a check's time, on the example portal).
func diffTops(repo *git.Repository, tops []string, from, to *object.Tree, mark func(string)) error {
	for _, top := range tops {
		a, b := rootEntry(from, top), rootEntry(to, top)
		if a == nil && b == nil || a != nil && b != nil && a.Hash == b.Hash && a.Mode == b.Mode {
			continue
		}
		fromSub, err := subtree(repo, a)
		if err != nil {
			return err
		}
		toSub, err := subtree(repo, b)
		if err != nil {
			return err
		}
		if fromSub == nil && toSub == nil {
			mark(top) // a file at the top level
			continue
		}
		if a != nil && fromSub == nil || b != nil && toSub == nil {
			mark(top) // a file became a folder or back
		}
		changes, err := object.DiffTree(fromSub, toSub)
		if err != nil {
			return err
		}
		for _, ch := range changes {
			mark(top + "/" + ch.To.Name)
			mark(top + "/" + ch.From.Name)
		}
	}
	return nil
}

// rootEntry is the root entry named name, or nil.
func rootEntry(t *object.Tree, name string) *object.TreeEntry {
	for i := range t.Entries {
		if t.Entries[i].Name == name {
			return &t.Entries[i]
		}
	}
	return nil
}

// subtree is the folder e names, or nil when e is nil or a file.
func subtree(repo *git.Repository, e *object.TreeEntry) (*object.Tree, error) {
	if e == nil || e.Mode != filemode.Dir {
		return nil, nil
	}
	return repo.TreeObject(e.Hash)
}

// openKeeping opens the repository that holds siteRoot, as
// git.PlainOpen with DetectDotGit does, with its pack files kept open
// until done is called. go-git otherwise opens a pack file again for
// every object it reads from it: walking a history of a few hundred
// commits in a packed clone spent more time opening files than reading
// objects.
func openKeeping(siteRoot string) (repo *git.Repository, done func(), err error) {
	plain, err := git.PlainOpenWithOptions(siteRoot, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, nil, err
	}
	st, ok := plain.Storer.(*filesystem.Storage)
	if !ok {
		return plain, func() {}, nil
	}
	wt, err := plain.Worktree()
	if err != nil {
		return nil, nil, err
	}
	kept := filesystem.NewStorageWithOptions(st.Filesystem(), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	repo, err = git.Open(kept, wt.Filesystem)
	if err != nil {
		kept.Close()
		return nil, nil, err
	}
	return repo, func() { kept.Close() }, nil
}
