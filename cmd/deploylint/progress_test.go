package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deploylint/deploylint/scan"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestProgressQuietForShortScans: a scan that ends before the delay prints nothing at all.
func TestProgressQuietForShortScans(t *testing.T) {
	var out lockedBuffer
	pl := startProgress(&out, &scan.Progress{}, time.Hour, time.Millisecond)
	pl.Stop()
	if out.String() != "" {
		t.Fatalf("printed %q", out.String())
	}
}

// TestProgressLineRedrawsAndErases: past the delay the line shows the counters, redraws in
// place, and is erased when the scan ends.
func TestProgressLineRedrawsAndErases(t *testing.T) {
	var out lockedBuffer
	p := &scan.Progress{}
	pl := startProgress(&out, p, 0, time.Millisecond)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "reading 0/0 files") && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	pl.Stop()
	got := out.String()
	if !strings.HasPrefix(got, "\rdeploylint: reading 0/0 files\x1b[K") {
		t.Fatalf("line = %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Fatalf("the line is not erased at the end: %q", got)
	}
}
