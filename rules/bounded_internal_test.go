package rules

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// twinSamples are calls within the bounds, one or more for each bounded built-in: its twin
// must give what OPA gives.
var twinSamples = map[string][]string{
	"concat":                  {`concat(", ", ["a", "b", "c"])`, `concat("-", {"x", "y"})`},
	"sprintf":                 {`sprintf("%s=%d %v %5.2f %[1]q %*d", ["a", 3, {"k": [1]}, 2.5, 4, 7])`},
	"format_int":              {`format_int(255, 16)`, `format_int(1e30, 2)`},
	"replace":                 {`replace("banana", "an", "AN")`, `replace("héllo", "", "-")`},
	"strings.replace_n":       {`strings.replace_n({"a": "1", "an": "2", "b": ""}, "banana bandana")`},
	"regex.replace":           {`regex.replace("a1b22c333", "[0-9]+", "<$0>")`, `regex.replace("abc", "^", "x")`},
	"strings.render_template": {"strings.render_template(`{{range $i, $v := .xs}}{{if $i}}, {{end}}{{printf \"%03d\" $v}}{{end}}; {{.name | html}} {{range 3}}x{{end}} {{.missing}}`, {\"xs\": [1, 2, 3], \"name\": \"<b>\"})", "strings.render_template(`{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .a}}{{with .b}}{{print . 1}}{{else}}none{{end}}{{js \"'\"}}{{urlquery \"a b\"}}{{println}}`, {\"a\": \"z\", \"b\": \"\"})"},
	"base64.encode":           {`base64.encode("hello")`},
	"base64url.encode":        {`base64url.encode("hello?>")`},
	"base64url.encode_no_pad": {`base64url.encode_no_pad("hello?>")`},
	"hex.encode":              {`hex.encode("hi")`},
	"urlquery.encode":         {`urlquery.encode("a b&c")`},
	"glob.quote_meta":         {`glob.quote_meta("*.[ch]")`},
	"urlquery.encode_object":  {`urlquery.encode_object({"a": "b c", "d": ["1", "2"], "e": {"x"}})`},
	"json.marshal":            {`json.marshal({"a": [1, "<&>", {"b": null}], "c": {1, 2}})`},
	"json.marshal_with_options": {
		`json.marshal_with_options({"a": [1, {"b": 2}]}, {"pretty": true})`,
		`json.marshal_with_options({"a": [1]}, {"indent": "  ", "prefix": "> "})`,
	},
	"yaml.marshal":                          {`yaml.marshal({"a": [1, {"b": "c"}]})`},
	"json.unmarshal":                        {`json.unmarshal("{\"a\": [1, 2.5, \"x\", null, true]}")`},
	"yaml.unmarshal":                        {`yaml.unmarshal("a:\n  - 1\n  - b: c\n")`},
	"yaml.is_valid":                         {`yaml.is_valid("a: [1")`, `yaml.is_valid("a: 1")`},
	"io.jwt.decode":                         {`io.jwt.decode("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")`},
	"urlquery.decode_object":                {`urlquery.decode_object("a=1&a=2&b=x%20y")`},
	"rego.parse_module":                     {`rego.parse_module("x.rego", "package p\n\nx := 1\n")`},
	"graphql.is_valid":                      {`graphql.is_valid("{ a }", "type Query { a: Int }")`},
	"graphql.parse":                         {`graphql.parse("{ a }", "type Query { a: Int }")`},
	"graphql.parse_and_verify":              {`graphql.parse_and_verify("{ a }", "type Query { a: Int }")`},
	"graphql.parse_query":                   {`graphql.parse_query("{ a b }")`},
	"graphql.parse_schema":                  {`graphql.parse_schema("type Query { a: Int }")`},
	"graphql.schema_is_valid":               {`graphql.schema_is_valid("type Query { a: Int }")`},
	"crypto.x509.parse_certificates":        {`crypto.x509.parse_certificates("bm90IGEgY2VydA==")`},
	"crypto.x509.parse_certificate_request": {`crypto.x509.parse_certificate_request("bm90IGEgY3Ny")`},
	"crypto.x509.parse_keypair":             {`crypto.x509.parse_keypair("a", "b")`},
	"crypto.x509.parse_rsa_private_key":     {`crypto.x509.parse_rsa_private_key("a")`},
	"crypto.parse_private_keys":             {`crypto.parse_private_keys("")`},
	"split":                                 {`split("a,b,,c", ",")`, `split("héllo", "")`},
	"strings.split_n":                       {`strings.split_n("a,b,c,d", ",", 2)`, `strings.split_n("a,b", ",", -1)`},
	"indexof_n":                             {`indexof_n("aaaa", "aa")`, `indexof_n("abc", "")`},
	"regex.split":                           {`regex.split("[,;]", "a,b;c")`},
	"regex.find_n":                          {`regex.find_n("[0-9]+", "a1b22c333", 2)`, `regex.find_n("x*", "axxb", -1)`},
	"regex.find_all_string_submatch_n":      {`regex.find_all_string_submatch_n("(a)(b)?", "abaab", -1)`},
	"numbers.range":                         {`numbers.range(1, 5)`, `numbers.range(3, -2)`},
	"numbers.range_step":                    {`numbers.range_step(0, 10, 3)`, `numbers.range_step(10, 0, 4)`},
	"array.concat":                          {`array.concat([1, 2], [3])`},
	"array.flatten":                         {`array.flatten([1, [2, [3, [4]]], []])`},
	"object.union":                          {`object.union({"a": {"b": 1, "c": 2}, "d": 1}, {"a": {"b": 3}, "e": 4})`},
	"object.union_n":                        {`object.union_n([{"a": {"b": 1}}, {"a": 4}, {"a": {"c": 3}}])`},
	"graph.reachable_paths": {
		`graph.reachable_paths({"a": ["b", "c"], "b": ["c", "a"], "c": ["d"], "d": [], "e": []}, {"a", "e", "z"})`,
		`graph.reachable_paths({"a": {"b"}, "b": {"a"}}, ["a"])`,
	},
	"plus":              {`1 + 2`, `1e30 + 1`},
	"minus":             {`5 - 7.5`},
	"mul":               {`1e20 * 3`},
	"div":               {`7 / 2`},
	"rem":               {`7 % 3`},
	"abs":               {`abs(-3)`},
	"ceil":              {`ceil(2.1)`},
	"floor":             {`floor(2.9)`},
	"round":             {`round(2.5)`},
	"sum":               {`sum([1, 2, 3.5])`},
	"product":           {`product({2, 3})`},
	"bits.and":          {`bits.and(12, 10)`},
	"bits.or":           {`bits.or(12, 10)`},
	"bits.xor":          {`bits.xor(12, 10)`},
	"bits.negate":       {`bits.negate(12)`},
	"bits.rsh":          {`bits.rsh(1024, 3)`},
	"bits.lsh":          {`bits.lsh(1, 70)`},
	"units.parse":       {`units.parse("1.5k")`, `units.parse("2e3M")`},
	"units.parse_bytes": {`units.parse_bytes("1KiB")`},
	"time.date":         {`time.date(1714557600000000000)`, `time.date([1714557600000000000, "UTC"])`},
	"time.clock":        {`time.clock([1714557600000000000, ""])`},
	"time.weekday":      {`time.weekday(1714557600000000000)`},
	"time.format":       {`time.format([1714557600000000000, "UTC", "2006-01-02"])`},
	"time.diff":         {`time.diff(0, 1714557600000000000)`},
	"time.parse_ns":     {`time.parse_ns("2006-01-02 15:04 -0700", "2024-05-01 10:00 +0200")`},
}

