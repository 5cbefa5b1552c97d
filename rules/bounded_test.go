package rules_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners/dotenv"
)

// doubling is the body of a rule that doubles a value with expr ($S the value so far) n
// times, then reports its length: 2^n bytes asked for by n lines.
func doubling(start, expr string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "deny contains {\"msg\": sprintf(\"%%v\", [count(sprintf(\"%%v\", [s%d]))])} if {\n\ts0 := %s\n", n, start)
	b.WriteString(chain(n, expr))
	b.WriteString("}\n")
	return b.String()
}

// sharing is the body of a rule that nests four references to one value n times (4^n leaves
// in a few kilobytes: a comprehension's elements are the value itself, not copies) and hands
// the result to call. (Literals would not do: OPA copies a literal's variables' values when it
// binds it, so [a, a, a, a] is four copies, built in one step.)
func sharing(leaf, call string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "deny contains {\"msg\": sprintf(\"%%v\", [count(x)])} if {\n\ta0 := %s\n", leaf)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\ta%d := {k: a%d | some k in [\"a\", \"b\", \"c\", \"d\"]}\n", i, i-1)
	}
	fmt.Fprintf(&b, "\tx := %s\n}\n", strings.ReplaceAll(call, "X", fmt.Sprintf("a%d", n)))
	return b.String()
}

