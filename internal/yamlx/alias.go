package yamlx

import (
	"fmt"

	yaml "go.yaml.in/yaml/v3"
)

// AliasError is an alias that could not be expanded, at the alias.
type AliasError struct {
	Line, Column int
	Msg          string
}

func (e *AliasError) Error() string { return e.Msg }

// ExpandAliases replaces every alias (*name) under root by a copy of the
// value it names, placed at the alias: a finding about that value is then
// reported where the author used it, not where the anchor defined it, and
// once per use. At most budget nodes are copied in all; nested aliases
// that expand further (a "billion laughs") are an error at the alias that
// passes the budget.
func ExpandAliases(root *yaml.Node, budget int) error {
	left := budget
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		for i, c := range n.Content {
			if c.Kind == yaml.AliasNode {
				if c.Alias == nil {
					return &AliasError{c.Line, c.Column, fmt.Sprintf("alias *%s names no anchor", c.Value)}
				}
				cp, err := copyAt(c.Alias, c.Line, c.Column, &left, 0)
				if err != nil {
					return err
				}
				n.Content[i] = cp
				continue
			}
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if root.Kind == yaml.AliasNode {
		return &AliasError{root.Line, root.Column, "the whole front matter is an alias"}
	}
	return walk(root, 0)
}

// copyAt deep-copies n, aliases inside it expanded, with every node at
// line and column.
func copyAt(n *yaml.Node, line, col int, left *int, depth int) (*yaml.Node, error) {
	for n.Kind == yaml.AliasNode && n.Alias != nil && depth < 100 {
		n, depth = n.Alias, depth+1
	}
	*left--
	if *left < 0 || depth >= 100 {
		return nil, &AliasError{line, col, "aliases expand to too many values"}
	}
	cp := *n
	cp.Line, cp.Column = line, col
	cp.Anchor = ""
	cp.Content = nil
	if len(n.Content) > 0 {
		cp.Content = make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			cc, err := copyAt(c, line, col, left, depth+1)
			if err != nil {
				return nil, err
			}
			cp.Content[i] = cc
		}
	}
	return &cp, nil
}
