// Package matrix turns the program model into what partners read: benefit
// matrices (HTML, CSV, JSON, text and Markdown), tier and certification
// summaries and the curriculum catalog. Every table is computed from the
// model, so it cannot disagree with the pages it summarises.
package matrix
