// Package content loads the sources of a site: it walks each version's
// folder and the portal folder, reads front matter with adrg/frontmatter,
// types the keys of every kind of page and reports every
// problem with its file, line and column. It reads; it resolves nothing
// across pages beyond duplicate ids and URLs.
package content
