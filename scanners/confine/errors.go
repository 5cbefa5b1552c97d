package confine

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// Error is a read that was refused or failed. Rel is the name relative to the root (never an
// absolute path: errors reach users); Err is what callers branch on.
type Error struct {
	Op  string // "read", "stat" or "list"
	Rel string
	Err error
}

func (e *Error) Error() string { return e.Op + " " + e.Rel + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// Reasons a read is refused; fs.ErrNotExist and fs.ErrPermission are used as they are.
var (
	// ErrOutsideRoot: the name, or a symlink on its way, leads out of the root. Nothing outside
	// is looked at, so the answer is the same whether or not the outside path exists.
	ErrOutsideRoot = errors.New("outside the scan root")
	// ErrSymlinkOutside is the ErrOutsideRoot of a name inside the root whose symlink leads
	// out; errors.Is(err, ErrOutsideRoot) holds for it too.
	ErrSymlinkOutside error = linkOutside{}
	// ErrNotRegular: a FIFO, device, socket or folder where a file's bytes were expected.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge is matched by every *TooLargeError.
	ErrTooLarge = errors.New("above the size limit")
	// ErrBudget is matched by every *BudgetError.
	ErrBudget = errors.New("above the scan's read budget")
	// ErrChanged: the file opened is not the file checked (replaced between the two).
	ErrChanged = errors.New("changed while being read")
)

type linkOutside struct{}

func (linkOutside) Error() string { return "symlink leads out of the scan root" }

func (linkOutside) Is(target error) bool { return target == ErrOutsideRoot }

// TooLargeError is a file above the per-file limit.
type TooLargeError struct {
	Size, Limit int64
	// Grew is set when the file passed the size check and grew while it was read.
	Grew bool
}

func (e *TooLargeError) Error() string {
	if e.Grew {
		return fmt.Sprintf("grew above the %d-byte size limit while being read", e.Limit)
	}
	return fmt.Sprintf("%d bytes, above the %d-byte size limit", e.Size, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) hold.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// BudgetError is a read refused because the scan has read its budget already.
type BudgetError struct{ Budget int64 }

func (e *BudgetError) Error() string {
	return fmt.Sprintf("the scan has read its %d-byte budget", e.Budget)
}

// Is makes errors.Is(err, ErrBudget) hold.
func (e *BudgetError) Is(target error) bool { return target == ErrBudget }

// Reason says in a few words, for a "not scanned" finding, why a read was refused. The
// wording matches what the pipeline says of scan targets, so a file skipped as a target and
// as an include reads the same.
func Reason(err error) string {
	var tl *TooLargeError
	var be *BudgetError
	switch {
	case errors.As(err, &tl) && tl.Grew:
		return fmt.Sprintf("grew above the %d-byte size limit while being read", tl.Limit)
	case errors.As(err, &tl):
		return fmt.Sprintf("%d bytes, above the %d-byte size limit (max_file_size, --max-file-size)", tl.Size, tl.Limit)
	case errors.As(err, &be):
		return fmt.Sprintf("the scan has read its %d-byte budget; not read", be.Budget)
	case errors.Is(err, ErrSymlinkOutside):
		return "symlink leads out of the scan root; not followed"
	case errors.Is(err, ErrOutsideRoot):
		return "outside the scan root; not read"
	case errors.Is(err, ErrNotRegular):
		return "not a regular file"
	case errors.Is(err, ErrChanged):
		return "replaced while being read; not read"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Err.Error()
	}
	return err.Error()
}

// ioError keeps what went wrong and drops the absolute path an *fs.PathError carries.
func ioError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return fs.ErrNotExist
	case errors.Is(err, fs.ErrPermission):
		return fs.ErrPermission
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// openError is ioError for an open with O_NOFOLLOW: a symlink where the walk found a file
// means the file was replaced after the check.
func openError(err error) error {
	if errors.Is(err, syscall.ELOOP) {
		return ErrChanged
	}
	return ioError(err)
}
