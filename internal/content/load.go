package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/parallel"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/textpos"
)

// MaxPageSize bounds a Markdown source. A program guide is tens of
// kilobytes; a page of many megabytes is a mistake (a pasted export, a
// binary renamed .md), and reading it would hold up every build.
const MaxPageSize = 8 << 20

// Options select what a load includes.
type Options struct {
	Audience string // public, partner or internal; "" means partner
	Drafts   bool
	// OpenTree opens the tree of a version that is not a plain folder (a
	// Git version). Nil means such versions are a configuration error.
	OpenTree func(cfg *config.Config, v *config.Version) (Tree, string, error)
	// Files, when set, reuses the pages of files unchanged since the
	// last load with the same cache.
	Files *FileCache
	// Changed, when not nil, promises that since the last load with
	// Files only these files (slash paths from the site root) changed,
	// and that no file or folder was created, removed or renamed: the
	// preview server knows this from file-system events. The last walk
	// of each folder is then reused, and only these files are read.
	Changed map[string]bool
	// Added and Removed, with Changed, are the page files (slash paths
	// from the site root) created and deleted since that load: the last
	// walk is then reused with them added and taken out. Load walks again
	// when one of them is not a page of exactly one on-disk folder.
	Added, Removed map[string]bool
	// Today (YYYY-MM-DD) decides Hugo's publishDate and expiryDate; ""
	// publishes whatever the dates say.
	Today string
}

// Version is the loaded content of one version, or of the portal.
type Version struct {
	Name    string          // "" for the portal
	Config  *config.Version // nil for the portal
	Dir     string          // folder relative to the site root, for messages
	Pages   []*Page         // sorted by Source
	Assets  []*Asset        // sorted by Source
	Hidden  []Hidden        // pages left out of this build
	ByID    map[string]*Page
	ByRel   map[string]*Page
	AssetBy map[string]*Asset // by Rel
	// Shadowed maps the Rel of a page left out because another page
	// already has its URL (duplicate-url, reported once) to that URL:
	// links to the file still resolve, so the one mistake is not
	// reported again as broken links.
	Shadowed map[string]string
	// Translations are the version's translated pages, by language code
	// and by their source's Rel (see Translate).
	Translations map[string]map[string]*Page
}

// Site is everything loaded for one build.
type Site struct {
	Config   *config.Config
	Audience string
	Versions []*Version // in config order
	Portal   *Version   // nil when the site has no portal folder
	// Static holds the files of the static folder, copied as they are to
	// the output root (every audience's: they are the site's own files,
	// such as images and downloads), by URL.
	Static map[string]*Asset
	// Bodies hold the kept pages' Markdown until the resolve stage takes
	// them.
	Bodies *Bodies
	// Lang is the language this site is published in: "" for the
	// default language (see ForLanguage).
	Lang string
	// Today (YYYY-MM-DD) is the build's day, which decides the dated
	// pages and values that are in it ("" keeps every one).
	Today string
}

