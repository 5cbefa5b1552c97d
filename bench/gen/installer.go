package main

import (
	"fmt"

	"github.com/GehirnInc/crypt/sha512_crypt"
)

// traefik renders traefik/traefik.yml: static configuration, with the file provider reading the
// routers from the same file (the COSMOS layout).
func (s *stack) traefik() string {
	var t text
	email := "ops@" + s.domain
	host := s.domain
	if s.has(trfPlaceholder) {
		email = s.pick("me@mydomain.com", "admin@example.com")
		host = s.pick("mydomain.com", "app.example.com")
	}
	up := map[flavor]string{cosmos: "openc3-cosmos-cmd-tlm-api:2901", webapp: "app:8000", fetchml: "api-server:9102"}[s.flavor]
	tls := !s.has(trfNoTLS)
	t.f("# Traefik static configuration for %s, mounted at /etc/traefik/traefik.yml", s.project)
	t.lines(
		"global:",
		"  checkNewVersion: false",
		"  sendAnonymousUsage: false",
		"log:",
		"  level: "+s.pick("INFO", "WARN"),
		"accessLog: {}",
		"ping: {}",
		"",
		"entryPoints:",
		"  web:",
		`    address: ":80"`,
	)
	if tls && !s.has(trfNoRedirect) {
		t.lines(
			"    http:",
			"      redirections:",
			"        entryPoint:",
			"          to: websecure",
			"          scheme: https",
			"          permanent: true",
		)
	}
	if tls {
		t.lines(
			"  websecure:",
			`    address: ":443"`,
			"    http:",
			"      tls:",
			"        certResolver: letsencrypt",
		)
	}
	t.lines(
		"",
		"providers:",
		"  file:",
		"    filename: /etc/traefik/traefik.yml",
		"    watch: true",
	)
	if s.has(cmpDockerSock) {
		t.lines("  docker:", "    exposedByDefault: false", "    network: "+s.project+"_frontend")
	}
	t.lines("", "api:", "  dashboard: true")
	if s.has(trfInsecureAPI) {
		t.f("  insecure: true")
	}
	if tls {
		t.lines(
			"",
			"certificatesResolvers:",
			"  letsencrypt:",
			"    acme:",
			"      email: "+email,
			"      storage: /acme/acme.json",
			"      httpChallenge:",
			"        entryPoint: web",
		)
	}
	entry := "websecure"
	if !tls {
		entry = "web"
	}
	t.lines(
		"",
		"http:",
		"  middlewares:",
		"    secure-headers:",
		"      headers:",
		"        frameDeny: true",
		"        contentTypeNosniff: true",
		"        browserXssFilter: true",
		"        stsSeconds: 63072000",
		"        stsIncludeSubdomains: true",
		"    rate-limit:",
		"      rateLimit:",
		fmt.Sprintf("        average: %d", 50*(1+s.r.IntN(4))),
		"        burst: 100",
		"  routers:",
		"    app:",
		fmt.Sprintf("      rule: Host(`%s`)", host),
		"      entryPoints: ["+entry+"]",
		"      middlewares: [secure-headers, rate-limit]",
		"      service: app",
	)
	if tls {
		t.lines("      tls:", "        certResolver: letsencrypt")
	}
	t.lines(
		"    dashboard:",
		fmt.Sprintf("      rule: Host(`traefik.%s`)", host),
		"      entryPoints: ["+entry+"]",
		"      service: api@internal",
		"      middlewares: [secure-headers]",
	)
	if tls {
		t.lines("      tls:", "        certResolver: letsencrypt")
	}
	t.lines(
		"  services:",
		"    app:",
		"      loadBalancer:",
		"        passHostHeader: true",
		"        healthCheck:",
		"          path: /healthz",
		"          interval: 10s",
		"        servers:",
		"          - url: http://"+up,
	)
	return t.String()
}

