package events

import (
	"strconv"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/markdown"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Link is an address and its text.
type Link struct{ URL, Text string }

// View is one event as the theme shows it.
type View struct {
	Title, URL, Summary string
	// When is the event's day and time in its own zone, in words
	// ("Wednesday 10 March 2027, 16:00–17:00 CET"); Start and End are
	// RFC 3339 (for <time> and the script that shows the reader's own
	// time), Zone the IANA name.
	When, Start, End, Zone string
	NoEnd                  bool
	Format                 string // in words: "Webcast"
	Location               string
	Register, Recording    string
	ICS                    string // the event alone, for "Add to calendar"
	Past                   bool
	Programs               []Link
}

// ListView is what events-list.html draws: upcoming events, and past ones
// where the page keeps them (a folder of events).
type ListView struct {
	Heading, Anchor string
	Upcoming        []View
	Past            []View
	// More is the page that lists every event (from the home page); Feed
	// the calendar file to subscribe to.
	More *Link
	Feed string
}

func (x *Set) view(e *Event) View {
	p := e.Page
	v := View{Title: p.Title, URL: x.base + p.URL, Summary: p.Summary, Start: e.Start.In(e.Loc).Format(time.RFC3339), End: e.End.In(e.Loc).Format(time.RFC3339),
		Zone: e.TimeZone, NoEnd: e.NoEnd, Location: e.Location, Register: e.Register, Recording: e.Recording, ICS: x.base + p.URL + "event.ics", Past: x.Past(e)}
	if e.Format != "" {
		v.Format = x.w.T("event_format_" + e.Format)
	}
	v.When = x.when(e)
	for _, pp := range e.Programs {
		v.Programs = append(v.Programs, Link{x.base + pp.URL, pp.Title})
	}
	return v
}

// when is the event's day and time in its zone, in the build's words.
func (x *Set) when(e *Event) string {
	s, end := e.Start.In(e.Loc), e.End.In(e.Loc)
	day := x.w.Date(s.Format("2006-01-02"))
	wd := x.w.T("weekday_" + strconv.Itoa(int(s.Weekday())))
	zone := s.Format("MST")
	if e.NoEnd {
		return x.w.T("event_when_start", wd, day, s.Format("15:04"), zone)
	}
	if end.Format("2006-01-02") != s.Format("2006-01-02") {
		return x.w.T("event_when_days", wd, day, s.Format("15:04"), x.w.Date(end.Format("2006-01-02")), end.Format("15:04"), zone)
	}
	return x.w.T("event_when", wd, day, s.Format("15:04"), end.Format("15:04"), zone)
}

func (x *Set) views(es []*Event) []View {
	out := make([]View, len(es))
	for i, e := range es {
		out[i] = x.view(e)
	}
	return out
}

// Before shows an event's time, place and links under its title
// (render.Prepender).
func (x *Set) Before(p *site.Page) []site.Part {
	if p.Kind != "event" {
		return nil
	}
	for _, e := range x.all {
		if e.Page == p {
			return []site.Part{{Partial: "event.html", Data: x.view(e)}}
		}
	}
	return nil
}

// After lists events (render.Appender): the next three on the portal's
// home, a program's upcoming events on its page, and every event of a
// folder of events on its page, upcoming then past.
func (x *Set) After(p *site.Page) []site.Part {
	if len(x.all) == 0 {
		return nil
	}
	var l ListView
	switch {
	case p.Version == "" && p.URL == "":
		l.Upcoming = x.views(x.Upcoming(nil, 3))
		l.Past = x.views(recorded(x.Ended(nil), 3))
		if idx := x.index(); idx != nil {
			l.More = &Link{x.base + idx.URL, x.w.T("events_all")}
		}
	case p.Kind == "program":
		keep := func(e *Event) bool { return names(e, p) }
		l.Upcoming = x.views(x.Upcoming(keep, 0))
		l.Past = x.views(recorded(x.Ended(keep), 3))
		l.Feed = x.base + p.URL + "events.ics"
	case p.IsIndex && x.holds(p):
		keep := func(e *Event) bool { return in(e, p) }
		l.Upcoming, l.Past = x.views(x.Upcoming(keep, 0)), x.views(x.Ended(keep))
		return []site.Part{{Partial: "events-list.html", Data: ListView{Heading: x.w.T("events_upcoming"), Anchor: "upcoming", Upcoming: l.Upcoming, Past: l.Past, Feed: x.base + "events.ics"},
			Headings: x.listHeadings(l)}}
	default:
		return nil
	}
	if len(l.Upcoming) == 0 && len(l.Past) == 0 {
		return nil
	}
	if l.Feed == "" {
		l.Feed = x.base + "events.ics"
	}
	l.Heading, l.Anchor = x.w.T("events_upcoming"), "upcoming-events"
	return []site.Part{{Partial: "events-list.html", Data: l}}
}

// recorded are the first n events that have a recording: the past events
// a home or program page lists, as something to watch.
func recorded(es []*Event, n int) []*Event {
	var out []*Event
	for _, e := range es {
		if e.Recording != "" && len(out) < n {
			out = append(out, e)
		}
	}
	return out
}

// holds reports whether an index page's folder has events.
func (x *Set) holds(p *site.Page) bool {
	for _, e := range x.all {
		if in(e, p) {
			return true
		}
	}
	return false
}

// index is the folder page of the first event that has one: where "all
// events" leads from the home page.
func (x *Set) index() *site.Page {
	for _, e := range x.all {
		if s := e.Page.Section; s != nil && s.Index != nil {
			return s.Index
		}
	}
	return nil
}

// listHeadings are the headings a folder's list draws, for "On this page".
func (x *Set) listHeadings(l ListView) []markdown.Heading {
	hs := []markdown.Heading{{Level: 2, ID: "upcoming", Text: x.w.T("events_upcoming")}}
	if len(l.Past) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: "past-events", Text: x.w.T("events_past")})
	}
	return hs
}
