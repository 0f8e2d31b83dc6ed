package search

import (
	"github.com/partnerdocs/partnerdocs/internal/site"
	"strings"
)

// IndexPath is the folder of the static index in the output.
const IndexPath = "search/idx/"

// Static is the static index as render extras: its files under
// /search/idx/ and the /search/ page.
type Static struct {
	done     chan struct{}
	files    map[string][]byte
	base     string
	deferred bool
	// soon is closed once the quick export (see ExportState) is done or
	// known not to be possible; quick holds its files, or nil.
	soon  chan struct{}
	quick map[string][]byte
}

// NewStatic starts exporting the static index in the background, beside
// the render, once the documents and their analysis are ready (an waits
// for them); Files waits for it. A deferred export is left out of the
// render's files: Wait returns them.
//
// stop, when not nil, lets the preview give the export up (see
// ExportUnless): Wait then returns nil. state, when not nil (the
// preview), makes a quick export first (Soon returns it) and keeps the
// full one's state for the next edit.
func NewStatic(an func() ([]Entry, []Analysed, []Word), versions []string, latest, base string, labels Labels, syn Synonyms, deferred bool, stop func() bool, state *ExportState) *Static {
	s := &Static{done: make(chan struct{}), soon: make(chan struct{}), base: base, deferred: deferred}
	go func() {
		defer close(s.done)
		docs, analysed, words := an()
		in := exportInput{docs, analysed, words, versions, latest, labels, syn}
		if state == nil || stop != nil && stop() {
			close(s.soon)
			s.files = export(stop, in, nil)
			return
		}
		quick, unchanged := state.Quick(docs, analysed, words, versions, latest, labels, syn)
		s.quick = quick
		close(s.soon)
		if unchanged {
			s.files = quick
			return
		}
		s.files = export(stop, in, state)
	}()
	return s
}

// Soon waits for the quick export and returns its files by output path,
// or nil when there is none: Wait has the index then.
func (s *Static) Soon() map[string][]byte {
	<-s.soon
	return withPath(s.quick)
}

// Files implements render.FileMaker: the static index.
func (s *Static) Files() map[string][]byte {
	if s.deferred {
		return nil
	}
	return s.Wait()
}

// Wait waits for the export and returns its files by output path.
func (s *Static) Wait() map[string][]byte {
	<-s.done
	return withPath(s.files) // nil when given up
}

// withPath puts the index's files under IndexPath.
func withPath(files map[string][]byte) map[string][]byte {
	if files == nil {
		return nil
	}
	out := make(map[string][]byte, len(files))
	for n, b := range files {
		out[IndexPath+n] = b
	}
	return out
}

// Pages implements render.PageMaker: the search page.
func (s *Static) Pages(d site.Drawer) ([]site.Generated, error) {
	h, err := d.Draw(site.Part{Partial: "search-page.html", Data: PageView{Action: s.base + "search/"}})
	w := d.Words()
	return []site.Generated{{URL: "search/", Title: w.T("search"), Kind: "list",
		Description: w.T("search_description"), HTML: h}}, err
}

// Order lists index names for display: the latest version, the others in
// config order, then the portal.
func Order(s *site.Site) (names []string, latest string) {
	if s.Latest != nil {
		latest = s.Latest.Name
		names = append(names, latest)
	}
	for _, v := range s.Versions {
		if v != s.Latest {
			names = append(names, v.Name)
		}
	}
	if s.Portal != nil {
		names = append(names, "portal")
	}
	return names, latest
}

// RenamedFolds says, for the pages of older program years that a newer
// year renamed (its page lists the old id in aliases), the address within
// its year of the newest page they became: their copies fold under it
// ("also in FY2025") though their addresses differ. By version name, then
// the page's URL; pages that kept their address are not listed.
func RenamedFolds(s *site.Site) map[string]map[string]string {
	names, _ := Order(s)
	addrOf := map[string]string{} // id or alias -> address in the newest year that has it
	out := map[string]map[string]string{}
	for _, n := range names {
		v := s.Version(n)
		if v == nil || n == "portal" {
			continue
		}
		within := func(url string) string { return strings.TrimPrefix(url, v.Name+"/") }
		for _, p := range v.Pages {
			if a, ok := addrOf[p.ID]; ok && a != within(p.URL) {
				if out[n] == nil {
					out[n] = map[string]string{}
				}
				out[n][p.URL] = a
			}
		}
		for _, p := range v.Pages {
			a := within(p.URL)
			if f, ok := out[n][p.URL]; ok {
				a = f
			}
			for _, id := range append([]string{p.ID}, p.Aliases...) {
				if _, ok := addrOf[id]; !ok {
					addrOf[id] = a
				}
			}
		}
	}
	return out
}
