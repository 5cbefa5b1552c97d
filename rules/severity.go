// Package rules owns the rule catalogue (read from the Rego METADATA), the OPA engine that
// evaluates rules against documents, and the findings it produces.
package rules

import (
	"fmt"
	"strings"
)

// Severity orders findings; a larger value is more severe.
type Severity int

// Severities from least to most severe. Never is only a --fail-on threshold.
const (
	Info Severity = iota + 1
	Low
	Medium
	High
	Critical
	Never
)

var severityNames = map[Severity]string{
	Info: "info", Low: "low", Medium: "medium", High: "high", Critical: "critical", Never: "never",
}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the lower-case name, so JSON output reads "high", not 4.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a lower-case name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads a finding severity (info … critical).
func ParseSeverity(name string) (Severity, error) {
	for s, n := range severityNames {
		if s != Never && strings.EqualFold(n, name) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want critical, high, medium, low or info)", name)
}

// ParseThreshold reads a --fail-on value: a severity or "never".
func ParseThreshold(name string) (Severity, error) {
	if strings.EqualFold(name, "never") {
		return Never, nil
	}
	s, err := ParseSeverity(name)
	if err != nil || s == Info {
		return 0, fmt.Errorf("unknown --fail-on %q (want critical, high, medium, low or never)", name)
	}
	return s, nil
}

// Fails reports whether any finding counts against the threshold: not suppressed, at or above
// it, and more than information.
func Fails(fs []Finding, threshold Severity) bool {
	for _, f := range fs {
		if f.Suppressed == nil && f.Severity >= threshold && f.Severity != Info {
			return true
		}
	}
	return false
}
