// Package events is a site's events (kind: event): which are upcoming and
// which past on the build's day, the parts that list them (the portal
// home, a program's page, a folder of events) and show one (its time in
// its own zone and the reader's, registration or recording, "Add to
// calendar"), and the iCalendar files a calendar subscribes to: one for
// the build, one per program with events, one per event. A build of an
// audience only has the events of that audience and broader ones, so its
// files can carry no event of a narrower audience.
package events
