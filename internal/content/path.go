package content

import (
	"fmt"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/yamlx"
)

// PathStep is one step of a path (kind: path): a title, and what the step
// is: a page to read, a certification to earn, a benefit to claim, or a
// task elsewhere (link). Stage groups steps ("First 30 days"); Days is
// when the step is due, in days from the start.
type PathStep struct {
	ID            string
	Title         string
	Stage         string
	Days          int
	Page          string
	Certification string
	Benefit       string
	Link          string
	Pos           Pos // where the step is written
	RefPos        Pos // where its reference is
}

// StepKinds are the keys that say what a step is; a step has one.
var StepKinds = []string{"page", "certification", "benefit", "link"}

var pathStepKeys = append([]string{"id", "title", "stage", "days"}, StepKinds...)

// steps reads a path's steps. A step with no title or not exactly one
// kind is reported at its line and left out; two steps with one id are
// reported at the second, which is left out (a reader's progress is kept
// by step id).
func (fp *fmParser) steps(f yamlx.Field) {
	d, p := fp.d, fp.p
	p.Steps = []PathStep{}
	seen := map[string]bool{}
	for _, item := range d.List("steps", f.Value) {
		s := PathStep{Pos: fp.pos(item)}
		var kinds []string
		for _, sf := range d.Fields(item, "steps") {
			if !contains(pathStepKeys, sf.Key) {
				d.Unknown(sf, "a path step", pathStepKeys)
				continue
			}
			if contains(StepKinds, sf.Key) {
				kinds = append(kinds, sf.Key)
				s.RefPos = fp.pos(sf.Value)
			}
			fp.stepField(&s, sf)
		}
		item = yamlx.Resolve(item)
		switch {
		case strings.TrimSpace(s.Title) == "":
			d.Errorf(item, "a path step needs a title")
			continue
		case len(kinds) != 1:
			d.Errorf(item, "a path step is one of %s; this one has %s", strings.Join(StepKinds, ", "), orNone(kinds))
			continue
		}
		if s.ID == "" {
			s.ID = markdown.Slug(s.Title)
		}
		if seen[s.ID] {
			d.Errorf(item, "two steps have the id %q (from their titles); give one an id", s.ID)
			continue
		}
		seen[s.ID] = true
		p.Steps = append(p.Steps, s)
	}
}

func (fp *fmParser) stepField(s *PathStep, f yamlx.Field) {
	d := fp.d
	switch f.Key {
	case "id":
		if id, ok := d.String("steps.id", f.Value); ok {
			if markdown.Slug(id) != id || id == "" {
				d.Errorf(f.Value, "steps.id: %q is not an id (lower-case letters, digits and hyphens)", id)
			} else {
				s.ID = id
			}
		}
	case "title":
		s.Title, _ = d.String("steps.title", f.Value)
	case "stage":
		s.Stage, _ = d.String("steps.stage", f.Value)
	case "days":
		if n, ok := d.Int("steps.days", f.Value); ok {
			if n < 0 {
				d.Errorf(f.Value, "steps.days: %d is before the start; days count from 0", n)
			} else {
				s.Days = n
			}
		}
	case "page":
		s.Page, _ = d.String("steps.page", f.Value)
	case "certification":
		s.Certification, _ = d.String("steps.certification", f.Value)
	case "benefit":
		s.Benefit, _ = d.String("steps.benefit", f.Value)
	case "link":
		s.Link, _ = d.String("steps.link", f.Value)
	}
}

func orNone(kinds []string) string {
	if len(kinds) == 0 {
		return "none"
	}
	return fmt.Sprint(strings.Join(kinds, " and "))
}
