package secret

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"
)

// Options say what a Redactor knows.
type Options struct {
	// Secrets are every secret of the scan, each with the reported path of its file (or a
	// value alone, Line 0: the organisation's own default passwords, say).
	Secrets []Span
	// Public are values the program may print although a file holds them as a secret: the
	// vendor defaults every copy of a product ships with ("openc3password"), which rules name
	// in their messages so the reader knows what to rotate. A secret equal to a public value is
	// not looked for by value, and no 8 bytes that are also 8 bytes of a public value are (a
	// secret "openc3password2" leaves "the shipped default "openc3password"" and "a cleartext
	// password" readable: what they show is published). In quoted lines a public value is
	// still masked where a parser marked it: that line is what the finding is about, and a
	// quoted value invites copying; the same bytes elsewhere (the user openc3quest next to the
	// default openc3questpassword, a comment about passwords) stay readable.
	Public []string
	// Encoded also masks each secret in the encodings a rule could print it in (base64, hex,
	// URL escaping, JSON escaping): set when custom rules run, since a policy author's rule
	// may hand on a value encoded, where a built-in rule never quotes one at all. Off, a scan
	// of 100,000 passwords does not pay for six more forms of each.
	Encoded bool
}

// Redactor masks secrets in every string the program prints. Build one per scan with
// NewRedactor; it is safe for concurrent use. A nil *Redactor knows no secret and returns
// every string unchanged: a writer that quotes source lines must refuse to quote without one.
//
// A secret of windowSize bytes or more is masked wherever any windowSize bytes of it appear
// (a message that quotes half a password, a library error that cuts a value short, a value
// split over two lines); a shorter one only where it stands as a whole token, since short
// values are often ordinary words. Values shorter than minToken bytes are masked by position
// only. Both searches take time linear in the length of the string.
type Redactor struct {
	values matcher
	// lines holds, per path and line, the byte ranges parsers marked.
	lines map[string]map[int][]colRange
}

const (
	// windowSize is the length of the pieces of a secret that must never be printed.
	windowSize = 8
	// minToken is the shortest secret masked by value.
	minToken = 3
	// maxSpanLines bounds the lines one span covers.
	maxSpanLines = 1 << 22
)

// colRange is a byte range [from, to) of one line; to < 0 means to the end of the line.
type colRange struct{ from, to int }

// NewRedactor builds a Redactor from every secret of a scan.
func NewRedactor(opt Options) *Redactor {
	public := make(map[string]bool, len(opt.Public))
	for _, p := range opt.Public {
		public[p] = true
	}
	r := &Redactor{lines: map[string]map[int][]colRange{}}
	for p := range public {
		for i := 0; i+windowSize <= len(p); i++ {
			r.values.public.add(window(p, i))
		}
	}
	for _, sp := range opt.Secrets {
		r.addPosition(sp)
		if sp.Public || public[sp.Value] {
			continue
		}
		for _, v := range pieces(sp.Value) {
			if public[v] {
				continue
			}
			r.values.add(v)
			if opt.Encoded {
				for _, e := range encodings(v) {
					r.values.add(e)
				}
			}
		}
	}
	return r
}

