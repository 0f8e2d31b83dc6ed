package site

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
)

// scanMagic opens the scan cache file; the number changes with its form.
const scanMagic = "partnerdocs scans 2\n"

// LoadFile fills the cache from a file written by SaveFile with the same
// key (the engine's options and the program that wrote it). A missing,
// unreadable or foreign file leaves the cache empty: it is only a cache.
func (c *DocCache) LoadFile(path, key string) {
	c.Reset(key)
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte(scanMagic)) {
		return
	}
	b = b[len(scanMagic):]
	stored, n := binary.Uvarint(b)
	if n <= 0 || stored > uint64(len(b)-n) || string(b[n:n+int(stored)]) != key {
		return
	}
	b = b[n+int(stored):]
	count, n := binary.Uvarint(b)
	if n <= 0 || count > uint64(len(b)) {
		return
	}
	b = b[n:]
	docs := make(map[[16]byte]*markdown.Doc, count)
	for range count {
		if len(b) < 16 {
			return
		}
		h := [16]byte(b[:16])
		w, rest, err := markdown.ReadWireDoc(b[16:])
		if err != nil {
			return
		}
		docs[h], b = w.Doc(), rest
	}
	for h, d := range docs {
		c.c.Put(h, scan{doc: d})
	}
	c.c.Sweep() // loaded is not used: only what this build reads is kept
	c.loaded = len(docs)
}

// SaveFile writes the entries the last build used, when they differ from
// what LoadFile read: an unchanged site rewrites nothing.
func (c *DocCache) SaveFile(path string) error {
	type entry struct {
		h   [16]byte
		doc *markdown.Doc
	}
	var used []entry
	c.c.EachUsed(func(h [16]byte, sc scan) { used = append(used, entry{h, sc.doc}) })
	if c.added.Load() == 0 && len(used) == c.loaded {
		return nil
	}
	b := append([]byte(nil), scanMagic...)
	b = binary.AppendUvarint(b, uint64(len(c.c.Tag())))
	b = append(b, c.c.Tag()...)
	b = binary.AppendUvarint(b, uint64(len(used)))
	for _, e := range used {
		b = append(b, e.h[:]...)
		w := e.doc.Wire()
		b = w.AppendBinary(b)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".scan-*")
	if err != nil {
		return err
	}
	_ = tmp.Chmod(0o644)
	_, err = tmp.Write(b)
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
