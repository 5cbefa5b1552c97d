package rules

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// ConfigFileName is the configuration file deploylint looks for.
const ConfigFileName = ".deploylint.hcl"

// Config is a decoded .deploylint.hcl. Every setting is optional; a zero Config changes nothing.
type Config struct {
	// Path is the file it was read from ("" for none).
	Path string
	// FailOn is the fail_on threshold as written, "" when unset.
	FailOn string
	// Exclude lists globs (relative to the scan root) of files never scanned.
	Exclude []string
	// PolicyDirs are folders of custom policies, resolved against the file's folder.
	PolicyDirs []string
	// WrittenPolicyDirs are the PolicyDirs as the file wrote them, for messages.
	WrittenPolicyDirs []string
	// MaxFileSize is max_file_size in bytes, 0 when unset.
	MaxFileSize int64
	// Rules holds the per-rule settings by rule ID.
	Rules map[string]RuleSetting
	// Kinds maps a kind to the globs of files forced to it.
	Kinds map[string][]string
	// Passwords are the organisation's own default passwords, flagged like shipped ones.
	Passwords []string
	// RedisAdmins are Redis users that are administrators on purpose (ACL005).
	RedisAdmins []string

	// ruleRanges locate each rule block's label, for errors found once the catalogue is known.
	ruleRanges map[string]hcl.Range
	// kindRanges locate each kind block's label.
	kindRanges map[string]hcl.Range
}

// RuleSetting is one rule "ID" block.
type RuleSetting struct {
	// Disabled turns the rule off.
	Disabled bool
	// Severity overrides the rule's severity when set.
	Severity *Severity
	// Exclude lists globs of paths where the rule's findings are suppressed.
	Exclude []string
}

// hclConfig is the file's schema, as gohcl decodes it.
type hclConfig struct {
	FailOn      *string       `hcl:"fail_on,optional"`
	Exclude     []string      `hcl:"exclude,optional"`
	PolicyDirs  []string      `hcl:"policy_dirs,optional"`
	MaxFileSize *int64        `hcl:"max_file_size,optional"`
	Rules       []hclRule     `hcl:"rule,block"`
	Kinds       []hclKind     `hcl:"kind,block"`
	Defaults    []hclDefaults `hcl:"defaults,block"`
	Admins      []hclAdmins   `hcl:"admins,block"`
}

type hclRule struct {
	ID       string   `hcl:"id,label"`
	Enabled  *bool    `hcl:"enabled,optional"`
	Severity *string  `hcl:"severity,optional"`
	Exclude  []string `hcl:"exclude,optional"`
}

type hclKind struct {
	Kind  string   `hcl:"kind,label"`
	Paths []string `hcl:"paths"`
}

type hclDefaults struct {
	Passwords []string `hcl:"passwords,optional"`
}

type hclAdmins struct {
	RedisUsers []string `hcl:"redis_users,optional"`
}

