package check

import (
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
