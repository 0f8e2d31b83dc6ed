package programs

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/partnerdocs/partnerdocs/internal/compliance"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/diff"
	"github.com/partnerdocs/partnerdocs/internal/links"
	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/matrix"
	"github.com/partnerdocs/partnerdocs/internal/model"
	"github.com/partnerdocs/partnerdocs/internal/shortcode"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Programs renders the program model into a site.
type Programs struct {
	s      *site.Site
	models map[string]*model.Model
	base   string
	words  *words.Table
	cache  *GuideCache

	// The render asks for the files twice (the version's, then the
	// /latest/ copies); they are built once.
	filesOnce sync.Once
	files     map[string][]byte

	reportsMu sync.Mutex
	reports   map[string]*diff.Report // by "OLD..NEW"

	// pdfs: the guides link their PDFs (SetGuidePDFs), named for
	// pdfLang.
	pdfs    bool
	pdfLang string

	// body renders another page's body with its links (the render's,
	// through SetBodyRenderer), for the program guides.
	body func(pg *site.Page) []byte

	// codes are the site's shortcodes (Register) and digest the link
	// check's digest of a page's links (SetLinkDigests): what the guide
	// cache keys a guide's pages with (guidecache.go).
	codes  *shortcode.Set
	digest func(*site.Page) (uint64, bool)
}

// New returns the renderer of a site's models.
func New(s *site.Site, models map[string]*model.Model) *Programs {
	w := s.Words
	if w == nil {
		w = words.Default(s.Config.Language)
	}
	return &Programs{s: s, models: models, base: s.Config.BasePath, words: w}
}

// modelFor is the model a page's shortcodes read: its own version's, or
// the latest version's for portal pages.
func (p *Programs) modelFor(pg *site.Page) *model.Model {
	if pg.Version == "" {
		if p.s.Latest == nil {
			return nil
		}
		return p.models[p.s.Latest.Name]
	}
	return p.models[pg.Version]
}

// Register adds the shortcodes to a set.
func (p *Programs) Register(set *shortcode.Set) {
	p.codes = set
	set.Register("benefit-matrix", shortcode.Def{
		Args:  []string{"program", "region", "group", "requirements"},
		Check: p.checkMatrix,
		Draw: func(_ *site.Site, _ *links.Resolver, pg *site.Page, sc *markdown.Shortcode, _ []byte) (site.Part, bool) {
			return p.matrixPart(pg, sc)
		},
	})
	set.Register("changes", shortcode.Def{
		Args:  []string{"since", "program"},
		Check: p.checkChanges,
		Draw: func(_ *site.Site, _ *links.Resolver, pg *site.Page, sc *markdown.Shortcode, _ []byte) (site.Part, bool) {
			since, _ := sc.Arg("since")
			prog, _ := sc.Arg("program")
			newV := p.s.Version(pg.Version)
			if pg.Version == "" {
				newV = p.s.Latest
			}
			if r := p.report(p.s.Version(since), newV); r != nil {
				return r.Part(p.base, prog), true
			}
			return site.Part{}, false
		},
	})
	set.Register("curriculum", shortcode.Def{
		Args:  []string{"track"},
		Check: p.checkCurriculum,
		Draw: func(_ *site.Site, _ *links.Resolver, pg *site.Page, sc *markdown.Shortcode, _ []byte) (site.Part, bool) {
			m := p.modelFor(pg)
			if m == nil {
				return site.Part{}, false
			}
			track, _ := sc.Arg("track")
			return matrix.Curriculum(m, track, p.base, p.words), true
		},
	})
}

func (p *Programs) findProgram(m *model.Model, id string) *model.Program {
	if pr := m.Program(id); pr != nil {
		return pr
	}
	// "reseller" for "programs/reseller", as the spec's examples write it.
	var found *model.Program
	for _, pr := range m.Programs {
		if strings.HasSuffix(pr.ID, "/"+id) {
			if found != nil {
				return nil
			}
			found = pr
		}
	}
	return found
}

