package schema_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/builtin"
	"github.com/deploylint/deploylint/scanners/schema"
)

// repoRoot is the repository seen from this package's folder.
const repoRoot = "../.."

// schemaFiles returns every schema by kind, with common.json under "common".
func schemaFiles(t *testing.T) map[string][]byte {
	t.Helper()
	all, err := schema.ByKind(builtin.Scanners())
	if err != nil {
		t.Fatal(err)
	}
	all["common"] = schema.Common()
	return all
}

// header is what every schema declares about itself.
type header struct {
	Schema      string         `json:"$schema"`
	ID          string         `json:"$id"`
	Ref         string         `json:"$ref"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Properties  map[string]any `json:"properties"`
}

func readHeader(t *testing.T, kind string, raw []byte) header {
	t.Helper()
	var h header
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return h
}

// repoPath is where a schema lives in the repository, from its $id.
func repoPath(t *testing.T, kind, id string) string {
	t.Helper()
	p, ok := strings.CutPrefix(id, schema.BaseURL)
	if !ok {
		t.Fatalf("%s: $id %q does not start with %s", kind, id, schema.BaseURL)
	}
	return p
}

// TestSchemas checks the schemas themselves: each compiles (with the envelope it refers to),
// is draft 2020-12, has an $id naming the file it is embedded from, a title and a description,
// refers to common.json, pins its kind, and describes every field it documents.
func TestSchemas(t *testing.T) {
	v, err := schema.NewValidator(builtin.Scanners())
	if err != nil {
		t.Fatal(err)
	}
	all := schemaFiles(t)
	if got, want := v.Kinds(), slices.DeleteFunc(slices.Sorted(maps.Keys(all)), func(k string) bool { return k == "common" }); !slices.Equal(got, want) {
		t.Errorf("validator kinds %v, schemas %v", got, want)
	}
	for _, kind := range slices.Sorted(maps.Keys(all)) {
		raw := all[kind]
		h := readHeader(t, kind, raw)
		if h.Schema != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema %q, want draft 2020-12", kind, h.Schema)
		}
		onDisk, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(repoPath(t, kind, h.ID))))
		if err != nil || !bytes.Equal(onDisk, raw) {
			t.Errorf("%s: $id %s does not name the file the schema is embedded from", kind, h.ID)
		}
		if h.Title == "" || h.Description == "" {
			t.Errorf("%s: the schema needs a title and a description", kind)
		}
		if kind != "common" {
			if !strings.HasSuffix(h.Ref, "common.json") {
				t.Errorf("%s: the schema must refer to common.json ($ref), not %q", kind, h.Ref)
			}
			k, _ := h.Properties["kind"].(map[string]any)
			if k["const"] != kind {
				t.Errorf("%s: properties.kind.const is %v, want %q", kind, k["const"], kind)
			}
		}
		fields, err := schema.Fields(raw)
		if err != nil {
			t.Errorf("%s: %v", kind, err)
		}
		for _, f := range fields {
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("%s: %s has no description: custom-policy authors read it", kind, schema.Ref(f.Path))
			}
		}
	}
}

// TestNewValidatorWantsEverySchema: a scanner without a Schema method is refused.
func TestNewValidatorWantsEverySchema(t *testing.T) {
	list := append(builtin.Scanners(), schemaless{})
	if _, err := schema.NewValidator(list); err == nil || !strings.Contains(err.Error(), "kind schemaless") {
		t.Fatalf("a scanner without a schema: got %v, want an error naming its kind", err)
	}
}

type schemaless struct{ scanners.Scanner }

func (schemaless) Kind() string { return "schemaless" }

// TestValidatorRefusesUnknownRefs: a $ref to a schema that is not deploylint's fails to
// compile rather than being fetched.
func TestValidatorRefusesUnknownRefs(t *testing.T) {
	bad := []byte(`{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/x.json", "$ref": "https://example.org/elsewhere.json", "properties": {"kind": {"const": "x"}}}`)
	list := append(builtin.Scanners(), withSchema{kind: "x", schema: bad})
	if _, err := schema.NewValidator(list); err == nil {
		t.Fatal("a schema referring outside deploylint's schemas compiled")
	}
}

type withSchema struct {
	scanners.Scanner
	kind   string
	schema []byte
}

func (w withSchema) Kind() string   { return w.kind }
func (w withSchema) Schema() []byte { return w.schema }
