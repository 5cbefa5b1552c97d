//go:build unix

package confine

import "syscall"

// Open flags: O_NONBLOCK so that a FIFO swapped in after the check cannot block the open,
// O_NOFOLLOW so that a symlink swapped in for the last component fails (ELOOP).
const (
	oNonblock  = syscall.O_NONBLOCK
	oNoFollow  = syscall.O_NOFOLLOW
	oDirectory = syscall.O_DIRECTORY
)
