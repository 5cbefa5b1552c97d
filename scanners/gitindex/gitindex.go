// Package gitindex reads the paths a git index (.git/index) tracks, and nothing else.
//
// go-git decodes every field of every entry: on a monorepo's index (50,000 entries, 4 MB) that
// took about 100 ms, paid by every pre-commit run that names one .env. Answering "is this path
// tracked" needs only the names, which this package reads in one pass over the file without
// allocating per entry (versions 2 to 4, SHA-1 and SHA-256 object names, sparse directory
// entries). The format is git's Documentation/gitformat-index.txt.
package gitindex

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Index is the set of paths an index tracks.
type Index struct {
	names []string // sorted, as git keeps them; conflict stages repeat a name
	// dirs are sparse directory entries ("dir/"): every path below one is tracked, though the
	// index does not list it.
	dirs []string
}

// ErrUnsupported is returned for an index whose entries live partly in another file (a split
// index): its tracked set cannot be told from this file alone.
var ErrUnsupported = errors.New("split index (core.splitIndex) is not supported")

const headerSize = 12

// Parse reads an index file's contents. hashSize is the repository's object name length: 20
// for SHA-1, 32 for SHA-256.
func Parse(b []byte, hashSize int) (*Index, error) {
	if hashSize != 20 && hashSize != 32 {
		return nil, fmt.Errorf("object name size %d: want 20 or 32", hashSize)
	}
	if len(b) < headerSize+hashSize || string(b[:4]) != "DIRC" {
		return nil, errors.New("not a git index (no DIRC header)")
	}
	version := binary.BigEndian.Uint32(b[4:8])
	if version < 2 || version > 4 {
		return nil, fmt.Errorf("index version %d is not supported", version)
	}
	n := binary.BigEndian.Uint32(b[8:12])
	end := len(b) - hashSize // the trailing checksum
	// Every entry takes at least 40 bytes of stat data, the object name and 2 of flags: a
	// count the file cannot hold is corrupt, and must not size an allocation.
	if int64(n) > int64(end-headerSize)/int64(42+hashSize) {
		return nil, fmt.Errorf("index claims %d entries in %d bytes", n, len(b))
	}
	// One string for all names, sliced per entry: no allocation per entry.
	all := string(b[:end])
	idx := &Index{names: make([]string, 0, n)}
	var prev []byte // v4: the previous name, which the next one shares a prefix with
	off := headerSize
	for i := uint32(0); i < n; i++ {
		start := off
		fixed := 40 + hashSize + 2
		if off+fixed > end {
			return nil, fmt.Errorf("entry %d runs past the end of the index", i)
		}
		mode := binary.BigEndian.Uint32(b[off+24 : off+28])
		flags := binary.BigEndian.Uint16(b[off+40+hashSize:])
		off += fixed
		if flags&0x4000 != 0 { // extended flags (version 3 and later)
			if version < 3 {
				return nil, fmt.Errorf("entry %d has extended flags in a version %d index", i, version)
			}
			off += 2
			if off > end {
				return nil, fmt.Errorf("entry %d runs past the end of the index", i)
			}
		}
		var name string
		if version == 4 {
			strip64, w := varint(b[off:end])
			if w == 0 || strip64 > uint64(len(prev)) {
				return nil, fmt.Errorf("entry %d: bad path prefix", i)
			}
			strip := int(strip64) //nolint:gosec // at most len(prev), checked above
			off += w
			nul := bytes.IndexByte(b[off:end], 0)
			if nul < 0 {
				return nil, fmt.Errorf("entry %d: path not terminated", i)
			}
			prev = append(prev[:len(prev)-strip], b[off:off+nul]...)
			name = string(prev)
			off += nul + 1
		} else {
			nul := bytes.IndexByte(b[off:end], 0)
			if nul < 0 {
				return nil, fmt.Errorf("entry %d: path not terminated", i)
			}
			name = all[off : off+nul]
			// NUL padding brings the entry to a multiple of 8 bytes, with at least one NUL.
			off = start + (off-start+nul+8)&^7
			if off > end {
				return nil, fmt.Errorf("entry %d runs past the end of the index", i)
			}
		}
		if mode&0o170000 == 0o040000 && strings.HasSuffix(name, "/") {
			idx.dirs = append(idx.dirs, name)
			continue
		}
		idx.names = append(idx.names, name)
	}
	// Extensions: a four-byte signature and a 32-bit size each, up to the checksum.
	for off+8 <= end {
		sig := string(b[off : off+4])
		size := int64(binary.BigEndian.Uint32(b[off+4 : off+8]))
		if sig == "link" {
			return nil, ErrUnsupported
		}
		if size > int64(end-off-8) {
			return nil, fmt.Errorf("extension %q runs past the end of the index", sig)
		}
		off += 8 + int(size)
	}
	if !sort.StringsAreSorted(idx.names) {
		sort.Strings(idx.names) // git writes them sorted; a hand-made index may not be
	}
	return idx, nil
}

// varint decodes git's offset encoding (each continuation adds one before shifting); w is the
// bytes read, 0 when the input ends or overflows.
func varint(b []byte) (v uint64, w int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	v = uint64(c & 0x7f)
	w = 1
	for c&0x80 != 0 {
		if w >= len(b) || w > 9 {
			return 0, 0
		}
		c = b[w]
		w++
		v = ((v + 1) << 7) | uint64(c&0x7f)
	}
	return v, w
}

// Tracked reports whether the index tracks the slash path (relative to the work tree top).
func (x *Index) Tracked(path string) bool {
	i := sort.SearchStrings(x.names, path)
	if i < len(x.names) && x.names[i] == path {
		return true
	}
	for _, d := range x.dirs {
		if strings.HasPrefix(path, d) {
			return true
		}
	}
	return false
}

// Len is the number of file entries (conflict stages count apart).
func (x *Index) Len() int { return len(x.names) }
