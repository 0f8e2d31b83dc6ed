// Package build runs the stages in order, load → resolve → validate →
// search → render → commit, and is the one place that knows their order.
// Each mode has its entry point (Check, Index, Preview, Build), which
// calls the stages it needs on one per-build value; the command line,
// the server and the tests all build through them.
//
// # What lives how long
//
// Data that lives across stages is never changed after the stage that
// makes it: pages (content.Page, with their front matter decoded once into
// typed values), their scans (markdown.Doc), the site and the program
// model. Memory is saved by letting whole stage results go once their one
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