// evalWith evaluates `x := query` with OPA's built-ins, or with the twins in their place.
func evalWith(t *testing.T, query string, twins *boundedSet) (string, error) {
	t.Helper()
	caps := Capabilities()
	opts := []func(*rego.Rego){rego.Query("x := " + query)}
	if twins != nil {
		caps.Builtins = append(caps.Builtins, twins.decls...)
		opts = []func(*rego.Rego){rego.Query("x := " + query + twins.with)}
		opts = append(opts, twins.opts...)
	}
	opts = append(opts, rego.Capabilities(caps))
	pq, err := rego.New(opts...).PrepareForEval(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	ctx := withBudget(context.Background(), &evalBudget{left: DefaultEvalLimit})
	rs, err := pq.Eval(ctx)
	if err != nil {
		return "", err
	}
	if len(rs) == 0 {
		return "undefined", nil
	}
	b, err := json.Marshal(rs[0].Bindings["x"])
	if err != nil {
		t.Fatal(err)
	}
	return string(b), nil
}

// TestTwinsAgreeWithOPA: below the bounds, each twin gives what OPA's built-in gives; its
// own implementations (strings.render_template, graph.reachable_paths) included.
func TestTwinsAgreeWithOPA(t *testing.T) {
	twins := newBoundedSet(valueLimits{call: DefaultCallLimit, eval: DefaultEvalLimit})
	for _, b := range boundedBuiltins() {
		qs := twinSamples[b.name]
		if len(qs) == 0 {
			t.Errorf("%s: no sample in twinSamples", b.name)
		}
		for _, q := range qs {
			want, err := evalWith(t, q, nil)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			got, err := evalWith(t, q, twins)
			if err != nil {
				t.Errorf("%s with the twin: %v", q, err)
				continue
			}
			if got != want {
				t.Errorf("%s:\n twin %s\n opa  %s", q, got, want)
			}
		}
	}
}

// TestBoundedBuiltinsAreTwinnable: every bounded built-in is one policies may call, and one
// `with` can replace (no relation, no void function, nothing internal).
func TestBoundedBuiltinsAreTwinnable(t *testing.T) {
	allowed := map[string]*ast.Builtin{}
	for _, b := range Capabilities().Builtins {
		allowed[b.Name] = b
	}
	var seen []string
	for _, b := range boundedBuiltins() {
		bi := allowed[b.name]
		switch {
		case slices.Contains(seen, b.name):
			t.Errorf("%s: listed twice", b.name)
		case bi == nil:
			t.Errorf("%s: not a built-in policies may call", b.name)
		case bi.Relation || bi.Decl.Result() == nil || topdown.GetBuiltin(b.name) == nil:
			t.Errorf("%s: cannot be replaced by a twin", b.name)
		case b.need == nil && b.run == nil && b.refuse == nil:
			t.Errorf("%s: its twin checks nothing", b.name)
		}
		seen = append(seen, b.name)
	}
}
