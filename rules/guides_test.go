package rules_test

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/deploylint/deploylint/policies"
	"github.com/deploylint/deploylint/rules"
)

// uncitedRules are the built-in rules no statement of the four guides is about, each with why.
// The list only shrinks: TestEveryRuleCitesAStatement fails when one of them is cited after all.
func uncitedRules() map[string]string {
	const own = "the scanner's own finding: it says what deploylint could not audit, not what a guide asks"
	return map[string]string{
		"META001": own,
		"META002": own,
		"META003": own,
		"META004": own,
		"META005": own,
		"NGX011":  own,
		// Checks that stand on other sources than the four guides; listing them under a guide
		// statement they do not enforce would overstate the guide's coverage.
		"DCOS010": "the installer's customer_key placeholder: the configuration reference, not the security guide",
		"NGX007":  "directory listings: general nginx hardening, in none of the four guides",
		"NGX008":  "server_tokens: general nginx hardening, in none of the four guides",
	}
}

func builtinCatalogue(t *testing.T) *rules.Catalogue {
	t.Helper()
	e, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "builtin", FS: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	return e.Catalogue
}

func builtinGuideMap(t *testing.T) *rules.GuideMap {
	t.Helper()
	m, err := rules.ReadGuideMap(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestGuideMapStatements: the four guides are all there, each with statements, and no
// statement ID repeats (within a guide or across them).
func TestGuideMapStatements(t *testing.T) {
	m := builtinGuideMap(t)
	var ids []string
	for _, g := range m.Guides {
		ids = append(ids, g.ID)
	}
	if got := strings.Join(ids, " "); got != "S0 S1 S2 S3" {
		t.Errorf("guides %s, want S0 S1 S2 S3 (the four guides of the seeds)", got)
	}
	seen := map[string]bool{}
	for _, g := range m.Guides {
		if len(g.Statements) == 0 {
			t.Errorf("guide %s has no statement", g.ID)
		}
		for _, s := range g.Statements {
			if seen[s.ID] {
				t.Errorf("statement %s is listed twice", s.ID)
			}
			seen[s.ID] = true
		}
	}
}

// TestGuideMapNamesExistingRules: every rule a statement names exists among the built-in rules,
// and every rule it plans does not yet (when it does, move it to rules and revise coverage).
func TestGuideMapNamesExistingRules(t *testing.T) {
	cat := builtinCatalogue(t)
	for _, g := range builtinGuideMap(t).Guides {
		for _, s := range g.Statements {
			for _, id := range s.Rules {
				if _, ok := cat.Lookup(id); !ok {
					t.Errorf("statement %s names rule %s, which does not exist in policies/", s.ID, id)
				}
			}
			for _, id := range s.Planned {
				if _, ok := cat.Lookup(id); ok {
					t.Errorf("statement %s plans rule %s, which exists now: list it under rules and revise the coverage", s.ID, id)
				}
			}
		}
	}
}

// TestEveryRuleCitesAStatement: every built-in rule enforces at least one guide statement, and
// carries it in the catalogue (explain, SARIF help), except the few that say why not.
func TestEveryRuleCitesAStatement(t *testing.T) {
	uncited := uncitedRules()
	cat := builtinCatalogue(t)
	for _, r := range cat.Rules {
		why, exempt := uncited[r.ID]
		switch {
		case exempt && len(r.Statements) > 0:
			t.Errorf("%s is cited by %s: take it off the uncited list (%s)", r.ID, r.Statements[0].Statement, why)
		case !exempt && len(r.Statements) == 0:
			t.Errorf("%s cites no guide statement: name it under the statement it enforces in policies/%s", r.ID, rules.GuidesFile)
		}
		if exempt && strings.HasPrefix(why, "the scanner's own") && !strings.HasPrefix(r.Guide, "deploylint:") {
			t.Errorf("%s is exempt as the scanner's own finding, but its METADATA guide does not say so (%q)", r.ID, r.Guide)
		}
	}
	for id := range uncited {
		if _, ok := cat.Lookup(id); !ok {
			t.Errorf("uncited rule %s does not exist: take it off the list", id)
		}
	}
}

// TestRuleStatementsAgreeWithMap: what a rule carries is what the map says of it, with the
// statement's link into its guide page.
func TestRuleStatementsAgreeWithMap(t *testing.T) {
	r, ok := builtinCatalogue(t).Lookup("ACL001")
	if !ok {
		t.Fatal("no ACL001")
	}
	var got []string
	for _, s := range r.Statements {
		got = append(got, s.Statement+" "+string(s.Coverage)+" "+s.URL)
		if s.Guide != "OpenC3 COSMOS security guide" || s.Quote == "" {
			t.Errorf("ACL001 statement %+v", s)
		}
	}
	want := "S0-25 full https://github.com/deploylint/deploylint/blob/main/docs/guides/cosmos.md#s0-25"
	if len(got) == 0 || got[0] != want {
		t.Errorf("ACL001 statements %q, want first %q", got, want)
	}
}

// TestGuideCounts: the statements of a guide split into checkable ones (full, partial, none)
// and the rest.
func TestGuideCounts(t *testing.T) {
	m, err := rules.ParseGuideMap([]byte(`
guides:
  - id: S9
    slug: demo
    name: Demo guide
    statements:
      - {id: S9-01, section: A, quote: q, rules: [ENV001], coverage: full}
      - {id: S9-02, section: A, quote: q, rules: [ENV001], coverage: partial, note: n}
      - {id: S9-03, section: A, quote: q, coverage: none, note: n}
      - {id: S9-04, section: A, quote: q, coverage: none, check: firewall, reason: r}
      - {id: S9-05, section: A, quote: q, rules: [ENV001], coverage: partial, check: procedure, reason: r}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := rules.GuideCounts{Statements: 5, Static: 3, Full: 1, Partial: 1, None: 1, NotStatic: 2, NotStaticPartial: 1}
	if got := m.Guides[0].Counts(); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if got := m.Counts(); got != want {
		t.Errorf("map counts %+v, want %+v", got, want)
	}
}

// TestParseGuideMapRefuses: a map that contradicts itself never loads, and says where.
func TestParseGuideMapRefuses(t *testing.T) {
	const head = "guides:\n  - id: S9\n    slug: demo\n    name: Demo\n    statements:\n"
	for name, tc := range map[string]struct{ yaml, want string }{
		"repeated id":          {head + "      - {id: S9-01, section: A, quote: q, rules: [ENV001], coverage: full}\n      - {id: S9-01, section: A, quote: q, rules: [ENV001], coverage: full}\n", "S9-01 is listed twice"},
		"id of another guide":  {head + "      - {id: S1-01, section: A, quote: q, rules: [ENV001], coverage: full}\n", "not S9-<number>"},
		"unknown coverage":     {head + "      - {id: S9-01, section: A, quote: q, rules: [ENV001], coverage: most}\n", `coverage "most"`},
		"full without rules":   {head + "      - {id: S9-01, section: A, quote: q, coverage: full}\n", "names no rule"},
		"none with rules":      {head + "      - {id: S9-01, section: A, quote: q, rules: [ENV001], coverage: none, note: n}\n", "coverage none names rules"},
		"no reason":            {head + "      - {id: S9-01, section: A, quote: q, coverage: none, check: firewall}\n", "needs a reason"},
		"unknown check":        {head + "      - {id: S9-01, section: A, quote: q, coverage: none, check: weather, reason: r}\n", `check "weather"`},
		"full but not static":  {head + "      - {id: S9-01, section: A, quote: q, rules: [ENV001], coverage: full, check: host, reason: r}\n", "needs check static"},
		"partial without note": {head + "      - {id: S9-01, section: A, quote: q, rules: [ENV001], coverage: partial}\n", "what is left out"},
		"long quote":           {head + "      - {id: S9-01, section: A, quote: " + strings.Repeat("x", 121) + ", rules: [ENV001], coverage: full}\n", "quote a phrase"},
		"bad rule id":          {head + "      - {id: S9-01, section: A, quote: q, rules: [env1], coverage: full}\n", `"env1" is not a rule ID`},
		"planned and a rule":   {head + "      - {id: S9-01, section: A, quote: q, rules: [ENV001], planned: [ENV001], coverage: full}\n", "both a rule and planned"},
		"unknown field":        {head + "      - {id: S9-01, section: A, quote: q, rule: [ENV001], coverage: full}\n", "field rule not found"},
		"no statements":        {"guides:\n  - {id: S9, slug: demo, name: Demo}\n", "no statements"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := rules.ParseGuideMap([]byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestGuideMapUnknownRuleRefused: a built-in policy folder whose map names a missing rule does
// not load (the index cannot be built and the engine refuses it), so a typo cannot hide.
func TestGuideMapUnknownRuleRefused(t *testing.T) {
	fsys := withoutIndex(t)
	fsys[rules.GuidesFile] = &fstest.MapFile{Data: []byte("guides:\n  - id: S9\n    slug: demo\n    name: Demo\n    statements:\n      - {id: S9-01, section: A, quote: q, rules: [ENV999], coverage: full}\n")}
	if _, err := rules.BuildIndex(fsys); err == nil || !strings.Contains(err.Error(), "statement S9-01 names rule ENV999, which does not exist") {
		t.Errorf("BuildIndex: %v", err)
	}
	if _, err := rules.NewEngine(context.Background(), rules.PolicySource{Name: "builtin", FS: fsys}); err == nil || !strings.Contains(err.Error(), "ENV999") {
		t.Errorf("NewEngine: %v", err)
	}
	delete(fsys, rules.GuidesFile)
	if _, err := rules.ReadGuideMap(fsys); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadGuideMap without a map: %v, want fs.ErrNotExist", err)
	}
}
