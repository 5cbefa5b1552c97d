package redisacl

import (
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
	rules := make([]any, 0, len(sel.commandRules))
	for _, r := range sel.commandRules {
		rules = append(rules, r)
	}
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
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	list := make([]any, 0, len(users))
	hasDefault := false
	for i, u := range users {
		if u.name == "default" {
			hasDefault = true
		}
		if u.root == nil {
			u.root = newSelector()
		}
		spans.Set(scanners.Span{Key: src.Range(u.nameTok.start, u.nameTok.end), Value: src.Range(u.lineStart, u.lineEnd), ID: u.name}, "users", i)
		tokens := make([]any, 0, len(u.tokens))
		for j, t := range u.tokens {
			r := src.Range(t.start, t.end)
			spans.Set(scanners.Span{Key: r, Value: r}, "users", i, "tokens", j)
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
		flags := make([]any, 0, len(u.flags))
		for _, f := range u.flags {
			flags = append(flags, f)
		}
		list = append(list, map[string]any{
			"name":      u.name,
			"line":      u.line,
			"tokens":    tokens,
			"enabled":   u.enabled,
			"nopass":    u.nopass,
			"flags":     flags,
			"passwords": pws,
			"cleartext": opsData(u.cleartext),
			"hashes":    opsData(u.hashes),
			"root":      selectorData(u.root),
			"selectors": sels,
		})
	}
	errList := make([]any, 0, len(errs))
	for k, e := range errs {
		r := src.Range(e.start, e.end)
		spans.Set(scanners.Span{Key: r, Value: r}, "errors", k)
		errList = append(errList, map[string]any{"line": e.line, "token": e.token, "msg": e.msg})
	}
	return &scanners.Document{
		Kind:  "redis-acl",
		Path:  path,
		Data:  map[string]any{"users": list, "has_default_user": hasDefault, "errors": errList},
		Spans: spans,
	}
}

// redactToken keeps a token's rule but never a cleartext password: `>secret` becomes `>`.
// Hashes stay: they are what the file is supposed to hold.
func redactToken(t string) string {
	if t != "" && (t[0] == '>' || t[0] == '<') {
		return t[:1]
	}
	return t
}
