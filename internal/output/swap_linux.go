package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeDirs swaps two folders in one step. Filesystems without
// RENAME_EXCHANGE answer EINVAL, and kernels without renameat2 ENOSYS.
func exchangeDirs(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}

// processAlive reports whether a process with this id exists (signal 0
// checks without sending anything). EPERM means it exists under another
// user.
func processAlive(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}
