//go:build !linux

package content

import "os"

// readPlain reads a regular file (see readfile_linux.go for why Linux
// has its own).
func readPlain(name string) ([]byte, error) { return os.ReadFile(name) }
