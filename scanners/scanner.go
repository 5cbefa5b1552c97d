package scanners

import (
	"path"

	"github.com/deploylint/deploylint/scanners/confine"
)

// Scanner reads one format. Match decides from the file name alone (for a directory walk);
// Sniff confirms or decides from the first bytes of the content; Parse turns bytes into a
// Document. Parse must never panic on any input.
type Scanner interface {
	Kind() string
	Match(rel string) NameMatch
	Sniff(head []byte) bool
	Parse(path string, src []byte) (*Document, error)
}

// NameMatch is what a file name alone says about a file's kind.
type NameMatch int

const (
	// NoMatch means the name rules the kind out.
	NoMatch NameMatch = iota
	// MaybeMatch means the name fits, the content must confirm (Sniff).
	MaybeMatch
	// Match means the name alone decides.
	Match
	// ExplicitOnly marks a documentation variant (.env.example) scanned only when named explicitly.
	ExplicitOnly
)

// Base returns the last element of a slash path.
func Base(rel string) string { return path.Base(rel) }

// FileParser is implemented by scanners whose format reads other files beside the one given
// (nginx and redis.conf includes, compose's .env, override, env_file and extends files). The
// pipeline calls ParseFile instead of Parse and hands over the scan's reader: every such file
// is read through r, confined to t.Root, and one it refuses is recorded in Document.Skipped.
// With a nil r nothing beside src is read.
type FileParser interface {
	ParseFile(t Target, src []byte, r *confine.Reader) (*Document, error)
}
