package rules

import (
	"sort"

	"github.com/deploylint/deploylint/scanners"
)

// Finding is one reported problem at one place.
type Finding struct {
	RuleID      string         `json:"rule"`
	Severity    Severity       `json:"severity"`
	Message     string         `json:"message"`
	Path        string         `json:"path"`
	Range       scanners.Range `json:"range"`
	Fingerprint string         `json:"fingerprint"`
	Suppressed  *Suppression   `json:"suppressed,omitempty"`
	// Related are the other places a cross-file finding stands on (the .env line a users.acl
	// finding compares with), in SARIF's relatedLocations.
	Related []Location `json:"related,omitempty"`
	// Repair is the edit that fixes the finding when it holds no secret (deploylint fix
	// plans it; SARIF carries it as the result's fixes). Nil unless the scan asked for repairs.
	Repair *Repair `json:"-"`
}

// Repair is a fix of one finding, as editors apply it: text replacing ranges of files.
type Repair struct {
	Description string
	Files       []FileEdits
}

// FileEdits are a repair's replacements in one file, in order, none overlapping.
type FileEdits struct {
	Path  string
	Edits []Replacement
}

// Replacement replaces a range (empty to insert) with Text.
type Replacement struct {
	Range scanners.Range
	Text  string
}

// Location is a place in a scanned file other than the finding's own, and what it is there.
type Location struct {
	Path    string         `json:"path"`
	Range   scanners.Range `json:"range"`
	Message string         `json:"message"`
}

// Suppression records why a finding is not counted (an inline ignore, a baseline).
type Suppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// SortFindings orders findings by path, line, column, rule and message, so the same input gives
// byte-identical output.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		if a.Range.Start.Column != b.Range.Start.Column {
			return a.Range.Start.Column < b.Range.Start.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}