func (p *Programs) checkMatrix(pg *site.Page, sc *markdown.Shortcode) []shortcode.Problem {
	var out []shortcode.Problem
	m := p.modelFor(pg)
	id, ok := sc.Arg("program")
	if !ok {
		return []shortcode.Problem{{Rule: diag.RuleUnknownShortcode, Message: `benefit-matrix needs program="ID"`}}
	}
	if m == nil || p.findProgram(m, id) == nil {
		var ids []string
		if m != nil {
			for _, pr := range m.Programs {
				ids = append(ids, pr.ID)
			}
		}
		out = append(out, shortcode.Problem{Arg: "program", Rule: diag.RuleUnknownRef, Message: fmt.Sprintf("no program %q", id), Suggestion: diag.Suggest(id, ids)})
	}
	if r, ok := sc.Arg("region"); ok && !p.s.Config.HasRegion(r) {
		out = append(out, shortcode.Problem{Arg: "region", Rule: diag.RuleUnknownRegion, Message: fmt.Sprintf("unknown region %q", r), Suggestion: diag.Suggest(r, p.s.Config.Regions)})
	}
	if r, ok := sc.Arg("requirements"); ok && r != "true" && r != "false" {
		out = append(out, shortcode.Problem{Arg: "requirements", Rule: diag.RuleUnknownShortcode, Message: `requirements is "true" or "false"`})
	}
	return out
}

func (p *Programs) checkCurriculum(pg *site.Page, sc *markdown.Shortcode) []shortcode.Problem {
	m := p.modelFor(pg)
	track, ok := sc.Arg("track")
	if !ok || m == nil {
		return nil
	}
	var tracks []string
	for _, c := range m.Certs {
		if strings.EqualFold(c.Track, track) {
			return nil
		}
		tracks = append(tracks, c.Track)
	}
	return []shortcode.Problem{{Arg: "track", Rule: diag.RuleUnknownRef, Message: fmt.Sprintf("no certification has the track %q", track), Suggestion: diag.Suggest(track, tracks)}}
}

func (p *Programs) checkChanges(pg *site.Page, sc *markdown.Shortcode) []shortcode.Problem {
	since, ok := sc.Arg("since")
	if !ok {
		return []shortcode.Problem{{Rule: diag.RuleUnknownShortcode, Message: `changes needs since="VERSION"`}}
	}
	var out []shortcode.Problem
	if p.s.Version(since) == nil || since == "" {
		var names []string
		for _, v := range p.s.Versions {
			names = append(names, v.Name)
		}
		out = append(out, shortcode.Problem{Arg: "since", Rule: diag.RuleUnknownVersion, Message: fmt.Sprintf("no version %q", since), Suggestion: diag.Suggest(since, names)})
	}
	if prog, ok := sc.Arg("program"); ok {
		if m := p.modelFor(pg); m == nil || p.findProgram(m, prog) == nil {
			out = append(out, shortcode.Problem{Arg: "program", Rule: diag.RuleUnknownRef, Message: fmt.Sprintf("no program %q", prog)})
		}
	}
	return out
}

// Previous is the version listed after v in config.yaml: program years
// are listed newest first, so that is the year before.
// changesLink links a version's "what changed" page, where it has one
// (a previous version to compare with).
func (p *Programs) changesLink(v *site.Version) []site.Part {
	prev := Previous(p.s, v)
	if v == nil || prev == nil {
		return nil
	}
	return []site.Part{matrix.PointerPart(matrix.Pointer{Class: "changes-link", Link: matrix.Link{URL: p.base + v.Name + "/changes/", Text: p.words.T("what_changed_in", v.Label)},
		After: p.words.T("changes_link_after", prev.Label)})}
}

func Previous(s *site.Site, v *site.Version) *site.Version {
	for i, x := range s.Versions {
		if x == v && i+1 < len(s.Versions) {
			return s.Versions[i+1]
		}
	}
	return nil
}

// report compares two versions, or returns nil when either is missing.
func (p *Programs) report(oldV, newV *site.Version) *diff.Report {
	if oldV == nil || newV == nil || p.models[oldV.Name] == nil || p.models[newV.Name] == nil {
		return nil
	}
	// Program pages, the changes page and shortcodes ask for the same
	// comparison, from the render's workers at once: it is made once.
	key := oldV.Name + ".." + newV.Name
	p.reportsMu.Lock()
	defer p.reportsMu.Unlock()
	if r, ok := p.reports[key]; ok {
		return r
	}
	r := diff.Compare(oldV, newV, p.models[oldV.Name], p.models[newV.Name], p.words)
	if p.reports == nil {
		p.reports = map[string]*diff.Report{}
	}
	p.reports[key] = r
	return r
}

