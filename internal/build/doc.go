// Package build runs the stages in order, load → resolve → validate →
// search → render → commit, and is the one place that knows their order.
// Each mode has its entry point (Check, Index, Preview, Build), which
// calls the stages it needs on one per-build value; the command line,
// the server and the tests all build through them.
package build
