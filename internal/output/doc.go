// Package output writes a build atomically: every file goes into a staging
// folder beside the destination, and only a build that finished is
// swapped in. A failed build leaves the previous output as it was.
package output
