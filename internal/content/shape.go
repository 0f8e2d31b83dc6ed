package content

import (
	"bytes"
	"fmt"
)

// Limits on the shape of a Markdown body. Parsing nested lists and
// blockquotes costs more than linear time in their depth, and so does one
// very long line: the fuzzer found inputs of a few megabytes that took
// tens of seconds.
// Real pages stay far inside these limits; a page past them is reported
// at the line, and its body is read up to that line only, so a build's
// cost stays linear in its input.
const (
	MaxLineBytes   = 1 << 20 // one line (1 MiB): a long paragraph, a table row, an inline image
	MaxNesting     = 32      // list items and blockquotes opened on one line's left
	MaxIndentation = 256     // columns of white space and markers before a line's text
	// MaxLinkScan bounds the bytes the Markdown parser reads looking for
	// the ends of one line's link destinations, as a multiple of the
	// line's length plus a margin (MaxLinkScanBase): for each "](" it
	// reads on to the next space or ")". One line of "[a](" repeated made
	// that quadratic. Closed links do not overlap, so their reads add up
	// to at most the line's length and ordinary text never reaches the
	// bound (a 4,000-page handbook's longest read is 15 KB on a 17 KB
	// line); a bound relative to the line keeps every byte of a page of
	// such lines to a few dozen reads, where a fixed one let a 4 KB line
	// read 2 MB.
	MaxLinkScan     = 4
	MaxLinkScanBase = 16 << 10
)

// shapeProblem finds the first line of body that passes a limit. It
// returns the line (1-based), the column, the message and where the body
// must be cut (the start of that line), or line 0.
func shapeProblem(body []byte) (line, col int, msg string, cut int) {
	start := 0
	for n := 1; start < len(body); n++ {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		l := body[start:end]
		if len(l) > MaxLineBytes {
			return n, 1, fmt.Sprintf("this line is %d bytes long; Markdown lines may be at most %d bytes (the page is read up to this line)", len(l), MaxLineBytes), start
		}
		if scan, bound := linkScan(l), int64(MaxLinkScanBase+MaxLinkScan*len(l)); scan > bound {
			return n, 1, fmt.Sprintf("this line's link destinations would be read %d times over (too many unclosed \"](\"); at most %d bytes are read (the page is read up to this line)", scan/int64(max(len(l), 1)), bound), start
		}
		if depth, cols, rest := leftMargin(l); len(bytes.TrimSpace(rest)) > 0 && !thematicBreak(l) {
			switch {
			case depth > MaxNesting:
				return n, 1, fmt.Sprintf("this line opens %d nested lists or quotes; at most %d are read (the page is read up to this line)", depth, MaxNesting), start
			case cols > MaxIndentation:
				return n, 1, fmt.Sprintf("this line is indented %d columns; at most %d are read (the page is read up to this line)", cols, MaxIndentation), start
			}
		}
		start = end + 1
	}
	return 0, 0, "", -1
}

// leftMargin measures what opens containers at the start of a line: list
// markers (-, *, +, 1. or 1)) and blockquote markers, and the white space
// around them, in columns (a tab to the next multiple of four).
func leftMargin(l []byte) (depth, cols int, rest []byte) {
	i := 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			depth++
			cols++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			depth++
			cols++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				depth++
				cols += j + 1 - i
				i = j + 1
				continue
			}
			return depth, cols, l[i:]
		default:
			return depth, cols, l[i:]
		}
	}
	return depth, cols, nil
}

// thematicBreak reports whether a line is a rule such as "* * *" or
// "- - -", which looks like nested list markers and is not.
func thematicBreak(l []byte) bool {
	var mark byte
	n := 0
	for _, c := range l {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// linkScan is what a parser reads to find the ends of a line's link
// destinations: from each "](" to the next space, tab or ")". It is
// computed in one pass from the end of the line.
func linkScan(l []byte) int64 {
	if !bytes.Contains(l, []byte("](")) {
		return 0
	}
	var total int64
	next := len(l) // the next space or ")" at or after i
	for i := len(l) - 1; i >= 0; i-- {
		switch l[i] {
		case ' ', '\t', ')':
			next = i
		case ']':
			if i+1 < len(l) && l[i+1] == '(' {
				total += int64(next - i)
			}
		}
	}
	return total
}
