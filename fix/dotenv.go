package fix

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// defaultPasswordRules flag a .env variable holding a shipped default password.
func defaultPasswordRules() []string {
	return []string{"ENV001", "ENV002", "ENV003", "ENV005", "ENV008", "ENV011", "ENV012"}
}

// generatedName matches the names of secrets deploylint may make up itself: passwords and
// secret keys, which nobody but this deployment uses. An API token or key is issued by its
// service.
const generatedName = `(?i)(^|_)(PASSWORD|PASSWD|PASS|PW|PWD|SECRET|SECRET_KEY|SECRET_KEY_BASE|KEY_BASE)$`

// envVar is one assignment of a .env file, where its value is written.
type envVar struct {
	name, value string
	// start and end are the bytes of the value as written, without its quotes.
	start, end int
	// plain is true when those bytes are the value itself (no escapes, references or
	// comment in between), so that replacing them replaces the value.
	plain     bool
	effective bool
	// ref is true when the value as written refers to another variable (${NAME}): it
	// follows that one.
	ref bool
}

// envVars lists a parsed .env file's assignments, made once per file.
func (p *planner) envVars(f *File) ([]envVar, map[int][]int) {
	d := p.of(f)
	if d.varsOn == nil {
		d.vars = readVars(f, d.lines)
		d.varsOn = map[int][]int{}
		for k, v := range d.vars {
			if v.start >= 0 {
				line := d.lines.Pos(v.start).Line
				d.varsOn[line] = append(d.varsOn[line], k)
			}
		}
	}
	return d.vars, d.varsOn
}

