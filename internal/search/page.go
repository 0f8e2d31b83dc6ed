package search

import (
	"fmt"
	"html"
)

// PageHTML is the body of /search/: the full search form with filters.
// Without JavaScript it says where else to look.
func PageHTML(base string) string {
	return fmt.Sprintf(`<form id="search-page" class="search-form search-page" role="search" action="%[1]ssearch/" data-search data-search-page>
<label for="search-page-q">Search guides, terms, benefits and enablement</label>
<input id="search-page-q" type="search" name="q" autocomplete="off" aria-controls="search-page-results">
<div class="search-filters">
<label>Kind <select name="kind"><option value="">All</option></select></label>
<label>Program <select name="program"><option value="">All</option></select></label>
<label>Program year <select name="version"><option value="">All</option></select></label>
</div>
<p data-search-status role="status" aria-live="polite"></p>
<ul id="search-page-results" class="search-results" aria-label="Search results" hidden></ul>
<noscript><p>Search runs in your browser and needs JavaScript. Field teams can also search from the command line with <code>partnerdocs search</code>.</p></noscript>
</form>`, html.EscapeString(base))
}