// dcosConfig renders genconf/config.yaml for DC/OS Enterprise or open source.
func (s *stack) dcosConfig() string {
	var t text
	edition := "open source"
	if s.dcosEE {
		edition = "Enterprise"
	}
	net := fmt.Sprintf("10.%d.%d", s.r.IntN(250), s.r.IntN(250))
	t.f("# DC/OS %s installer configuration for cluster %s", edition, s.project)
	t.f("# Generated for the advanced installer: dcos_generate_config.sh --genconf")
	t.f("bootstrap_url: http://%s:8080", s.ip(net))
	t.f("cluster_name: %s", s.project)
	t.f("exhibitor_storage_backend: static")
	t.f("master_discovery: static")
	t.f("master_list:")
	for range 3 {
		t.f("- %s", s.ip(net))
	}
	t.f("agent_list:")
	for k := 2 + s.r.IntN(6); k > 0; k-- {
		t.f("- %s", s.ip(net))
	}
	t.f("public_agent_list:")
	t.f("- %s", s.ip(net))
	t.f("resolvers:")
	t.f("- %s.2", net)
	t.f("- 1.1.1.1")
	t.f("dns_search: %s.internal", s.org)
	t.f("ip_detect_filename: genconf/ip-detect")
	t.f("platform: onprem")
	t.f("process_timeout: 10000")
	t.f("check_time: 'true'")
	t.f("telemetry_enabled: 'false'")
	t.f("docker_remove_delay: 1hrs")
	t.f("gc_delay: 2days")
	t.f("log_directory: /genconf/logs")
	t.f("")
	t.f("# Admin Router")
	if s.has(dcosTLS10) {
		t.f("adminrouter_tls_1_0_enabled: 'true'")
		t.f("adminrouter_tls_1_1_enabled: 'true'")
	} else {
		t.f("adminrouter_tls_1_0_enabled: 'false'")
		t.f("adminrouter_tls_1_1_enabled: 'false'")
	}
	t.f("adminrouter_tls_1_2_enabled: 'true'")
	if s.has(dcosWeakCipher) {
		t.f("adminrouter_tls_cipher_suite: '%s'", s.pick("ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:RC4-SHA", "EECDH+AESGCM:EXPORT:!MD5", "ALL:eNULL"))
	}
	t.f("")
	t.f("# Exhibitor")
	if s.has(dcosExhibitor) {
		t.f("exhibitor_tls_required: 'false'")
	} else {
		t.f("exhibitor_tls_required: 'true'")
	}
	if !s.dcosEE {
		t.f("")
		t.f("# Authentication")
		if s.has(dcosOAuthOff) {
			t.f("oauth_enabled: 'false'")
		} else {
			t.f("oauth_enabled: 'true'")
		}
		return t.String()
	}
	t.f("")
	t.f("# Enterprise security")
	if s.has(dcosPermissive) {
		t.f("security: %s", s.pick("permissive", "disabled"))
	} else {
		t.f("security: strict")
	}
	if s.has(dcosCustomerKey) {
		t.f("customer_key: CUSTOMER KEY NOT SET")
	} else {
		t.f("customer_key: %s-%s-%s-%s-%s", s.hex(8), s.hex(4), s.hex(4), s.hex(4), s.hex(12))
	}
	user := s.pick("bootstrapuser", "dcosadmin", "ops-"+s.org)
	t.f("superuser_username: %s", user)
	if !s.has(dcosNoHash) {
		t.f("superuser_password_hash: '%s'", s.cryptSHA512(s.secret(20)))
	}
	if s.has(dcosCookie) {
		t.f("auth_cookie_secure_flag: 'false'")
	} else {
		t.f("auth_cookie_secure_flag: 'true'")
	}
	if s.has(dcosLongLifetime) {
		t.f("bouncer_expiration_auth_token_days: %d", 30+s.r.IntN(60))
	} else {
		t.f("bouncer_expiration_auth_token_days: %d", 1+s.r.IntN(5))
	}
	if s.has(dcosZKDefault) {
		t.lines("zk_super_credentials: super:secret", "zk_master_credentials: dcos-master:secret1", "zk_agent_credentials: dcos-agent:secret2")
	} else {
		t.f("zk_super_credentials: super:%s", s.secret(24))
		t.f("zk_master_credentials: dcos-master:%s", s.secret(24))
		t.f("zk_agent_credentials: dcos-agent:%s", s.secret(24))
	}
	return t.String()
}

