package confine

import "sync"

// Cache holds, for one scan, what formats derive from the files they include: a snippet
// that a thousand nginx files include through the same glob is read (and charged to the
// budget) once and parsed once, not once per includer. Entries are keyed by format, root and
// resolved path, so two names of one file share an entry, and live as long as the scan.
type Cache struct{ m sync.Map }

// NewCache returns an empty cache, for one scan.
func NewCache() *Cache { return &Cache{} }

type cacheKey struct{ kind, root, real string }

type cacheEntry struct {
	once sync.Once
	v    any
	err  error
}

// WithCache returns a view of r, with r's limits and budget, whose ReadCached shares c.
func (r *Reader) WithCache(c *Cache) *Reader {
	return &Reader{max: r.max, shared: r.shared, cache: c}
}

// ReadCached reads name confined to root as ReadFile does and returns derive(its bytes),
// once per scan for each kind and file when r carries a Cache: later calls, from any
// goroutine, get the first call's result, which callers must therefore not modify. A read
// error is remembered too (the file is refused the same way for every includer). Without a
// cache it reads and derives every time.
func (r *Reader) ReadCached(kind, root, name string, derive func(src []byte) (any, error)) (any, error) {
	if r.cache == nil {
		b, err := r.ReadFile(root, name)
		if err != nil {
			return nil, err
		}
		return derive(b)
	}
	t, err := r.resolve("read", root, name)
	if err != nil {
		return nil, err
	}
	v, _ := r.cache.m.LoadOrStore(cacheKey{kind, root, t.real}, &cacheEntry{})
	e := v.(*cacheEntry)
	e.once.Do(func() {
		var b []byte
		if b, e.err = r.ReadFile(root, name); e.err == nil {
			e.v, e.err = derive(b)
		}
	})
	return e.v, e.err
}
