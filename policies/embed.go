// Package policies holds deploylint's built-in Rego rules and their unit tests, one folder per
// rule under a folder per kind, their shared library (lib/, with the tests' input builders in
// lib/test/) and their data. Data lives where OPA's loader puts it: deploylint/data/defaults/
// data.json is data.deploylint.data.defaults, and deploylint/config/data.json is the
// configuration plain opa sees (a scan replaces it with .deploylint.hcl's).
package policies

import "embed"

// FS holds every .rego file of the built-in policies, their data, the policy index and the guide
// map (guides.yaml: which statement of which vendor guide each rule enforces).
//
//go:embed lib/*.rego */*/*.rego index.json guides.yaml deploylint
var FS embed.FS
