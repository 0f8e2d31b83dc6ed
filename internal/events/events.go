package events

import (
	"sort"
	"strings"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/site"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// Event is one event page of the build, with the program pages it names.
type Event struct {
	Page     *site.Page
	Programs []*site.Page
	Loc      *time.Location
	*content.Event
}

// Set is the events of one build.
type Set struct {
	s       *site.Site
	base    string // the site's base path, which addresses start with
	baseURL string
	title   string
	w       *words.Table
	today   string // YYYY-MM-DD: an event is past once its last day is before it
	all     []*Event
}

// New collects the site's events, soonest first. today (YYYY-MM-DD)
// decides which are past; "" is the machine's day.
func New(s *site.Site, base, today string) *Set {
	if today == "" {
		today = time.Now().Format("2006-01-02")
	}
	w := s.Words
	if w == nil {
		w = words.Default(s.Config.Language)
	}
	x := &Set{s: s, base: base, baseURL: s.Config.BaseURL, title: s.Config.Title, w: w, today: today}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			if p.Kind != "event" || p.Event == nil || p.Event.Start.IsZero() {
				continue
			}
			e := &Event{Page: p, Event: p.Event, Loc: time.UTC}
			if l, err := time.LoadLocation(p.Event.TimeZone); err == nil && p.Event.TimeZone != "" {
				e.Loc = l
			}
			pv := v
			if v.Name == "" {
				pv = s.Latest
			}
			for _, id := range p.Programs {
				if pv == nil {
					break
				}
				if pp := pv.Lookup(strings.SplitN(id, "@", 2)[0]); pp != nil && pp.Kind == "program" {
					e.Programs = append(e.Programs, pp)
				}
			}
			x.all = append(x.all, e)
		}
	}
	sort.SliceStable(x.all, func(i, j int) bool {
		if !x.all[i].Start.Equal(x.all[j].Start) {
			return x.all[i].Start.Before(x.all[j].Start)
		}
		return x.all[i].Page.URL < x.all[j].Page.URL
	})
	return x
}

// Past reports whether an event ended before the build's day (in its own
// zone).
func (x *Set) Past(e *Event) bool {
	return e.End.In(e.Loc).Format("2006-01-02") < x.today
}

// Upcoming are the events that have not ended, soonest first, that keep
// returns true for; at most limit (0: all).
func (x *Set) Upcoming(keep func(*Event) bool, limit int) []*Event {
	var out []*Event
	for _, e := range x.all {
		if !x.Past(e) && (keep == nil || keep(e)) {
			out = append(out, e)
			if limit > 0 && len(out) == limit {
				break
			}
		}
	}
	return out
}

// Ended are the events that have ended, latest first, that keep returns
// true for.
func (x *Set) Ended(keep func(*Event) bool) []*Event {
	var out []*Event
	for i := len(x.all) - 1; i >= 0; i-- {
		if e := x.all[i]; x.Past(e) && (keep == nil || keep(e)) {
			out = append(out, e)
		}
	}
	return out
}

// names reports whether an event names the program page: a portal event
// names the latest year's programs, an event of a year that year's, so
// last year's program page lists none (nor has a calendar).
func names(e *Event, prog *site.Page) bool {
	for _, p := range e.Programs {
		if p == prog {
			return true
		}
	}
	return false
}

// in reports whether an event's page is in the folder of index page p.
func in(e *Event, p *site.Page) bool {
	return e.Page.Version == p.Version && e.Page.Section == p.Section && e.Page != p
}