// hugeCalls are custom rules whose one built-in call would build far more than 1 MiB (most of
// them gigabytes, or run for hours), each with the built-in that must stop it.
var hugeCalls = []struct{ name, builtin, body string }{
	{"replace_n doubling", "strings.replace_n", doubling(`"a"`, `strings.replace_n({"a": "aa"}, $S)`, 40)},
	{"replace doubling", "replace", doubling(`"a"`, `replace($S, "a", "aa")`, 40)},
	{"regex.replace doubling", "regex.replace", doubling(`"a"`, `regex.replace($S, "a+", "$0$0")`, 40)},
	{"sprintf doubling", "sprintf", doubling(`"a"`, `sprintf("%s%s", [$S, $S])`, 40)},
	{"concat doubling", "concat", doubling(`"a"`, `concat("", [$S, $S])`, 40)},
	{"concat delimiter", "concat", "deny contains {\"msg\": x} if {\n\td := concat(\"\", [c | some _ in numbers.range(1, 10000); c := \"aaaaaaaaaa\"])\n\tx := concat(d, [c | some _ in numbers.range(1, 10000); c := \"b\"])\n}\n"},
	{"sprintf widths", "sprintf", "deny contains {\"msg\": x} if {\n\tf := concat(\"\", [v | some _ in numbers.range(1, 1000); v := \"%999999d\"])\n\tx := sprintf(f, [])\n}\n"},
	{"array.concat doubling", "array.concat", doubling(`["a"]`, `array.concat($S, $S)`, 40)},
	{"hex.encode doubling", "hex.encode", doubling(`"a"`, `hex.encode($S)`, 40)},
	{"json.marshal doubling", "json.marshal", doubling("`\"\\`", `json.marshal($S)`, 40)},
	{"json.marshal of a shared value", "json.marshal", sharing(`"aaaaaaaa"`, `json.marshal(X)`, 16)},
	{"yaml.marshal of a shared value", "yaml.marshal", sharing(`"aaaaaaaa"`, `yaml.marshal(X)`, 16)},
	{"sprintf of a shared value", "sprintf", sharing(`"aaaaaaaa"`, `sprintf("%v", [X])`, 16)},
	{"object.union of a shared value", "object.union", sharing(`{"k": 1}`, `object.union(X, X)`, 16)},
	{"array.flatten of a shared value", "array.flatten", "deny contains {\"msg\": sprintf(\"%v\", [count(x)])} if {\n\ta0 := [1]\n" + flattenLevels(16) + "\tx := array.flatten(a16)\n}\n"},
	{"split into characters", "split", "deny contains {\"msg\": sprintf(\"%v\", [count(x)])} if {\n\ts0 := \"a\"\n" + chain(19, `concat("", [$S, $S])`) + "\tx := split(s19, \"\")\n}\n"},
	{"numbers.range", "numbers.range", "deny contains {\"msg\": sprintf(\"%v\", [count(x)])} if {\n\tx := numbers.range(1, 100000000000)\n}\n"},
	{"a number doubling", "mul", doubling(`1e300`, `$S * $S`, 40)},
	{"bits.lsh", "bits.lsh", "deny contains {\"msg\": sprintf(\"%v\", [x > 0])} if {\n\tx := bits.lsh(1, 100000000000)\n}\n"},
	{"format_int", "format_int", "deny contains {\"msg\": x} if {\n\ts0 := 1e300\n" + chain(5, "$S * $S") + "\tx := format_int(s5, 2)\n}\n"},
	{"units.parse", "units.parse", "deny contains {\"msg\": sprintf(\"%v\", [x > 0])} if {\n\tx := units.parse(\"1e999999k\")\n}\n"},
	{"a template's loop", "strings.render_template", "deny contains {\"msg\": x} if {\n\tx := strings.render_template(\"{{range 100000000000}}{{end}}\", {})\n}\n"},
	{"a template's printf", "strings.render_template", "deny contains {\"msg\": x} if {\n\tx := strings.render_template(\"{{range 100}}{{printf \\\"%999999d\\\" 1}}{{end}}\", {})\n}\n"},
	{"a template's doubling", "strings.render_template", "deny contains {\"msg\": x} if {\n\tx := strings.render_template(\"{{$s := \\\"&\\\"}}{{range 40}}{{$s = html $s $s}}{{end}}{{$s}}\", {})\n}\n"},
	{"a template's recursion", "strings.render_template", "deny contains {\"msg\": x} if {\n\tx := strings.render_template(\"{{define \\\"t\\\"}}{{template \\\"t\\\" .}}{{template \\\"t\\\" .}}{{end}}{{template \\\"t\\\" .}}\", {})\n}\n"},
	{"a graph's paths", "graph.reachable_paths", "deploylint_nodes := {n | some n in numbers.range(1, 14)}\n\ndeny contains {\"msg\": sprintf(\"%v\", [count(x)])} if {\n\tg := {n: deploylint_nodes | some n in deploylint_nodes}\n\tx := graph.reachable_paths(g, {1})\n}\n"},
	{"many calls under the limit", "json.marshal", "deny contains {\"msg\": sprintf(\"%v\", [count(xs)])} if {\n\ts0 := \"a\"\n" + chain(19, `concat("", [$S, $S])`) + "\txs := [x | some i in numbers.range(1, 100); x := json.marshal([i, s19])]\n}\n"},
}

// chain is the lines s1 := expr($S = s0) … sn := expr($S = sn-1).
func chain(n int, expr string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\ts%d := %s\n", i, strings.ReplaceAll(expr, "$S", fmt.Sprintf("s%d", i-1)))
	}
	return b.String()
}

func flattenLevels(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\ta%d := [v | some _ in [1, 2, 3, 4]; v := a%d]\n", i, i-1)
	}
	return b.String()
}

