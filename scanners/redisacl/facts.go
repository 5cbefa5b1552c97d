package redisacl

import (
	"slices"
	"strings"
)

// The facts below are what several ACL rules ask of a user's final state. They are computed
// here, once per user, so that a rule reads a field instead of searching selectors and command
// rules on every evaluation: done in Rego, that search was most of a 29 s scan of a file of
// 100,000 users.

// adminTargets are the commands and categories that can reconfigure or take over the server,
// the broadest first: a user's first admin grant is the one a message names.
func adminTargets() [7]string {
	return [...]string{"@all", "@admin", "@dangerous", "acl", "config", "module", "debug"}
}

// isAdminCommand: the admin targets that are commands, whose subcommands count as well.
func isAdminCommand(name string) bool {
	return slices.Contains([]string{"acl", "config", "module", "debug"}, name)
}

// isHarmlessSubcommand: subcommands of the admin commands that only describe the server. CONFIG
// GET is here because monitoring users (redis_exporter) need it; the rest only print help,
// categories or the caller's own name.
func isHarmlessSubcommand(sub string) bool {
	return slices.Contains([]string{"acl|whoami", "acl|cat", "acl|help", "config|get", "config|help", "module|list", "module|help"}, sub)
}

// isHealthRule: all a passwordless user may need; Redis lets anyone run AUTH and HELLO.
func isHealthRule(rule string) bool {
	return slices.Contains([]string{"+ping", "+cluster|info", "+auth", "+hello"}, rule)
}

// isAdminName: the user is meant to administer Redis by its name, or is the default user (which
// every unauthenticated connection is).
func isAdminName(name string) bool {
	return slices.Contains([]string{"root", "superuser", "default"}, name) ||
		strings.Contains(strings.ToLower(name), "admin") // admin, administrator, redis-admin, …
}

// grants reports whether the selector allows a command or @category: its last rule for the
// target decides (updateRules keeps one per target), else the base (+@all or -@all).
func (sel *selector) grants(target string) bool {
	if target == "@all" && sel.allcommands {
		return true // +@all resets the rules, so no later rule can take "all" back
	}
	if slices.Contains(sel.commandRules, "+"+target) {
		return true
	}
	return sel.allcommands && !slices.Contains(sel.commandRules, "-"+target)
}

// adminSubcommands are the +cmd|sub rules of the selector that administer the server.
func (sel *selector) adminSubcommands() []string {
	var out []string
	for _, r := range sel.commandRules {
		sub, ok := strings.CutPrefix(r, "+")
		if !ok {
			continue
		}
		cmd, arg, ok := strings.Cut(sub, "|")
		if !ok || strings.Contains(arg, "|") || !isAdminCommand(cmd) || isHarmlessSubcommand(sub) {
			continue
		}
		out = append(out, sub)
	}
	return out
}

// beyondHealth reports whether the selector allows more than health checks: every command, a
// command other than the health ones, or any key or channel.
func (sel *selector) beyondHealth() bool {
	if sel.allcommands || len(sel.keys) > 0 || len(sel.channels) > 0 {
		return true
	}
	for _, r := range sel.commandRules {
		if strings.HasPrefix(r, "+") && !isHealthRule(r) {
			return true
		}
	}
	return false
}

// userFacts are the facts of one user, for its data.
type userFacts struct {
	adminGrants  []string // every admin-level grant, the broadest first, without repeats
	beyondHealth bool
	adminAccount bool
}

// facts computes the user's facts from its final state (for a refused line, its state up to
// the refused token, as the rest of its data).
func (u *user) facts() userFacts {
	sels := make([]*selector, 0, 1+len(u.selectors))
	sels = append(sels, u.root)
	sels = append(sels, u.selectors...)
	f := userFacts{adminGrants: []string{}, adminAccount: isAdminName(u.name)}
	grant := func(g string) {
		if !slices.Contains(f.adminGrants, g) {
			f.adminGrants = append(f.adminGrants, g)
		}
	}
	for _, sel := range sels {
		for _, t := range adminTargets() {
			if sel.grants(t) {
				grant(t)
			}
		}
		f.beyondHealth = f.beyondHealth || sel.beyondHealth()
	}
	// Subcommands after every selector's targets: a whole command or category is broader.
	for _, sel := range sels {
		for _, s := range sel.adminSubcommands() {
			grant(s)
		}
	}
	return f
}
