package installyaml

import (
	_ "embed"
	"slices"
)

// The JSON Schemas of the input documents of this package's two kinds: the contract between
// the parser and the rules, kept beside the parser so a change to one shows in the other's diff.
var (
	//go:embed dcos-config.schema.json
	dcosSchema []byte
	//go:embed fetchml-api.schema.json
	fetchMLSchema []byte
)

// Schema returns the JSON Schema (draft 2020-12) of the `input` rules of the scanner's kind
// see (dcos-config or fetchml-api); nil for a kind without one. A test validates it against
// the input of every parsed fixture; docs/input/ is generated from it. The bytes are a copy.
func (s *Scanner) Schema() []byte {
	switch s.kind {
	case "dcos-config":
		return slices.Clone(dcosSchema)
	case "fetchml-api":
		return slices.Clone(fetchMLSchema)
	}
	return nil
}
