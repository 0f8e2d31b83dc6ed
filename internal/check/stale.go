package check

import (
	"time"

	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// Stale warns about pages whose review_by date is before today
// (YYYY-MM-DD). Dates compare as text because both are ISO dates.
func Stale(s *site.Site, today string, diags *diag.List) {
	if today == "" {
		return
	}
	for _, v := range s.All() {
		for _, p := range v.Pages {
			if p.ReviewBy != "" && p.ReviewBy < today {
				l, c := p.KeyPos("review_by")
				owner := ""
				if p.Owner != "" {
					owner = "; owner: " + p.Owner
				}
				diags.Warnf(p.Source, l, c, diag.RuleStaleContent, "%s was due for review on %s%s", p.Title, p.ReviewBy, owner)
			}
		}
	}
}

// Expiring warns about pages that end (their ends) within days of today,
// today included: a promotion about to run out, while there is time to
// extend it or to update the pages that point to it. An event's page
// does not count: its end is its time.
func Expiring(s *site.Site, today string, days int, diags *diag.List) {
	if today == "" || days <= 0 {
		return
	}
	t, err := time.Parse("2006-01-02", today)
	if err != nil {
		return
	}
	last := t.AddDate(0, 0, days).Format("2006-01-02")
	for _, v := range s.All() {
		for _, p := range v.Pages {
			if p.Ends != "" && p.Ends >= today && p.Ends <= last {
				l, c := p.KeyPos("ends")
				diags.Warnf(p.Source, l, c, diag.RuleExpiring, "%s ends on %s, within %d days; after that day it leaves the build and links to it are expired-link findings", p.Title, p.Ends, days)
			}
		}
	}
}
