package scanners

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// ReadRegular reads a file a scanner consults beside the one it parses (the .env of a compose
// file, git's metadata), of at most maxSize bytes. Anything but a regular file is an error: in
// a hostile tree a FIFO would block the scan forever and a device could be endless. The open
// does not block and the type is checked on the opened file, so nothing can be swapped in
// between.
func ReadRegular(p string, maxSize int64) ([]byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	if st.Size() > maxSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", p, maxSize)
	}
	return io.ReadAll(io.LimitReader(f, maxSize))
}