// TestHugeBuiltinCallsAreStopped: each rule of hugeCalls is stopped at its first call past the
// limit, promptly and having built little, and reported as META003 naming the rule and the
// call; the folder's other rule and the built-in rules still report.
func TestHugeBuiltinCallsAreStopped(t *testing.T) {
	ctx := context.Background()
	doc, err := dotenv.New().Parse(".env", []byte("OPENC3_REDIS_PASSWORD=openc3password\nAPP_DEBUG=true\n"))
	if err != nil {
		t.Fatal(err)
	}
	debug := customRule("ORG201", "deploylint.rules.org.debug", `deny contains {"msg": "APP_DEBUG is on"} if {
	some v in input.data.vars
	v.name == "APP_DEBUG"
}`)
	for _, tc := range hugeCalls {
		t.Run(tc.name, func(t *testing.T) {
			files := mapFS(map[string]string{"big.rego": customRule("ORG200", "deploylint.rules.org.big", tc.body), "debug.rego": debug})
			fs := evalBounded(ctx, t, files, rules.Input{Doc: doc}, 1<<20, 4<<20, 32<<20)
			want2 := ""
			want := "policy ORG200 (org/big.rego) was stopped: its call of " + tc.builtin + " at org/big.rego:"
			if tc.name == "many calls under the limit" {
				want = "its call of json.marshal at org/big.rego:32 would build more than the "
				want2 = " left of the 4 MiB its built-in calls may build on this file"
			}
			var got []string
			found := map[string]bool{}
			for _, f := range fs {
				got = append(got, f.RuleID+" "+f.Message)
				found[f.RuleID] = found[f.RuleID] || f.RuleID != "META003" || strings.Contains(f.Message, want) && strings.Contains(f.Message, want2)
			}
			if !found["META003"] || !found["ORG201"] || !found["ENV001"] {
				t.Fatalf("want META003 %q, ORG201 and ENV001; got\n%s", want, strings.Join(got, "\n"))
			}
		})
	}
}

// TestHugeFindingsAreStopped: a finding carrying a value of shared parts (4^20 leaves in a few
// kilobytes, built without a built-in call) is measured before OPA copies it out, and the rule
// reported as META003; the folder's other rule and the built-in rules still report.
func TestHugeFindingsAreStopped(t *testing.T) {
	ctx := context.Background()
	doc, err := dotenv.New().Parse(".env", []byte("OPENC3_REDIS_PASSWORD=openc3password\nAPP_DEBUG=true\n"))
	if err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	body.WriteString("deny contains {\"msg\": \"shared\", \"extra\": a20} if {\n\ta0 := \"aaaaaaaa\"\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&body, "\ta%d := [a%d | some _ in [1, 2, 3, 4]]\n", i, i-1)
	}
	body.WriteString("}\n")
	debug := customRule("ORG201", "deploylint.rules.org.debug", `deny contains {"msg": "APP_DEBUG is on"} if {
	some v in input.data.vars
	v.name == "APP_DEBUG"
}`)
	files := mapFS(map[string]string{"big.rego": customRule("ORG200", "deploylint.rules.org.big", body.String()), "debug.rego": debug})
	fs := evalBounded(ctx, t, files, rules.Input{Doc: doc}, 1<<20, 4<<20, 32<<20)
	found := map[string]bool{}
	var got []string
	for _, f := range fs {
		got = append(got, f.RuleID+" "+f.Message)
		found[f.RuleID] = found[f.RuleID] || f.RuleID != "META003" ||
			strings.Contains(f.Message, "policy ORG200 (org/big.rego) was stopped: its findings would be more than 1 MiB written out")
	}
	if !found["META003"] || !found["ORG201"] || !found["ENV001"] || found["ORG200"] {
		t.Fatalf("want META003 for ORG200, ORG201 and ENV001; got\n%s", strings.Join(got, "\n"))
	}
}

