package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/textpos"
	"github.com/partnerdocs/partnerdocs/internal/yamlx"
	yaml "go.yaml.in/yaml/v3"
)

// rawFM is what the front-matter formats hand back: the bytes between the
// delimiters and which syntax they are in. Decoding is ours, so that every
// key keeps its line and column.
type rawFM struct {
	data   []byte
	syntax string
}

func capture(syntax string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		r := v.(*rawFM)
		r.data = append([]byte(nil), data...)
		r.syntax = syntax
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
	// JSON front matter is read by jsonFrontMatter: it ends where the
	// object does, which a delimiter line cannot tell.
}

// frontMatterEnd is where YAML or TOML front matter ends: after the first
// line, past the opening "---" or "+++" line (the first that is not
// blank), that is the same delimiter once trimmed, as the parser decides.
// Anything else (JSON, no front matter, no closing line) is len(src): the
// parser then sees the whole file.
func frontMatterEnd(src []byte) int {
	line := func(i int) (string, int) { // trimmed line at i, and where the next starts
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return string(bytes.TrimSpace(src[i:])), len(src)
		}
		return string(bytes.TrimSpace(src[i : i+j+1])), i + j + 1
	}
	i := 0
	var open string
	for i < len(src) {
		open, i = line(i)
		if open != "" {
			break
		}
	}
	if open != "---" && open != "+++" {
		return len(src)
	}
	for i < len(src) {
		var l string
		l, i = line(i)
		if l == open {
			return i
		}
	}
	return len(src)
}

var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// fmReaders are the buffered readers the front matter parser reads through.
var fmReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// splitFrontMatter separates front matter from body and returns the front
// matter as a YAML mapping node (TOML is converted), the line offset to
// add to node lines, and the byte offset of the body. Syntax problems are
// reported; a page whose front matter cannot be read returns a nil node.
func splitFrontMatter(file string, src []byte, diags *diag.List) (fm *yaml.Node, lineOff, bodyOff int, broken bool) {
	if openLine, openText := firstTextLine(src); strings.HasPrefix(openText, "{") && !strings.HasPrefix(openText, "{{") {
		return jsonFrontMatter(file, src, openLine, diags)
	}
	var raw rawFM
	// The parser copies everything after the front matter into the body it
	// returns; it is given the front matter only, when its end is plain.
	in := src[:frontMatterEnd(src)]
	// The parser reads through a buffered reader of its own unless it is
	// given one: a pooled reader saves that garbage on every page.
	br := fmReaders.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(in))
	defer fmReaders.Put(br)
	rest, err := frontmatter.Parse(br, &raw, formats...)
	if err != nil {
		diags.Errorf(file, 1, 1, diag.RuleFrontmatterSyntax, "cannot read front matter: %v", err)
		return nil, 0, len(src), true
	}
	bodyOff = len(in) - len(rest)
	// The first non-blank line is where the front matter opens.
	openLine, openText := firstTextLine(src)
	if raw.syntax == "" {
		if openText == "---" || openText == "+++" {
			diags.Errorf(file, openLine, 1, diag.RuleFrontmatterSyntax, "front matter opened with %q is never closed", openText)
			return nil, 0, bodyOff, true
		}
		return nil, 0, bodyOff, false
	}
	lineOff = openLine
	return decodeFrontMatter(file, raw, lineOff, bodyOff, diags)
}

// maxDepth bounds how deeply front matter may nest. Real front matter is a
// few levels deep; thousands of levels are hostile, and the YAML and TOML
// libraries would otherwise decide the limit and the message.
const maxDepth = 64

// jsonFrontMatter reads front matter that is one JSON object, as Hugo
// allows, ending wherever the object ends (the body may follow on the
// next line). Malformed JSON is reported at the line and column the JSON
// parser stopped at.
func jsonFrontMatter(file string, src []byte, openLine int, diags *diag.List) (*yaml.Node, int, int, bool) {
	start := textpos.New(src).LineStart(openLine)
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var obj json.RawMessage
	if err := dec.Decode(&obj); err != nil {
		off := start + int(dec.InputOffset())
		msg := err.Error()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = start + int(se.Offset)
		} else if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			off, msg = len(src), "the object is never closed"
		}
		line, col := textpos.New(src).Pos(min(off, len(src)))
		diags.Errorf(file, line, col, diag.RuleFrontmatterSyntax, "malformed JSON front matter: %s", msg)
		return nil, 0, len(src), true
	}
	end := start + int(dec.InputOffset())
	// The body starts on the line after the closing brace.
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		end += i + 1
	} else {
		end = len(src)
	}
	return decodeFrontMatter(file, rawFM{data: obj, syntax: "json"}, openLine-1, end, diags)
}