// pieces are the values a secret is masked by: the value, trimmed too, and each line of a
// multi-line value (a quoted line holds one of them, a message may too).
func pieces(v string) []string {
	t := strings.TrimSpace(v)
	if t == "" {
		return nil
	}
	out := []string{v}
	if t != v {
		out = append(out, t)
	}
	if strings.ContainsAny(t, "\r\n") {
		for _, l := range strings.FieldsFunc(t, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

// encodings are the forms of v a rule could print it in besides v itself.
func encodings(v string) []string {
	b := []byte(v)
	out := []string{
		base64.StdEncoding.EncodeToString(b), base64.URLEncoding.EncodeToString(b),
		hex.EncodeToString(b), strings.ToUpper(hex.EncodeToString(b)),
	}
	if q := url.QueryEscape(v); q != v {
		out = append(out, q)
	}
	if j, err := json.Marshal(v); err == nil && string(j[1:len(j)-1]) != v {
		out = append(out, string(j[1:len(j)-1]))
	}
	return out
}

func (r *Redactor) addPosition(sp Span) {
	if sp.Line < 1 {
		return
	}
	endLine := sp.EndLine
	if endLine < sp.Line {
		endLine = sp.Line
	}
	// A span longer than any file deploylint reads is a parser's bug, not a reason to loop.
	endLine = min(endLine, sp.Line+maxSpanLines)
	byLine := r.lines[sp.Path]
	if byLine == nil {
		byLine = map[int][]colRange{}
		r.lines[sp.Path] = byLine
	}
	for l := sp.Line; l <= endLine; l++ {
		c := colRange{from: 0, to: -1}
		if l == sp.Line && sp.Column > 1 {
			c.from = sp.Column - 1
		}
		if l == endLine && sp.EndColumn > 0 {
			c.to = sp.EndColumn - 1
		}
		byLine[l] = append(byLine[l], c)
	}
}

// String masks every secret in s: messages, errors, stderr lines, anything but a quoted
// source line (see Line).
func (r *Redactor) String(s string) string {
	if r == nil || len(s) < minToken {
		return s
	}
	var c coverage
	r.values.cover(s, &c)
	return c.apply(s)
}

// Line masks the secrets of line number line of the file reported as path, as a report quotes
// it (without its line break): where the parsers marked them, and wherever a secret's value
// appears.
func (r *Redactor) Line(path string, line int, text string) string {
	if r == nil || text == "" {
		return text
	}
	var c coverage
	for _, cr := range r.lines[path][line] {
		from, to := cr.from, cr.to
		if to < 0 || to > len(text) {
			to = len(text)
		}
		if from < to {
			c.set(from, to)
		}
	}
	r.values.cover(text, &c)
	return c.apply(text)
}

// Error returns err with its message masked; errors.Is and errors.As still see the original.
func (r *Redactor) Error(err error) error {
	if r == nil || err == nil {
		return err
	}
	msg := err.Error()
	red := r.String(msg)
	if red == msg {
		return err
	}
	return &redactedError{msg: red, err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// coverage collects the byte ranges of a string to be masked. Window hits come in order and
// are merged as they come, so a string full of secrets costs one range per secret, and
// overlapping ranges cost nothing more than their length once.
type coverage struct{ runs [][2]int }

func (c *coverage) set(from, to int) {
	if n := len(c.runs); n > 0 {
		if last := &c.runs[n-1]; from >= last[0] && from <= last[1] {
			last[1] = max(last[1], to)
			return
		}
	}
	c.runs = append(c.runs, [2]int{from, to})
}

// apply replaces each run of masked bytes, widened to whole UTF-8 characters, by one Mask.
func (c *coverage) apply(s string) string {
	if len(c.runs) == 0 {
		return s
	}
	runs := c.runs
	sort.Slice(runs, func(i, j int) bool { return runs[i][0] < runs[j][0] })
	var b strings.Builder
	b.Grow(len(s))
	at := 0        // the bytes before at are written
	lastMask := -1 // where the last mask written ends
	for i := 0; i < len(runs); {
		from, to := runs[i][0], runs[i][1]
		for i++; i < len(runs) && runs[i][0] <= to; i++ {
			to = max(to, runs[i][1])
		}
		for from > 0 && !utf8.RuneStart(s[from]) {
			from--
		}
		for to < len(s) && !utf8.RuneStart(s[to]) {
			to++
		}
		from = max(from, at) // widening may reach back into what is written
		if to <= from {
			continue
		}
		b.WriteString(s[at:from])
		if from != lastMask {
			b.WriteString(Mask) // a run touching the last one is the same mask
		}
		at, lastMask = to, to
	}
	b.WriteString(s[at:])
	return b.String()
}

// matcher finds the values of a set of secrets in a string.
type matcher struct {
	// windows holds every windowSize-byte window of the values at least that long.
	windows set64
	// public holds the windows of public values, which may be printed although a secret
	// holds them too: a user's "openc3password2" must not mask the shipped default
	// "openc3password" a message names, nor "password" in "has a cleartext password".
	public set64
	// short holds the shorter values, each packed with its length (see pack).
	short set64
	// lengths has bit n set when a short value of n bytes exists.
	lengths uint8
	// first has bit c set when a short value starts with byte c.
	first [4]uint64
}

func (m *matcher) add(v string) {
	switch {
	case len(v) >= windowSize:
		for i := 0; i+windowSize <= len(v); i++ {
			m.windows.add(window(v, i))
		}
	case len(v) >= minToken:
		m.short.add(pack(v))
		m.lengths |= 1 << len(v)
		m.first[v[0]>>6] |= 1 << (v[0] & 63)
	}
}

// window is the little-endian number made of v[i:i+windowSize].
func window(v string, i int) uint64 {
	var w uint64
	for k := windowSize - 1; k >= 0; k-- {
		w = w<<8 | uint64(v[i+k])
	}
	return w
}

// pack makes one number of a value shorter than windowSize and its length.
func pack(v string) uint64 {
	w := uint64(len(v)) << 56
	for k := len(v) - 1; k >= 0; k-- {
		w |= uint64(v[k]) << (8 * k)
	}
	return w
}

// cover marks in c every byte of s that belongs to a secret.
func (m *matcher) cover(s string, c *coverage) {
	if m.windows.n > 0 && len(s) >= windowSize {
		w := window(s, 0)
		for i := 0; ; i++ {
			if m.windows.has(w) && !m.public.has(w) {
				c.set(i, i+windowSize)
			}
			if i+windowSize >= len(s) {
				break
			}
			w = w>>8 | uint64(s[i+windowSize])<<56
		}
	}
	if m.short.n == 0 {
		return
	}
	for i := 0; i+minToken <= len(s); i++ {
		b := s[i]
		if m.first[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		// A whole token: the match neither continues a word on its left nor on its right.
		if i > 0 && isWordByte(s[i-1]) && isWordByte(b) {
			continue
		}
		for n := minToken; n < windowSize && i+n <= len(s); n++ {
			if m.lengths&(1<<n) == 0 {
				continue
			}
			j := i + n
			if j < len(s) && isWordByte(s[j]) && isWordByte(s[j-1]) {
				continue
			}
			if m.short.has(pack(s[i:j])) {
				c.set(i, j)
			}
		}
	}
}

// set64 is a set of uint64 with open addressing: a scan adds a few thousand windows, looked up
// once per byte of every printed string, so it must be small and quick rather than general.
type set64 struct {
	slots []uint64 // 0 marks an empty slot
	mask  uint64   // len(slots)-1; len(slots) is a power of two
	zero  bool     // whether 0 itself is in the set
	n     uint64
}

func (s *set64) add(k uint64) {
	if k == 0 {
		if !s.zero {
			s.zero = true
			s.n++
		}
		return
	}
	if s.slots == nil || (s.n+1)*2 > s.mask+1 {
		s.grow()
	}
	if s.insert(k) {
		s.n++
	}
}

func (s *set64) insert(k uint64) bool {
	for i := hash64(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i] {
		case k:
			return false
		case 0:
			s.slots[i] = k
			return true
		}
	}
}

func (s *set64) grow() {
	old := s.slots
	size := uint64(16)
	for size < (s.n+1)*4 {
		size *= 2
	}
	s.slots, s.mask = make([]uint64, size), size-1
	for _, k := range old {
		if k != 0 {
			s.insert(k)
		}
	}
}

func (s *set64) has(k uint64) bool {
	if k == 0 {
		return s.zero
	}
	if s.slots == nil {
		return false
	}
	for i := hash64(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// hash64 spreads the bits of k (Fibonacci hashing, then a shift folds the high bits down).
func hash64(k uint64) uint64 {
	h := k * 0x9E3779B97F4A7C15
	return h ^ h>>29
}

// Values returns value-only spans (Line 0) for secrets known without a file: the
// organisation's own default passwords from the configuration, which messages must never show.
func Values(vals ...string) []Span {
	out := make([]Span, 0, len(vals))
	for _, v := range vals {
		if v != "" {
			out = append(out, Span{Value: v})
		}
	}
	return out
}