func (p *Programs) matrixPart(pg *site.Page, sc *markdown.Shortcode) (site.Part, bool) {
	m := p.modelFor(pg)
	if m == nil {
		return site.Part{}, false
	}
	id, _ := sc.Arg("program")
	pr := p.findProgram(m, id)
	if pr == nil {
		return site.Part{}, false
	}
	region, _ := sc.Arg("region")
	group, _ := sc.Arg("group")
	reqs, _ := sc.Arg("requirements")
	mx := matrix.Build(m, pr, matrix.Options{Region: region, Group: group, Requirements: reqs != "false", Words: p.words})
	label := ""
	if region != "" && region != "global" {
		label = matrix.RegionLabel(region, p.words)
	}
	return mx.TablePart(p.base, matrix.Caption(mx, label)), true
}

// hasShortcode reports whether a page already shows a shortcode, so the
// generated section is not shown twice.
func hasShortcode(pg *site.Page, name string) bool {
	for _, sc := range pg.Doc.Shortcodes {
		if sc.Name == name {
			return true
		}
	}
	return false
}

// ActionsView is what a program page offers first, under its title: where
// the partner stands, the whole program as one document, what changed
// this year (program-actions.html).
type ActionsView struct {
	Label   string // the group's name, for screen readers
	Actions []matrix.Link
}

// Before implements render.Prepender: a program page's actions.
func (p *Programs) Before(pg *site.Page) []site.Part {
	if pg.Version == "" || pg.Kind != "program" {
		return nil
	}
	m := p.models[pg.Version]
	if m == nil {
		return nil
	}
	pr := m.Program(pg.ID)
	if pr == nil {
		return nil
	}
	v := ActionsView{Label: p.words.T("program_actions")}
	if len(pr.Tiers) > 0 {
		v.Actions = append(v.Actions, matrix.Link{URL: p.base + pr.Page.URL + "self-check/", Text: p.words.T("check_where_you_stand")})
	}
	v.Actions = append(v.Actions, matrix.Link{URL: p.base + pr.Page.URL + "guide/", Text: p.words.T("program_guide")})
	ver := p.s.Version(pg.Version)
	if prev := Previous(p.s, ver); prev != nil {
		u := p.base + ver.Name + "/changes/"
		// Straight to this program's section, when it has one.
		if r := p.report(prev, ver); r != nil {
			for _, pc := range r.Programs {
				if pc.ID == pr.ID {
					u += "#" + diff.ProgramAnchor(pr.ID)
				}
			}
		}
		v.Actions = append(v.Actions, matrix.Link{URL: u, Text: p.words.T("what_changed_in", ver.Label)})
	}
	return []site.Part{{Partial: "program-actions.html", Data: v}}
}

// After implements render.Appender: what the program model shows after
// a page's text, then the paths the page is a step of.
func (p *Programs) After(pg *site.Page) []site.Part {
	if pg.Version == "" {
		return nil
	}
	m := p.models[pg.Version]
	if m == nil {
		return nil
	}
	return append(p.modelParts(m, pg), p.pathParts(m, pg)...)
}

