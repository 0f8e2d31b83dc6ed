//go:build unix

package sitefile

import "syscall"

// A file swapped for a link or a FIFO between the check and the open is
// refused rather than followed or waited on.
const (
	oNoFollow = syscall.O_NOFOLLOW
	oNonBlock = syscall.O_NONBLOCK
)
