package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// GuidesFile is the guide map of the built-in policies: every checkable statement of the vendor
// guides the rules enforce, with the rules that enforce it. It is hand-written YAML beside the
// policies and deliberately not a data.json: no rule reads it, so it stays out of Rego's data.
const GuidesFile = "guides.yaml"

// Coverage says how much of a statement the built-in rules enforce.
type Coverage string

// The coverage of a statement: every static breach reported, some, or none yet.
const (
	CoverageFull    Coverage = "full"
	CoveragePartial Coverage = "partial"
	CoverageNone    Coverage = "none"
)

// Check says where a breach of a statement would show: in a static file (CheckStatic), or why
// no file deploylint reads can show it.
type Check string

// The places a statement can be checked.
const (
	CheckStatic    Check = "static"
	CheckFirewall  Check = "firewall"
	CheckHost      Check = "host"
	CheckProcedure Check = "procedure"
	CheckOperator  Check = "operator"
	CheckCluster   Check = "cluster"
	CheckExternal  Check = "external"
	CheckProduct   Check = "product"
)

// Label is the short explanation the guide pages and `deploylint guides` print for a check;
// empty for an unknown one.
func (c Check) Label() string {
	switch c {
	case CheckStatic:
		return "checkable in a static file"
	case CheckFirewall:
		return "a firewall or network rule"
	case CheckHost:
		return "the state of the host"
	case CheckProcedure:
		return "a procedure"
	case CheckOperator:
		return "an operator's action"
	case CheckCluster:
		return "a running cluster or service"
	case CheckExternal:
		return "another system's setting"
	case CheckProduct:
		return "the product's own behaviour"
	}
	return ""
}

// GuideMap is the decoded guide map.
type GuideMap struct {
	// Docs is where docs/guides/ is published; a statement's URL is Docs + slug + ".md#" + id.
	Docs   string   `yaml:"docs"`
	Guides []*Guide `yaml:"guides"`
}

// Guide is one vendor guide and its statements, in the guide's order.
type Guide struct {
	ID         string       `yaml:"id"`
	Slug       string       `yaml:"slug"`
	Name       string       `yaml:"name"`
	URL        string       `yaml:"url"`
	Statements []*Statement `yaml:"statements"`
}

// Statement is one checkable statement of a guide.
type Statement struct {
	ID       string   `yaml:"id"`
	Section  string   `yaml:"section"`
	Quote    string   `yaml:"quote"`
	Rules    []string `yaml:"rules"`
	Coverage Coverage `yaml:"coverage"`
	Check    Check    `yaml:"check"`
	Reason   string   `yaml:"reason"`
	Note     string   `yaml:"note"`
	Planned  []string `yaml:"planned"`
}

// Static reports whether a breach of the statement would show in a static file.
func (s *Statement) Static() bool { return s.Check == CheckStatic }

// Anchor is the statement's fragment in its guide page.
func (s *Statement) Anchor() string { return strings.ToLower(s.ID) }

// GuideRef is a statement as a rule that enforces it carries it (explain, SARIF help, rule docs).
type GuideRef struct {
	Statement string   `json:"statement"`
	Guide     string   `json:"guide"`
	Slug      string   `json:"slug"`
	Quote     string   `json:"quote"`
	Coverage  Coverage `json:"coverage"`
	URL       string   `json:"url,omitempty"`
}

// GuideCounts sums a guide's statements by where they can be checked and how well they are.
// Full, Partial and None count the statements checkable in a static file; NotStatic the rest, of
// which NotStaticPartial are checked in part (what of them shows in a file).
type GuideCounts struct {
	Statements, Static, Full, Partial, None, NotStatic, NotStaticPartial int
}

// Counts sums the statements of g.
func (g *Guide) Counts() GuideCounts {
	var c GuideCounts
	for _, s := range g.Statements {
		c.add(s)
	}
	return c
}

// Counts sums the statements of every guide.
func (m *GuideMap) Counts() GuideCounts {
	var c GuideCounts
	for _, g := range m.Guides {
		for _, s := range g.Statements {
			c.add(s)
		}
	}
	return c
}

func (c *GuideCounts) add(s *Statement) {
	c.Statements++
	if !s.Static() {
		c.NotStatic++
		if s.Coverage == CoveragePartial {
			c.NotStaticPartial++
		}
		return
	}
	c.Static++
	switch s.Coverage {
	case CoverageFull:
		c.Full++
	case CoveragePartial:
		c.Partial++
	case CoverageNone:
		c.None++
	}
}

// Lookup finds a guide by its ID (S0) or slug (cosmos), case-insensitively.
func (m *GuideMap) Lookup(name string) (*Guide, bool) {
	for _, g := range m.Guides {
		if strings.EqualFold(g.ID, name) || strings.EqualFold(g.Slug, name) {
			return g, true
		}
	}
	return nil, false
}

// Refs lists, per rule ID, the statements that name the rule, in the map's order.
func (m *GuideMap) Refs() map[string][]GuideRef {
	out := map[string][]GuideRef{}
	for _, g := range m.Guides {
		for _, s := range g.Statements {
			ref := GuideRef{Statement: s.ID, Guide: g.Name, Slug: g.Slug, Quote: s.Quote, Coverage: s.Coverage}
			if m.Docs != "" {
				ref.URL = m.Docs + g.Slug + ".md#" + s.Anchor()
			}
			for _, id := range s.Rules {
				out[id] = append(out[id], ref)
			}
		}
	}
	return out
}

