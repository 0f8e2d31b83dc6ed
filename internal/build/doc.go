// Package build runs the stages. Every run takes the same list, in this
// order (stages, in plan.go):
//
//	load → resolve → history → validate → translations → search → render → languages → guides → commit
//
// Each entry point (Check, Index, Preview, Build) only decides a plan:
// what the scans keep (HTML, text), whether to read Git history, update
// the search indexes or make the static one, render and into what (the
// preview's memory, or a staged output folder swapped in at commit) and
// whether to print the program guides into that folder (guidepdf.go). A
// stage reads the needs it has, never the command, and does nothing when
// the plan does not ask for its work; the command line, the server and
// the tests all build through these entry points. A site with several
// languages runs each other language through the same list, from resolve
// to render, in the languages stage (languages.go). The preview's quick
// rebuild (quick.go) runs the same list from the last build's result: its
// plan carries the edited pages, load reads nothing else, resolve copies
// the last site with them in it, validate keeps the last findings and
// render draws the edited pages alone.
//
// # What lives how long
//
// Data that lives across stages is not changed after the stage that
// makes it: pages (content.Page, with their front matter decoded once into
// typed values), their scans (markdown.Doc), the site and the program
// model; nor is what a build leaves for the next (the session's caches
// keep their own entries; the quick rebuild's start, quick, is copied
// where an edit changes it: site.Site.Edited). Memory is saved by letting
// whole stage results go once their one reader is done, at these points
// and nowhere else:
//
//   - the pages' bodies (content.Bodies) are taken by resolve, one by one
//     as each is scanned;
//   - the scans' text (site.Outputs.Text) goes when the search documents
//     are collected (startSearch), before the render;
//   - the scans' HTML (site.Outputs.HTML) is handed to the render, which
//     owns it and drops each body's once the last page showing it is
//     rendered;
//   - the search documents' text is the search stage's own, dropped once
//     analysed into terms.
//
// The preview server keeps what a next build can reuse in its Session,
// whose caches hold their own references, so none of the above takes
// anything from them. Its search stage also starts from the last one's
// static index (search.ExportState): a quick index first, which
// Result.SearchSoon returns, then the full one, which Result.Search
// returns; a build for publishing makes the full one only.
package build
