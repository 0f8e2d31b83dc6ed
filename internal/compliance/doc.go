// Package compliance runs the quarterly tier review: it checks partners'
// figures against a program's matrix.json document and says which tier
// each qualifies for and what it lacks. The portal's self-check page runs
// the same rule in the browser; a test holds the two to the same results.
package compliance