// TestHugeCallAtDefaultLimits: the same at the default limits, with the example (a
// comprehension over 100 million numbers handed to concat) and a doubling one.
func TestHugeCallAtDefaultLimits(t *testing.T) {
	ctx := context.Background()
	doc, err := dotenv.New().Parse(".env", []byte("OPENC3_REDIS_PASSWORD=openc3password\n"))
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct{ builtin, body string }{
		"concat of a range": {"numbers.range", `deny contains {"msg": sprintf("%d", [count(x)])} if {
	x := concat("", [s | some i in numbers.range(1, 100000000); s := "aaaaaaaaaa"])
}`},
		"replace_n doubling": {"strings.replace_n", doubling(`"a"`, `strings.replace_n({"a": "aa"}, $S)`, 40)},
	} {
		t.Run(name, func(t *testing.T) {
			files := mapFS(map[string]string{"big.rego": customRule("ORG200", "deploylint.rules.org.big", tc.body)})
			// OPA's implementations allocate a few times what they return (a buffer that grows
			// by doubling, then a copy): 2^0 … 2^26 bytes of strings cost about 320 MiB.
			fs := evalBounded(ctx, t, files, rules.Input{Doc: doc}, 0, 0, 3*rules.DefaultEvalLimit)
			found := map[string]bool{}
			for _, f := range fs {
				found[f.RuleID] = found[f.RuleID] || f.RuleID != "META003" || strings.Contains(f.Message, "its call of "+tc.builtin)
			}
			if !found["META003"] || !found["ENV001"] {
				t.Fatalf("got %+v", fs)
			}
		})
	}
}

// evalBounded loads the built-in rules and a custom folder with the given limits, compiles
// them, then evaluates in and fails when that allocates more than maxAlloc bytes (the
// process's TotalAlloc, so the tests of this package must not run in parallel with it) or
// does not end within a minute.
func evalBounded(ctx context.Context, t *testing.T, files fstest.MapFS, in rules.Input, call, eval int64, maxAlloc uint64) []rules.Finding {
	t.Helper()
	e, err := rules.NewEngineWith(ctx, rules.EngineOptions{
		Sources:   []rules.PolicySource{{Name: "builtin", FS: policies.FS}, {Name: "org", FS: files, Custom: true}},
		CallLimit: call, EvalLimit: eval, EvalTimeout: time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Prepare(ctx, []string{in.Doc.Kind, "eval-stopped"}); err != nil {
		t.Fatal(err)
	}
	hang := time.AfterFunc(2*time.Minute, func() { panic("the evaluation did not end within two minutes") })
	defer hang.Stop()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fs, err := e.Eval(ctx, in)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	if alloc > maxAlloc {
		t.Errorf("the evaluation allocated %d MiB, more than %d MiB", alloc>>20, maxAlloc>>20)
	}
	t.Logf("allocated %.1f MiB", float64(alloc)/(1<<20))
	return fs
}

// TestCustomTestsAreBounded: `deploylint test` bounds a custom folder's tests as a scan bounds
// its rules: a doubling test stops at the call past the limit, having built little, while a
// test whose calls stay small (and one that mocks a bounded built-in) still passes.
func TestCustomTestsAreBounded(t *testing.T) {
	ctx := context.Background()
	big := "package org.big_test\n\ntest_doubling if {\n\ts0 := \"a\"\n" + chain(40, `concat("", [$S, $S])`) + "\tcount(s40) > 0\n}\n\n" +
		"test_small if {\n\tconcat(\"-\", [\"a\", \"b\"]) == \"a-b\"\n}\n\n" +
		"test_mocked if {\n\tconcat(\"-\", [\"a\"]) == \"mock\" with concat as fake\n}\n\nfake(_, _) := \"mock\"\n"
	e, err := rules.NewEngineWith(ctx, rules.EngineOptions{
		Sources: []rules.PolicySource{{Name: "org", FS: mapFS(map[string]string{"big_test.rego": big}), Custom: true}},
		Tests:   true, CallLimit: 1 << 20, EvalLimit: 4 << 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	results, err := e.RunTests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	got := map[string]string{}
	for _, r := range results {
		switch {
		case r.Err != nil:
			got[r.Name] = r.Err.Error()
		case r.Fail:
			got[r.Name] = "fail"
		default:
			got[r.Name] = "pass"
		}
	}
	if !strings.Contains(got["test_doubling"], "would build more than 1 MiB in one built-in call") ||
		got["test_small"] != "pass" || got["test_mocked"] != "pass" {
		t.Errorf("results %v", got)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("the tests allocated %d MB", n>>20)
	}
}
