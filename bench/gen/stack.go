package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
)

// flavor is the kind of application a stack deploys; it decides the services and variables.
type flavor int

const (
	cosmos  flavor = iota // OpenC3 COSMOS: OPENC3_* variables, openc3/scriptrunner Redis users
	webapp                // a web application with Postgres and Redis
	fetchml               // the FetchML homelab: API server, Redis, Postgres, Grafana
)

// fault is one misconfiguration a faulty stack carries.
type fault string

// Faults by file. Each applies to some stacks only (see stack.applicable).
const (
	// .env
	envDefaultRedis   fault = "env-default-redis-password"
	envServiceDefault fault = "env-service-default-password"
	envWeakAppKey     fault = "env-weak-secret-key"
	envReused         fault = "env-reused-secret"
	envAllowHTTP      fault = "env-allow-http"
	// users.acl
	aclCleartext   fault = "acl-cleartext-password"
	aclDefaultOpen fault = "acl-default-user-open"
	aclMismatch    fault = "acl-env-mismatch"
	aclAdmin       fault = "acl-admin-enabled"
	aclComment     fault = "acl-comment-line"
	// redis.conf
	rdsNoAuth      fault = "redis-no-auth"
	rdsUnprotected fault = "redis-unprotected"
	rdsFoobared    fault = "redis-requirepass-foobared"
	// compose
	cmpPublishRedis  fault = "compose-redis-published"
	cmpPublishDB     fault = "compose-db-published"
	cmpPublishApp    fault = "compose-app-published"
	cmpTrust         fault = "compose-postgres-trust"
	cmpDockerSock    fault = "compose-docker-socket"
	cmpLiteralSecret fault = "compose-literal-secret"
	cmpRedisPlain    fault = "compose-redis-without-config"
	// nginx
	ngxOldTLS       fault = "nginx-tlsv1"
	ngxNoTLS        fault = "nginx-no-tls"
	ngxDefaultProto fault = "nginx-default-protocols"
	ngxWeakCiphers  fault = "nginx-weak-ciphers"
	ngxNoHSTS       fault = "nginx-no-hsts"
	ngxVersionShown fault = "nginx-version-disclosed"
	ngxAutoindex    fault = "nginx-autoindex"
	ngxSnakeoil     fault = "nginx-snakeoil-certificate"
	ngxNoRedirect   fault = "nginx-http-not-redirected"
	ngxUpstreamTLS  fault = "nginx-upstream-tls-unverified"
	// traefik
	trfInsecureAPI fault = "traefik-insecure-api"
	trfNoTLS       fault = "traefik-no-tls"
	trfNoRedirect  fault = "traefik-http-not-redirected"
	trfPlaceholder fault = "traefik-placeholder-email"
	// DC/OS
	dcosPermissive   fault = "dcos-security-permissive"
	dcosOAuthOff     fault = "dcos-oauth-disabled"
	dcosTLS10        fault = "dcos-tls-1.0"
	dcosWeakCipher   fault = "dcos-weak-ciphers"
	dcosCookie       fault = "dcos-cookie-not-secure"
	dcosZKDefault    fault = "dcos-zk-default-credentials"
	dcosLongLifetime fault = "dcos-long-token-lifetime"
	dcosNoHash       fault = "dcos-no-superuser-hash"
	dcosExhibitor    fault = "dcos-exhibitor-no-tls"
	dcosCustomerKey  fault = "dcos-placeholder-customer-key"
	// FetchML
	fmlNoTLS     fault = "fetchml-tls-disabled"
	fmlChangeMe  fault = "fetchml-change-me-key"
	fmlRawKey    fault = "fetchml-raw-key"
	fmlOpenAllow fault = "fetchml-open-ip-allowlist"
	fmlNoAudit   fault = "fetchml-no-audit-log"
)

