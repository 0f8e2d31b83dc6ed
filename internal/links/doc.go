// Package links resolves every link of a page, relative Markdown links,
// xref: ids, anchors and assets, to the address it has in the built site,
// and reports those that lead nowhere. The same resolution serves check
// (diagnostics with positions) and render (rewritten addresses), so the
// two can never disagree.
package links
