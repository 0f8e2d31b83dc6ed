package textpos

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Index maps byte offsets of one text to 1-based lines and columns.
type Index struct {
	src   []byte
	lines []int // byte offset of the start of each line
}

var newline = []byte{'\n'}

// New indexes src.
func New(src []byte) *Index {
	// IndexByte and Count find newlines many bytes at a time: a check
	// indexes every page that has a link, and a byte loop showed in its
	// profile.
	lines := make([]int, 1, bytes.Count(src, newline)+1)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		lines = append(lines, off)
	}
	return &Index{src: src, lines: lines}
}

// Pos returns the line and column of byte offset off. The column counts
// characters from 1, as editors do.
func (x *Index) Pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(x.src) {
		off = len(x.src)
	}
	i := sort.Search(len(x.lines), func(i int) bool { return x.lines[i] > off }) - 1
	return i + 1, utf8.RuneCount(x.src[x.lines[i]:off]) + 1
}

// LineStart returns the byte offset at which 1-based line n starts.
func (x *Index) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(x.lines) {
		return len(x.src)
	}
	return x.lines[n-1]
}

// InvalidUTF8 returns the position of the first byte that is not valid
// UTF-8, and whether there is one.
func InvalidUTF8(src []byte) (line, col int, bad bool) {
	if utf8.Valid(src) {
		return 0, 0, false
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	l, c := New(src).Pos(off)
	return l, c, true
}
