package search

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The term shards are most of a static index's bytes, and encoding/json
// spent more time finding their fields by reflection than writing them
// (half the export of a 4,000-page handbook). appendJSON writes the same
// bytes encoding/json's Marshal does (TestShardJSONAsMarshal checks it):
// the same field order, map keys sorted, nil slices as null, and strings
// escaped as Marshal escapes them (<, > and & too, invalid UTF-8 as
// U+FFFD), so a shard's name, a hash of its bytes, does not depend on
// which encoder wrote it.

// appendJSON appends the shard as encoding/json would marshal it.
func (s *TermShard) appendJSON(b []byte) []byte {
	b = append(b, `{"t":`...)
	b = appendStrings(b, s.Terms)
	b = append(b, `,"p":`...)
	b = appendList(b, s.Post, appendInts)
	b = append(b, `,"d":`...)
	if s.Docs == nil {
		b = append(b, "null"...)
	} else {
		keys := make([]string, 0, len(s.Docs))
		for k := range s.Docs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendStrings(b, s.Docs[k])
		}
		b = append(b, '}')
	}
	b = append(b, `,"s":`...)
	b = appendSects(b, s.Sect)
	if len(s.Syn) > 0 {
		keys := make([]string, 0, len(s.Syn))
		for k := range s.Syn {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, `,"y":{`...)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendList(b, s.Syn[k], func(b []byte, sp SynPostings) []byte {
				b = append(b, `{"t":`...)
				b = appendString(b, sp.Term)
				b = append(b, `,"p":`...)
				b = appendInts(b, sp.Post)
				b = append(b, `,"s":`...)
				b = appendStringLists(b, sp.Sect)
				return append(b, '}')
			})
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendList appends xs as a JSON array (null when nil), each element
// written by one.
func appendList[T any](b []byte, xs []T, one func([]byte, T) []byte) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = one(b, x)
	}
	return append(b, ']')
}

func appendInt(b []byte, x int) []byte { return strconv.AppendInt(b, int64(x), 10) }

func appendInts(b []byte, xs []int) []byte { return appendList(b, xs, appendInt) }

func appendStrings(b []byte, ss []string) []byte { return appendList(b, ss, appendString) }

func appendStringLists(b []byte, ls [][]string) []byte { return appendList(b, ls, appendStrings) }

func appendSects(b []byte, ss [][][]string) []byte { return appendList(b, ss, appendStringLists) }

const hexDigits = "0123456789abcdef"

// plain are the ASCII bytes a JSON string holds as they are.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = !strings.ContainsRune(`"\\<>&`, rune(c))
	}
	return t
}()

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it with HTML escaping on (its default).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
