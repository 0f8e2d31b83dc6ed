package markdown

import (
	"encoding/binary"
	"errors"
)

// The scan cache's binary form. gob spent a tenth of a cold check's CPU
// writing the scans (reflection per field); this form is written field by
// field. Every field of WireDoc and of the types it
// holds is written in declaration order; TestWireBinaryEveryField fills
// each field by reflection, so a field added to them and not here fails.

// AppendBinary appends w's binary form to b.
func (w *WireDoc) AppendBinary(b []byte) []byte {
	e := wireEnc(b)
	e.uint(len(w.Headings))
	for _, h := range w.Headings {
		e.int(h.Level)
		e.str(h.ID)
		e.str(h.Text)
		e.int(h.Offset)
		e.int(h.At)
	}
	e.uint(len(w.Links))
	for _, l := range w.Links {
		e.int(int(l.Kind))
		e.str(l.Dest)
		e.str(l.Text)
		e.int(l.Offset)
		e.int(l.Line)
		e.int(l.Col)
	}
	e.uint(len(w.Shortcodes))
	for _, s := range w.Shortcodes {
		e.str(s.Name)
		e.uint(len(s.Args))
		for _, a := range s.Args {
			e.str(a.Name)
			e.str(a.Value)
			e.int(a.Offset)
			e.int(a.NameOffset)
			e.int(a.Line)
			e.int(a.Col)
			e.int(a.NameLine)
			e.int(a.NameCol)
		}
		e.int(s.Offset)
		e.int(s.Line)
		e.int(s.Col)
		e.bool(s.Percent)
		e.bool(s.Paired)
		e.bool(s.Block)
	}
	e.uint(len(w.RawDrops))
	for _, r := range w.RawDrops {
		e.int(r.Offset)
		e.int(r.Line)
		e.int(r.Col)
		e.str(r.What)
	}
	e.uint(len(w.ScErrors))
	for _, s := range w.ScErrors {
		e.int(s.Offset)
		e.int(s.Line)
		e.int(s.Col)
		e.str(s.Message)
	}
	e.str(w.Description)
	e.bool(w.Marks)
	e.uint(len(w.Dests))
	for _, d := range w.Dests {
		e.str(d)
	}
	e.uint(len(w.Kinds))
	for _, k := range w.Kinds {
		e.int(int(k))
	}
	e.uint(len(w.Anchors))
	for _, a := range w.Anchors {
		e.str(a)
	}
	e.uint(len(w.Codes))
	for _, c := range w.Codes {
		e.int(c)
	}
	e.uint(len(w.Notes))
	for _, n := range w.Notes {
		e.int(n.Offset)
		e.int(n.Line)
		e.int(n.Col)
		e.str(n.Rule)
		e.str(n.What)
	}
	return e
}

// ReadWireDoc reads one WireDoc written by AppendBinary from the head of
// b and returns it with the rest of b.
func ReadWireDoc(b []byte) (WireDoc, []byte, error) {
	d := &wireDec{b: b}
	var w WireDoc
	w.Headings = make([]Heading, d.count())
	for i := range w.Headings {
		w.Headings[i] = Heading{Level: d.int(), ID: d.str(), Text: d.str(), Offset: d.int(), At: d.int()}
	}
	w.Links = make([]Link, d.count())
	for i := range w.Links {
		w.Links[i] = Link{Kind: LinkKind(d.int()), Dest: d.str(), Text: d.str(), Offset: d.int(), Line: d.int(), Col: d.int()}
	}
	w.Shortcodes = make([]WireShortcode, d.count())
	for i := range w.Shortcodes {
		s := &w.Shortcodes[i]
		s.Name = d.str()
		s.Args = make([]Arg, d.count())
		for j := range s.Args {
			s.Args[j] = Arg{Name: d.str(), Value: d.str(), Offset: d.int(), NameOffset: d.int(), Line: d.int(), Col: d.int(), NameLine: d.int(), NameCol: d.int()}
		}
		s.Offset, s.Line, s.Col = d.int(), d.int(), d.int()
		s.Percent, s.Paired, s.Block = d.bool(), d.bool(), d.bool()
	}
	w.RawDrops = make([]RawDrop, d.count())
	for i := range w.RawDrops {
		w.RawDrops[i] = RawDrop{Offset: d.int(), Line: d.int(), Col: d.int(), What: d.str()}
	}
	w.ScErrors = make([]ShortcodeError, d.count())
	for i := range w.ScErrors {
		w.ScErrors[i] = ShortcodeError{Offset: d.int(), Line: d.int(), Col: d.int(), Message: d.str()}
	}
	w.Description = d.str()
	w.Marks = d.bool()
	w.Dests = make([]string, d.count())
	for i := range w.Dests {
		w.Dests[i] = d.str()
	}
	w.Kinds = make([]LinkKind, d.count())
	for i := range w.Kinds {
		w.Kinds[i] = LinkKind(d.int())
	}
	w.Anchors = make([]string, d.count())
	for i := range w.Anchors {
		w.Anchors[i] = d.str()
	}
	w.Codes = make([]int, d.count())
	for i := range w.Codes {
		w.Codes[i] = d.int()
	}
	w.Notes = make([]Note, d.count())
	for i := range w.Notes {
		w.Notes[i] = Note{Offset: d.int(), Line: d.int(), Col: d.int(), Rule: d.str(), What: d.str()}
	}
	if d.err != nil {
		return WireDoc{}, nil, d.err
	}
	w.nilEmpty()
	return w, d.b, nil
}

// nilEmpty makes empty lists nil, as a scan leaves them.
func (w *WireDoc) nilEmpty() {
	if len(w.Headings) == 0 {
		w.Headings = nil
	}
	if len(w.Links) == 0 {
		w.Links = nil
	}
	if len(w.Shortcodes) == 0 {
		w.Shortcodes = nil
	}
	if len(w.RawDrops) == 0 {
		w.RawDrops = nil
	}
	if len(w.ScErrors) == 0 {
		w.ScErrors = nil
	}
	if len(w.Dests) == 0 {
		w.Dests = nil
	}
	if len(w.Kinds) == 0 {
		w.Kinds = nil
	}
	if len(w.Anchors) == 0 {
		w.Anchors = nil
	}
	if len(w.Codes) == 0 {
		w.Codes = nil
	}
	if len(w.Notes) == 0 {
		w.Notes = nil
	}
	for i := range w.Shortcodes {
		if len(w.Shortcodes[i].Args) == 0 {
			w.Shortcodes[i].Args = nil
		}
	}
}

type wireEnc []byte

func (e *wireEnc) uint(n int) { *e = binary.AppendUvarint(*e, uint64(n)) }
func (e *wireEnc) int(n int)  { *e = binary.AppendVarint(*e, int64(n)) }
func (e *wireEnc) str(s string) {
	e.uint(len(s))
	*e = append(*e, s...)
}
func (e *wireEnc) bool(v bool) {
	if v {
		*e = append(*e, 1)
	} else {
		*e = append(*e, 0)
	}
}

var errWire = errors.New("malformed scan cache entry")

// wireDec reads what wireEnc wrote. The first fault sticks: every later
// read gives zero values, and ReadWireDoc reports it.
type wireDec struct {
	b   []byte
	err error
}

func (d *wireDec) fail() { d.err, d.b = errWire, nil }

func (d *wireDec) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a list's length, which cannot exceed the bytes left (each
// element takes at least one).
func (d *wireDec) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *wireDec) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *wireDec) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *wireDec) bool() bool {
	if len(d.b) == 0 {
		d.fail()
		return false
	}
	v := d.b[0] != 0
	d.b = d.b[1:]
	return v
}
