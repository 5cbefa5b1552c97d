package scanners

import "path"

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

// FileParser is implemented by scanners whose format reads sibling files (compose reads the
// project's .env and env_file entries). The pipeline calls ParseFile instead of Parse; the
// scanner must not read anything outside t.Root.
type FileParser interface {
	ParseFile(t Target, src []byte) (*Document, error)
}
