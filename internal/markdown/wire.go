package markdown

// WireDoc is a Doc in a form that can be stored, for check's scan cache on
// disk: shortcodes without their syntax-tree links, placeholders by
// index. A scan's Output is not stored: check reads neither.
type WireDoc struct {
	Headings    []Heading
	Links       []Link
	Shortcodes  []WireShortcode
	RawDrops    []RawDrop
	ScErrors    []ShortcodeError
	Description string
	Marks       bool // the HTML has placeholders: the fields below fill them
	Dests       []string
	Kinds       []LinkKind
	Codes       []int // index in Shortcodes of each shortcode placeholder
	Anchors     []string
	Notes       []Note
}

// WireShortcode is a shortcode's call, without its syntax tree.
type WireShortcode struct {
	Name            string
	Args            []Arg
	Offset          int
	Line, Col       int
	Percent, Paired bool
	Block           bool
}

// Wire returns d in its storable form.
func (d *Doc) Wire() WireDoc {
	w := WireDoc{Headings: d.Headings, Links: d.Links, RawDrops: d.RawDrops, ScErrors: d.ShortcodeErrors, Description: d.Description, Anchors: d.Anchors, Notes: d.Notes}
	index := map[*Shortcode]int{}
	for i, sc := range d.Shortcodes {
		index[sc] = i
		w.Shortcodes = append(w.Shortcodes, WireShortcode{Name: sc.Name, Args: sc.Args, Offset: sc.Offset, Line: sc.Line, Col: sc.Col, Percent: sc.Percent, Paired: sc.Paired, Block: sc.Block})
	}
	if d.marks != nil {
		w.Marks, w.Dests, w.Kinds = true, d.marks.dests, d.marks.kinds
		for _, sc := range d.marks.codes {
			w.Codes = append(w.Codes, index[sc])
		}
	}
	return w
}

// Doc rebuilds the document stored by Wire.
func (w WireDoc) Doc() *Doc {
	d := &Doc{Headings: w.Headings, Links: w.Links, RawDrops: w.RawDrops, ShortcodeErrors: w.ScErrors, Description: w.Description, Anchors: w.Anchors, Notes: w.Notes}
	for _, s := range w.Shortcodes {
		d.Shortcodes = append(d.Shortcodes, &Shortcode{Name: s.Name, Args: s.Args, Offset: s.Offset, Line: s.Line, Col: s.Col, Percent: s.Percent, Paired: s.Paired, Block: s.Block})
	}
	if w.Marks {
		d.marks = &marker{dests: w.Dests, kinds: w.Kinds}
		for _, i := range w.Codes {
			if i >= 0 && i < len(d.Shortcodes) {
				d.marks.codes = append(d.marks.codes, d.Shortcodes[i])
			}
		}
	}
	return d
}
