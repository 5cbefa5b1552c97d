package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/scanners"
)

// inputValue builds the `input` document as an OPA value directly: a JSON round trip costs
// more than evaluating most rules.
func inputValue(doc *scanners.Document) (ast.Value, error) {
	in := map[string]any{"kind": doc.Kind, "path": doc.Path, "data": doc.Data}
	if doc.Stack != nil {
		env := make(map[string]any, len(doc.Stack.Env))
		for k, v := range doc.Stack.Env {
			env[k] = map[string]any{"value": v.Value, "path": v.Path, "line": v.Line}
		}
		files := make([]any, len(doc.Stack.Files))
		for i, f := range doc.Stack.Files {
			files[i] = f
		}
		in["stack"] = map[string]any{"dir": doc.Stack.Dir, "env": env, "files": files}
	}
	if len(doc.SecretFileModes) > 0 {
		files := make(map[string]any, len(doc.SecretFileModes))
		for rel, m := range doc.SecretFileModes {
			files[rel] = int(m)
		}
		in["secret_files"] = files
	}
	if doc.Git != nil {
		in["git"] = map[string]any{"tracked": doc.Git.Tracked, "ignored": doc.Git.Ignored}
	}
	if doc.CheckPermissions {
		in["file"] = map[string]any{"mode": int(doc.Mode)}
	}
	if len(doc.Mounts) > 0 {
		mounts := make(map[string]any, len(doc.Mounts))
		for target, m := range doc.Mounts {
			mounts[target] = map[string]any{"path": m.Path, "kind": m.Kind, "data": m.Data}
		}
		in["mounts"] = mounts
	}
	return toValue(in)
}

func toValue(v any) (ast.Value, error) {
	switch x := v.(type) {
	case nil:
		return ast.Null{}, nil
	case string:
		return ast.String(x), nil
	case bool:
		return ast.Boolean(x), nil
	case int:
		return ast.Number(json.Number(fmt.Sprint(x))), nil
	case int64:
		return ast.Number(json.Number(fmt.Sprint(x))), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ast.String(fmt.Sprint(x)), nil // JSON has no NaN or infinity
		}
		return ast.Number(json.Number(strconv.FormatFloat(x, 'g', -1, 64))), nil
	case []any:
		terms := make([]*ast.Term, len(x))
		for i, e := range x {
			ev, err := toValue(e)
			if err != nil {
				return nil, err
			}
			terms[i] = ast.NewTerm(ev)
		}
		return ast.NewArray(terms...), nil
	case []string:
		terms := make([]*ast.Term, len(x))
		for i, e := range x {
			terms[i] = ast.StringTerm(e)
		}
		return ast.NewArray(terms...), nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		items := make([][2]*ast.Term, 0, len(x))
		for _, k := range keys {
			ev, err := toValue(x[k])
			if err != nil {
				return nil, err
			}
			items = append(items, [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(ev)})
		}
		return ast.NewObject(items...), nil
	default:
		// Parsers should hand plain JSON types; anything else still works, more slowly.
		return ast.InterfaceToValue(x)
	}
}
