package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// readCalendar parses a built iCalendar file with the calendar library,
// as a calendar application would.
func readCalendar(t *testing.T, file string) *ics.Calendar {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ics.ParseCalendar(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return cal
}

// calendarEvents are a calendar's events as "UID START END SUMMARY", sorted.
func calendarEvents(t *testing.T, cal *ics.Calendar) []string {
	t.Helper()
	var out []string
	for _, e := range cal.Events() {
		start, err := e.GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		end, err := e.GetEndAt()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s %s %s", e.Id(), start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339), e.GetProperty(ics.ComponentPropertySummary).Value))
	}
	sort.Strings(out)
	return out
}

// TestEvents: the example's events, built on each side of a webcast's day
// (PARTNERDOCS_TODAY): before it, it is upcoming on the home page and its
// own page offers registration and "Add to calendar"; after it, it is a
// past event. The calendars parse, carry the source's times, and a public
// build's carry no partner event.
func TestEvents(t *testing.T) {
	t.Parallel()
	const webcast = "events/q1-2027-partner-webcast/index.html"
	build := func(day, audience string) string { return exampleOn(t, day, audience) }
	read := func(dir, rel string) string { return readOut(t, dir, rel) }
	before, after := build("2027-02-11", "partner"), build("2027-02-12", "partner")
	page := read(before, webcast)
	for _, s := range []string{`<time datetime="2027-02-11T16:00:00&#43;01:00">Thursday 11 February 2027, 16:00–17:00 CET</time> <span class="event-zone">(Europe/Berlin)</span>`,
		`<a class="action action-main" href="https://partners.tidewater.example/webcasts/2027-q1/register" rel="noopener">Register</a><a class="action" href="/events/q1-2027-partner-webcast/event.ics" download>Add to calendar</a>`} {
		if !strings.Contains(page, s) {
			t.Errorf("on its day, the webcast's page lacks %s", s)
		}
	}
	if home := read(before, "index.html"); !strings.Contains(home, `<h2 id="upcoming-events">Upcoming events</h2>`) || !strings.Contains(home, `href="/events/q1-2027-partner-webcast/"`) {
		t.Error("on its day, the home page does not list the webcast as upcoming")
	}
	if !strings.Contains(read(before, "fy2026/programs/reseller/index.html"), `href="/events/q1-2027-partner-webcast/"`) {
		t.Error("on its day, the reseller program's page does not list the webcast")
	}
	page = read(after, webcast)
	if strings.Contains(page, "Register") || !strings.Contains(page, "This event has taken place.") {
		t.Error("the day after, the webcast's page still offers registration")
	}
	if home := read(after, "index.html"); strings.Contains(home, `href="/events/q1-2027-partner-webcast/"`) {
		t.Error("the day after, the home page lists the webcast as upcoming")
	}
	if prog := read(after, "fy2026/programs/reseller/index.html"); !strings.Contains(prog, `<h3 id="upcoming-events-recordings">Recordings of past events</h3>`) ||
		!strings.Contains(prog, `href="https://partners.tidewater.example/webcasts/2026-q4/" rel="noopener">Watch the recording</a>`) {
		t.Error("the reseller program's page does not offer last quarter's recording")
	}
	list := read(after, "events/index.html")
	past := list[strings.Index(list, `id="past-events"`):]
	if !strings.Contains(past, `href="/events/q1-2027-partner-webcast/"`) || !strings.Contains(past, `href="https://partners.tidewater.example/webcasts/2026-q4/" rel="noopener">Watch the recording</a>`) {
		t.Errorf("the events page's past events lack the webcast or last quarter's recording:\n%s", past)
	}

	all := calendarEvents(t, readCalendar(t, filepath.Join(before, "events.ics")))
	want := []string{
		"events/pipeline-engineer-bootcamp@partners.tidewater.example 2027-03-09T08:00:00Z 2027-03-10T16:00:00Z Pipeline Engineer bootcamp, Amsterdam",
		"events/q1-2027-partner-webcast@partners.tidewater.example 2027-02-11T15:00:00Z 2027-02-11T16:00:00Z Quarterly partner webcast: Q1 2027",
		"events/q4-2026-partner-webcast@partners.tidewater.example 2026-11-12T15:00:00Z 2026-11-12T16:00:00Z Quarterly partner webcast: Q4 2026",
	}
	if strings.Join(all, "\n") != strings.Join(want, "\n") {
		t.Errorf("events.ics:\n%s\nwant\n%s", strings.Join(all, "\n"), strings.Join(want, "\n"))
	}
	// Stamped with the build's day, which never goes back: a calendar
	// takes the copy with the newer stamp.
	if ics := read(before, "events.ics"); strings.Count(ics, "DTSTAMP:20270211T000000Z") != 3 {
		t.Errorf("events.ics is not stamped with the build's day:\n%s", ics)
	}
	if got := calendarEvents(t, readCalendar(t, filepath.Join(before, "fy2026/programs/services/events.ics"))); len(got) != 3 {
		t.Errorf("the services program's calendar: %v", got)
	}
	if got := calendarEvents(t, readCalendar(t, filepath.Join(before, "fy2026/programs/reseller/events.ics"))); len(got) != 2 {
		t.Errorf("the reseller program's calendar: %v", got)
	}
	if got := calendarEvents(t, readCalendar(t, filepath.Join(before, "events/q1-2027-partner-webcast/event.ics"))); len(got) != 1 || got[0] != want[1] {
		t.Errorf("the webcast's own calendar: %v", got)
	}
	public := build("2027-02-11", "public")
	if got := calendarEvents(t, readCalendar(t, filepath.Join(public, "events.ics"))); len(got) != 1 || got[0] != want[0] {
		t.Errorf("the public calendar carries %v; only the public bootcamp may be there", got)
	}
}

// TestEventFindings: what an event cannot be is reported at its key's
// line, every finding in one run.
func TestEventFindings(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, site, "config.yaml", "title: E\nportal: content/portal\nversions:\n  - {name: v1, path: content/v1, latest: true}\n")
	writeFile(t, site, "content/v1/programs/p/_index.md", "---\ntitle: P\nkind: program\n---\n")
	writeFile(t, site, "content/portal/a.md", "---\ntitle: A\nkind: event\nstart: 2027-03-10T16:00:00+01:00\nend: 2027-03-10T15:00:00+01:00\ntimezone: Europe/Berlin\nprograms: [programs/q]\n---\n")
	writeFile(t, site, "content/portal/b.md", "---\ntitle: B\nkind: event\nstart: 10 March\ntimezone: Europe/Berln\nregister: www.example.com\nformat: webinar\n---\n")
	writeFile(t, site, "content/portal/c.md", "---\ntitle: C\nkind: event\n---\n")
	r := run(t, site, "check", "--format", "json")
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, want := range []string{
		`"file":"content/portal/a.md","line":5,"column":6,"severity":"error","rule":"frontmatter-field","message":"end: 2027-03-10 15:00 is not after the start, 2027-03-10 16:00"`,
		`"file":"content/portal/a.md","line":7,"column":12,"severity":"error","rule":"unknown-ref"`,
		`"file":"content/portal/b.md","line":4,"column":8,"severity":"error","rule":"frontmatter-field","message":"start: \"10 March\" is not a date and time`,
		`"file":"content/portal/b.md","line":5,"column":11,"severity":"error","rule":"frontmatter-field","message":"timezone: \"Europe/Berln\" is not a time zone`,
		`"file":"content/portal/b.md","line":6,"column":11,"severity":"error","rule":"frontmatter-field","message":"register: \"www.example.com\" is not a web address`,
		`"file":"content/portal/b.md","line":7,"column":9,"severity":"error","rule":"frontmatter-field"`,
		`"file":"content/portal/c.md","line":2,"column":1,"severity":"error","rule":"frontmatter-field","message":"missing required key \"timezone\"`,
		`"file":"content/portal/c.md","line":2,"column":1,"severity":"error","rule":"frontmatter-field","message":"missing required key \"start\"`,
	} {
		if !strings.Contains(squash(r.stdout), squash(want)) {
			t.Errorf("check lacks %s", want)
		}
	}
	if t.Failed() {
		t.Log(r.stdout)
	}
}

