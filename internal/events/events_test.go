package events

import (
	"testing"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/content"
	"github.com/partnerdocs/partnerdocs/internal/words"
)

// TestPastByItsOwnDay: an event is past once its last day, in its own
// zone, is before the build's day, whatever that day is in UTC.
func TestPastByItsOwnDay(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 in Tokyo on 10 March is 14:30 UTC the same day; 00:30 on 11
	// March in Tokyo is still 10 March in UTC.
	late := &Event{Loc: tokyo, Event: &content.Event{TimeZone: "Asia/Tokyo",
		Start: time.Date(2027, 3, 10, 22, 30, 0, 0, tokyo), End: time.Date(2027, 3, 11, 0, 30, 0, 0, tokyo)}}
	for today, want := range map[string]bool{"2027-03-10": false, "2027-03-11": false, "2027-03-12": true} {
		x := &Set{today: today, w: words.Default("en")}
		if got := x.Past(late); got != want {
			t.Errorf("on %s, past = %v, want %v", today, got, want)
		}
	}
}

func TestWhen(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	x := &Set{today: "2027-01-01", w: words.Default("en")}
	cases := []struct {
		start, end time.Time
		noEnd      bool
		want       string
	}{
		{time.Date(2027, 2, 11, 16, 0, 0, 0, berlin), time.Date(2027, 2, 11, 17, 0, 0, 0, berlin), false, "Thursday 11 February 2027, 16:00–17:00 CET"},
		{time.Date(2027, 7, 1, 9, 0, 0, 0, berlin), time.Date(2027, 7, 2, 17, 0, 0, 0, berlin), false, "Thursday 1 July 2027, 09:00 to 2 July 2027, 17:00 CEST"},
		{time.Date(2027, 7, 1, 9, 0, 0, 0, berlin), time.Date(2027, 7, 1, 10, 0, 0, 0, berlin), true, "Thursday 1 July 2027, 09:00 CEST"},
	}
	for _, c := range cases {
		e := &Event{Loc: berlin, Event: &content.Event{Start: c.start, End: c.end, NoEnd: c.noEnd, TimeZone: "Europe/Berlin"}}
		if got := x.when(e); got != c.want {
			t.Errorf("when = %q, want %q", got, c.want)
		}
	}
}
