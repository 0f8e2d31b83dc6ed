//go:build unix

package content

import (
	"errors"
	"io/fs"

	"golang.org/x/sys/unix"
)

// readPlain reads a regular file with plain system calls. os.ReadFile
// offers every file to Go's network poller (fcntl twice and an epoll_ctl
// that fails for regular files, then fcntl twice again) and stats it
// once more: four calls per page that read nothing. A file that grows
// while it is read is read to its end, or just past MaxPageSize, which the
// caller reports. O_NONBLOCK keeps a file replaced by a FIFO since the
// walk from blocking the load until the file's type is seen.
func readPlain(name string) ([]byte, error) {
	var size int64
	// O_NOFOLLOW: the walk saw a plain file; one replaced by a symbolic
	// link since could point outside the site, which only the tree's
	// own reads (which resolve links inside the site) may follow.
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	size = st.Size
	// One byte more than expected, so the read that finds the end is the
	// second, not a third after growing the buffer.
	buf := make([]byte, 0, max(size, 0)+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := unix.Read(fd, buf[len(buf):cap(buf)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 || len(buf)+n > MaxPageSize {
			return buf[:len(buf)+n], nil
		}
		buf = buf[:len(buf)+n]
	}
}

var errNotRegular = errors.New("not a regular file")