func (p *Programs) modelParts(m *model.Model, pg *site.Page) []site.Part {
	v := p.s.Version(pg.Version)
	if pg.URL == pg.Version+"/" {
		// The year's home says where to read what changed.
		return p.changesLink(v)
	}
	switch pg.Kind {
	case "program":
		// The guide and what changed are among the actions under the
		// title (Before).
		if pr := m.Program(pg.ID); pr != nil && !hasShortcode(pg, "benefit-matrix") && len(pr.Tiers) > 0 {
			return []site.Part{matrix.ProgramSection(m, pr, p.base, p.words, p.s.Config.Regions)}
		}
		return nil
	case "tier":
		if t := m.Tier(pg.ID); t != nil {
			return []site.Part{matrix.TierSection(m, t, p.base, p.words)}
		}
	case "designation":
		if d := m.Designation(pg.ID); d != nil {
			return []site.Part{matrix.DesignationSection(d, p.base, p.words)}
		}
	case "certification":
		if c := m.Cert(pg.ID); c != nil {
			return []site.Part{matrix.CertSection(c, p.base, p.words)}
		}
	case "benefit":
		if b := m.Benefit(pg.ID); b != nil {
			return []site.Part{matrix.BenefitSection(b, p.base, p.words, p.s.Config.Regions)}
		}
	}
	if pg.URL == pg.Version+"/changes/" && !hasShortcode(pg, "changes") {
		v := p.s.Version(pg.Version)
		if r := p.report(Previous(p.s, v), v); r != nil {
			return []site.Part{r.Part(p.base, "")}
		}
	}
	if pg.URL == pg.Version+"/certifications/" && !hasShortcode(pg, "curriculum") && len(m.Certs) > 0 {
		return []site.Part{matrix.Curriculum(m, "", p.base, p.words)}
	}
	return nil
}

// Files implements render.FileMaker: matrix.json and matrix.csv beside every
// program page.
func (p *Programs) Files() map[string][]byte {
	p.filesOnce.Do(func() { p.files = p.buildFiles() })
	return p.files
}

func (p *Programs) buildFiles() map[string][]byte {
	out := map[string][]byte{}
	for _, v := range p.s.Versions {
		m := p.models[v.Name]
		if m == nil {
			continue
		}
		for _, pr := range m.Programs {
			mx := matrix.Build(m, pr, matrix.Options{Requirements: true, Words: p.words})
			out[pr.Page.URL+"matrix.json"] = mx.JSON(p.base)
			out[pr.Page.URL+"matrix.csv"] = mx.CSV()
			if len(pr.Tiers) > 0 {
				out[selfCheckScript] = compliance.SelfCheckScript
			}
		}
	}
	return out
}

// selfCheckScript is where the self-check pages' script is published.
const selfCheckScript = "assets/selfcheck.js"

// Pages implements render.PageMaker: the certification catalog of a version
// that has certifications but no page at /V/certifications/, the changes
// page, each program's self-check and each program's guide.
func (p *Programs) Pages(d site.Drawer) ([]site.Generated, error) {
	out, err := p.guidePages(d)
	if err != nil {
		return nil, err
	}
	draw := func(part site.Part) []byte {
		b, e := d.Draw(part)
		if e != nil && err == nil {
			err = e
		}
		return b
	}
	names := make([]string, 0, len(p.models))
	for n := range p.models {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := p.models[n]
		if len(m.Certs) == 0 {
			continue
		}
		out = append(out, site.Generated{Version: n, URL: n + "/certifications/", Title: p.words.T("certifications"), Kind: "list",
			Description: p.words.T("certifications_description"),
			HTML:        draw(matrix.Curriculum(m, "", p.base, p.words))})
	}
	for _, v := range p.s.Versions {
		m := p.models[v.Name]
		if m == nil {
			continue
		}
		for _, pr := range m.Programs {
			if len(pr.Tiers) == 0 {
				continue
			}
			doc := matrix.Build(m, pr, matrix.Options{Requirements: true, Words: p.words}).Export(p.base)
			out = append(out, site.Generated{Version: v.Name, URL: pr.Page.URL + "self-check/", Title: p.words.T("self_check_title", pr.Title), Kind: "list",
				Description: p.words.T("self_check_description", pr.Title),
				HTML:        draw(compliance.SelfCheckPart(&doc, p.base+pr.Page.URL+"matrix.json", p.base+selfCheckScript, p.words))})
		}
	}
	for _, v := range p.s.Versions {
		prev := Previous(p.s, v)
		if r := p.report(prev, v); r != nil {
			out = append(out, site.Generated{Version: v.Name, URL: v.Name + "/changes/", Title: p.words.T("what_changed_since", prev.Label), Kind: "list",
				Description: p.words.T("changes_description", prev.Label, v.Label),
				HTML:        draw(r.Part(p.base, ""))})
		}
	}
	return out, err
}
