// Package secret owns what a secret is and what may be printed.
//
// Parsers mark every secret value they see with a Span: where it is in which file, and the
// value itself. A Redactor built from all of them scrubs every string that leaves the program
// (finding messages, library errors, stderr, baselines) and every source line a report quotes.
// The knowledge of which names hold secrets (IsSecretName), which values are not secrets
// whatever their name (Plain), and which shapes inside a string carry one (InText, Args,
// ScanLines) lives here and nowhere else, so scanners and reports cannot drift apart.
//
// The package imports nothing of deploylint's: scanners, rules and reports import it.
package secret

// Mask stands in for a hidden value, in messages and quoted lines alike.
const Mask = "••••••"

// Span is one secret value as a parser found it.
//
// Line and Column are 1-based, columns counting bytes; EndLine and EndColumn point just past
// the value's last byte, so a value on one line spans columns [Column, EndColumn). EndLine 0
// means Line; EndColumn 0 means to the end of EndLine. Line 0 means the position is unknown
// (a value read from a file the report never quotes, or computed by interpolation): the value
// is then masked wherever it appears, but no line is masked by position.
//
// Path is the file holding the value, a slash path as the document names files. Parsers leave
// it empty for the document's own file and set it when the value comes from another one (an
// included file, the .env a compose file interpolates); the driver resolves it to the
// reported path before building the Redactor.
//
// Value is the secret as the program that reads the file would use it: unquoted and
// unescaped. A multi-line value keeps its line breaks. A value the parser could only read as
// written, with ${…} references in it, gives its literal parts (see Literal): the variable
// names are no secret. An empty Value masks the position alone: ScanLines marks so the values
// of a file no parser could read, which may or may not be secrets.
type Span struct {
	Path      string
	Line      int
	Column    int
	EndLine   int
	EndColumn int
	Value     string
	// Public says the value may be printed in messages although it is a secret here (see
	// Named and Options.Public).
	Public bool
}

// Found is a secret inside one string: the bytes s[Start:End].
type Found struct {
	Start, End int
}

// Named marks public the spans whose value is one of names: a password equal to its user's
// name, or to the name of the service that uses it, is named by every message about that user
// or service, and a mask there would hide which one the message is about. Such a value stays
// masked in quoted lines (see Options.Public).
func Named(spans []Span, names map[string]bool) {
	for i := range spans {
		if names[spans[i].Value] {
			spans[i].Public = true
		}
	}
}