// stack is one deployment directory, decided entirely by its random source.
type stack struct {
	r         *rand.Rand
	flavor    flavor
	proxy     string // "nginx" or "traefik"
	installer string // "dcos" or "fetchml"
	dcosEE    bool   // DC/OS Enterprise (else open source)
	faults    map[fault]bool

	// Variations that are no fault (deploylint rightly stays quiet on them).
	loopbackInternal bool // Redis or the database published on 127.0.0.1 for local tools
	noRename         bool // no rename-command lines: harmless behind ACLs

	project, org, domain string
	composeName          string
	apiConfigName        string

	// The secrets of the .env, which users.acl and the configuration files agree with.
	redisUser, redisPass string
	srPass               string // COSMOS scriptrunner
	dbUser, dbPass       string
	secretKey            string
}

var (
	projects = []string{
		"orbit", "atlas", "harbor", "falcon", "ledger", "meridian", "nimbus", "quarry", "relay",
		"sentinel", "tundra", "vertex", "willow", "zephyr", "beacon", "cobalt", "delta", "ember",
		"fjord", "gamma", "helix", "iris", "juniper", "kestrel", "lumen", "mosaic", "nova", "onyx",
	}
	orgs    = []string{"acme-labs", "northwind", "globex", "initech", "umbrella", "hooli", "vandelay", "stark-ind"}
	tlds    = []string{"io", "net", "dev", "cloud", "space", "org"}
	letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

// newStack decides stack i of the corpus of the given seed.
func newStack(seed uint64, i int) *stack {
	// Stack i has a stream of its own, so it is the same whatever -n is.
	r := rand.New(rand.NewPCG(seed, uint64(i))) //nolint:gosec // a reproducible corpus, not secrets
	s := &stack{r: r, faults: map[fault]bool{}}
	s.flavor = flavor(r.IntN(3))
	s.proxy = "nginx"
	if r.IntN(3) == 0 {
		s.proxy = "traefik"
	}
	s.installer = "dcos"
	if i%2 == 0 {
		s.installer = "fetchml"
	}
	s.dcosEE = r.IntN(3) > 0
	s.project = fmt.Sprintf("%s-%d", s.pick(projects...), 1+r.IntN(99))
	s.org = s.pick(orgs...)
	s.domain = fmt.Sprintf("%s.%s.%s", s.project, s.org, s.pick(tlds...))
	s.composeName = s.pick("compose.yaml", "docker-compose.yml", "docker-compose.yaml", "compose.yml")
	s.apiConfigName = s.pick("prod.yaml", "api.yaml", "production.yaml", "server.yaml")

	switch s.flavor {
	case cosmos:
		s.redisUser = "openc3"
		s.dbUser = "openc3quest"
	case webapp:
		s.redisUser = strings.ReplaceAll(s.project, "-", "_")
		s.dbUser = s.redisUser
	case fetchml:
		s.redisUser = "fetchml"
		s.dbUser = "fetchml"
	}
	s.redisPass = s.secret(24 + r.IntN(9))
	s.srPass = s.secret(24)
	s.dbPass = s.secret(24 + r.IntN(9))
	s.secretKey = s.hex(128)

	s.loopbackInternal = r.IntN(5) == 0
	s.noRename = r.IntN(4) == 0
	if r.IntN(2) == 0 {
		list := s.applicable()
		for k := 1 + r.IntN(3); k > 0; k-- {
			s.faults[list[r.IntN(len(list))]] = true
		}
	}
	s.applySecretFaults()
	return s
}

// applicable lists the faults that make sense for this stack's flavor, proxy and installer.
func (s *stack) applicable() []fault {
	l := []fault{
		envDefaultRedis, envServiceDefault, envWeakAppKey, envReused,
		aclCleartext, aclDefaultOpen, aclAdmin, aclComment,
		rdsNoAuth, rdsUnprotected, rdsFoobared,
		cmpPublishRedis, cmpPublishDB, cmpPublishApp, cmpDockerSock, cmpLiteralSecret,
	}
	if s.flavor == cosmos {
		l = append(l, envAllowHTTP, aclMismatch)
	} else {
		// deploylint does not know COSMOS's own openc3-redis image for Redis, so a COSMOS stack
		// gets no Redis-without-configuration fault.
		l = append(l, cmpTrust, cmpRedisPlain)
	}
	if s.proxy == "nginx" {
		l = append(l, ngxOldTLS, ngxNoTLS, ngxDefaultProto, ngxWeakCiphers, ngxNoHSTS, ngxVersionShown,
			ngxAutoindex, ngxSnakeoil, ngxNoRedirect, ngxUpstreamTLS)
	} else {
		l = append(l, trfInsecureAPI, trfNoTLS, trfNoRedirect, trfPlaceholder)
	}
	if s.installer == "dcos" {
		l = append(l, dcosTLS10, dcosWeakCipher, dcosExhibitor)
		if s.dcosEE {
			l = append(l, dcosZKDefault, dcosPermissive, dcosCookie, dcosLongLifetime, dcosNoHash, dcosCustomerKey)
		} else {
			l = append(l, dcosOAuthOff)
		}
	} else {
		l = append(l, fmlNoTLS, fmlChangeMe, fmlRawKey, fmlOpenAllow, fmlNoAudit)
	}
	return l
}

// applySecretFaults replaces strong secrets by the weak values the faults call for, so every
// file that mentions the secret agrees with the .env (the way a stack left at its defaults is
// consistently weak).
func (s *stack) applySecretFaults() {
	if s.faults[envDefaultRedis] {
		switch s.flavor {
		case cosmos:
			s.redisPass, s.srPass = "openc3password", "scriptrunnerpassword"
		default:
			s.redisPass = s.pick("CHANGE_ME_redis_password", "changeme", "redis")
		}
	}
	if s.faults[envServiceDefault] && s.flavor == webapp {
		s.dbPass = s.pick("postgres", "password")
	}
	if s.faults[envReused] {
		s.dbPass = s.redisPass
	}
}

// describe names the stack's layout and faults, for -v.
func (s *stack) describe() string {
	names := make([]string, 0, len(s.faults))
	for f := range s.faults {
		names = append(names, string(f))
	}
	sort.Strings(names)
	state := "clean"
	if len(names) > 0 {
		state = strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s+%s+%s: %s", [...]string{"cosmos", "webapp", "fetchml"}[s.flavor], s.proxy, s.installer, state)
}

func (s *stack) has(f fault) bool { return s.faults[f] }

func (s *stack) pick(xs ...string) string { return xs[s.r.IntN(len(xs))] }

func (s *stack) chance(p float64) bool { return s.r.Float64() < p }

// secret is a strong random password of n letters and digits.
func (s *stack) secret(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[s.r.IntN(len(letters))]
	}
	return string(b)
}

// hex is n random lowercase hex digits.
func (s *stack) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[s.r.IntN(16)]
	}
	return string(b)
}