// ParseConfig decodes configuration source; file names it in errors and anchors policy_dirs.
func ParseConfig(file string, src []byte) (*Config, error) {
	parser := hclparse.NewParser()
	f, diags := parser.ParseHCL(src, file)
	if diags.HasErrors() {
		return nil, diagError(diags)
	}
	var raw hclConfig
	if diags := gohcl.DecodeBody(f.Body, nil, &raw); diags.HasErrors() {
		return nil, diagError(diags)
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("%s: not native HCL syntax", file)
	}
	c := &Config{
		Path:       file,
		Exclude:    raw.Exclude,
		Rules:      map[string]RuleSetting{},
		Kinds:      map[string][]string{},
		ruleRanges: map[string]hcl.Range{},
		kindRanges: map[string]hcl.Range{},
	}
	var errs []error
	at := func(r hcl.Range, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", rangeString(r), fmt.Sprintf(format, args...)))
	}
	if raw.FailOn != nil {
		c.FailOn = *raw.FailOn
		if _, err := ParseThreshold(c.FailOn); err != nil {
			at(body.Attributes["fail_on"].Expr.Range(), "fail_on: %v", err)
		}
	}
	if raw.MaxFileSize != nil {
		if *raw.MaxFileSize <= 0 {
			at(body.Attributes["max_file_size"].Expr.Range(), "max_file_size must be a positive number of bytes")
		}
		c.MaxFileSize = *raw.MaxFileSize
	}
	for _, g := range raw.Exclude {
		if !doublestar.ValidatePattern(g) {
			at(body.Attributes["exclude"].Expr.Range(), "exclude: bad glob %q", g)
		}
	}
	dir := filepath.Dir(file)
	for _, p := range raw.PolicyDirs {
		c.WrittenPolicyDirs = append(c.WrittenPolicyDirs, p)
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		c.PolicyDirs = append(c.PolicyDirs, p)
	}
	blocks := blocksOf(body, "rule")
	for i, r := range raw.Rules {
		blk := blocks[i]
		id := strings.ToUpper(r.ID)
		if _, dup := c.Rules[id]; dup {
			at(blk.LabelRanges[0], "rule %q is configured twice", r.ID)
			continue
		}
		s := RuleSetting{Exclude: r.Exclude}
		if r.Enabled != nil {
			s.Disabled = !*r.Enabled
		}
		if r.Severity != nil {
			sev, err := ParseSeverity(*r.Severity)
			if err != nil {
				at(blk.Body.Attributes["severity"].Expr.Range(), "rule %q: %v", r.ID, err)
			} else {
				s.Severity = &sev
			}
		}
		for _, g := range r.Exclude {
			if !doublestar.ValidatePattern(g) {
				at(blk.Body.Attributes["exclude"].Expr.Range(), "rule %q: bad glob %q", r.ID, g)
			}
		}
		c.Rules[id] = s
		c.ruleRanges[id] = blk.LabelRanges[0]
	}
	for i, k := range raw.Kinds {
		c.Kinds[k.Kind] = append(c.Kinds[k.Kind], k.Paths...)
		if _, seen := c.kindRanges[k.Kind]; !seen {
			c.kindRanges[k.Kind] = blocksOf(body, "kind")[i].LabelRanges[0]
		}
	}
	for _, d := range raw.Defaults {
		c.Passwords = append(c.Passwords, d.Passwords...)
	}
	for _, a := range raw.Admins {
		c.RedisAdmins = append(c.RedisAdmins, a.RedisUsers...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}

// CheckRules reports rule blocks that name no rule of the catalogue, and kind blocks that name
// no known kind, at their line.
func (c *Config) CheckRules(cat *Catalogue, kinds []string) error {
	if c == nil {
		return nil
	}
	var errs []error
	ids := make([]string, 0, len(c.ruleRanges))
	for id := range c.ruleRanges {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, ok := cat.Lookup(id); !ok {
			errs = append(errs, fmt.Errorf("%s: no rule %s (see deploylint rules)%s", rangeString(c.ruleRanges[id]), id, suggest(id, cat)))
		}
	}
	known := map[string]bool{}
	for _, k := range kinds {
		known[k] = true
	}
	names := make([]string, 0, len(c.kindRanges))
	for k := range c.kindRanges {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !known[k] {
			errs = append(errs, fmt.Errorf("%s: kind %q is not one deploylint reads (want one of %s)", rangeString(c.kindRanges[k]), k, strings.Join(kinds, ", ")))
		}
	}
	return errors.Join(errs...)
}

// suggest names the closest rule ID when the typo is one character away.
func suggest(id string, cat *Catalogue) string {
	if near, ok := cat.Closest(id); ok {
		return fmt.Sprintf("; did you mean %s?", near)
	}
	return ""
}

func editDistanceOne(a, b string) bool {
	if len(a) == len(b) {
		diff := 0
		for i := range a {
			if a[i] != b[i] {
				diff++
			}
		}
		return diff == 1
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) != 1 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return a[i:] == b[i+1:]
		}
	}
	return true
}

// PolicyData is what policies see of the configuration, at data.deploylint.config.
func (c *Config) PolicyData() map[string]any {
	if c == nil {
		return map[string]any{}
	}
	return map[string]any{
		"defaults": map[string]any{"passwords": strs(c.Passwords)},
		"admins":   map[string]any{"redis_users": strs(c.RedisAdmins)},
	}
}

func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// ForcedKinds turns kind blocks into the KIND=GLOB form discovery takes.
func (c *Config) ForcedKinds() map[string]string {
	m := map[string]string{}
	if c == nil {
		return m
	}
	for kind, globs := range c.Kinds {
		for _, g := range globs {
			m[strings.TrimPrefix(g, "./")] = kind
		}
	}
	return m
}

// MatchGlob reports whether a slash path matches a configuration glob: a pattern without a
// slash matches the base name anywhere (as in .gitignore), one with a slash the whole path,
// and a match on a folder covers everything under it.
func MatchGlob(pattern, rel string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	rel = strings.TrimPrefix(rel, "./")
	if !strings.Contains(strings.TrimSuffix(pattern, "/"), "/") {
		pattern = "**/" + pattern
	}
	pattern = strings.TrimSuffix(pattern, "/")
	for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if ok, _ := doublestar.Match(pattern, p); ok {
			return true
		}
	}
	return false
}

// blocksOf returns the body's blocks of one type in source order, as gohcl decoded them.
func blocksOf(body *hclsyntax.Body, typ string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == typ {
			out = append(out, b)
		}
	}
	return out
}

func rangeString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// diagError flattens HCL diagnostics into one error, each at file:line:col.
func diagError(diags hcl.Diagnostics) error {
	var errs []error
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject != nil {
			errs = append(errs, fmt.Errorf("%s: %s", rangeString(*d.Subject), msg))
		} else {
			errs = append(errs, errors.New(msg))
		}
	}
	return errors.Join(errs...)
}
