// Package schema holds the contract between the parsers and the rules: a JSON Schema (draft
// 2020-12) of the `input` document of every kind. common.json describes the envelope all kinds
// share (kind, path, data and the pipeline's facts: stack, git, file, secret_files, mounts);
// each scanner keeps its kind's schema beside its parser and returns it from a Schema method;
// this folder also holds the schemas of the kinds the engine builds itself for its META rules.
//
// Tests validate the input of every parsed fixture against these schemas, and docs/input/ is
// generated from them, so what custom-policy authors read is what the parsers produce.
package schema

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/deploylint/deploylint/scanners"
)

// BaseURL starts every schema's $id: the schema's place in the repository, so that a
// relative $ref ("../schema/common.json") resolves both online and in a checkout.
const BaseURL = "https://raw.githubusercontent.com/deploylint/deploylint/main/"

// CommonID is the $id of the envelope schema every kind's schema refers to.
const CommonID = BaseURL + "scanners/schema/common.json"

var (
	//go:embed common.json
	common []byte
	//go:embed parse-error.json
	parseError []byte
	//go:embed skipped.json
	skipped []byte
	//go:embed eval-stopped.json
	evalStopped []byte
	//go:embed suppressions.json
	suppressions []byte
)

// Common returns the envelope schema (common.json). The bytes are a copy.
func Common() []byte { return slices.Clone(common) }

// Engine returns, by kind, the schemas of the documents the pipeline and the engine build
// themselves: parse-error (META001), skipped (META004), eval-stopped (META003) and
// suppressions (META002). The bytes are copies.
func Engine() map[string][]byte {
	return map[string][]byte{
		"parse-error":  slices.Clone(parseError),
		"skipped":      slices.Clone(skipped),
		"eval-stopped": slices.Clone(evalStopped),
		"suppressions": slices.Clone(suppressions),
	}
}

// Provider is a scanner that publishes the schema of its kind's input.
type Provider interface {
	Schema() []byte
}

// ByKind returns the schema of every kind the scanners produce and of the engine's own kinds.
// A scanner without a schema is an error: its documents would reach rules undocumented.
func ByKind(list []scanners.Scanner) (map[string][]byte, error) {
	out := Engine()
	var errs []error
	for _, s := range list {
		p, ok := s.(Provider)
		var b []byte
		if ok {
			b = p.Schema()
		}
		if len(b) == 0 {
			errs = append(errs, fmt.Errorf("kind %s (%T) has no input schema: add schema.json beside its parser and a Schema method", s.Kind(), s))
			continue
		}
		if _, dup := out[s.Kind()]; dup {
			errs = append(errs, fmt.Errorf("kind %s has two schemas", s.Kind()))
			continue
		}
		out[s.Kind()] = b
	}
	return out, errors.Join(errs...)
}

// Validator checks input documents against their kind's schema.
type Validator struct {
	byKind map[string]*jsonschema.Schema
}

// NewValidator compiles the schemas of ByKind(list), each with the envelope it refers to.
// Nothing is fetched: every $ref must resolve to one of these schemas.
func NewValidator(list []scanners.Scanner) (*Validator, error) {
	raw, err := ByKind(list)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	// No loader: a $ref that names a schema not added here fails instead of reaching the
	// network or the disk.
	c.UseLoader(noLoader{})
	common, err := jsonschema.UnmarshalJSON(bytes.NewReader(Common()))
	if err != nil {
		return nil, fmt.Errorf("decode common.json: %w", err)
	}
	if err := c.AddResource(CommonID, common); err != nil {
		return nil, fmt.Errorf("add common.json: %w", err)
	}
	ids := map[string]string{}
	for _, kind := range slices.Sorted(maps.Keys(raw)) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw[kind]))
		if err != nil {
			return nil, fmt.Errorf("decode the schema of kind %s: %w", kind, err)
		}
		obj, _ := doc.(map[string]any)
		id, _ := obj["$id"].(string)
		if id == "" {
			return nil, fmt.Errorf("the schema of kind %s has no $id", kind)
		}
		if err := c.AddResource(id, doc); err != nil {
			return nil, fmt.Errorf("add the schema of kind %s: %w", kind, err)
		}
		ids[kind] = id
	}
	v := &Validator{byKind: map[string]*jsonschema.Schema{}}
	for kind, id := range ids {
		sch, err := c.Compile(id)
		if err != nil {
			return nil, fmt.Errorf("compile the schema of kind %s: %w", kind, err)
		}
		v.byKind[kind] = sch
	}
	return v, nil
}

// Kinds lists, sorted, the kinds the validator has a schema for.
func (v *Validator) Kinds() []string { return slices.Sorted(maps.Keys(v.byKind)) }

// Validate checks one input document, given as JSON, against the schema of its kind, and each
// of its mounts against the schema of the mounted kind (common.json cannot say which).
func (v *Validator) Validate(input []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(input))
	if err != nil {
		return fmt.Errorf("decode input: %w", err)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return fmt.Errorf("input is %T, not an object", doc)
	}
	if err := v.validate(obj); err != nil {
		return err
	}
	mounts, _ := obj["mounts"].(map[string]any)
	for _, target := range slices.Sorted(maps.Keys(mounts)) {
		m, ok := mounts[target].(map[string]any)
		if !ok {
			continue // the envelope schema has refused it already
		}
		if err := v.validate(map[string]any{"kind": m["kind"], "path": m["path"], "data": m["data"]}); err != nil {
			return fmt.Errorf("mounts[%q]: %w", target, err)
		}
	}
	return nil
}

func (v *Validator) validate(obj map[string]any) error {
	kind, _ := obj["kind"].(string)
	sch, ok := v.byKind[kind]
	if !ok {
		return fmt.Errorf("kind %q has no input schema", kind)
	}
	if err := sch.Validate(obj); err != nil {
		return fmt.Errorf("input of kind %s: %w", kind, err)
	}
	return nil
}

// noLoader refuses every URL a $ref names that was not added to the compiler.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("%s is not one of deploylint's input schemas", url)
}
