// Package site is the resolve stage: it scans every loaded page's
// Markdown once, indexes pages by id, alias, file and URL across versions,
// and builds the navigation tree. The result is shared by link checking,
// the program model, rendering and search, which read it; only the
// preview's quick rebuild changes it after resolve (see package build).
package site
