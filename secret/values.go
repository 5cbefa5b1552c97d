package secret

import "strings"

// Plain reports whether a value holds no secret whatever its name: empty or blank, only a
// reference to a variable set elsewhere, a switch, or a placeholder left for a real secret.
// Parsers skip such values, so that quoted lines keep what the reader needs ("${REDIS_PASSWORD}"
// says where the value comes from; "oauth_enabled: false" is what the finding is about) and
// messages keep their words.
func Plain(v string) bool {
	t := strings.TrimSpace(v)
	if t == "" || strings.Contains(t, Mask) {
		return true
	}
	if len(t) <= 3 && !strings.ContainsFunc(t, func(r rune) bool {
		return r >= 128 || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}) {
		return true // a YAML block indicator (|, >-) or a lone dash
	}
	return IsReference(t) || IsSwitch(t) || IsPlaceholder(t) || isAuthMethod(t)
}

// isAuthMethod: a value under an AUTH name is often the method, not the credential
// (POSTGRES_HOST_AUTH_METHOD=${PG_AUTH}, PG_AUTH=trust), and rules name it.
func isAuthMethod(v string) bool {
	if len(v) > maxWordBytes {
		return false // not lowered: a 100 MB value would be copied for nothing
	}
	switch strings.ToLower(v) {
	case "trust", "md5", "scram-sha-256", "peer", "ident", "reject", "cert", "gss", "sspi", "pam",
		"ldap", "radius", "basic", "bearer", "digest", "ntlm", "negotiate", "oauth", "oauth2", "oidc":
		return true
	}
	return false
}

// maxWordBytes bounds the bytes of a value that lowers to one of the words isAuthMethod and
// IsSwitch know (13 bytes at most): lowering can shrink a character to a third of its bytes
// (the Kelvin sign to k), never more.
const maxWordBytes = 3 * 13

// IsSwitch reports whether a value is a boolean or null as configuration formats write them.
func IsSwitch(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) > maxWordBytes {
		return false
	}
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "enabled", "disabled", "enable", "disable",
		"none", "null", "nil", "~":
		return true
	}
	return false
}

// MaxPlaceholder is the longest value that can be a placeholder, in bytes.
const MaxPlaceholder = 256

