package fix

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// aclToken is one rule of a users.acl line, where it is written.
type aclToken struct {
	text       string
	start, end int
}

// aclUser is one user line of a users.acl file.
type aclUser struct {
	name               string
	nameStart, nameEnd int
	enabled, nopass    bool
	admin              bool
	tokens             []aclToken
}

func aclUsers(f *File, li *scanners.LineIndex) []aclUser {
	data, _ := f.Doc.Data.(map[string]any)
	list, _ := data["users"].([]any)
	out := make([]aclUser, 0, len(list))
	for i, item := range list {
		r, _ := item.(scanners.Record)
		u := aclUser{}
		v, _ := r.Get("name")
		u.name, _ = v.(string)
		v, _ = r.Get("enabled")
		u.enabled, _ = v.(bool)
		v, _ = r.Get("nopass")
		u.nopass, _ = v.(bool)
		v, _ = r.Get("admin_grants")
		grants, _ := v.([]string)
		v, _ = r.Get("admin_account")
		account, _ := v.(bool)
		// An administrator's account (admin, root, …) with administrator rights: the one the
		// guide turns off. The default user is every client that sends no user name, and an
		// application user with +@all is still the application's.
		u.admin = len(grants) > 0 && account && u.name != "default"
		sp, ok := f.Doc.Span([]any{"users", i})
		if !ok {
			continue
		}
		if u.nameStart, u.nameEnd, ok = span(f.Src, li, sp.Key); !ok {
			continue
		}
		v, _ = r.Get("tokens")
		toks, _ := v.([]string)
		for j := range toks {
			ts, ok := f.Doc.Span([]any{"users", i, "tokens", j})
			if !ok {
				continue
			}
			a, b, ok := span(f.Src, li, ts.Value)
			if !ok {
				continue
			}
			u.tokens = append(u.tokens, aclToken{text: string(f.Src[a:b]), start: a, end: b})
		}
		out = append(out, u)
	}
	return out
}

// redisACL rewrites users.acl files: cleartext passwords become hashes, each user paired with
// a .env password gets that password's hash, and a shipped default is rotated on a user no
// client logs in as (an admin, which is then turned off, or a disabled user).
func (p *planner) redisACL() error {
	byStart := map[string]map[int][]int{} // path → token or name start → finding indexes
	p.findings([]string{"ACL001", "ACL002", "ACL005", "ACL008", "ACL009", "ACL010", "ACL012"}, func(i int, fd rules.Finding) {
		f := p.file(fd.Path)
		if f == nil || f.Kind != "redis-acl" {
			return
		}
		a, _, ok := span(f.Src, p.lines(f), fd.Range)
		if !ok {
			return
		}
		if byStart[fd.Path] == nil {
			byStart[fd.Path] = map[int][]int{}
		}
		byStart[fd.Path][a] = append(byStart[fd.Path][a], i)
	})
	paths := make([]string, 0, len(byStart))
	for path := range byStart {
		paths = append(paths, path)
	}
	// A users.acl with no finding still follows a rotated .env.
	for path, f := range p.in.Files {
		if f.Kind == "redis-acl" && f.Doc != nil && byStart[path] == nil && len(p.pairs(path)) > 0 {
			paths = append(paths, path)
		}
	}
	sort.Strings(paths)
	for _, path := range paths {
		if err := p.aclFile(p.file(path), byStart[path]); err != nil {
			return err
		}
	}
	return nil
}

// pairing is the .env password a Redis user must accept.
type pairing struct {
	variable, password string
	// rotated says the plan gave the variable a new value.
	rotated bool
}

// pairs maps the users of the users.acl at path to the .env passwords they must accept, from
// the .env of its deployment folder as the plan leaves it.
func (p *planner) pairs(aclPath string) map[string]pairing {
	s, ok := p.stackOf[aclPath]
	if !ok {
		return nil
	}
	var env map[string]string
	best := ""
	for _, f := range p.in.Stacks[s] {
		if path.Base(f) == ".env" && p.envFinal[f] != nil && (best == "" || len(f) < len(best)) {
			best, env = f, p.envFinal[f]
		}
	}
	was := map[string]string{}
	if f := p.file(best); f != nil {
		vars, _ := p.envVars(f)
		for _, v := range vars {
			if v.effective {
				was[v.name] = v.value
			}
		}
	}
	out := map[string]pairing{}
	for _, ru := range p.in.RedisUsers {
		pw, ok := env[ru.PasswordVar]
		if !ok || pw == "" {
			continue
		}
		name, ok := env[ru.UsernameVar]
		if !ok {
			name = ru.Username
		}
		out[name] = pairing{ru.PasswordVar, pw, was[ru.PasswordVar] != pw}
	}
	return out
}

