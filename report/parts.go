package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/deploylint/deploylint/internal/workers"
)

// partsFrom is the number of findings from which a report is masked, encoded and rendered
// in parts, one per core: a report of 100,000 findings took seconds on one.
const partsFrom = 1 << 12

// inParts runs fn(0..n-1), in parts side by side once n reaches partsFrom; a part stops at
// its first error.
func inParts(n int, fn func(i int) error) error {
	errs := make([]error, workers.Parts(n, partsFrom))
	workers.Split(n, partsFrom, func(p, lo, hi int) {
		for i := lo; i < hi && errs[p] == nil; i++ {
			errs[p] = fn(i)
		}
	})
	return errors.Join(errs...)
}

// spliceList writes head, a JSON document indented by two spaces and holding the empty list
// `"key": []` once, with that list holding n items instead: item(i, prefix) is the i-th,
// indented under prefix, without a line break. The items are encoded a window at a time (in
// parts side by side once a window is large enough) and written before the next window is
// encoded, so a report of 100,000 findings is never held encoded whole; the whole is what one
// encoding of the document would give.
func spliceList(w io.Writer, head []byte, key string, n int, item func(i int, prefix string) ([]byte, error)) error {
	empty := []byte(fmt.Sprintf("%q: []", key))
	at := bytes.Index(head, empty)
	if at < 0 || n == 0 {
		_, err := w.Write(append(head, '\n'))
		return err
	}
	indent := at - bytes.LastIndexByte(head[:at], '\n') - 1
	prefix := strings.Repeat(" ", indent+2)
	if err := writeAll(w, head[:at], []byte(fmt.Sprintf("%q: [\n", key))); err != nil {
		return err
	}
	for lo := 0; lo < n; lo += spliceWindow {
		hi := min(n, lo+spliceWindow)
		parts := make([][]byte, workers.Parts(hi-lo, partsFrom))
		errs := make([]error, len(parts))
		workers.Split(hi-lo, partsFrom, func(p, plo, phi int) {
			var b bytes.Buffer
			for i := lo + plo; i < lo+phi; i++ {
				one, err := item(i, prefix)
				if err != nil {
					errs[p] = err
					return
				}
				b.WriteString(prefix)
				b.Write(one)
				if i < n-1 {
					b.WriteString(",\n")
				}
			}
			parts[p] = b.Bytes()
		})
		if err := errors.Join(errs...); err != nil {
			return err
		}
		if err := writeAll(w, parts...); err != nil {
			return err
		}
	}
	closing := "\n" + strings.Repeat(" ", indent) + "]"
	return writeAll(w, []byte(closing), head[at+len(empty):], []byte("\n"))
}

// spliceWindow is how many items spliceList encodes before writing them: two parts of
// partsFrom, one per core of a 2-core runner, a few megabytes of JSON.
const spliceWindow = 2 * partsFrom

func writeAll(w io.Writer, chunks ...[]byte) error {
	for _, c := range chunks {
		if _, err := w.Write(c); err != nil {
			return err
		}
	}
	return nil
}
