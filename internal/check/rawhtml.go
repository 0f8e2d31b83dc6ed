package check

import (
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/site"
)

// RawHTML warns at its line about each part of raw HTML that the site's
// markdown.html mode removes: an element or attribute outside the safe
// allowlist, an iframe from a host not listed, or everything in drop mode.
// Nothing of a page disappears without a finding.
func RawHTML(s *site.Site, diags *diag.List) {
	for _, v := range s.All() {
		for _, p := range v.Pages {
			for _, d := range p.Doc.RawDrops {
				diags.Warnf(p.Source, p.BodyLine+d.Line-1, d.Col, diag.RuleRawHTML, "%s", d.What)
			}
			// The scan's other notes (diagrams) are warnings too: the
			// page builds, and shows the reader what it could.
			for _, n := range p.Doc.Notes {
				diags.Warnf(p.Source, p.BodyLine+n.Line-1, n.Col, n.Rule, "%s", n.What)
			}
		}
	}
}