// Version returns the loaded version with that name ("" for the portal).
func (s *Site) Version(name string) *Version {
	if name == "" {
		return s.Portal
	}
	for _, v := range s.Versions {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// All returns the portal (if any) then every version.
func (s *Site) All() []*Version {
	var out []*Version
	if s.Portal != nil {
		out = append(out, s.Portal)
	}
	return append(out, s.Versions...)
}

type file struct {
	rel   string
	size  int64
	mod   time.Time
	plain bool        // a regular file, not a link
	entry fs.DirEntry // set when size and mod are still to be read
}

// Load walks and reads every version and the portal. Files are read in
// parallel; the result is sorted, so it does not depend on scheduling.
func Load(cfg *config.Config, opts Options) (*Site, *diag.List) {
	diags := &diag.List{}
	if opts.Audience == "" {
		opts.Audience = "partner"
	}
	if len(opts.Added)+len(opts.Removed) > 0 && !pagesOfOneFolder(cfg, opts) {
		opts.Changed = nil // walk every folder
	}
	site := &Site{Config: cfg, Audience: opts.Audience, Today: opts.Today, Bodies: newBodies()}
	site.Bodies.keep = cfg.Multilingual()
	if cfg.Portal != "" {
		tree := DiskTree{Dir: filepath.Join(cfg.Root, filepath.FromSlash(cfg.Portal)), SiteRoot: cfg.Root}
		site.Portal = loadTree(cfg, opts, "", nil, tree, cfg.Portal, site.Bodies, diags)
	}
	for i := range cfg.Versions {
		vc := &cfg.Versions[i]
		var tree Tree
		dir := vc.Path
		if vc.Git != nil {
			if opts.OpenTree == nil {
				diags.Errorf(config.FileName, vc.Git.Line, 1, diag.RuleConfig, "version %q: versions read from Git refs are not supported by this build", vc.Name)
				continue
			}
			t, label, err := opts.OpenTree(cfg, vc)
			if err != nil {
				line, col := vc.Git.Line, 1
				var fe interface{ Field() string }
				if errors.As(err, &fe) {
					if fe.Field() == "ref" && vc.Git.RefLine > 0 {
						line, col = vc.Git.RefLine, vc.Git.RefCol
					} else if fe.Field() == "path" && vc.Git.PathLine > 0 {
						line, col = vc.Git.PathLine, vc.Git.PathCol
					}
				}
				diags.Errorf(config.FileName, line, col, diag.RuleConfig, "version %q: %v", vc.Name, err)
				continue
			}
			tree, dir = t, label
		} else {
			tree = DiskTree{Dir: filepath.Join(cfg.Root, filepath.FromSlash(vc.Path)), SiteRoot: cfg.Root}
		}
		v := loadTree(cfg, opts, vc.Name, vc, tree, dir, site.Bodies, diags)
		site.Versions = append(site.Versions, v)
	}
	if cfg.Static != "" {
		site.Static = loadStatic(cfg, diags)
	}
	checkPortalVersionClash(site, diags)
	checkFormerURLs(site, diags)
	return site, diags
}

// loadStatic lists the static folder: every file is an asset at its path
// from the folder, Markdown included (it is copied, not rendered).
func loadStatic(cfg *config.Config, diags *diag.List) map[string]*Asset {
	tree := DiskTree{Dir: filepath.Join(cfg.Root, filepath.FromSlash(cfg.Static)), SiteRoot: cfg.Root}
	v := &Version{AssetBy: map[string]*Asset{}}
	mdFiles := walkTree("", v, tree, cfg.Static, diags)
	for _, a := range v.AssetBy {
		a.Static = true
	}
	for _, f := range mdFiles {
		rel := f.rel
		v.AssetBy[rel] = &Asset{Source: path.Join(cfg.Static, rel), Rel: rel, URL: rel, Size: f.size, Static: true,
			Open: func() ([]byte, error) { return fs.ReadFile(tree, rel) }, Stream: func() (io.ReadCloser, error) { return tree.Open(rel) }}
	}
	for rel, a := range v.AssetBy {
		if why := generatedPath(cfg, rel); why != "" {
			diags.Warnf(a.Source, 0, 0, diag.RuleDuplicateURL, "left out: the build writes /%s itself (%s)", rel, why)
			delete(v.AssetBy, rel)
		}
	}
	return v.AssetBy
}

// generatedPath says why a static file's path is one the build writes
// itself (the portal's home, robots.txt, a version's folder), or "".
// Such a file is left out with a warning, so two writers never meet.
func generatedPath(cfg *config.Config, rel string) string {
	switch rel {
	case "index.html", "404.html", "robots.txt", "sitemap.xml", "_redirects", "news/index.html", "news/feed.xml":
		return "a page every site has"
	}
	first, _, _ := strings.Cut(rel, "/")
	switch {
	case first == "search" || first == "latest":
		return "/" + first + "/ is the portal's"
	case cfg.Version(first) != nil:
		return "/" + first + "/ is a program year's folder"
	case cfg.Multilingual() && cfg.Lang(first) != nil:
		return "/" + first + "/ is a language's folder"
	}
	return ""
}

func loadTree(cfg *config.Config, opts Options, name string, vc *config.Version, tree Tree, dir string, bodies *Bodies, diags *diag.List) *Version {
	v := &Version{Name: name, Config: vc, Dir: dir, ByID: map[string]*Page{}, ByRel: map[string]*Page{}, AssetBy: map[string]*Asset{}}
	_, onDisk := tree.(DiskTree)
	treeKey := name + "\x00" + dir
	var mdFiles []file
	if last, ok := opts.Files.lastWalk(treeKey); ok && onDisk && opts.Changed != nil {
		mdFiles = append([]file(nil), last.md...)
		v.Assets = last.assets
		for _, a := range last.assets {
			v.AssetBy[a.Rel] = a
		}
		for _, d := range last.diags {
			diags.Add(d)
		}
		if len(opts.Added)+len(opts.Removed) > 0 {
			mdFiles = patchWalk(mdFiles, dir, opts.Added, opts.Removed)
			opts.Files.saveWalk(treeKey, listing{md: append([]file(nil), mdFiles...), assets: last.assets, diags: last.diags})
		}
	} else {
		walkDiags := &diag.List{}
		mdFiles = walkTree(name, v, tree, dir, walkDiags)
		diags.Merge(walkDiags)
		if onDisk {
			opts.Files.saveWalk(treeKey, listing{md: append([]file(nil), mdFiles...), assets: v.Assets, diags: walkDiags.Items()})
		}
	}
	pages, texts := readPages(cfg, opts, name, dir, tree, mdFiles, diags)
	pages, texts, trs, trTexts := splitTranslations(cfg, pages, texts, diags)
	v = v.add(pages, opts, diags)
	v.addTranslations(trs, trTexts, bodies, opts.Drafts, diags)
	// Only the bodies of the pages kept: a page left out (another
	// audience, a draft, a duplicate URL) is never scanned.
	at := make(map[*Page]int, len(pages))
	for i, p := range pages {
		at[p] = i
	}
	for _, p := range v.Pages {
		bodies.add(p, texts[at[p]])
	}
	return v
}

// pagesOfOneFolder reports whether every added and removed file is a page
// (.md) in exactly one on-disk content folder, in no folder or file a walk
// leaves out.
func pagesOfOneFolder(cfg *config.Config, opts Options) bool {
	var dirs []string
	if cfg.Portal != "" {
		dirs = append(dirs, cfg.Portal)
	}
	for _, v := range cfg.Versions {
		if v.Git == nil {
			dirs = append(dirs, v.Path)
		}
	}
	for _, set := range []map[string]bool{opts.Added, opts.Removed} {
		for src := range set {
			n := 0
			for _, d := range dirs {
				rel, ok := strings.CutPrefix(src, d+"/")
				if !ok {
					continue
				}
				n++
				for _, part := range strings.Split(rel, "/") {
					if part == "" || ignored(part) {
						return false
					}
				}
			}
			if n != 1 || !strings.HasSuffix(src, ".md") {
				return false
			}
		}
	}
	return true
}

// patchWalk is the last walk of the folder dir (its pages, in walk order)
// with the pages added and removed since (paths from the site root; those
// of other folders are not its).
func patchWalk(md []file, dir string, added, removed map[string]bool) []file {
	out := make([]file, 0, len(md)+len(added))
	have := map[string]bool{}
	for _, f := range md {
		if src := path.Join(dir, f.rel); removed[src] {
			continue
		}
		out = append(out, f)
		have[f.rel] = true
	}
	for src := range added {
		rel, ok := strings.CutPrefix(src, dir+"/")
		if !ok || have[rel] {
			continue // another folder's, or there already (written again)
		}
		// Its size and time are read with the pages that changed.
		at, _ := slices.BinarySearchFunc(out, rel, func(f file, rel string) int { return walkOrder(f.rel, rel) })
		out = slices.Insert(out, at, file{rel: rel, plain: true})
	}
	return out
}

// walkOrder orders two paths as a walk meets them: a folder's entries by
// name, each folder's files where its name sorts (a/b.md before a.md).
func walkOrder(a, b string) int {
	for {
		ha, ra, moreA := strings.Cut(a, "/")
		hb, rb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(ha, hb); c != 0 || !moreA || !moreB {
			if c == 0 {
				// One is a folder the other is a file named as: cannot be.
				return cmpBool(moreA, moreB)
			}
			return c
		}
		a, b = ra, rb
	}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// walkTree lists a tree's pages and records its assets in v.
func walkTree(name string, v *Version, tree Tree, dir string, diags *diag.List) []file {
	var mdFiles []file
	err := fs.WalkDir(tree, ".", func(p string, d fs.DirEntry, err error) error {
		src := path.Join(dir, p)
		if err != nil {
			diags.Errorf(src, 0, 0, diag.RuleFile, "cannot read %s: %s", src, describeErr(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		base := d.Name()
		if p != "." && ignored(base) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		var info fs.FileInfo
		plain := d.Type().IsRegular()
		if plain && strings.HasSuffix(base, ".md") {
			// Its size and time are read by the parallel readers below:
			// one lstat per page was most of a preview reload's load.
			mdFiles = append(mdFiles, file{rel: p, plain: true, entry: d})
			return nil
		}
		if plain {
			// Not a link, in folders the walk entered (it never enters a
			// linked folder): one lstat, no link resolution.
			info, err = d.Info()
		} else {
			info, err = fs.Stat(tree, p)
		}
		if err != nil {
			diags.Errorf(src, 0, 0, diag.RuleFile, "cannot read %s: %s", src, describeErr(err))
			return nil
		}
		if info.IsDir() {
			// A link to a folder: following it could loop or duplicate the
			// tree, so it is reported and left alone.
			diags.Warnf(src, 0, 0, diag.RuleFile, "symbolic link to a folder is not followed")
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		if strings.HasSuffix(base, ".md") {
			mdFiles = append(mdFiles, file{rel: p, size: info.Size(), mod: info.ModTime(), plain: plain})
			return nil
		}
		rel := p
		prefix := ""
		if name != "" {
			prefix = name + "/"
		}
		a := &Asset{Version: name, Source: src, Rel: rel, URL: prefix + rel, Size: info.Size(),
			Open: func() ([]byte, error) { return fs.ReadFile(tree, rel) }, Stream: func() (io.ReadCloser, error) { return tree.Open(rel) }}
		v.Assets = append(v.Assets, a)
		v.AssetBy[rel] = a
		return nil
	})
	if err != nil {
		diags.Errorf(dir, 0, 0, diag.RuleFile, "cannot walk %s: %v", dir, err)
	}
	return mdFiles
}

// readPages reads and parses the pages of a tree in parallel, from the
// file cache where it can.
func readPages(cfg *config.Config, opts Options, name, dir string, tree Tree, mdFiles []file, diags *diag.List) ([]*Page, [][]byte) {
	pages := make([]*Page, len(mdFiles))
	bodies := make([][]byte, len(mdFiles))
	parallel.Each(len(mdFiles), func(i int) {
		f := mdFiles[i]
		src := path.Join(dir, f.rel)
		key := name + "\x00" + src
		if opts.Changed != nil && f.entry == nil && f.mod.IsZero() {
			// From the last walk: unless it changed, the cached page
			// stands; otherwise its size and time are read again.
			if !opts.Changed[src] {
				if e, ok := opts.Files.trusted(key); ok {
					pages[i], bodies[i] = e.page, e.body
					for _, d := range e.diags {
						diags.Add(d)
					}
					return
				}
			}
			info, err := statFile(tree, f)
			if err != nil {
				diags.Errorf(src, 0, 0, diag.RuleFile, "cannot read %s: %s", src, describeErr(err))
				return
			}
			f.size, f.mod = info.Size(), info.ModTime()
			if !info.Mode().IsRegular() {
				// No longer a plain file: read through the tree,
				// which keeps links inside the site.
				f.plain = false
			}
		}
		if f.entry != nil {
			info, err := f.entry.Info()
			if err != nil {
				diags.Errorf(src, 0, 0, diag.RuleFile, "cannot read %s: %s", src, describeErr(err))
				return
			}
			f.size, f.mod, f.entry = info.Size(), info.ModTime(), nil
		}
		if e, ok := opts.Files.get(key, f); ok {
			pages[i], bodies[i] = e.page, e.body
			for _, d := range e.diags {
				diags.Add(d)
			}
			return
		}
		if opts.Files == nil {
			pages[i], bodies[i] = readPage(cfg, tree, name, dir, f, diags)
			return
		}
		local := &diag.List{}
		pages[i], bodies[i] = readPage(cfg, tree, name, dir, f, local)
		diags.Merge(local)
		opts.Files.put(key, f, pages[i], bodies[i], local.Items())
	})
	return pages, bodies
}

// statFile reads a listed file's size and time: without following a
// link when it was a plain file, as the walk found it.
func statFile(tree Tree, f file) (fs.FileInfo, error) {
	if dt, ok := tree.(DiskTree); ok && f.plain {
		return os.Lstat(filepath.Join(dt.Dir, filepath.FromSlash(f.rel)))
	}
	return fs.Stat(tree, f.rel)
}

// add indexes a tree's pages in v: audiences and drafts, duplicate URLs
// and ids.
func (v *Version) add(pages []*Page, opts Options, diags *diag.List) *Version {
	name := v.Name
	rank := config.AudienceRank(opts.Audience)
	byURL := map[string]*Page{}
	for _, p := range pages {
		if p == nil {
			continue
		}
		if config.AudienceRank(p.Audience) > rank || (p.Draft && !opts.Drafts) {
			v.Hidden = append(v.Hidden, Hidden{Version: name, ID: p.ID, Rel: p.Rel, Audience: p.Audience, Draft: p.Draft, Aliases: p.Aliases, URL: p.URL, FormerURLs: p.URLAliases})
			continue
		}
		if why := p.LeftOut(opts.Today); why != "" && !(p.Draft && opts.Drafts) {
			h := Hidden{Version: name, ID: p.ID, Rel: p.Rel, Audience: p.Audience, Reason: why, Aliases: p.Aliases, URL: p.URL, FormerURLs: p.URLAliases}
			if p.Ends != "" && p.Ends < opts.Today {
				h.Ended = p.Ends
			}
			v.Hidden = append(v.Hidden, h)
			continue
		}
		if prev, ok := byURL[p.URL]; ok {
			diags.Errorf(p.Source, 1, 1, diag.RuleDuplicateURL, "%s and %s would both be written to /%s", prev.Source, p.Source, p.URL)
			if v.Shadowed == nil {
				v.Shadowed = map[string]string{}
			}
			v.Shadowed[p.Rel] = p.URL
			continue
		}
		if prev, ok := v.ByID[p.ID]; ok {
			// The page whose id comes from its own path keeps it: the one
			// that claims it with an explicit "id" is the one to change, so
			// links to the original page keep working and do not cascade.
			owner, dup := prev, p
			if prev.Has("id") {
				if !p.Has("id") {
					owner, dup = p, prev
				}
			}
			l, c := dup.KeyPos("id")
			diags.Errorf(dup.Source, l, c, diag.RuleDuplicateID, "id %q is already used by %s", dup.ID, owner.Source)
			v.ByID[p.ID] = owner
		} else {
			v.ByID[p.ID] = p
		}
		byURL[p.URL] = p
		v.ByRel[p.Rel] = p
		v.Pages = append(v.Pages, p)
	}
	for _, a := range v.Assets {
		if p, ok := byURL[a.URL]; ok {
			diags.Errorf(a.Source, 0, 0, diag.RuleDuplicateURL, "%s would overwrite a file of %s", a.Source, p.Source)
		}
	}
	sort.Slice(v.Hidden, func(i, j int) bool { return v.Hidden[i].Rel < v.Hidden[j].Rel })
	return v
}

// ignored skips what editors and tools leave in content folders.
func ignored(base string) bool {
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".tmp") ||
		base == "node_modules"
}

func readPage(cfg *config.Config, tree Tree, name, dir string, f file, diags *diag.List) (*Page, []byte) {
	src := path.Join(dir, f.rel)
	if f.size > MaxPageSize {
		diags.Errorf(src, 1, 1, diag.RuleFile, "%s is %.1f MB; a page may be at most %d MiB", src, float64(f.size)/1e6, MaxPageSize>>20)
		return nil, nil
	}
	var data []byte
	var err error
	if dt, ok := tree.(DiskTree); ok && f.plain {
		// Resolving links on every path component of every page cost
		// a dozen system calls per file; a plain file needs none.
		data, err = readPlain(filepath.Join(dt.Dir, filepath.FromSlash(f.rel)))
	} else {
		data, err = fs.ReadFile(tree, f.rel)
	}
	if err != nil {
		diags.Errorf(src, 0, 0, diag.RuleFile, "cannot read %s: %s", src, describeErr(err))
		return nil, nil
	}
	if len(data) > MaxPageSize {
		diags.Errorf(src, 1, 1, diag.RuleFile, "%s grew past %d MiB while being read", src, MaxPageSize>>20)
		return nil, nil
	}
	if l, c, bad := textpos.InvalidUTF8(data); bad {
		diags.Errorf(src, l, c, diag.RuleFile, "not valid UTF-8 text; save the file as UTF-8")
		return nil, nil
	}
	return ParsePage(cfg, name, src, f.rel, data, diags)
}

// checkFormerURLs reports a former URL (aliases: [/old/]) that is the
// address of a page, or of another page's former URL: its redirect would
// overwrite that page.
func checkFormerURLs(site *Site, diags *diag.List) {
	owner := map[string]*Page{}
	for _, v := range site.All() {
		for _, p := range v.Pages {
			owner[p.URL] = p
			if a := site.Static[p.URL+"index.html"]; a != nil {
				diags.Errorf(a.Source, 0, 0, diag.RuleDuplicateURL, "%s would overwrite the page %s", a.Source, p.Source)
			}
		}
	}
	for _, v := range site.All() {
		for _, p := range v.Pages {
			for _, u := range p.URLAliases {
				if prev := owner[u]; prev != nil && prev != p {
					l, c := p.KeyPos("aliases")
					diags.Errorf(p.Source, l, c, diag.RuleDuplicateURL, "aliases: /%s is the address of %s; its redirect would overwrite it", u, prev.Source)
					continue
				}
				owner[u] = p
			}
		}
	}
}

// checkPortalVersionClash reports portal pages whose URL would land inside
// a version's folder, where they would collide with that version's pages.
func checkPortalVersionClash(site *Site, diags *diag.List) {
	if site.Portal == nil {
		return
	}
	kept := site.Portal.Pages[:0]
	for _, p := range site.Portal.Pages {
		first, _, _ := strings.Cut(p.URL, "/")
		if p.URL == "search/" {
			// A Hugo theme's search page (Docsy's search.md): the
			// portal's own search page has that address, so the site's
			// is left out, with a warning.
			diags.Warnf(p.Source, 1, 1, diag.RuleDuplicateURL, "left out: /search/ is the portal's search page")
			v := site.Portal
			v.Hidden = append(v.Hidden, Hidden{ID: p.ID, Rel: p.Rel, Audience: p.Audience, Reason: "/search/ is the portal's search page", URL: p.URL})
			delete(v.ByID, p.ID)
			delete(v.ByRel, p.Rel)
			site.Bodies.Take(p) // its body is not needed
			continue
		}
		if first == "latest" || first == "search" || site.Config.Version(first) != nil {
			diags.Errorf(p.Source, 1, 1, diag.RuleDuplicateURL, "portal page would be written to /%s, which belongs to %s", p.URL, fmt.Sprintf("/%s/", first))
		}
		kept = append(kept, p)
	}
	site.Portal.Pages = kept
}
