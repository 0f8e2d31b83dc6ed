//go:build !unix

package content

import "os"

// readPlain reads a regular file (see readfile_unix.go for why Unix
// systems have their own; elsewhere a page replaced by a link after the
// walk is followed).
func readPlain(name string) ([]byte, error) { return os.ReadFile(name) }
