package testsite

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Write creates the files (path relative to the site root -> text) in a
// temporary folder and returns its path.
func Write(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, text := range files {
		Put(t, root, rel, text)()
	}
	return root
}

// Put is a step that writes text to the file rel (a slash path) below
// root, making its folders.
func Put(t testing.TB, root, rel, text string) func() {
	return func() {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Remove is a step that removes the file rel (a slash path) below root.
func Remove(t testing.TB, root, rel string) func() {
	return func() {
		t.Helper()
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
}

// Load writes the files and runs config, content and resolve on them. A
// configuration error fails the test; content diagnostics are returned.
func Load(t testing.TB, files map[string]string) (*site.Site, *diag.List) {
	t.Helper()
	root := Write(t, files)
	cfg, d := config.Load(root)
	if d.HasErrors() {
		t.Fatal(d.Items())
	}
	cs, diags := content.Load(cfg, content.Options{})
	return site.Resolve(cs, markdown.New(markdown.Options{})), diags
}

// OneLanguage makes a copy of the example portal in dir a site of its
// default language only: the languages block of config.yaml goes, and
// so do the translations (mdf.de.md).
func OneLanguage(t testing.TB, dir string) {
	t.Helper()
	cfgPath := filepath.Join(dir, "config.yaml")
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg := regexp.MustCompile(`(?m)^languages:\n(  - .*\n)+`).ReplaceAll(b, nil)
	if bytes.Equal(cfg, b) {
		t.Fatal("config.yaml has no languages block")
	}
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	translation := regexp.MustCompile(`\.[a-z]{2}\.md$`)
	err = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && translation.MatchString(p) {
			return os.Remove(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
