// Package memo is the one kind of cache the preview server keeps from one
// rebuild to the next: entries by key; Sweep forgets those the last build
// did not use, and Reset drops all of them when what they depend on (the
// tag: configuration, engine options, site structure) changed. Every
// method is safe for concurrent use and does nothing on a nil cache, so
// a one-shot build passes nil.
package memo
