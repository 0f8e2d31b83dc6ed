package content

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	// Time zones are compiled in: a build must not depend on the zone
	// database of the machine it runs on.
	_ "time/tzdata"

	"github.com/partnerdocs/partnerdocs/internal/yamlx"
	yaml "go.yaml.in/yaml/v3"
)

// EventFormats are the values of an event's format.
var EventFormats = []string{"webcast", "in-person", "on-demand"}

// Event is an event page's schedule (kind: event): when it starts and
// ends, as instants, and the IANA time zone it is shown in.
type Event struct {
	Start, End time.Time
	// NoEnd is true when the page gives no end: the event is shown by its
	// start alone, and lasts an hour in calendars.
	NoEnd     bool
	TimeZone  string
	Format    string
	Location  string
	Register  string
	Recording string
}

// eventKey decodes one of an event's keys; the times are read once the
// whole front matter is (finishEvent), since the zone may come after
// them.
func (fp *fmParser) eventKey(f yamlx.Field) {
	d, p := fp.d, fp.p
	if p.Event == nil {
		p.Event = &Event{}
	}
	e := p.Event
	switch f.Key {
	case "start", "end":
		if s, ok := d.String(f.Key, f.Value); ok {
			fp.eventTimes = append(fp.eventTimes, eventTime{f.Key, s, f.Value})
		}
	case "timezone":
		if s, ok := d.String("timezone", f.Value); ok {
			if _, err := time.LoadLocation(s); err != nil || s == "" || s == "Local" {
				d.Errorf(f.Value, "timezone: %q is not a time zone; write an IANA name such as Europe/Berlin or America/New_York", s)
			} else {
				e.TimeZone = s
			}
		}
	case "format":
		e.Format, _ = d.OneOf("format", f.Value, EventFormats...)
	case "location":
		e.Location, _ = d.String("location", f.Value)
	case "register", "recording":
		if s, ok := d.String(f.Key, f.Value); ok {
			if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				d.Errorf(f.Value, "%s: %q is not a web address (https://…)", f.Key, s)
			} else if f.Key == "register" {
				e.Register = s
			} else {
				e.Recording = s
			}
		}
	}
}

// eventTime is a start or end as written, read when the zone is known.
type eventTime struct {
	key, text string
	node      *yaml.Node
}

// finishEvent reads the start and end in the event's zone and reports
// what an event needs and what cannot be.
func (fp *fmParser) finishEvent(fm *yaml.Node) {
	d, p := fp.d, fp.p
	if p.Event == nil {
		p.Event = &Event{}
	}
	e := p.Event
	loc := time.UTC
	if e.TimeZone != "" {
		loc, _ = time.LoadLocation(e.TimeZone)
	} else if !p.Has("timezone") {
		d.Errorf(fm, "missing required key \"timezone\" (the IANA zone the event is shown in, such as Europe/Berlin)")
	}
	var endNode *yaml.Node
	for _, t := range fp.eventTimes {
		at, err := parseEventTime(t.text, loc)
		if err != nil {
			d.Errorf(t.node, "%s: %q is not a date and time; write 2027-03-10T16:00:00+01:00, or 2027-03-10T16:00 in the event's timezone", t.key, t.text)
			continue
		}
		if t.key == "start" {
			e.Start = at
		} else {
			e.End, endNode = at, t.node
		}
	}
	switch {
	case e.Start.IsZero() && !p.Has("start"):
		d.Errorf(fm, "missing required key \"start\" (when the event starts: 2027-03-10T16:00:00+01:00)")
	case e.End.IsZero():
		e.NoEnd = true
		if !e.Start.IsZero() {
			e.End = e.Start.Add(time.Hour)
		}
	case !e.Start.IsZero() && !e.End.After(e.Start):
		d.Errorf(endNode, "end: %s is not after the start, %s", e.End.In(loc).Format("2006-01-02 15:04"), e.Start.In(loc).Format("2006-01-02 15:04"))
		e.End, e.NoEnd = e.Start.Add(time.Hour), true
	}
}

// parseEventTime reads an RFC 3339 date and time, or one without an
// offset in the event's zone ("2027-03-10T16:00"), which is what a
// program manager types for a local event.
func parseEventTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date and time")
}
