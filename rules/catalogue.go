package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/deploylint/deploylint/internal/workers"
)

// Rule is one catalogue entry, read from the METADATA annotation of the rule's package.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    Severity `json:"severity"`
	Kinds       []string `json:"kinds"`
	Remediation string   `json:"remediation"`
	Guide       string   `json:"guide,omitempty"`
	// SplitFrom names the rule this one was split from (custom.split_from) so that every rule
	// has one severity: its findings were reported under that ID before. Ignore comments,
	// configuration blocks and baselines naming the old ID still apply to them, as ruff's rule
	// redirects keep an old code selecting what it became.
	SplitFrom string `json:"split_from,omitempty"`
	// Statements are the statements of the vendor guides the rule enforces, from the guide map
	// (GuidesFile); a custom rule has none.
	Statements []GuideRef `json:"statements,omitempty"`
	Resources  []Resource `json:"related_resources,omitempty"`
	// Package is the Rego package path, e.g. deploylint.rules.dotenv.redis_password.
	Package string `json:"package"`
	// File is where the rule is defined (inside the policy file system).
	File string `json:"file"`
	// Custom marks a rule loaded from a user's policy folder.
	Custom bool `json:"custom,omitempty"`
}

// Resource is a related link of a rule.
type Resource struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// HelpURI is the first related resource, used for SARIF helpUri.
func (r *Rule) HelpURI() string {
	if len(r.Resources) > 0 {
		return r.Resources[0].URL
	}
	return ""
}

var idPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*[0-9]{3}$`)

// Catalogue is the set of rules, sorted by ID.
type Catalogue struct {
	Rules []*Rule
	byID  map[string]*Rule
}

// Lookup returns the rule with the given ID.
func (c *Catalogue) Lookup(id string) (*Rule, bool) {
	r, ok := c.byID[id]
	return r, ok
}

// Closest returns the ID of a rule one typo (an edit) away from id, for a "did you mean"
// hint: further than that, a suggestion is more often wrong than helpful.
func (c *Catalogue) Closest(id string) (string, bool) {
	for _, r := range c.Rules {
		if editDistanceOne(id, r.ID) {
			return r.ID, true
		}
	}
	return "", false
}

// module is a parsed policy file.
type module struct {
	file string
	mod  *ast.Module
	test bool
}

// loadModules parses every .rego file of a policy file system, annotations included.
func loadModules(fsys fs.FS, prefix string, withTests bool) ([]module, error) {
	files, err := policyFiles(fsys, withTests)
	if err != nil {
		return nil, err
	}
	// Parsing is most of a process's start-up cost (a pre-commit run pays it every commit):
	// the files are independent, so every core takes a share.
	out := make([]module, len(files))
	errs := make([]error, len(files))
	workers.Each(len(files), runtime.GOMAXPROCS(0), func(i int) {
		p := files[i]
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs[i] = fmt.Errorf("read policy %s: %w", p, err)
			return
		}
		name := path.Join(prefix, p)
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			errs[i] = fmt.Errorf("parse policy %s: %w", name, err)
			return
		}
		out[i] = module{file: name, mod: m, test: strings.HasSuffix(p, "_test.rego")}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// ruleFromModule reads the catalogue entry of a rule module; ok is false for a module that is
// not a rule (a library, a test).
func ruleFromModule(m module) (*Rule, bool, error) {
	pkg := strings.TrimPrefix(m.mod.Package.Path.String(), "data.")
	if m.test {
		return nil, false, nil
	}
	if !isRulePackage(pkg) {
		// A library, unless its METADATA names a rule: then the author meant a rule that
		// would never run, and says so nowhere else.
		for _, a := range m.mod.Annotations {
			if id, ok := a.Custom["id"].(string); ok && a.Scope == "package" {
				return nil, false, fmt.Errorf("%s: package %s declares rule %s but is not under deploylint.rules, so the rule would never run: name the package deploylint.rules.<name>", m.file, pkg, id)
			}
		}
		return nil, false, nil
	}
	var ann *ast.Annotations
	for _, a := range m.mod.Annotations {
		if a.Scope == "package" {
			ann = a
		}
	}
	if ann == nil {
		return nil, false, fmt.Errorf("%s: rule package %s has no METADATA annotation", m.file, pkg)
	}
	r := &Rule{Title: ann.Title, Description: strings.TrimSpace(ann.Description), Package: pkg, File: m.file}
	for _, rr := range ann.RelatedResources {
		r.Resources = append(r.Resources, Resource{URL: rr.Ref.String(), Description: rr.Description})
	}
	c := ann.Custom
	r.ID, _ = c["id"].(string)
	r.Remediation, _ = c["remediation"].(string)
	r.Guide, _ = c["guide"].(string)
	r.SplitFrom, _ = c["split_from"].(string)
	sev, _ := c["severity"].(string)
	var problems []string
	if !idPattern.MatchString(r.ID) {
		problems = append(problems, fmt.Sprintf("custom.id %q is not like ABC123", r.ID))
	}
	s, err := ParseSeverity(sev)
	if err != nil {
		problems = append(problems, "custom.severity: "+err.Error())
	}
	r.Severity = s
	if kinds, ok := c["kinds"].([]any); ok {
		for _, k := range kinds {
			if ks, ok := k.(string); ok {
				r.Kinds = append(r.Kinds, ks)
			}
		}
	}
	if r.SplitFrom != "" && !idPattern.MatchString(r.SplitFrom) {
		problems = append(problems, fmt.Sprintf("custom.split_from %q is not like ABC123", r.SplitFrom))
	}
	if len(r.Kinds) == 0 {
		problems = append(problems, "custom.kinds is empty")
	}
	if r.Title == "" {
		problems = append(problems, "title is empty")
	}
	if r.Description == "" {
		problems = append(problems, "description is empty")
	}
	if r.Remediation == "" {
		problems = append(problems, "custom.remediation is empty")
	}
	if len(problems) > 0 {
		return nil, false, fmt.Errorf("%s: rule %s: %s", m.file, pkg, strings.Join(problems, "; "))
	}
	return r, true, nil
}

// isRulePackage: rules live in deploylint.rules.<kind>.<name>; user policies may use any
// package below deploylint.rules too.
func isRulePackage(pkg string) bool {
	return strings.HasPrefix(pkg, "deploylint.rules.") && strings.Count(pkg, ".") >= 3
}

func newCatalogue(rs []*Rule) (*Catalogue, error) {
	c := &Catalogue{byID: map[string]*Rule{}}
	for _, r := range rs {
		if prev, dup := c.byID[r.ID]; dup {
			return nil, fmt.Errorf("%s: rule ID %s already used by %s", r.File, r.ID, prev.File)
		}
		c.byID[r.ID] = r
		c.Rules = append(c.Rules, r)
	}
	sort.Slice(c.Rules, func(i, j int) bool { return c.Rules[i].ID < c.Rules[j].ID })
	for _, r := range c.Rules {
		if from, ok := c.byID[r.SplitFrom]; r.SplitFrom != "" && (!ok || from.SplitFrom != "" || r.SplitFrom == r.ID) {
			return nil, fmt.Errorf("%s: rule %s: custom.split_from %s must name another rule that was not split from a third", r.File, r.ID, r.SplitFrom)
		}
	}
	return c, nil
}

// Names reports whether name, as written in an ignore comment, a configuration block or a
// baseline, designates rule id: its own ID, or the ID it was split from.
func (c *Catalogue) Names(name, id string) bool {
	if name == id {
		return true
	}
	r, ok := c.byID[id]
	return ok && r.SplitFrom != "" && r.SplitFrom == name
}

// WithSettings returns the configuration's rule blocks with each block of a rule also applied
// to the rules split from it, unless they have a block of their own.
func (c *Catalogue) WithSettings(settings map[string]RuleSetting) map[string]RuleSetting {
	if len(settings) == 0 {
		return settings
	}
	out := make(map[string]RuleSetting, len(settings))
	for id, s := range settings {
		out[id] = s
	}
	for _, r := range c.Rules {
		if s, ok := settings[r.SplitFrom]; ok && r.SplitFrom != "" {
			if _, own := settings[r.ID]; !own {
				out[r.ID] = s
			}
		}
	}
	return out
}

// WithSeverities returns the catalogue as configured: a rule block's severity replaces the
// rule's, so every report's rule descriptors (SARIF's, which GitHub reads) say what the
// findings say. The catalogue itself is not changed.
func (c *Catalogue) WithSeverities(settings map[string]RuleSetting) *Catalogue {
	out := &Catalogue{Rules: make([]*Rule, len(c.Rules)), byID: make(map[string]*Rule, len(c.Rules))}
	for i, r := range c.Rules {
		if s, ok := settings[r.ID]; ok && s.Severity != nil && *s.Severity != r.Severity {
			cp := *r
			cp.Severity = *s.Severity
			r = &cp
		}
		out.Rules[i] = r
		out.byID[r.ID] = r
	}
	return out
}
