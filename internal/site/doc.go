// Package site is the resolve stage: it scans every loaded page's
// Markdown once, indexes pages by id, alias, file and URL across versions,
// and builds the navigation tree. The result is read-only and shared by
// link checking, rendering and (later) search.
package site
