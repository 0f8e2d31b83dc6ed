package schema

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml "go.yaml.in/yaml/v3"
)

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := JSON("")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("frontmatter.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("frontmatter.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// toJSON converts a YAML node into the values a JSON document would hold;
// dates stay text, as editors see them.
func toJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		return toJSON(n.Content[0])
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toJSON(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			out = append(out, toJSON(c))
		}
		return out
	}
	switch n.Tag {
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int", "!!float":
		f, _ := strconv.ParseFloat(n.Value, 64)
		return f
	case "!!null":
		return nil
	}
	return n.Value
}

// frontMatter is a page's YAML front matter as JSON values (the pages
// of the example portal all write YAML between --- lines).
func frontMatter(t *testing.T, src string) any {
	t.Helper()
	rest, ok := strings.CutPrefix(src, "---\n")
	fm, _, ok2 := strings.Cut(rest, "\n---")
	var n yaml.Node
	if !ok || !ok2 || yaml.Unmarshal([]byte(fm), &n) != nil || len(n.Content) == 0 {
		t.Fatalf("no front matter in %q", src)
	}
	return toJSON(n.Content[0])
}

// TestExamplePortalValidates: every page of the example portal passes the
// schema that editors will use.
func TestExamplePortalValidates(t *testing.T) {
	s := compile(t)
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "content")
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, _ := os.ReadFile(p)
		if err := s.Validate(frontMatter(t, string(b))); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 80 {
		t.Fatalf("validated only %d pages", n)
	}
}

func TestSchemaRejectsBrokenFrontMatter(t *testing.T) {
	s := compile(t)
	bad := map[string]string{
		"unknown key":          "---\ntitle: A\ntitel: B\n---\n",
		"key of another kind":  "---\ntitle: A\nrank: 2\n---\n",
		"missing title":        "---\nkind: guide\n---\n",
		"wrong type":           "---\ntitle: A\nweight: heavy\n---\n",
		"bad kind":             "---\ntitle: A\nkind: guid\n---\n",
		"tier without prog":    "---\ntitle: A\nkind: tier\nrank: 1\n---\n",
		"rank not a number":    "---\ntitle: A\nkind: tier\nprogram: p\nrank: first\n---\n",
		"two kinds in a req":   "---\ntitle: A\nkind: tier\nprogram: p\nrequirements:\n  - {certification: c, text: t}\n---\n",
		"value of wrong shape": "---\ntitle: A\nkind: benefit\nprogram: p\nvalues:\n  gold: [1, 2]\n---\n",
		"unknown unit":         "---\ntitle: A\nkind: benefit\nprogram: p\nvalues:\n  gold: {value: 5, unit: pct}\n---\n",
		"bad date":             "---\ntitle: A\nkind: announcement\ndate: 5 May\n---\n",
		"bad exam":             "---\ntitle: A\nkind: certification\nexam: oral\n---\n",
	}
	for name, src := range bad {
		if err := s.Validate(frontMatter(t, src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	good := "---\ntitle: A\nkind: benefit\nprogram: p\nvalues:\n  gold: {value: 5, unit: percent, note: n}\n  silver: true\n---\n"
	if err := s.Validate(frontMatter(t, good)); err != nil {
		t.Errorf("good benefit rejected: %v", err)
	}
	if _, err := Kind("nope"); err == nil {
		t.Error("unknown kind accepted")
	}
}
