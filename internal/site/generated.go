package site

// Generated is a page made by a stage rather than written by an author
// (the search page, a program's guide, the report). It lives here, with
// the site's pages, so the stages that make such pages need not import
// the renderer that draws them.
type Generated struct {
	Version     string // "" for the portal
	URL         string // site-relative, ending in "/"
	Title       string
	Kind        string
	Description string
	HTML        []byte
}
