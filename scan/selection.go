package scan

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/deploylint/deploylint/rules"
)

// metaPrefix marks deploylint's own rules: a file it could not parse or read, a stale ignore
// comment, a custom rule that timed out. --enable leaves them on, since a run limited to a
// few rules must still say when it could not look at a file; --disable names them to silence
// them.
const metaPrefix = "META"

// selectRules applies --enable and --disable over the configuration's rule blocks: the
// command line wins, so --enable turns on a rule the configuration disables. A name also
// selects the rules split from it, as a configuration block does.
func selectRules(cat *rules.Catalogue, cfg map[string]rules.RuleSetting, enable, disable []string) (map[string]rules.RuleSetting, error) {
	if len(enable) == 0 && len(disable) == 0 {
		return cfg, nil
	}
	enable, disable = upper(enable), upper(disable)
	var errs []error
	for _, list := range []struct {
		flag  string
		names []string
	}{{"--enable", enable}, {"--disable", disable}} {
		for _, name := range list.names {
			if !namesAny(cat, name) {
				hint := ""
				if near := cat.Closest(name); near != "" {
					hint = fmt.Sprintf("; did you mean %s?", near)
				}
				errs = append(errs, fmt.Errorf("%s %s: no such rule (see deploylint rules)%s", list.flag, name, hint))
			}
		}
	}
	for _, name := range enable {
		if slices.Contains(disable, name) {
			errs = append(errs, fmt.Errorf("rule %s is both in --enable and --disable", name))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make(map[string]rules.RuleSetting, len(cat.Rules))
	for id, s := range cfg {
		out[id] = s
	}
	for _, r := range cat.Rules {
		s := out[r.ID]
		switch {
		case names(cat, disable, r.ID):
			s.Disabled = true
		case names(cat, enable, r.ID):
			s.Disabled = false
		case len(enable) > 0 && !strings.HasPrefix(r.ID, metaPrefix):
			s.Disabled = true
		default:
			continue
		}
		out[r.ID] = s
	}
	return out, nil
}

func upper(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strings.ToUpper(strings.TrimSpace(id))
	}
	return out
}

// namesAny reports whether name designates a rule of the catalogue: its ID, or one split.
func namesAny(cat *rules.Catalogue, name string) bool {
	for _, r := range cat.Rules {
		if cat.Names(name, r.ID) {
			return true
		}
	}
	return false
}

// names reports whether one of list designates rule id.
func names(cat *rules.Catalogue, list []string, id string) bool {
	for _, name := range list {
		if cat.Names(name, id) {
			return true
		}
	}
	return false
}

// keepSeverities drops the findings whose severity is not one of show (none: keep all).
func keepSeverities(fs []rules.Finding, show []rules.Severity) []rules.Finding {
	if len(show) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if slices.Contains(show, f.Severity) {
			out = append(out, f)
		}
	}
	return out
}
