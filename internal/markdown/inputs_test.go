package markdown

import (
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// examplePage is a page of the example portal, front matter included.
type examplePage struct {
	path string
	src  []byte
}

// examplePages reads every page of the example portal.
func examplePages(t testing.TB) []examplePage {
	t.Helper()
	var out []examplePage
	err := filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		out = append(out, examplePage{p, b})
		return err
	})
	if err != nil || len(out) < 50 {
		t.Fatalf("%d example pages read: %v", len(out), err)
	}
	return out
}

// randomTexts are n strings of up to most pieces each, drawn from pieces
// with the given seed (the same every run).
func randomTexts(seed int64, n, most int, pieces []string) []string {
	rng := rand.New(rand.NewSource(seed))
	out := make([]string, n)
	for i := range out {
		var sb strings.Builder
		for range rng.Intn(most + 1) {
			sb.WriteString(pieces[rng.Intn(len(pieces))])
		}
		out[i] = sb.String()
	}
	return out
}