var (
	guideIDPattern = regexp.MustCompile(`^S[0-9]+$`)
	slugPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// maxQuote bounds a quote: a phrase of the guide, never a paragraph.
const maxQuote = 120

// ReadGuideMap reads and checks the guide map of a policy file system; the error wraps
// fs.ErrNotExist when it has none.
func ReadGuideMap(fsys fs.FS) (*GuideMap, error) {
	b, err := fs.ReadFile(fsys, GuidesFile)
	if err != nil {
		return nil, fmt.Errorf("read guide map: %w", err)
	}
	return ParseGuideMap(b)
}

// ParseGuideMap decodes a guide map and checks its shape: IDs unique and in their guide's
// series, every field of a statement consistent with its coverage and check. Whether its rules
// exist is the catalogue's to say (AttachGuides).
func ParseGuideMap(b []byte) (*GuideMap, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var m GuideMap
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode %s: %w", GuidesFile, err)
	}
	for _, g := range m.Guides {
		for _, s := range g.Statements {
			if s.Check == "" {
				s.Check = CheckStatic
			}
		}
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", GuidesFile, err)
	}
	return &m, nil
}

func (m *GuideMap) check() error {
	var errs []error
	if len(m.Guides) == 0 {
		errs = append(errs, errors.New("no guides"))
	}
	guides := map[string]bool{}
	statements := map[string]bool{}
	for _, g := range m.Guides {
		if !guideIDPattern.MatchString(g.ID) {
			errs = append(errs, fmt.Errorf("guide id %q is not like S0", g.ID))
		}
		if !slugPattern.MatchString(g.Slug) {
			errs = append(errs, fmt.Errorf("guide %s: slug %q is not lower-case words joined by -", g.ID, g.Slug))
		}
		for _, k := range []string{g.ID, g.Slug} {
			if guides[k] {
				errs = append(errs, fmt.Errorf("guide %s: %q is used twice", g.ID, k))
			}
			guides[k] = true
		}
		if g.Name == "" {
			errs = append(errs, fmt.Errorf("guide %s: no name", g.ID))
		}
		if len(g.Statements) == 0 {
			errs = append(errs, fmt.Errorf("guide %s: no statements", g.ID))
		}
		for _, s := range g.Statements {
			if statements[s.ID] {
				errs = append(errs, fmt.Errorf("statement %s is listed twice", s.ID))
			}
			statements[s.ID] = true
			errs = append(errs, s.check(g.ID)...)
		}
	}
	return errors.Join(errs...)
}

func (s *Statement) check(guide string) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("statement %s: "+format, append([]any{s.ID}, args...)...))
	}
	if ok, _ := regexp.MatchString(`^`+regexp.QuoteMeta(guide)+`-[0-9]{2,}$`, s.ID); !ok {
		bad("the id is not %s-<number>", guide)
	}
	if s.Section == "" {
		bad("no section")
	}
	switch n := utf8.RuneCountInString(s.Quote); {
	case n == 0:
		bad("no quote")
	case n > maxQuote || strings.ContainsRune(s.Quote, '\n'):
		bad("the quote is %d characters: quote a phrase (at most %d, one line)", n, maxQuote)
	}
	if s.Check.Label() == "" {
		bad("check %q is none of static, firewall, host, procedure, operator, cluster, external, product", s.Check)
	}
	if !s.Static() && s.Reason == "" {
		bad("check %s needs a reason: why no static file shows it", s.Check)
	}
	if s.Static() && s.Reason != "" {
		bad("a reason is for statements no static file shows; say what is missing in note")
	}
	switch s.Coverage {
	case CoverageFull:
		if !s.Static() {
			bad("coverage full needs check static: a file cannot show all of a %s", s.Check.Label())
		}
		if len(s.Rules) == 0 {
			bad("coverage full names no rule")
		}
	case CoveragePartial:
		if len(s.Rules) == 0 {
			bad("coverage partial names no rule")
		}
		if s.Static() && s.Note == "" {
			bad("coverage partial needs a note: what is left out")
		}
	case CoverageNone:
		if len(s.Rules) > 0 {
			bad("coverage none names rules %v", s.Rules)
		}
		if s.Static() && s.Note == "" {
			bad("a checkable statement with coverage none needs a note: why no rule yet, or which is planned")
		}
	default:
		bad("coverage %q is not full, partial or none", s.Coverage)
	}
	for _, list := range [][]string{s.Rules, s.Planned} {
		for i, id := range list {
			if !idPattern.MatchString(id) {
				bad("%q is not a rule ID", id)
			}
			if slices.Contains(list[:i], id) {
				bad("%s is listed twice", id)
			}
		}
	}
	for _, id := range s.Planned {
		if slices.Contains(s.Rules, id) {
			bad("%s is both a rule and planned", id)
		}
	}
	return errs
}

// AttachGuides gives each rule the statements that name it, and fails on a statement that names
// a rule the catalogue does not have.
func AttachGuides(rs []*Rule, m *GuideMap) error {
	byID := make(map[string]*Rule, len(rs))
	for _, r := range rs {
		byID[r.ID] = r
		r.Statements = nil
	}
	refs := m.Refs()
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(refs)) {
		r, ok := byID[id]
		if !ok {
			for _, ref := range refs[id] {
				errs = append(errs, fmt.Errorf("%s: statement %s names rule %s, which does not exist", GuidesFile, ref.Statement, id))
			}
			continue
		}
		r.Statements = refs[id]
	}
	return errors.Join(errs...)
}

// attachGuideFile attaches the guide map of a built-in policy file system, if it has one.
func attachGuideFile(fsys fs.FS, rs []*Rule) error {
	m, err := ReadGuideMap(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return AttachGuides(rs, m)
}
