//go:build !linux

package scratch

// memoryRoot finds no tmpfs outside Linux: tests use the system's
// temporary folder.
func memoryRoot() string { return "" }

func alive(int) bool { return true }
