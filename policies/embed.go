// Package policies holds deploylint's built-in Rego rules, their unit tests and their shared
// library and data (lib/), one folder per rule under a folder per kind.
package policies

import "embed"

// FS holds every .rego and .json file of the built-in policies.
//
//go:embed lib/*.rego lib/*.json */*/*.rego index.json
var FS embed.FS
