package testsite

import (
	"os"
	"path/filepath"
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
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
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
