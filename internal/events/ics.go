package events

import (
	"net/url"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Files are the build's calendars (render.FileMaker): events.ics with
// every event of the build, PROGRAM/events.ics with a program's, and
// EVENT/event.ics with one event, for "Add to calendar".
func (x *Set) Files() map[string][]byte {
	if len(x.all) == 0 {
		return nil
	}
	out := map[string][]byte{"events.ics": x.calendar(x.title, x.all)}
	byProg := map[string][]*Event{}
	titles := map[string]string{}
	for _, e := range x.all {
		out[e.Page.URL+"event.ics"] = x.calendar(e.Page.Title, []*Event{e})
		for _, p := range e.Programs {
			byProg[p.URL] = append(byProg[p.URL], e)
			titles[p.URL] = p.Title
		}
	}
	for u, es := range byProg {
		out[u+"events.ics"] = x.calendar(x.title+": "+titles[u], es)
	}
	return out
}

// stamp is the build's day at midnight UTC.
func (x *Set) stamp() time.Time {
	t, err := time.Parse("2006-01-02", x.today)
	if err != nil {
		return time.Unix(0, 0).UTC()
	}
	return t.UTC()
}

// calendar writes events as an iCalendar file (RFC 5545). An event's UID
// is its page's id with the portal's host, the same in every build, so a
// subscribed calendar updates an event that moved rather than adding it
// again. DTSTAMP is the build's day (midnight UTC): it never goes back, as
// a calendar takes the newer stamp for the newer copy, and a rebuild on
// the same day writes the same bytes.
func (x *Set) calendar(name string, es []*Event) []byte {
	c := ics.NewCalendar()
	c.SetMethod(ics.MethodPublish)
	c.SetProductId("-//partnerdocs//events//EN")
	c.SetName(name)
	host, root := "partnerdocs.invalid", ""
	if u, err := url.Parse(x.baseURL); err == nil && u.Host != "" {
		host, root = u.Host, u.Scheme+"://"+u.Host
	}
	for _, e := range es {
		p := e.Page
		uid := p.ID
		if p.Version != "" {
			uid = p.Version + "/" + uid
		}
		ev := c.AddEvent(uid + "@" + host)
		ev.SetDtStampTime(x.stamp())
		ev.SetStartAt(e.Start.UTC())
		ev.SetEndAt(e.End.UTC())
		ev.SetSummary(p.Title)
		page := root + x.base + p.URL
		ev.SetURL(page)
		desc := p.Summary
		if e.Register != "" {
			desc += "\n\n" + x.w.T("event_register") + ": " + e.Register
		}
		if e.Recording != "" {
			desc += "\n\n" + x.w.T("event_recording") + ": " + e.Recording
		}
		ev.SetDescription(strings.TrimSpace(desc + "\n\n" + page))
		switch {
		case e.Location != "":
			ev.SetLocation(e.Location)
		case e.Format == "webcast" || e.Format == "on-demand":
			ev.SetLocation(x.w.T("event_online"))
		}
	}
	return []byte(c.Serialize())
}
