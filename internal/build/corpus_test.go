package build

import (
	"testing"

	"github.com/partnerdocs/partnerdocs/internal/corpus"
)

// A corpus padded to a real site's shape is a valid site: its links,
// addresses, code spans, tables and raw HTML give no finding, so a
// benchmark against it measures reading them, not reporting them.
func TestShapedCorpusChecksClean(t *testing.T) {
	dir := t.TempDir()
	shape := corpus.Shape{Paragraph: 0.44, List: 0.38, Table: 0.09, Code: 0.04, HTML: 0.02, Heading: 0.03,
		Links: 2, URLs: 0.3, CodeSpans: 1, Emphasis: 1, Words: 3000, Stems: 2500, WordLength: 5, PageWords: 1300, PageDistinct: 370}
	if err := corpus.Generate(corpus.Options{Pages: 80, Seed: 2, Dir: dir, Bytes: 10000, Shape: &shape}); err != nil {
		t.Fatal(err)
	}
	res := Check(Options{Source: dir})
	if res.Outcome != OK {
		t.Fatalf("outcome %v, %v", res.Outcome, res.Err)
	}
	for _, d := range res.Diags.Items() {
		t.Errorf("finding on the shaped corpus: %s", d)
	}
}