// TestBrowserEvent: a reader in New York sees the Amsterdam bootcamp's
// time in their own zone too; one in Amsterdam only the event's.
func TestBrowserEvent(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	_, srv := servedExample(t)
	local := `(() => { const e = document.querySelector('.event-local'); return e.hidden ? 'hidden' : e.textContent })()`
	for i, c := range []struct {
		zone, scheme string
		width        int64
	}{{"America/New_York", "light", 1366}, {"America/New_York", "dark", 390}, {"Europe/Amsterdam", "light", 390}} {
		colorScheme(ctx, t, c.scheme)
		if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: c.zone}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(c.width, 900),
			chromedp.Navigate(srv.URL+"/events/pipeline-engineer-bootcamp/"), chromedp.WaitReady(`.event-facts`)); err != nil {
			t.Fatal(err)
		}
		got := mustEval(ctx, t, local)
		switch {
		case c.zone == "Europe/Amsterdam" && got != "hidden":
			t.Errorf("in the event's own zone the page adds %q", got)
		case c.zone == "America/New_York" && (!strings.HasPrefix(got, "In your time zone: ") || !strings.Contains(got, "3:00") || !strings.Contains(got, "EST")):
			t.Errorf("in New York the page says %q, want the start at 3:00 EST", got)
		}
		screenshotViewport(ctx, t, fmt.Sprintf("event-%d-%d-%s.png", i, c.width, c.scheme))
	}
}
