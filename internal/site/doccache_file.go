package site

import (
	"bufio"
	"encoding/gob"
	"os"
	"path/filepath"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
)

// scanFile is the scan cache as stored on disk.
type scanFile struct {
	Key  string
	Docs map[[16]byte]markdown.WireDoc
}

// LoadFile fills the cache from a file written by SaveFile with the same
// key (the engine's options and the program that wrote it). A missing,
// unreadable or foreign file leaves the cache empty: it is only a cache.
func (c *DocCache) LoadFile(path, key string) {
	c.Reset(key)
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	var sf scanFile
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&sf); err != nil || sf.Key != key {
		return
	}
	for h, w := range sf.Docs {
		c.c.Put(h, scan{doc: w.Doc()})
	}
	c.c.Sweep() // loaded is not used: only what this build reads is kept
	c.loaded = len(sf.Docs)
}

// SaveFile writes the entries the last build used, when they differ from
// what LoadFile read: an unchanged site rewrites nothing.
func (c *DocCache) SaveFile(path string) error {
	sf := scanFile{Key: c.c.Tag(), Docs: map[[16]byte]markdown.WireDoc{}}
	c.c.EachUsed(func(h [16]byte, sc scan) { sf.Docs[h] = sc.doc.Wire() })
	unchanged := c.added.Load() == 0 && len(sf.Docs) == c.loaded
	if unchanged {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".scan-*")
	if err != nil {
		return err
	}
	_ = tmp.Chmod(0o644)
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = gob.NewEncoder(w).Encode(sf)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
