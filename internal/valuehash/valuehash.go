// Package valuehash hashes plain Go values (the data the theme's
// partials draw) by what they hold, so a cache can tell whether a drawing
// would come out the same without drawing it.
package valuehash

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"reflect"
	"slices"
	"unsafe"
)

// Budget is the most values Sum visits before it gives up: data drawn
// by a partial is a few thousand values, and a value that leads into a
// large graph is cheaper drawn than walked.
const Budget = 200_000

// Sum hashes v: its type and every value it holds, following pointers
// and interfaces, map entries in the order of their keys' hashes. It
// reports false, and no sum, for what it cannot hash by content: a
// function, a channel, an unsafe pointer, a pointer cycle, or more than
// Budget values. Two values with the same sum hold the same data; a
// template given either draws the same.
func Sum(v any) ([32]byte, bool) {
	h := hasher{budget: Budget, onPath: map[unsafe.Pointer]bool{}}
	h.buf = make([]byte, 0, 1024)
	if !h.value(reflect.ValueOf(v)) {
		return [32]byte{}, false
	}
	return sha256.Sum256(h.buf), true
}

type hasher struct {
	buf    []byte
	budget int
	// onPath are the pointers being walked: one met again is a cycle.
	onPath map[unsafe.Pointer]bool
}

func (h *hasher) str(s string) {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(s)))
	h.buf = append(h.buf, s...)
}

func (h *hasher) value(v reflect.Value) bool {
	h.budget--
	if h.budget < 0 {
		return false
	}
	if !v.IsValid() {
		h.buf = append(h.buf, 0)
		return true
	}
	t := v.Type()
	h.str(t.String())
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			h.buf = append(h.buf, 1)
		} else {
			h.buf = append(h.buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.buf = binary.AppendVarint(h.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.buf = binary.AppendUvarint(h.buf, v.Uint())
	case reflect.Float32, reflect.Float64:
		h.buf = binary.LittleEndian.AppendUint64(h.buf, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		h.buf = binary.LittleEndian.AppendUint64(h.buf, math.Float64bits(real(c)))
		h.buf = binary.LittleEndian.AppendUint64(h.buf, math.Float64bits(imag(c)))
	case reflect.String:
		h.str(v.String())
	case reflect.Array:
		for i := range v.Len() {
			if !h.value(v.Index(i)) {
				return false
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			h.buf = append(h.buf, 0)
			return true
		}
		h.buf = append(h.buf, 1)
		h.buf = binary.AppendUvarint(h.buf, uint64(v.Len()))
		if t.Elem().Kind() == reflect.Uint8 {
			h.buf = append(h.buf, v.Bytes()...)
			return true
		}
		for i := range v.Len() {
			if !h.value(v.Index(i)) {
				return false
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !h.value(v.Field(i)) {
				return false
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			h.buf = append(h.buf, 0)
			return true
		}
		p := v.UnsafePointer()
		if h.onPath[p] {
			return false
		}
		h.onPath[p] = true
		h.buf = append(h.buf, 1)
		ok := h.value(v.Elem())
		delete(h.onPath, p)
		return ok
	case reflect.Interface:
		if v.IsNil() {
			h.buf = append(h.buf, 0)
			return true
		}
		h.buf = append(h.buf, 1)
		return h.value(v.Elem())
	case reflect.Map:
		if v.IsNil() {
			h.buf = append(h.buf, 0)
			return true
		}
		h.buf = append(h.buf, 1)
		h.buf = binary.AppendUvarint(h.buf, uint64(v.Len()))
		// Each entry hashed on its own, the entries in the order of
		// their hashes: Go's map order is random.
		type entry struct{ key, all []byte }
		entries := make([]entry, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			sub := hasher{budget: h.budget, onPath: h.onPath}
			if !sub.value(it.Key()) {
				return false
			}
			k := sub.buf
			if !sub.value(it.Value()) {
				return false
			}
			h.budget = sub.budget
			entries = append(entries, entry{key: k[:len(k):len(k)], all: sub.buf})
		}
		slices.SortFunc(entries, func(a, b entry) int { return slices.Compare(a.key, b.key) })
		for _, e := range entries {
			h.buf = binary.AppendUvarint(h.buf, uint64(len(e.all)))
			h.buf = append(h.buf, e.all...)
		}
	default:
		// Func, Chan, UnsafePointer: nothing to hash by content.
		return false
	}
	return true
}