func (s *stack) ip(prefix string) string {
	return fmt.Sprintf("%s.%d", prefix, 2+s.r.IntN(250))
}

func sha256Hex(v string) string {
	h := sha256.Sum256([]byte(v))
	return hex.EncodeToString(h[:])
}

// file is one file of a stack.
type file struct {
	rel  string
	body string
	// included marks a file deploylint reads through another's include (and does not count).
	included bool
}

// files renders every file of the stack.
func (s *stack) files() []file {
	fs := []file{
		{rel: s.composeName, body: s.compose()},
		{rel: ".env", body: s.dotenv()},
		{rel: "redis/users.acl", body: s.usersACL()},
		{rel: "redis/redis.conf", body: s.redisConf()},
	}
	if s.proxy == "nginx" {
		fs = append(fs,
			file{rel: "nginx/nginx.conf", body: s.nginxConf()},
			file{rel: "nginx/conf.d/site.conf", body: s.siteConf(), included: true})
	} else {
		fs = append(fs, file{rel: "traefik/traefik.yml", body: s.traefik()})
	}
	if s.installer == "dcos" {
		fs = append(fs, file{rel: "genconf/config.yaml", body: s.dcosConfig()})
	} else {
		fs = append(fs, file{rel: "configs/api/" + s.apiConfigName, body: s.fetchmlConfig()})
	}
	return fs
}

// text builds a file line by line.
type text struct{ strings.Builder }

func (t *text) f(format string, args ...any) {
	fmt.Fprintf(&t.Builder, format+"\n", args...)
}

func (t *text) lines(ls ...string) {
	for _, l := range ls {
		fmt.Fprintln(&t.Builder, l)
	}
}
