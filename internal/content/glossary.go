package content

import (
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/yamlx"
)

// GlossaryEntry is one term of a glossary page's entries: the term as
// pages write it, other forms that mean the same (a spelt-out name), and
// its definition in plain text. ID is its anchor on the glossary page.
type GlossaryEntry struct {
	Term       string
	Also       []string
	Definition string
	ID         string
	Pos        Pos // where the entry is written
}

// glossaryEntryKeys are the keys of one entry.
var glossaryEntryKeys = []string{"term", "also", "definition", "id"}

// entries reads a glossary page's terms. An entry without a term or a
// definition is reported at its line and left out: a half entry would
// mark words with nothing to show.
func (fp *fmParser) entries(f yamlx.Field) {
	d, p := fp.d, fp.p
	p.Entries = []GlossaryEntry{}
	for _, item := range d.List("entries", f.Value) {
		e := GlossaryEntry{Pos: fp.pos(item)}
		for _, ef := range d.Fields(item, "entries") {
			switch ef.Key {
			case "term":
				e.Term, _ = d.String("entries.term", ef.Value)
			case "definition":
				e.Definition, _ = d.String("entries.definition", ef.Value)
			case "also":
				e.Also, _ = d.StringList("entries.also", ef.Value)
			case "id":
				if id, ok := d.String("entries.id", ef.Value); ok {
					if markdown.Slug(id) != id {
						d.Errorf(ef.Value, "entries.id: %q is not an anchor (lower-case letters, digits and hyphens)", id)
					} else {
						e.ID = id
					}
				}
			default:
				d.Unknown(ef, "a glossary entry", glossaryEntryKeys)
			}
		}
		e.Term, e.Definition = strings.TrimSpace(e.Term), strings.TrimSpace(e.Definition)
		if e.Term == "" || e.Definition == "" {
			d.Errorf(yamlx.Resolve(item), "a glossary entry needs a term and a definition")
			continue
		}
		if e.ID == "" {
			e.ID = markdown.Slug(e.Term)
		}
		p.Entries = append(p.Entries, e)
	}
}
