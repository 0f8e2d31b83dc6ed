//go:build !linux

package output

// exchangeDirs has no atomic form on this system: Commit uses two renames
// and Recover repairs a kill between them.
func exchangeDirs(a, b string) error { return errNoExchange }

// processAlive cannot be told portably here; a folder is taken for a
// running build's, and left alone, only while it is the current process's.
func processAlive(pid int) bool { return false }