// decodeFrontMatter turns the text of front matter into a YAML mapping
// node with positions (TOML converted), or reports why it cannot.
func decodeFrontMatter(file string, raw rawFM, lineOff, bodyOff int, diags *diag.List) (fm *yaml.Node, _, _ int, broken bool) {
	var doc yaml.Node
	switch raw.syntax {
	case "yaml", "json":
		// JSON is a subset of YAML 1.2 for our purposes, and parsing it as
		// YAML keeps positions.
		if err := yaml.Unmarshal(raw.data, &doc); err != nil {
			line, msg := lineOff+1, strings.TrimPrefix(err.Error(), "yaml: ")
			if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
				n := 0
				for _, c := range m[1] {
					n = n*10 + int(c-'0')
				}
				line = lineOff + n
				msg = err.Error()[len(m[0]):]
			}
			diags.Errorf(file, line, 1, diag.RuleFrontmatterSyntax, "malformed %s front matter: %s", strings.ToUpper(raw.syntax), msg)
			return nil, lineOff, bodyOff, true
		}
	case "toml":
		var m map[string]any
		if _, err := toml.Decode(string(raw.data), &m); err != nil {
			line, col, msg := lineOff+1, 1, err.Error()
			var pe toml.ParseError
			if errors.As(err, &pe) {
				line, col, msg = lineOff+pe.Position.Line, max(pe.Position.Col, 1), pe.Message
			}
			diags.Errorf(file, line, col, diag.RuleFrontmatterSyntax, "malformed TOML front matter: %s", msg)
			return nil, lineOff, bodyOff, true
		}
		if valueDepth(m, 0) > maxDepth {
			diags.Errorf(file, lineOff+1, 1, diag.RuleFrontmatterSyntax, "malformed TOML front matter: values nested more than %d levels deep", maxDepth)
			return nil, lineOff, bodyOff, true
		}
		if err := doc.Encode(m); err != nil {
			diags.Errorf(file, lineOff+1, 1, diag.RuleFrontmatterSyntax, "cannot convert TOML front matter: %v", err)
			return nil, lineOff, bodyOff, true
		}
		// TOML positions are not kept by the decoder: point every key at the
		// first line of the front matter rather than at a wrong line.
		setLines(&doc, 1)
		mapping := doc
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&mapping}}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}, lineOff, bodyOff, false
		}
		root = root.Content[0]
	}
	if line, deep := nodeDepth(root, 0); deep {
		diags.Errorf(file, lineOff+line, 1, diag.RuleFrontmatterSyntax, "malformed %s front matter: values nested more than %d levels deep", strings.ToUpper(raw.syntax), maxDepth)
		return nil, lineOff, bodyOff, true
	}
	if err := yamlx.ExpandAliases(root, maxAliasNodes); err != nil {
		var ae *yamlx.AliasError
		line, col := lineOff+1, 1
		if errors.As(err, &ae) {
			line, col = lineOff+ae.Line, ae.Column
		}
		diags.Errorf(file, line, col, diag.RuleFrontmatterSyntax, "malformed %s front matter: %v", strings.ToUpper(raw.syntax), err)
		return nil, lineOff, bodyOff, true
	}
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}, lineOff, bodyOff, false
		}
		diags.Errorf(file, lineOff+root.Line, root.Column, diag.RuleFrontmatterSyntax, "front matter must be a mapping of keys to values")
		return nil, lineOff, bodyOff, true
	}
	return root, lineOff, bodyOff, false
}

// maxAliasNodes bounds the values YAML aliases may copy in one page's
// front matter, so that nested aliases cannot expand without end.
const maxAliasNodes = 10000

// valueDepth is how deeply a decoded TOML value nests, counted up to just
// past maxDepth.
func valueDepth(v any, d int) int {
	if d > maxDepth {
		return d
	}
	best := d
	switch v := v.(type) {
	case map[string]any:
		for _, c := range v {
			best = max(best, valueDepth(c, d+1))
		}
	case []any:
		for _, c := range v {
			best = max(best, valueDepth(c, d+1))
		}
	case []map[string]any:
		for _, c := range v {
			best = max(best, valueDepth(c, d+1))
		}
	}
	return best
}

// nodeDepth reports whether a node tree nests more than maxDepth levels,
// and the line where it does.
func nodeDepth(n *yaml.Node, d int) (int, bool) {
	if d > maxDepth {
		return n.Line, true
	}
	for _, c := range n.Content {
		if line, deep := nodeDepth(c, d+1); deep {
			return line, true
		}
	}
	return 0, false
}

func setLines(n *yaml.Node, line int) {
	n.Line, n.Column = line, 1
	for _, c := range n.Content {
		setLines(c, line)
	}
}

// bodyLine is the file line of a byte offset.
func bodyLine(src []byte, off int) int {
	l, _ := textpos.New(src[:off]).Pos(off)
	return l
}

// firstTextLine returns the number and trimmed text of src's first
// non-blank line, looking line by line rather than splitting the file.
func firstTextLine(src []byte) (int, string) {
	for n := 1; len(src) > 0; n++ {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return n, string(t)
		}
	}
	return 0, ""
}
