package scan

import "sync/atomic"

// Progress counts a running scan's work so another goroutine (a terminal progress line) can
// read it without locks. The zero value is ready to use.
type Progress struct {
	files, parsed, docs, evaluated atomic.Int64
}

// ProgressSnapshot is one reading of a Progress.
type ProgressSnapshot struct {
	// Files is how many files the scan reads; Parsed how many it has read.
	Files, Parsed int
	// Docs is how many documents rules judge (0 until parsing ends); Evaluated how many are done.
	Docs, Evaluated int
}

// Snapshot reads the counters.
func (p *Progress) Snapshot() ProgressSnapshot {
	return ProgressSnapshot{
		Files: int(p.files.Load()), Parsed: int(p.parsed.Load()),
		Docs: int(p.docs.Load()), Evaluated: int(p.evaluated.Load()),
	}
}
