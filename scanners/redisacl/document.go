package redisacl

import (
	"strconv"

	"github.com/deploylint/deploylint/scanners"
)

func selectorData(sel *selector) map[string]any {
	keys := make([]any, 0, len(sel.keys))
	for _, k := range sel.keys {
		keys = append(keys, map[string]any{"pattern": k.pattern, "perm": k.perm, "token": k.token})
	}
	chans := make([]any, 0, len(sel.channels))
	for _, c := range sel.channels {
		chans = append(chans, map[string]any{"pattern": c.pattern, "token": c.token})
	}
	rules := copyStrings(sel.commandRules)
	return map[string]any{
		"allkeys":       sel.allkeys,
		"keys":          keys,
		"allchannels":   sel.allchannels,
		"channels":      chans,
		"allcommands":   sel.allcommands,
		"command_rules": rules,
	}
}

func opsData(ops []passwordOp) []any {
	out := make([]any, 0, len(ops))
	for _, o := range ops {
		out = append(out, map[string]any{"op": o.op, "token": o.token, "sha256": o.sha256})
	}
	return out
}

func buildDocument(path string, src *scanners.LineIndex, users []*user, errs []loadError) *scanners.Document {
	// Sized once: a map grown span by span copies itself at every doubling, and a file of
	// 100,000 users has a million spans.
	n := 1 + len(errs)
	for _, u := range users {
		n += 1 + len(u.tokens) + len(u.passwords)
	}
	spans := make(scanners.Spans, n)
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	list := make([]any, 0, len(users))
	byName := make(map[string]any, len(users))
	granting, nopass := []any{}, []any{}
	bySHA := map[string]any{}
	for i, u := range users {
		same, _ := byName[u.name].([]any)
		byName[u.name] = append(same, i)
		if u.root == nil {
			u.root = newSelector()
		}
		f := u.facts()
		if len(f.adminGrants) > 0 {
			granting = append(granting, i)
		}
		if u.nopass {
			nopass = append(nopass, i)
		}
		for k, p := range u.passwords {
			same, _ := bySHA[p.sha256].([]any)
			bySHA[p.sha256] = append(same, []any{i, k})
		}
		list = append(list, userData(src, spans, i, u, f))
	}
	errList := make([]any, 0, len(errs))
	for k, e := range errs {
		r := src.Range(e.start, e.end)
		spans.Set(scanners.Span{Key: r, Value: r}, "errors", k)
		errList = append(errList, map[string]any{"line": e.line, "token": e.token, "msg": e.msg})
	}
	return &scanners.Document{
		Kind: "redis-acl",
		Path: path,
		Data: map[string]any{
			"users": list, "has_default_user": byName["default"] != nil, "errors": errList,
			// Indexes of users, so that a rule about a few users (or a few known passwords)
			// looks them up instead of walking every user of a file that may hold 100,000.
			"by_name": byName, "granting_admin": granting, "nopass_users": nopass,
			"passwords_by_sha256": bySHA,
		},
		Spans: spans,
	}
}

// userData is the data of user i, whose spans it records.
func userData(src *scanners.LineIndex, spans scanners.Spans, i int, u *user, f userFacts) map[string]any {
	userKey := scanners.PathKey("users", i)
	spans[userKey] = scanners.Span{Key: src.Range(u.nameTok.start, u.nameTok.end), Value: src.Range(u.lineStart, u.lineEnd), ID: u.name}
	// A path's key is its parent's key, "/", then the last element's (PathKey joins them so):
	// built from the user's key, a million token spans cost no quoting of "users" and "tokens".
	tokensKey := userKey + "/" + scanners.PathKey("tokens") + "/"
	tokens := make([]string, 0, len(u.tokens))
	for j, t := range u.tokens {
		r := src.Range(t.start, t.end)
		spans[tokensKey+strconv.Itoa(j)] = scanners.Span{Key: r, Value: r}
		tokens = append(tokens, redactToken(t.text))
	}
	pws := make([]any, 0, len(u.passwords))
	for k, p := range u.passwords {
		pws = append(pws, map[string]any{"form": p.form, "sha256": p.sha256, "token": p.token})
		r := src.Range(u.tokens[p.token].start, u.tokens[p.token].end)
		spans.Set(scanners.Span{Key: r, Value: r}, "users", i, "passwords", k)
	}
	sels := make([]any, 0, len(u.selectors))
	for _, s := range u.selectors {
		sels = append(sels, selectorData(s))
	}
	return map[string]any{
		"name":      u.name,
		"line":      u.line,
		"tokens":    tokens,
		"enabled":   u.enabled,
		"nopass":    u.nopass,
		"flags":     copyStrings(u.flags),
		"passwords": pws,
		"cleartext": opsData(u.cleartext),
		"hashes":    opsData(u.hashes),
		"root":      selectorData(u.root),
		"selectors": sels,
		// The parser's facts: three keys, so that a user stays a map (and an OPA object) of at
		// most 14 entries, the most a 16-slot table holds.
		"admin_grants":  f.adminGrants,
		"beyond_health": f.beyondHealth,
		"admin_account": f.adminAccount,
	}
}

// copyStrings copies strings for the data: never nil, which JSON would show as null. (The rules'
// conversion takes []string as it is; []int it would not.)
func copyStrings(s []string) []string {
	return append(make([]string, 0, len(s)), s...)
}

// redactToken keeps a token's rule but never a cleartext password: `>secret` becomes `>`.
// Hashes stay: they are what the file is supposed to hold.
func redactToken(t string) string {
	if t != "" && (t[0] == '>' || t[0] == '<') {
		return t[:1]
	}
	return t
}