func readVars(f *File, li *scanners.LineIndex) []envVar {
	data, _ := f.Doc.Data.(map[string]any)
	list, _ := data["vars"].([]any)
	out := make([]envVar, 0, len(list))
	for i, item := range list {
		m, _ := item.(map[string]any)
		v := envVar{}
		v.name, _ = m["name"].(string)
		v.value, _ = m["value"].(string)
		v.effective, _ = m["effective"].(bool)
		quote, _ := m["quote"].(string)
		sp, ok := f.Doc.Span([]any{"vars", i})
		if !ok {
			continue
		}
		a, b, ok := span(f.Src, li, sp.Value)
		if !ok {
			continue
		}
		raw := string(f.Src[a:b])
		v.ref = strings.Contains(raw, "$")
		switch q := map[string]string{"single": "'", "double": `"`}[quote]; {
		case q != "" && len(raw) >= 2 && strings.HasPrefix(raw, q) && strings.HasSuffix(raw, q):
			a, b = a+1, b-1
		case q != "":
			a, b = -1, -1
		}
		if a >= 0 {
			inner := string(f.Src[a:b])
			if inner == v.value && !strings.ContainsAny(inner, `$\`) {
				v.plain = true
			} else if quote == "none" && strings.HasPrefix(inner, v.value) && strings.HasPrefix(strings.TrimLeft(inner[len(v.value):], " \t"), "#") && v.value != "" && !strings.ContainsAny(v.value, `$\`) {
				b = a + len(v.value)
				v.plain = true
			}
		}
		v.start, v.end = a, b
		out = append(out, v)
	}
	return out
}

// at is the assignment a finding points at: the one whose value the range covers, else the
// one on the range's line.
func at(vars []envVar, on map[int][]int, li *scanners.LineIndex, r scanners.Range) (envVar, bool) {
	var byLine *envVar
	for _, k := range on[r.Start.Line] {
		v := &vars[k]
		pos := li.Pos(v.start)
		if pos.Column >= r.Start.Column && (r.End.Line > pos.Line || pos.Column <= r.End.Column) {
			return *v, true
		}
		if byLine == nil {
			byLine = v
		}
	}
	if byLine != nil {
		return *byLine, true
	}
	return envVar{}, false
}

// dotenv rotates the defaults and placeholders the .env rules (and CMP003, for a compose value
// taken from .env) flagged, and records every .env file's final variables.
func (p *planner) dotenv() error {
	ids := append(append([]string{"ENV004", "ENV009", "CMP003"}, defaultPasswordRules()...), "ENV007")
	type target struct {
		i  int
		fd rules.Finding
	}
	var urls []target
	var reqs []request
	var err error
	generated := regexp.MustCompile(generatedName)
	p.findings(ids, func(i int, fd rules.Finding) {
		if err != nil {
			return
		}
		f := p.file(fd.Path)
		if f == nil || f.Kind != "dotenv" {
			return
		}
		if f.Alone {
			p.leave(i, "the file was named alone: the files that must agree with it (users.acl, redis.conf, compose) were not scanned; run deploylint fix on its folder")
			return
		}
		if fd.RuleID == "ENV007" {
			urls = append(urls, target{i, fd})
			return
		}
		vars, on := p.envVars(f)
		v, ok := at(vars, on, p.lines(f), fd.Range)
		if !ok || !v.plain {
			p.leave(i, fmt.Sprintf("%s is written with quotes, escapes or references deploylint does not rewrite: set it by hand", nameOr(v.name)))
			return
		}
		kind := "password"
		if fd.RuleID != "ENV004" && !generated.MatchString(v.name) {
			p.leave(i, fmt.Sprintf("%s is not a password deploylint can make up (a user name, a hash, a key issued elsewhere): change it by hand, with what uses it", v.name))
			return
		}
		switch fd.RuleID {
		case "ENV004":
			kind = "hex"
		case "ENV009":
			if v.value == "" || !p.in.Values.Class(v.value).Placeholder {
				p.leave(i, fmt.Sprintf("%s is weak or empty but not a placeholder: someone chose it, and its clients may hold it too; set a strong one where they are configured", v.name))
				return
			}
		case "CMP003":
			if !p.in.Values.Class(v.value).KnownDefault(v.value) {
				return
			}
		}
		reqs = append(reqs, request{i, f, v, kind})
	})
	if err != nil {
		return err
	}
	if err := p.rotateGroups(reqs, generated); err != nil {
		return err
	}
	p.finalEnv()
	for _, u := range urls {
		p.urlPassword(u.i, u.fd)
	}
	return nil
}

// request is a finding asking for an assignment's new value.
type request struct {
	i    int
	f    *File
	v    envVar
	kind string
}

// member is an assignment of a folder's .env files.
type member struct {
	f *File
	v envVar
}

// rotateGroups gives each requested assignment a new value. The password-named assignments of
// the folder that hold the same default get the same one: they may be the two ends of one
// connection (POSTGRES_PASSWORD and KC_DB_PASSWORD), which a new value on one side only would
// break. When one of them cannot be rewritten, or a compose file writes the value itself, the
// whole group is left.
func (p *planner) rotateGroups(reqs []request, generated *regexp.Regexp) error {
	at := map[string][]int{} // findings by the assignment they point at
	for _, r := range reqs {
		k := fmt.Sprintf("%s\x00%d", r.f.Path, r.v.start)
		at[k] = append(at[k], r.i)
	}
	done := map[string]bool{} // assignments already given their value, by location
	for _, r := range reqs {
		if done[fmt.Sprintf("%s\x00%d", r.f.Path, r.v.start)] {
			continue
		}
		group := p.sameValue(r, generated)
		for _, m := range group {
			done[fmt.Sprintf("%s\x00%d", m.f.Path, m.v.start)] = true
		}
		var names []string
		why := ""
		for _, m := range group {
			names = append(names, m.v.name)
			if !m.v.plain {
				why = fmt.Sprintf("%s holds the same value and is written with quotes, escapes or references deploylint does not rewrite: set them together by hand", m.v.name)
			}
			if where, line, ok := p.literalUse(m.f.Path, m.v.value); ok {
				why = fmt.Sprintf("%s line %d writes the same password itself instead of ${%s}: change both together, or interpolate it there first", where, line, m.v.name)
			}
		}
		if why != "" {
			for _, m := range group {
				for _, i := range at[fmt.Sprintf("%s\x00%d", m.f.Path, m.v.start)] {
					p.leave(i, why)
				}
			}
			continue
		}
		nv, err := p.rotation(r.f.Path, r.kind, strings.Join(names, " and "), r.v.value)
		if err != nil {
			return err
		}
		shown := fmt.Sprintf("<new random password, %d characters>", len(nv))
		text := fmt.Sprintf("set %s to a new random password (%d characters)", names[0], len(nv))
		if r.kind == "hex" {
			shown = fmt.Sprintf("<new random key, %d hex characters>", len(nv))
			text = fmt.Sprintf("set %s to a new random key (%d hex characters)", names[0], len(nv))
		}
		if len(names) > 1 {
			text = fmt.Sprintf("set %s, which held the same default, to one new random value (%d characters): they may be two ends of one connection", strings.Join(names, " and "), len(nv))
		}
		for _, m := range group {
			idx := at[fmt.Sprintf("%s\x00%d", m.f.Path, m.v.start)]
			e := Edit{Start: m.v.start, End: m.v.end, New: nv, Shown: shown}
			if len(idx) == 0 {
				p.edit(-1, m.f.Path, e)
			}
			for _, i := range idx {
				p.edit(i, m.f.Path, e)
				p.fixed(i, text)
			}
		}
	}
	return nil
}

// stackKey is the folder a file belongs to (a file of no folder is one of its own).
func (p *planner) stackKey(path string) int {
	s, ok := p.stackOf[path]
	if !ok {
		s = -1 - len(p.stackOf)
		p.stackOf[path] = s
	}
	return s
}

// sameValue lists the effective assignments of r's folder's .env files that hold r's value:
// r's own, and, when the value is a shipped default, every password-named one.
func (p *planner) sameValue(r request, generated *regexp.Regexp) []member {
	out := []member{{r.f, r.v}}
	s := p.stackKey(r.f.Path)
	// A shipped default shared by two settings may be one connection's two ends; a
	// placeholder shared by two (CHANGE_ME) asked for two values.
	c := p.in.Values.Class(r.v.value)
	if r.kind == "hex" || s < 0 || s >= len(p.in.Stacks) || c.Placeholder || !c.KnownDefault(r.v.value) {
		return out
	}
	for _, path := range p.in.Stacks[s] {
		f := p.file(path)
		if f == nil || f.Kind != "dotenv" || f.Alone {
			continue
		}
		vars, _ := p.envVars(f)
		for _, v := range vars {
			if v.effective && !v.ref && v.value == r.v.value && generated.MatchString(v.name) && (f != r.f || v.start != r.v.start) {
				out = append(out, member{f, v})
			}
		}
	}
	return out
}

// rotation is a new value replacing old, the value of setting name, in path's deployment
// folder. Each setting gets its own: two services that ship the same default ("admin") are
// two accounts.
func (p *planner) rotation(path, kind, name, old string) (string, error) {
	s := p.stackKey(path)
	var nv string
	var err error
	if kind == "hex" {
		nv, err = hexKey(p.in.Rand, 64)
	} else {
		nv, err = password(p.in.Rand)
	}
	if err != nil {
		return "", err
	}
	if p.rotated[s] == nil {
		p.rotated[s] = map[string][]rotated{}
	}
	key := kind + "\x00" + old
	p.rotated[s][key] = append(p.rotated[s][key], rotated{name: name, old: old, value: nv})
	return nv, nil
}

// rotated is one setting the plan gave a new value.
type rotated struct{ name, old, value string }

// rotatedTo is the new value of the one setting of path's folder that held the default old;
// false when none did, or several (which of them a URL means is not known).
func (p *planner) rotatedTo(path, old string) (string, bool) {
	s, ok := p.stackOf[path]
	if !ok {
		return "", false
	}
	rs := p.rotated[s]["password\x00"+old]
	if len(rs) != 1 {
		return "", false
	}
	return rs[0].value, true
}

// rotatedByHash is the one password setting of path's folder whose old value has the SHA-256
// h; false when none has, or several.
func (p *planner) rotatedByHash(path, h string) (rotated, bool) {
	s, ok := p.stackOf[path]
	if !ok {
		return rotated{}, false
	}
	if p.byHash[s] == nil {
		idx := map[string][]rotated{}
		for key, rs := range p.rotated[s] {
			if strings.HasPrefix(key, "password\x00") {
				for _, r := range rs {
					idx[sha256Hex(r.old)] = append(idx[sha256Hex(r.old)], r)
				}
			}
		}
		p.byHash[s] = idx
	}
	rs := p.byHash[s][h]
	if len(rs) != 1 {
		return rotated{}, false
	}
	return rs[0], true
}

// finalEnv records each .env file's effective variables as the plan leaves them.
func (p *planner) finalEnv() {
	for path, f := range p.in.Files {
		if f.Kind != "dotenv" || f.Doc == nil {
			continue
		}
		if edits := p.edits[path]; len(edits) > 0 && p.in.Parse != nil {
			sorted, err := ordered(slices.Clone(edits))
			if err == nil {
				if doc, err := p.in.Parse(f.Kind, f.Path, apply(f.Src, sorted, false)); err == nil && doc.Env != nil {
					final := map[string]string{}
					for k, v := range doc.Env {
						final[k] = v.Value
					}
					p.envFinal[path] = final
					continue
				}
			}
		}
		final := map[string]string{}
		rotated := map[[2]int]string{}
		for _, e := range p.edits[path] {
			rotated[[2]int{e.Start, e.End}] = e.New
		}
		vars, _ := p.envVars(f)
		for _, v := range vars {
			if !v.effective {
				continue
			}
			final[v.name] = v.value
			if nv, ok := rotated[[2]int{v.start, v.end}]; ok && v.plain {
				final[v.name] = nv
			}
		}
		p.envFinal[path] = final
	}
}

// urlPassword gives a connection URL flagged by ENV007 the new password of the variable of its
// folder that held the same default, so the URL and its server still agree.
func (p *planner) urlPassword(i int, fd rules.Finding) {
	f := p.file(fd.Path)
	vars, on := p.envVars(f)
	v, ok := at(vars, on, p.lines(f), fd.Range)
	if !ok || v.start < 0 {
		return
	}
	raw := string(f.Src[v.start:v.end])
	scheme := strings.Index(raw, "://")
	if scheme < 0 {
		return
	}
	rest := raw[scheme+3:]
	hostAt := strings.IndexAny(rest, "/?#")
	if hostAt < 0 {
		hostAt = len(rest)
	}
	userinfo := rest[:hostAt]
	atSign := strings.LastIndex(userinfo, "@")
	colon := strings.Index(userinfo, ":")
	if atSign < 0 || colon < 0 || colon > atSign {
		return
	}
	pw := userinfo[colon+1 : atSign]
	nv, ok := p.rotatedTo(fd.Path, pw)
	if !ok || strings.ContainsAny(pw, "%$") {
		return // leftReason: the URL's server is not known
	}
	start := v.start + scheme + 3 + colon + 1
	p.edit(i, f.Path, Edit{Start: start, End: start + len(pw), New: nv, Shown: fmt.Sprintf("<new random password, %d characters>", len(nv))})
	p.fixed(i, fmt.Sprintf("gave the password in %s the new value of the variable that held the same default", v.name))
}

func nameOr(n string) string {
	if n == "" {
		return "the value"
	}
	return n
}
