package markdown

import (
	"bytes"
	"fmt"
)

// tag is one shortcode tag as written: {{< name args >}}, {{% name %}},
// {{< /name >}}, {{< name />}}, or the literal {{</* name */>}}.
type tag struct {
	percent     bool   // {{% %}}: the inner content is Markdown
	closing     bool   // {{< /name >}}
	selfClosing bool   // {{< name />}}
	literal     []byte // {{</* x */>}}: the text to show, {{< x >}}
	name        string
	nameAt      int // offset of the name from the tag's start
	args        []tagArg
}

type tagArg struct {
	name          string // "" for a positional argument
	value         string
	nameAt, valAt int // offsets from the tag's start
}

// tagError is a malformed tag, at an offset from the tag's start.
type tagError struct {
	at  int
	msg string
}

func (e *tagError) Error() string { return e.msg }

// maxTagBytes bounds how far a tag is looked for: a tag may span lines
// (Hugo allows arguments on several lines), but not a page.
const maxTagBytes = 4096

// parseTag reads the tag at the start of b ("{{<" or "{{%"). It returns
// the tag and its length, or an error at the place the syntax went wrong,
// saying what was expected. A blank line ends the search for the close.
func parseTag(b []byte) (*tag, int, *tagError) {
	if len(b) > maxTagBytes {
		b = b[:maxTagBytes]
	}
	if end := bytes.Index(b, []byte("\n\n")); end >= 0 {
		b = b[:end]
	}
	t := &tag{percent: b[2] == '%'}
	closeDelim := ">}}"
	if t.percent {
		closeDelim = "%}}"
	}
	i := 3
	skip := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
	}
	skip()
	if bytes.HasPrefix(b[i:], []byte("/*")) {
		// {{</* x */>}} shows {{< x >}}.
		end := bytes.Index(b[i+2:], []byte("*/"+closeDelim))
		if end < 0 {
			return nil, 0, &tagError{i, fmt.Sprintf("unclosed literal shortcode: expected */%s", closeDelim)}
		}
		t.literal = append(append(append([]byte{}, b[:3]...), b[i+2:i+2+end]...), closeDelim...)
		return t, i + 2 + end + 2 + len(closeDelim), nil
	}
	if i < len(b) && b[i] == '/' {
		t.closing = true
		i++
		skip()
	}
	start := i
	// Names may have folders (blocks/cover), as Hugo's templates in
	// subfolders do; a slash that ends the name is a self-closing tag's.
	for i < len(b) && (isNameByte(b[i]) || b[i] == '/' && i > start && i+1 < len(b) && isNameByte(b[i+1])) {
		i++
	}
	if i == start {
		return nil, 0, &tagError{start, "expected a shortcode name after " + string(b[:3])}
	}
	t.name, t.nameAt = string(b[start:i]), start
	named, positional := false, false
	for {
		skip()
		switch {
		case i >= len(b):
			return nil, 0, &tagError{i, fmt.Sprintf("unclosed shortcode %s: expected %s", t.name, closeDelim)}
		case bytes.HasPrefix(b[i:], []byte(closeDelim)):
			return t, i + 3, nil
		case b[i] == '/' && bytes.HasPrefix(b[i+1:], []byte(closeDelim)) && !t.closing:
			t.selfClosing = true
			return t, i + 4, nil
		case bytes.HasPrefix(b[i:], []byte(">}}")) || bytes.HasPrefix(b[i:], []byte("%}}")):
			return nil, 0, &tagError{i, fmt.Sprintf("shortcode %s opened with %s must close with %s", t.name, string(b[:3]), closeDelim)}
		}
		if t.closing {
			return nil, 0, &tagError{i, fmt.Sprintf("a closing tag takes no arguments: expected %s", closeDelim)}
		}
		a := tagArg{}
		// name=value, or a positional value.
		j := i
		for j < len(b) && isNameByte(b[j]) {
			j++
		}
		if j > i && j < len(b) && b[j] == '=' {
			a.name, a.nameAt = string(b[i:j]), i
			i = j + 1
			named = true
		} else {
			positional = true
		}
		if named && positional {
			return nil, 0, &tagError{i, fmt.Sprintf("shortcode %s mixes named and positional arguments; use one form", t.name)}
		}
		a.valAt = i
		v, n, err := readValue(b[i:], closeDelim)
		if err != nil {
			err.at += i
			return nil, 0, err
		}
		a.value = v
		if b[i] == '"' || b[i] == '`' {
			a.valAt++ // positions point at the value, inside its quotes
		}
		i += n
		t.args = append(t.args, a)
	}
}

// readValue reads a quoted ("..." with \" escapes), raw (`...`) or bare
// value.
func readValue(b []byte, closeDelim string) (string, int, *tagError) {
	if len(b) == 0 {
		return "", 0, &tagError{0, "expected a value"}
	}
	switch b[0] {
	case '"':
		var out []byte
		for i := 1; i < len(b); i++ {
			switch b[i] {
			case '\\':
				if i+1 < len(b) {
					i++
					out = append(out, b[i])
				}
			case '"':
				return string(out), i + 1, nil
			case '\n':
				return "", 0, &tagError{i, `unterminated string: expected " before the end of the line`}
			default:
				out = append(out, b[i])
			}
		}
		return "", 0, &tagError{len(b), `unterminated string: expected "`}
	case '`':
		end := bytes.IndexByte(b[1:], '`')
		if end < 0 {
			return "", 0, &tagError{len(b), "unterminated raw string: expected `"}
		}
		return string(b[1 : 1+end]), end + 2, nil
	}
	i := 0
	for i < len(b) && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && !bytes.HasPrefix(b[i:], []byte(closeDelim)) &&
		!(b[i] == '/' && bytes.HasPrefix(b[i+1:], []byte(closeDelim))) {
		if b[i] == '"' || b[i] == '`' {
			return "", 0, &tagError{i, "a quote inside an unquoted value: quote the whole value"}
		}
		i++
	}
	if i == 0 {
		return "", 0, &tagError{0, "expected a value"}
	}
	return string(b[:i]), i, nil
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}
