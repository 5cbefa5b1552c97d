package redisacl

import (
	"github.com/deploylint/deploylint/internal/workers"
	"github.com/deploylint/deploylint/scanners"
)

// shapes are the key sets of the objects an ACL document repeats per user: Records of them
// cost a slice each where maps cost a hash table (a file of 100,000 users held 500 MB of maps).
type shapes struct {
	user, selector, key, channel, password, op *scanners.Shape
}

func newShapes() shapes {
	return shapes{
		user: scanners.NewShape("name", "line", "tokens", "enabled", "nopass", "flags", "passwords",
			"cleartext", "hashes", "root", "selectors", "admin_grants", "beyond_health", "admin_account"),
		selector: scanners.NewShape("allkeys", "keys", "allchannels", "channels", "allcommands", "command_rules"),
		key:      scanners.NewShape("pattern", "perm", "token"),
		channel:  scanners.NewShape("pattern", "token"),
		password: scanners.NewShape("form", "sha256", "token"),
		op:       scanners.NewShape("op", "token", "sha256"),
	}
}

func (sh shapes) selectorData(sel *selector) scanners.Record {
	keys := make([]any, 0, len(sel.keys))
	for _, k := range sel.keys {
		keys = append(keys, sh.key.Of("pattern", k.pattern, "perm", k.perm, "token", k.token))
	}
	chans := make([]any, 0, len(sel.channels))
	for _, c := range sel.channels {
		chans = append(chans, sh.channel.Of("pattern", c.pattern, "token", c.token))
	}
	return sh.selector.Of(
		"allkeys", sel.allkeys,
		"keys", keys,
		"allchannels", sel.allchannels,
		"channels", chans,
		"allcommands", sel.allcommands,
		"command_rules", copyStrings(sel.commandRules),
	)
}

func (sh shapes) opsData(ops []passwordOp) []any {
	out := make([]any, 0, len(ops))
	for _, o := range ops {
		out = append(out, sh.op.Of("op", o.op, "token", o.token, "sha256", o.sha256))
	}
	return out
}

func buildDocument(path string, src *scanners.LineIndex, users []*user, errs []loadError) *scanners.Document {
	sh := newShapes()
	spans := make(scanners.Spans, 1+len(errs))
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	loc := &locator{src: src, users: make([]userSpans, len(users))}
	list := make([]any, len(users))
	granting := make([]bool, len(users))
	// Each user's data is its own: a file of 100,000 users builds them in parts, one per core.
	workers.Split(len(users), 1<<12, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			u := users[i]
			if u.root == nil {
				u.root = newSelector()
			}
			f := u.facts()
			granting[i] = len(f.adminGrants) > 0
			loc.users[i] = newUserSpans(u)
			list[i] = sh.userData(u, f)
		}
	})
	byName := make(map[string]any, len(users))
	grantingAdmin, nopass := []any{}, []any{}
	bySHA := map[string]any{}
	for i, u := range users {
		same, _ := byName[u.name].([]any)
		byName[u.name] = append(same, i)
		if granting[i] {
			grantingAdmin = append(grantingAdmin, i)
		}
		if u.nopass {
			nopass = append(nopass, i)
		}
		for k, p := range u.passwords {
			same, _ := bySHA[p.sha256].([]any)
			bySHA[p.sha256] = append(same, []any{i, k})
		}
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
			"by_name": byName, "granting_admin": grantingAdmin, "nopass_users": nopass,
			"passwords_by_sha256": bySHA,
		},
		Spans:  spans,
		Locate: loc.span,
	}
}

// userData is the data of a user.
func (sh shapes) userData(u *user, f userFacts) scanners.Record {
	tokens := make([]string, 0, len(u.tokens))
	for _, t := range u.tokens {
		tokens = append(tokens, redactToken(t.text))
	}
	pws := make([]any, 0, len(u.passwords))
	for _, p := range u.passwords {
		pws = append(pws, sh.password.Of("form", p.form, "sha256", p.sha256, "token", p.token))
	}
	sels := make([]any, 0, len(u.selectors))
	for _, s := range u.selectors {
		sels = append(sels, sh.selectorData(s))
	}
	return sh.user.Of(
		"name", u.name,
		"line", u.line,
		"tokens", tokens,
		"enabled", u.enabled,
		"nopass", u.nopass,
		"flags", copyStrings(u.flags),
		"passwords", pws,
		"cleartext", sh.opsData(u.cleartext),
		"hashes", sh.opsData(u.hashes),
		"root", sh.selectorData(u.root),
		"selectors", sels,
		// The parser's facts, so that no rule searches selectors and command rules itself.
		"admin_grants", f.adminGrants,
		"beyond_health", f.beyondHealth,
		"admin_account", f.adminAccount,
	)
}

// userSpans is what locating a user's paths needs: offsets, not spans, as a file of 100,000
// users has a million tokens, and a Span in a map costs 240 bytes.
type userSpans struct {
	name               string
	nameStart, nameEnd int
	lineStart, lineEnd int
	// toks holds each token's start and end offsets in turn; pwToken each password's token.
	toks    []int
	pwToken []int
}

func newUserSpans(u *user) userSpans {
	us := userSpans{
		name: u.name, nameStart: u.nameTok.start, nameEnd: u.nameTok.end,
		lineStart: u.lineStart, lineEnd: u.lineEnd,
		toks: make([]int, 0, 2*len(u.tokens)), pwToken: make([]int, 0, len(u.passwords)),
	}
	for _, t := range u.tokens {
		us.toks = append(us.toks, t.start, t.end)
	}
	for _, p := range u.passwords {
		us.pwToken = append(us.pwToken, p.token)
	}
	return us
}

// locator finds the spans of users/i, users/i/tokens/j and users/i/passwords/k.
type locator struct {
	src   *scanners.LineIndex
	users []userSpans
}

func (l *locator) span(path []any) (scanners.Span, bool) {
	if len(path) < 2 || path[0] != "users" {
		return scanners.Span{}, false
	}
	i, ok := scanners.Index(path[1])
	if !ok || i >= len(l.users) {
		return scanners.Span{}, false
	}
	u := &l.users[i]
	if len(path) == 2 {
		return scanners.Span{
			Key:   l.src.Range(u.nameStart, u.nameEnd),
			Value: l.src.Range(u.lineStart, u.lineEnd),
			ID:    u.name,
		}, true
	}
	if len(path) != 4 {
		return scanners.Span{}, false
	}
	j, ok := scanners.Index(path[3])
	if !ok {
		return scanners.Span{}, false
	}
	switch path[2] {
	case "passwords":
		if j >= len(u.pwToken) {
			return scanners.Span{}, false
		}
		j = u.pwToken[j]
	case "tokens":
	default:
		return scanners.Span{}, false
	}
	if 2*j+1 >= len(u.toks) {
		return scanners.Span{}, false
	}
	r := l.src.Range(u.toks[2*j], u.toks[2*j+1])
	return scanners.Span{Key: r, Value: r}, true
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