func (p *planner) aclFile(f *File, flagged map[int][]int) error {
	users := aclUsers(f, p.lines(f))
	defaultHashes := map[string]bool{}
	for _, u := range users {
		for _, t := range u.tokens {
			for _, i := range flagged[t.start] {
				if id := p.in.Findings[i].RuleID; id == "ACL002" || id == "ACL010" {
					if h, ok := tokenHash(t.text); ok {
						defaultHashes[h] = true
					}
				}
			}
		}
	}
	pairs := p.pairs(f.Path)
	count := map[string]int{}
	for _, u := range users {
		count[u.name]++
	}
	for _, u := range users {
		if err := p.aclUser(f, u, flagged, defaultHashes, pairs, count[u.name] == 1); err != nil {
			return err
		}
	}
	return nil
}

// aclUser plans one user line.
func (p *planner) aclUser(f *File, u aclUser, flagged map[int][]int, defaultHashes map[string]bool, pairs map[string]pairing, unique bool) error {
	// A default is a token whose password the rules called one (ACL002, ACL010), or that
	// repeats such a password or a public default: the rules flag only a user's first copy.
	isDefault := func(t aclToken) bool {
		h, ok := tokenHash(t.text)
		return ok && (defaultHashes[h] || p.publicHash(h))
	}
	// resolve marks the findings at a token (or at the name) as fixed.
	resolve := func(start int, text string, ids ...string) {
		for _, i := range flagged[start] {
			for _, id := range ids {
				if p.in.Findings[i].RuleID == id {
					p.fixed(i, text)
				}
			}
		}
	}
	edit := func(start int, e Edit) {
		idx := flagged[start]
		if len(idx) == 0 {
			p.edit(-1, f.Path, e)
			return
		}
		for _, i := range idx {
			p.edit(i, f.Path, e)
		}
	}
	pair, paired := pairs[u.name]
	// A user is brought in line with .env when the plan rotated its password there or a rule
	// flagged the user: a mismatch whose finding was suppressed is the operator's business.
	touched := pair.rotated || len(flagged[u.nameStart]) > 0
	for _, t := range u.tokens {
		touched = touched || len(flagged[t.start]) > 0
	}
	paired = paired && unique && !u.nopass && touched
	desired := ""
	if paired {
		desired = sha256Hex(pair.password)
	}
	placed := false
	for _, t := range u.tokens {
		if t.text == "#"+desired && paired {
			placed = true
		}
	}
	var defaults []aclToken
	for _, t := range u.tokens {
		if len(t.text) < 1 {
			continue
		}
		// A password a rotated .env setting of the folder held (REDIS_USERNAME/REDIS_PASSWORD
		// beyond COSMOS's pairs): the user follows it, or its clients would be locked out.
		if h, ok := tokenHash(t.text); ok && !paired {
			if r, ok := p.rotatedByHash(f.Path, h); ok {
				edit(t.start, Edit{Start: t.start, End: t.end, New: "#" + sha256Hex(r.value), Shown: "#<SHA-256 of " + r.name + ">"})
				resolve(t.start, fmt.Sprintf("user %s: now holds the SHA-256 of %s, whose old value it shared and which was rotated", u.name, r.name), "ACL001", "ACL002")
				continue
			}
		}
		switch t.text[0] {
		case '>':
			pw := t.text[1:]
			switch {
			case paired && (sha256Hex(pw) == desired || isDefault(t)):
				if placed {
					edit(t.start, deleteToken(f.Src, t))
				} else {
					edit(t.start, Edit{Start: t.start, End: t.end, New: "#" + desired, Shown: "#<SHA-256 of " + pair.variable + ">"})
					placed = true
				}
				resolve(t.start, fmt.Sprintf("user %s: replaced a password with the SHA-256 of %s from .env", u.name, pair.variable), "ACL001", "ACL002")
			case isDefault(t):
				defaults = append(defaults, t)
			default:
				edit(t.start, Edit{Start: t.start, End: t.end, New: "#" + sha256Hex(pw), Shown: "#<SHA-256 of the password written here>"})
				resolve(t.start, fmt.Sprintf("user %s: replaced a cleartext password with its SHA-256 (#<hash>)", u.name), "ACL001")
			}
		case '<':
			edit(t.start, Edit{Start: t.start, End: t.end, New: "!" + sha256Hex(t.text[1:]), Shown: "!<SHA-256 of the password written here>"})
			resolve(t.start, fmt.Sprintf("user %s: the password removal now names the password by its SHA-256 (!<hash>)", u.name), "ACL009")
		case '#':
			if !isDefault(t) || paired && t.text == "#"+desired {
				continue // an operator's hash, or already the .env password's
			}
			if !paired {
				defaults = append(defaults, t)
				continue
			}
			if placed {
				edit(t.start, deleteToken(f.Src, t))
			} else {
				edit(t.start, Edit{Start: t.start, End: t.end, New: "#" + desired, Shown: "#<SHA-256 of " + pair.variable + ">"})
				placed = true
			}
			resolve(t.start, fmt.Sprintf("user %s: replaced the default password's hash with the SHA-256 of %s from .env", u.name, pair.variable), "ACL002")
		}
	}
	if paired && !placed {
		// Beside the user's other passwords, else right after the name.
		at := u.nameEnd
		for _, t := range u.tokens {
			// After resetpass or reset too, which would drop a password written before them.
			if strings.HasPrefix(t.text, ">") || strings.HasPrefix(t.text, "#") || strings.EqualFold(t.text, "resetpass") || strings.EqualFold(t.text, "reset") {
				at = t.end
			}
		}
		edit(u.nameStart, Edit{Start: at, End: at, New: " #" + desired, Shown: " #<SHA-256 of " + pair.variable + ">"})
	}
	if paired {
		resolve(u.nameStart, fmt.Sprintf("user %s: holds the SHA-256 of %s from .env", u.name, pair.variable), "ACL008")
	}
	if len(defaults) == 0 {
		return nil
	}
	// A default on a user no .env password pairs with: rotating it is safe only where no
	// client logs in with it: an administrator's account (turned off, as the guide says) or
	// a disabled user.
	if u.enabled && !u.admin {
		// The password stays (its clients send it), out of cleartext; ACL002 is left.
		for _, t := range defaults {
			if strings.HasPrefix(t.text, ">") {
				edit(t.start, Edit{Start: t.start, End: t.end, New: "#" + sha256Hex(t.text[1:]), Shown: "#<SHA-256 of the password written here>"})
				resolve(t.start, fmt.Sprintf("user %s: replaced a cleartext password with its SHA-256 (#<hash>); the password itself is a shipped default its clients still send: change it with them", u.name), "ACL001")
			}
		}
		return nil
	}
	own := 0 // passwords of its own beside the defaults
	for _, t := range u.tokens {
		if (strings.HasPrefix(t.text, ">") || strings.HasPrefix(t.text, "#")) && !isDefault(t) {
			own++
		}
	}
	if own > 0 {
		for _, t := range defaults {
			edit(t.start, deleteToken(f.Src, t))
			resolve(t.start, fmt.Sprintf("user %s: removed the shipped default password; its own password stays", u.name), "ACL002", "ACL010", "ACL001")
		}
		return nil
	}
	pw, err := password(p.in.Rand)
	if err != nil {
		return err
	}
	first := defaults[0]
	edit(first.start, Edit{Start: first.start, End: first.end, New: "#" + sha256Hex(pw), Shown: "#<SHA-256 of a new random password>"})
	for _, t := range defaults[1:] {
		edit(t.start, deleteToken(f.Src, t))
	}
	text := fmt.Sprintf("user %s: replaced the shipped default password with the hash of a random one nobody knows", u.name)
	if u.enabled {
		for _, t := range u.tokens {
			if strings.EqualFold(t.text, "on") {
				edit(t.start, Edit{Start: t.start, End: t.end, New: "off"})
			}
		}
		text = fmt.Sprintf("user %s: turned off and its shipped default password replaced by the hash of a random one (set your own and turn it on if you administer Redis through it)", u.name)
		resolve(u.nameStart, text, "ACL012", "ACL005")
	}
	for _, t := range defaults {
		resolve(t.start, text, "ACL002", "ACL010", "ACL001")
	}
	return nil
}

// deleteToken removes a token with the blanks before it.
func deleteToken(src []byte, t aclToken) Edit {
	a := t.start
	for a > 0 && (src[a-1] == ' ' || src[a-1] == '\t') {
		a--
	}
	return Edit{Start: a, End: t.end}
}

// tokenHash is the SHA-256 of the password a token adds (>pw or #hash).
func tokenHash(t string) (string, bool) {
	switch {
	case strings.HasPrefix(t, ">"):
		return sha256Hex(t[1:]), true
	case strings.HasPrefix(t, "#") && len(t) == 65:
		return strings.ToLower(t[1:]), true
	}
	return "", false
}

// publicHash reports whether h is the SHA-256 of a public shipped default.
func (p *planner) publicHash(h string) bool {
	if p.public == nil {
		p.public = map[string]bool{}
		if p.in.Values != nil {
			for _, d := range p.in.Values.PublicDefaults() {
				p.public[sha256Hex(d)] = true
			}
		}
	}
	return p.public[h]
}