// cryptSHA512 is the crypt(3) SHA-512 hash of pw with a salt from the stack's random source,
// as DC/OS's dcos_generate_config.sh --hash-password prints it.
func (s *stack) cryptSHA512(pw string) string {
	h, err := sha512_crypt.New().Generate([]byte(pw), []byte("$6$"+s.secret(16)))
	if err != nil {
		panic(err) // a 16-character alphanumeric salt is always valid
	}
	return h
}

// fetchmlConfig renders configs/api/*.yaml, the FetchML API server configuration.
func (s *stack) fetchmlConfig() string {
	var t text
	t.f("# FetchML API server configuration for %s", s.project)
	t.f("server:")
	t.f(`  address: ":9102"`)
	t.f("  read_timeout: 30s")
	t.f("  write_timeout: %ds", 60*(1+s.r.IntN(5)))
	t.f("  tls:")
	if s.has(fmlNoTLS) {
		t.f("    enabled: false")
		t.f("    # cert_file: /secrets/tls/cert.pem")
		t.f("    # key_file: /secrets/tls/key.pem")
	} else {
		t.f("    enabled: true")
		t.f("    cert_file: /secrets/tls/cert.pem")
		t.f("    key_file: /secrets/tls/key.pem")
	}
	t.f("")
	t.f("auth:")
	t.f("  enabled: true")
	t.f("  api_keys:")
	users := []string{"alice", "bob", "ci-runner", "notebook", "scheduler"}
	n := 2 + s.r.IntN(3)
	for i, u := range users[:n] {
		hash := sha256Hex(s.secret(32))
		switch {
		case i == 0 && s.has(fmlChangeMe):
			hash = "CHANGE_ME_" + u + "_api_key_hash"
		case i == n-1 && s.has(fmlRawKey):
			hash = "fml_" + s.secret(32)
		}
		t.f("    %s:", u)
		t.f("      hash: %q", hash)
		t.f("      admin: %v", i == 0)
		t.f("      roles: [%s]", map[bool]string{true: "admin", false: "submit, read"}[i == 0])
	}
	t.f("  ip_whitelist:")
	if s.has(fmlOpenAllow) {
		t.f("    - %q", s.pick("0.0.0.0/0", "*"))
	} else {
		t.f(`    - "10.0.0.0/8"`)
		t.f(`    - "192.168.%d.0/24"`, s.r.IntN(255))
		t.f(`    - "127.0.0.1"`)
	}
	t.f("")
	t.lines(
		"redis:",
		`  addr: "redis:6379"`,
		"  username: "+s.redisUser,
		"  password_env: REDIS_PASSWORD",
		"  db: 0",
		"",
		"database:",
		"  driver: postgres",
		"  dsn_env: DATABASE_URL",
		fmt.Sprintf("  max_open_conns: %d", 10*(1+s.r.IntN(5))),
		"",
		"resources:",
		fmt.Sprintf("  max_workers: %d", 1+s.r.IntN(8)),
		fmt.Sprintf("  max_gpus: %d", s.r.IntN(4)),
		"  default_timeout: 6h",
		"",
		"logging:",
		"  level: "+s.pick("info", "warn"),
	)
	if s.has(fmlNoAudit) {
		t.f("  audit: false")
	} else {
		t.f("  audit: true")
	}
	t.f("  file: /var/log/fetch_ml/audit.log")
	return t.String()
}
