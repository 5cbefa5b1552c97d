package secret

import "strings"

// IsSecretName reports whether a variable, key, option or header name conventionally holds a
// secret: OPENC3_REDIS_PASSWORD, api_key, apiToken, --requirepass, zk_super_credentials,
// customer_key, X-Api-Key, Authorization.
//
// It accepts every name the rules' own pattern accepts (policies/lib/defaults.json
// secret_name_pattern: names ending in PASSWORD, PASS, _PW, SECRET, TOKEN, API_KEY, …), so
// that whatever a rule judges as a secret is masked too, and more: a name is cut into words
// (at _ - . / blanks and camelCase), and it holds a secret when a word says so anywhere
// (password, secret, token, credentials, …) or its last word does (pass, pwd, key, auth, …).
// A last word naming something about the secret rather than the secret itself (_FILE, _PATH,
// _TTL, _LENGTH, _ENABLED, _USER, _ID …) makes the name hold no secret: its value is a path, a
// number or a switch.
func IsSecretName(name string) bool {
	lower := strings.ToLower(name)
	if notSecretNames[lower] || isUpstreamPass(lower) {
		return false
	}
	words := splitWords(name)
	for len(words) > 0 && noiseWords(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if aboutSecret[last] {
		return false
	}
	if RuleName(name) {
		return true
	}
	for _, w := range words {
		if strongWords[w] || strings.Contains(w, "password") || strings.Contains(w, "passwd") || strings.Contains(w, "secret") {
			return true
		}
	}
	if !lastWords[last] {
		return false
	}
	if (last == "key" || last == "keys") && len(words) > 1 && notSecretKeys[words[len(words)-2]] {
		return false
	}
	return true
}

// RuleName reports whether a name matches the rules' own secret_name_pattern
// (policies/deploylint/data/defaults: (?i)(PASSWORD|PASSWD|PASS|_PW|^PW|SECRET|SECRET_KEY|
// TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY)$), by suffix: a tenth of the regexp's cost. The names
// the rules judge as secrets, which IsSecretName widens for masking.
func RuleName(name string) bool {
	for _, s := range []string{"PASSWORD", "PASSWD", "PASS", "_PW", "SECRET", "SECRET_KEY", "TOKEN", "API_KEY", "ACCESS_KEY", "PRIVATE_KEY"} {
		if len(name) >= len(s) && strings.EqualFold(name[len(name)-len(s):], s) {
			return true
		}
	}
	return strings.EqualFold(name, "PW")
}

// isUpstreamPass: nginx's proxy_pass and its siblings name an upstream, not a password, and
// are the most common line of an nginx file.
func isUpstreamPass(lower string) bool {
	for _, p := range []string{"proxy", "fastcgi", "uwsgi", "scgi", "grpc", "memcached"} {
		if lower == p+"_pass" || strings.HasPrefix(lower, p+"_pass_") {
			return true
		}
	}
	return false
}

// notSecretNames are names that match the word rules by accident: PWD is the working
// directory in every shell environment.
var notSecretNames = map[string]bool{"pwd": true, "oldpwd": true}

// strongWords hold a secret wherever they stand in a name (words containing password, passwd
// or secret are matched as substrings: dbpassword, clientsecret).
var strongWords = map[string]bool{
	"passphrase": true, "passcode": true, "token": true, "tokens": true, "credential": true,
	"credentials": true, "creds": true, "apikey": true, "apikeys": true, "requirepass": true,
	"masterauth": true, "htpasswd": true, "privatekey": true, "accesskey": true, "authtoken": true,
	"authorization": true, "bearer": true,
}

// lastWords hold a secret when they end the name: REDIS_PASS, MYSQL_PWD, PGADMIN_PW,
// CUSTOMER_KEY, REDIS_AUTH, WORDPRESS_AUTH_SALT, SESSION_COOKIE.
var lastWords = map[string]bool{
	"pass": true, "pwd": true, "pw": true, "pin": true, "key": true, "keys": true, "auth": true,
	"salt": true, "cookie": true,
}

// notSecretKeys qualify a final "key" that names no secret: a public or host key, a key of a
// table, or the path of a TLS key (ssl_certificate_key is a file name).
var notSecretKeys = map[string]bool{
	"public": true, "pub": true, "primary": true, "sort": true, "partition": true, "foreign": true,
	"host": true, "ssl": true, "tls": true, "ssh": true, "gpg": true, "cert": true, "certificate": true,
	"idempotency": true, "cache": true, "routing": true, "hot": true, "shortcut": true, "object": true,
}

// aboutSecret are last words that name something about a secret, not the secret: where it is
// (_FILE, _PATH), how long it lives (_TTL), how it is checked (_LENGTH, _REQUIRED), who has it
// (_USER, _ID), or whether it is on (_ENABLED).
var aboutSecret = map[string]bool{
	"file": true, "files": true, "path": true, "paths": true, "dir": true, "directory": true,
	"location": true, "uri": true, "url": true, "name": true, "names": true, "user": true,
	"username": true, "id": true, "ids": true, "type": true, "mode": true, "method": true,
	"length": true, "len": true, "size": true, "min": true, "max": true, "ttl": true, "expiry": true,
	"expires": true, "expiration": true, "lifetime": true, "timeout": true, "days": true,
	"hours": true, "minutes": true, "seconds": true, "secs": true, "enabled": true, "enable": true,
	"disabled": true, "disable": true, "required": true, "require": true, "policy": true,
	"header": true, "prefix": true, "suffix": true, "format": true, "algorithm": true, "algo": true,
	"rounds": true, "iterations": true, "count": true, "cost": true, "strength": true, "env": true,
	"var": true, "variable": true, "version": true, "provider": true, "backend": true,
	"endpoint": true, "host": true, "port": true, "rotation": true, "interval": true,
	"duration": true, "period": true, "secure": true, "flag": true, "ref": true, "reference": true,
	"arn": true, "kind": true, "source": true, "hint": true, "label": true, "description": true,
	"desc": true, "help": true, "error": true, "command": true, "cmd": true, "store": true,
}

// noiseWords end a name without changing what it holds: API_KEY_V2, LICENSE_KEY_CONTENTS,
// TOKEN_B64.
func noiseWords(w string) bool {
	switch w {
	case "value", "values", "contents", "content", "data", "b64", "base64", "hex", "raw", "str",
		"string", "plain", "plaintext", "enc", "encoded", "new", "old", "current", "default":
		return true
	}
	if w == "" {
		return true
	}
	digits := strings.TrimLeft(w, "v")
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return len(digits) > 0
}

// splitWords cuts a name into lower-case words at separators and camelCase boundaries
// (apiKey, APIKey and api_key all give api, key).
func splitWords(name string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(name[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isAlnum(c) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := name[i-1]
		switch {
		case isUpper(c) && isLower(prev):
			// apiKey: a word starts at K
			flush(i)
			start = i
		case isUpper(c) && isUpper(prev) && i+1 < len(name) && isLower(name[i+1]):
			// APIKey: the last capital of a run starts the next word
			flush(i)
			start = i
		case isDigit(c) != isDigit(prev) && !isDigit(c):
			// TOKEN2X: a letter after digits starts a word
			flush(i)
			start = i
		}
	}
	flush(len(name))
	return words
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isUpper(c) || isLower(c) || isDigit(c) }

// isWordByte: the bytes a whole-token match must not continue into.
func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }
