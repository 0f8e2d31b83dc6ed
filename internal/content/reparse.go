package content

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"

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
