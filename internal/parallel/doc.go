// Package parallel runs a function over the indexes of a slice on every
// core. Workers claim small runs of indexes from a shared counter rather
// than receiving one item per channel send: in a preview rebuild most
// items are cache hits of a microsecond, and a channel hand-off per item
// cost more than the work.
package parallel
