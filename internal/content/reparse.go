package content

import (
	"bytes"
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/textpos"
)

// Reparse reads the file of a page loaded from a folder on disk again
// and returns it as a new page with its body, when only the body
// changed: ok is false unless the file is a plain file that reads with
// no finding at all and its front matter is byte for byte the one old
// was read from. The preview uses it to take an edit of a page's text
// without loading the site again; anything else (a finding, a front
// matter edit) goes through Load, which reports it.
func Reparse(cfg *config.Config, old *Page) (np *Page, body []byte, ok bool) {
	file := filepath.Join(cfg.Root, filepath.FromSlash(old.Source))
	info, err := os.Lstat(file)
	if err != nil || !info.Mode().IsRegular() || info.Size() > MaxPageSize {
		return nil, nil, false
	}
	src, err := os.ReadFile(file)
	if err != nil || len(src) > MaxPageSize {
		return nil, nil, false
	}
	if _, _, bad := textpos.InvalidUTF8(src); bad {
		return nil, nil, false
	}
	found := &diag.List{}
	np, body = ParsePage(cfg, old.Version, old.Source, old.Rel, src, found)
	if found.Len() > 0 || np == nil || np.BodyOffset != old.BodyOffset || np.Lang != old.Lang {
		return nil, nil, false
	}
	// The source hash is the front matter's bytes followed by the body's
	// hash: with the old body's hash, the new front matter must give the
	// old source hash.
	src = bytes.TrimPrefix(src, utf8BOM)
	h := sha256.New()
	h.Write(src[:np.BodyOffset])
	h.Write(old.BodyHash[:])
	var same [16]byte
	copy(same[:], h.Sum(nil)[:16])
	if same != old.SourceHash {
		return nil, nil, false
	}
	return np, body, true
}

// Edited returns a copy of the loaded site in which each page of repl
// (an old page and its Reparse) stands in place of the old one, in its
// version's list and indexes; s is not changed. What a copy does not
// replace (assets, static files, hidden pages, translations) is shared:
// a build never changes it once loaded.
func (s *Site) Edited(repl map[*Page]*Page) *Site {
	ns := *s
	ns.Bodies = nil // taken by the build s was loaded for
	edit := func(v *Version) *Version {
		if v == nil {
			return nil
		}
		nv := *v
		touched := false
		for _, p := range v.Pages {
			if repl[p] != nil {
				touched = true
				break
			}
		}
		if !touched {
			return v
		}
		nv.Pages = slices.Clone(v.Pages)
		for i, p := range nv.Pages {
			if np := repl[p]; np != nil {
				nv.Pages[i] = np
			}
		}
		nv.ByID, nv.ByRel = maps.Clone(v.ByID), maps.Clone(v.ByRel)
		for old, np := range repl {
			if v.ByID[old.ID] == old {
				nv.ByID[old.ID] = np
			}
			if v.ByRel[old.Rel] == old {
				nv.ByRel[old.Rel] = np
			}
		}
		return &nv
	}
	ns.Portal = edit(s.Portal)
	ns.Versions = make([]*Version, len(s.Versions))
	for i, v := range s.Versions {
		ns.Versions[i] = edit(v)
	}
	return &ns
}
