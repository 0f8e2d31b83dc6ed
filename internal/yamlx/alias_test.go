package yamlx

import (
	"errors"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

func TestExpandAliases(t *testing.T) {
	for _, c := range []struct {
		name, src string
		wantErr   bool
		line, col int // of the first expanded value of key "use"
	}{
		{"scalar", "def: &a x\nuse: *a\n", false, 2, 6},
		{"list", "def: &a [1, 2]\nuse: *a\n", false, 2, 6},
		{"nested", "a: &a [x]\nb: &b [*a, *a]\nuse: *b\n", false, 3, 6},
		{"bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nuse: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n", true, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(c.src), &doc); err != nil {
				t.Fatal(err)
			}
			root := doc.Content[0]
			err := ExpandAliases(root, 1000)
			var ae *AliasError
			if c.wantErr {
				if !errors.As(err, &ae) || ae.Line != 3 {
					t.Fatalf("err = %v, want an AliasError on line 3", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			use := root.Content[len(root.Content)-1]
			if use.Kind == yaml.AliasNode || use.Line != c.line || use.Column != c.col {
				t.Errorf("use = kind %v at %d:%d, want a copy at %d:%d", use.Kind, use.Line, use.Column, c.line, c.col)
			}
			var walk func(n *yaml.Node)
			walk = func(n *yaml.Node) {
				if n.Kind == yaml.AliasNode {
					t.Errorf("an alias is left at %d:%d", n.Line, n.Column)
				}
				for _, k := range n.Content {
					walk(k)
				}
			}
			walk(root)
		})
	}
}
