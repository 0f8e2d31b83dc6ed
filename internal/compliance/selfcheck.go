package compliance

import (
	_ "embed"
	"fmt"
	"html"
	"strings"

	"github.com/partnerdocs/partnerdocs/internal/matrix"
)

// SelfCheckScript is the self-check page's script: Evaluate, ported line
// for line, over the program's matrix.json. It sends nothing anywhere;
// the e2e tests compare its answers with Evaluate's on every tier of the
// example portal.
//
//go:embed selfcheck.js
var SelfCheckScript []byte

// SelfCheckHTML is a program's self-check page: a form with the current
// tier and one field per column of the review (Columns), and a result
// that the script fills in from the program's matrix.json (at jsonURL)
// as the partner types. scriptURL is where SelfCheckScript is published.
func SelfCheckHTML(doc *matrix.Document, jsonURL, scriptURL string) string {
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<section class="self-check" data-matrix="%s">`, esc(jsonURL))
	fmt.Fprintf(&b, `<p>Enter your figures to see the %s tier you qualify for today and what the next one needs. The check runs in your browser: nothing you enter is sent anywhere or kept.</p>`, esc(doc.Program.Title))
	b.WriteString(`<form class="self-check-form" autocomplete="off">`)
	b.WriteString(`<p class="self-check-field"><label for="sc-tier">Your current tier</label><select id="sc-tier" name="tier"><option value="">None yet</option>`)
	for _, t := range doc.Tiers {
		fmt.Fprintf(&b, `<option value="%s">%s</option>`, esc(t.ID), esc(t.Title))
	}
	b.WriteString(`</select></p><fieldset><legend>Your figures</legend>`)
	for i, c := range Columns(doc) {
		id := fmt.Sprintf("sc-%d", i+1)
		if c.Kind == "text" {
			fmt.Fprintf(&b, `<p class="self-check-field self-check-yes"><input type="checkbox" id="%s" name="%s"> <label for="%s">%s</label></p>`, id, esc(c.ID), id, esc(c.Title))
			continue
		}
		// "People certified: Sales Associate (people certified)" says it twice.
		title := strings.TrimPrefix(c.Title, "People certified: ")
		fmt.Fprintf(&b, `<p class="self-check-field"><label for="%s">%s <span class="self-check-hint">%s</span></label><input type="number" id="%s" name="%s" min="0" step="any" inputmode="decimal" value="0"></p>`,
			id, esc(title), esc(hint(c)), id, esc(c.ID))
	}
	b.WriteString(`</fieldset></form>`)
	b.WriteString(`<div class="self-check-result" role="status" aria-live="polite"><noscript><p>The self-check needs JavaScript. The same check runs from the command line: <code>partnerdocs compliance</code>.</p></noscript></div>`)
	fmt.Fprintf(&b, `<script src="%s" defer></script>`, esc(scriptURL))
	b.WriteString(`</section>`)
	return b.String()
}

// hint says what a field counts.
func hint(c Column) string {
	switch c.Kind {
	case "certification":
		return "(people certified)"
	case "tier":
		return "(months in the tier)"
	}
	switch c.Unit {
	case "", "count":
		return ""
	case "percent":
		return "(%)"
	}
	return "(" + c.Unit + ")"
}
