// Package build runs the stages in order, load → resolve → validate →
// search → render → commit. Each mode has its entry point (Check, Index,
// Preview, Build), which calls the stages it needs on one per-build
// value; the command line, the server and the tests all build through
// them. Two paths run stages in orders of their own: the languages of a
// multilingual site (languages.go, a build per language into a prefixed
// sink) and the preview's quick rebuild (quick.go), which renders the
// edited pages alone into the last build's state.
//
// # What lives how long
//
// Data that lives across stages is not changed after the stage that
// makes it: pages (content.Page, with their front matter decoded once into
// typed values), their scans (markdown.Doc), the site and the program
// model. The one exception is the quick rebuild, which swaps the edited
// pages and their scans into the last build's site in place (that site
// is the preview's own, and no other build reads it). Memory is saved by letting whole stage results go once their one
// reader is done, at these points and nowhere else:
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
// anything from them.
package build
