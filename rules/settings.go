package rules

import "fmt"

// ApplySettings applies the configuration's rule blocks to the findings of one scan root
// (root-relative paths): a disabled rule's findings go, a
// severity is overridden, and findings on excluded paths are kept as suppressed (SARIF still
// shows them, with the configuration as the reason).
func ApplySettings(fs []Finding, settings map[string]RuleSetting, configPath string) []Finding {
	if len(settings) == 0 {
		return fs
	}
	if configPath == "" {
		configPath = ConfigFileName
	}
	out := fs[:0]
	for _, f := range fs {
		s, ok := settings[f.RuleID]
		if !ok {
			out = append(out, f)
			continue
		}
		if s.Disabled {
			continue
		}
		if s.Severity != nil {
			f.Severity = *s.Severity
		}
		if f.Suppressed == nil {
			for _, g := range s.Exclude {
				if MatchGlob(g, f.Path) {
					f.Suppressed = &Suppression{Kind: "external", Justification: fmt.Sprintf("%s excluded for %s in %s", f.Path, f.RuleID, configPath)}
					break
				}
			}
		}
		out = append(out, f)
	}
	return out
}
