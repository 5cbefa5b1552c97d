package keyfile

import (
	_ "embed"
	"slices"
)

// schema is the JSON Schema of the input document of kind "private-key": the contract between this
// parser and the rules, kept beside the parser so a change to one shows in the other's diff.
//
//go:embed schema.json
var schema []byte

// Schema returns the JSON Schema (draft 2020-12) of the `input` rules of kind "private-key" see. A
// test validates it against the input of every parsed fixture; docs/input/ is generated from it.
// The bytes are a copy: callers may keep or change them.
func (*Scanner) Schema() []byte { return slices.Clone(schema) }
