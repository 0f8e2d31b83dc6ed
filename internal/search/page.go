package search

// PageView is what the theme's search-page.html is given for the body of
// /search/: the address of the search page, which the form submits to
// when there is no script.
type PageView struct {
	Action string
}