// IsPlaceholder reports whether a value only stands in for a secret to be set: CHANGE_ME and
// its variants (CHANGE_ME_alice_key), <your password>, your_token_here, {{ .Values.pw }},
// xxxxxx. Such a value is shipped in templates, and rules name it in their messages. A value
// longer than MaxPlaceholder is content, not a stand-in (policies/lib/secrets.rego draws the
// same line), and is not lowered: a 100 MB value would be copied for nothing.
func IsPlaceholder(v string) bool {
	if len(v) > MaxPlaceholder {
		return false
	}
	l := strings.ToLower(strings.TrimSpace(v))
	for _, p := range []string{"changeme", "change_me", "change-me", "changeit", "change_it"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	switch {
	case len(l) >= 2 && l[0] == '<' && l[len(l)-1] == '>' && !strings.ContainsAny(l[1:len(l)-1], "<>"):
		return true
	case strings.HasPrefix(l, "{{") && strings.HasSuffix(l, "}}"):
		return true
	case strings.HasPrefix(l, "your_") || strings.HasPrefix(l, "your-") || strings.HasPrefix(l, "your "):
		return true
	case strings.HasSuffix(l, "-me") || strings.HasSuffix(l, "_me") || strings.Contains(l, "-me-") || strings.Contains(l, "_me_"):
		return true // generate-me, replace_me, set-me-please: change_me's siblings
	case len(l) >= 3 && strings.Trim(l, l[:1]) == "" && strings.ContainsAny(l[:1], "x*.#-"):
		return true
	case strings.HasPrefix(l, "replaceme") || strings.HasPrefix(l, "replace_me") || strings.HasPrefix(l, "replace-me"):
		return true
	}
	return pleaseDo(l) || todo(l) || camelInstruction(strings.TrimSpace(v))
}

// pleaseDo is true for please-change, please_set_me, "please update".
func pleaseDo(l string) bool {
	rest, ok := strings.CutPrefix(l, "please")
	if !ok {
		return false
	}
	if rest != "" && strings.ContainsRune("-_. ", rune(rest[0])) {
		rest = rest[1:]
	}
	for _, verb := range []string{"change", "replace", "set", "update"} {
		if strings.HasPrefix(rest, verb) {
			return true
		}
	}
	return false
}

// todo is true for todo, TBD, "FIXME: set me", todo-password: a note, not a value.
func todo(l string) bool {
	for _, w := range []string{"todo", "fixme", "tbd"} {
		if rest, ok := strings.CutPrefix(l, w); ok && (rest == "" || strings.ContainsRune("-_:. ", rune(rest[0]))) {
			return true
		}
	}
	return false
}

// camelInstruction is true for an instruction in camel case, as written: changePassword,
// changeRunnerAuthToken, setYourKey. The capital after the verb tells it from a word that
// merely starts like one (changeling, settle).
func camelInstruction(v string) bool {
	for _, verb := range []string{"change", "replace", "update", "set", "enter", "insert"} {
		rest, ok := strings.CutPrefix(v, verb)
		if !ok || rest == "" || rest[0] < 'A' || rest[0] > 'Z' {
			continue
		}
		for i := range len(rest) {
			if !isAlnum(rest[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// IsReference reports whether a value only names variables set elsewhere: $VAR, ${VAR},
// $$VAR (compose's escaped dollar), ${VAR:?message}, ${VAR:-} with an empty default, or
// several braced ones side by side. ${VAR:-fallback} is not one: its fallback is a literal, and
// may be the secret.
func IsReference(v string) bool {
	if v == "" {
		return false
	}
	bare := 0
	for i := 0; i < len(v); {
		n := referenceAt(v, i)
		if n == 0 {
			return false
		}
		if !strings.Contains(v[i:i+n], "{") {
			bare++
		}
		i += n
	}
	// "$apr1$salt$hash" reads as three bare references, and is a crypt hash: configuration
	// glues braced references, not bare ones.
	return bare <= 1
}

// referenceAt returns the length of the reference starting at v[i], or 0.
func referenceAt(v string, i int) int {
	j := i
	if j >= len(v) || v[j] != '$' {
		return 0
	}
	j++
	if j < len(v) && v[j] == '$' {
		j++
	}
	if j < len(v) && v[j] == '{' {
		end := strings.IndexByte(v[j:], '}')
		if end < 0 {
			return 0
		}
		inner := v[j+1 : j+end]
		name := identLen(inner)
		if name == 0 {
			return 0
		}
		switch rest := inner[name:]; {
		case rest == "", rest == ":-", rest == "-":
		case strings.HasPrefix(rest, ":?"), strings.HasPrefix(rest, "?"):
		default:
			return 0
		}
		return j + end + 1 - i
	}
	n := identLen(v[j:])
	if n == 0 {
		return 0
	}
	return j + n - i
}

// identLen is the length of the variable name at the start of s.
func identLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || isUpper(c) || isLower(c) || (i > 0 && isDigit(c)) {
			continue
		}
		return i
	}
	return len(s)
}

// Literal is what a value written with ${…} references holds of its own: the text around the
// references and their defaults (${VAR:-default}), one per line, with "$$" read as the "$" it
// stands for (compose and .env escape a dollar so). The names of the variables are no secret,
// and a message that names one must not be masked for it. A value without references is
// returned as it is.
func Literal(v string) string {
	if !strings.Contains(v, "$") {
		return v
	}
	var parts []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(v); {
		if strings.HasPrefix(v[i:], "$$") {
			cur.WriteByte('$')
			i += 2
			continue
		}
		var def []string
		n := referenceAt(v, i)
		if n == 0 {
			n = defaultRefAt(v, i, &def)
		}
		if n == 0 {
			cur.WriteByte(v[i])
			i++
			continue
		}
		flush()
		parts = append(parts, def...)
		i += n
	}
	flush()
	return strings.Join(parts, "\n")
}

// defaultRefAt returns the length of a ${VAR:-default} or ${VAR-default} at v[i], or 0, and
// adds its default to parts.
func defaultRefAt(v string, i int, parts *[]string) int {
	if !strings.HasPrefix(v[i:], "${") {
		return 0
	}
	end := strings.IndexByte(v[i:], '}')
	if end < 0 {
		return 0
	}
	inner := v[i+2 : i+end]
	name := identLen(inner)
	if name == 0 {
		return 0
	}
	rest := inner[name:]
	switch {
	case strings.HasPrefix(rest, ":-"):
		rest = rest[2:]
	case strings.HasPrefix(rest, "-"):
		rest = rest[1:]
	default:
		return 0
	}
	if rest != "" {
		*parts = append(*parts, rest)
	}
	return end + 1
}
