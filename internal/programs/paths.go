package programs

import (
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// PathView is what the theme's path.html draws after a path's text.
type PathView struct {
	// Key names the path in the reader's browser, where the steps done
	// are kept: the path page's address.
	Key     string
	Program *matrix.Link
	Tier    *matrix.Link
	Total   int
	Stages  []StageView
}

// StageView is a group of consecutive steps with one stage ("First 30
// days"); Title is empty for steps that name none.
type StageView struct {
	Title, Anchor string
	Steps         []StepView
}

// StepView is one step as the theme shows it.
type StepView struct {
	ID    string
	N     int
	Title string
	Kind  string // page, certification, benefit or link
	// URL is where the step is done: the target page, or the link; Target
	// is the target page's title (empty for a link).
	URL, Target string
	External    bool
	Days        int
}

// StepBoxView is what path-step.html draws on a page that is a step of a
// path: which step it is, and the next one.
type StepBoxView struct {
	Path  matrix.Link
	N     int
	Total int
	Next  *StepView
}

func (p *Programs) stepView(s *model.Step) StepView {
	v := StepView{ID: s.ID, N: s.N, Title: s.Title, Kind: s.Kind, Days: s.Days}
	switch {
	case s.Target != nil:
		v.URL, v.Target = p.base+s.Target.URL, s.Target.Title
	case s.Link != "":
		v.URL, v.External = s.Link, true
	default:
		// Its reference did not resolve (reported): the step's place on
		// its path.
		v.URL = p.base + s.Path.Page.URL + "#step-" + s.ID
	}
	return v
}

// pathParts are a path page's steps, or the step boxes of a page that is
// a step of paths.
func (p *Programs) pathParts(m *model.Model, pg *site.Page) []site.Part {
	if pg.Kind == "path" {
		if pa := m.Path(pg.ID); pa != nil && len(pa.Steps) > 0 {
			return []site.Part{p.pathSection(pa)}
		}
		return nil
	}
	var out []site.Part
	for _, s := range m.StepsOn(pg) {
		box := StepBoxView{Path: matrix.Link{URL: p.base + s.Path.Page.URL, Text: s.Path.Title}, N: s.N, Total: len(s.Path.Steps)}
		if s.N < len(s.Path.Steps) {
			next := p.stepView(s.Path.Steps[s.N])
			box.Next = &next
		}
		out = append(out, site.Part{Partial: "path-step.html", Data: box})
	}
	return out
}

func (p *Programs) pathSection(pa *model.Path) site.Part {
	v := PathView{Key: p.base + pa.Page.URL, Total: len(pa.Steps)}
	if pa.Program != nil {
		v.Program = &matrix.Link{URL: p.base + pa.Program.Page.URL, Text: pa.Program.Title}
	}
	if pa.Tier != nil {
		v.Tier = &matrix.Link{URL: p.base + pa.Tier.Page.URL, Text: pa.Tier.Title}
	}
	var hs []markdown.Heading
	for _, s := range pa.Steps {
		if len(v.Stages) == 0 || v.Stages[len(v.Stages)-1].Title != s.Stage {
			st := StageView{Title: s.Stage}
			if s.Stage != "" {
				st.Anchor = "stage-" + markdown.Slug(s.Stage)
				hs = append(hs, markdown.Heading{Level: 2, ID: st.Anchor, Text: s.Stage})
			}
			v.Stages = append(v.Stages, st)
		}
		last := &v.Stages[len(v.Stages)-1]
		last.Steps = append(last.Steps, p.stepView(s))
	}
	return site.Part{Partial: "path.html", Data: v, Headings: hs}
}

// Shows implements render.Shower: the pages whose titles a page's path
// parts show, beyond the program model's own pages (a path lists its
// steps' pages, a step's box names the next step's page).
func (p *Programs) Shows(pg *site.Page) []*site.Page {
	m := p.models[pg.Version]
	if pg.Version == "" || m == nil {
		return nil
	}
	var out []*site.Page
	if pg.Kind == "path" {
		if pa := m.Path(pg.ID); pa != nil {
			for _, s := range pa.Steps {
				if s.Target != nil {
					out = append(out, s.Target)
				}
			}
		}
	}
	for _, s := range m.StepsOn(pg) {
		if s.N < len(s.Path.Steps) && s.Path.Steps[s.N].Target != nil {
			out = append(out, s.Path.Steps[s.N].Target)
		}
	}
	return out
}
