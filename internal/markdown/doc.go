// Package markdown wraps goldmark: GFM, footnotes, heading ids, chroma
// highlighting with CSS classes, and partnerdocs' shortcodes. It scans a
// body for what other stages need (headings, links with their positions,
// a description) and renders it with every link rewritten by a caller's
// resolver. It knows nothing about sites or versions.
package markdown
