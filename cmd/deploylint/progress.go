package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/deploylint/deploylint/scan"
)

// progressLine shows, on a terminal's stderr, how far a scan has come, once it has run longer
// than a second: short scans (the pre-commit case) print nothing.
type progressLine struct {
	w     io.Writer
	p     *scan.Progress
	delay time.Duration
	every time.Duration
	stop  chan struct{}
	done  sync.WaitGroup
	shown bool
}

func startProgress(w io.Writer, p *scan.Progress, delay, every time.Duration) *progressLine {
	pl := &progressLine{w: w, p: p, delay: delay, every: every, stop: make(chan struct{})}
	pl.done.Add(1)
	go pl.run()
	return pl
}

func (pl *progressLine) run() {
	defer pl.done.Done()
	timer := time.NewTimer(pl.delay)
	defer timer.Stop()
	select {
	case <-pl.stop:
		return
	case <-timer.C:
	}
	tick := time.NewTicker(pl.every)
	defer tick.Stop()
	for {
		pl.draw()
		select {
		case <-pl.stop:
			return
		case <-tick.C:
		}
	}
}

func (pl *progressLine) draw() {
	s := pl.p.Snapshot()
	line := fmt.Sprintf("deploylint: reading %d/%d files", s.Parsed, s.Files)
	if s.Docs > 0 {
		line = fmt.Sprintf("deploylint: checking %d/%d files", s.Evaluated, s.Files)
	}
	// \r and erase-to-end-of-line redraw in place.
	fmt.Fprintf(pl.w, "\r%s\x1b[K", line)
	pl.shown = true
}

// Stop ends the line and erases it, so the report starts on a clean line.
func (pl *progressLine) Stop() {
	close(pl.stop)
	pl.done.Wait()
	if pl.shown {
		fmt.Fprint(pl.w, "\r\x1b[K")
	}
}
