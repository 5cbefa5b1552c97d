package main

import "fmt"

const (
	modernCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
	hsts          = `add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;`
)

// nginxConf renders nginx/nginx.conf: the http-level defaults, then the sites of conf.d.
func (s *stack) nginxConf() string {
	var t text
	t.f("# nginx main configuration for %s, mounted at /etc/nginx/nginx.conf", s.project)
	t.lines(
		"user nginx;",
		"worker_processes auto;",
		"worker_rlimit_nofile 65535;",
		"error_log /var/log/nginx/error.log warn;",
		"pid /var/run/nginx.pid;",
		"",
		"events {",
		fmt.Sprintf("    worker_connections %d;", 512<<s.r.IntN(4)),
		"    multi_accept on;",
		"}",
		"",
		"http {",
		"    default_type application/octet-stream;",
		`    log_format main '$remote_addr - $remote_user [$time_local] "$request" '`,
		`                    '$status $body_bytes_sent "$http_referer" '`,
		`                    '"$http_user_agent" "$http_x_forwarded_for"';`,
		"    access_log /var/log/nginx/access.log main;",
		"",
		"    sendfile on;",
		"    tcp_nopush on;",
		"    keepalive_timeout 65;",
		fmt.Sprintf("    client_max_body_size %dm;", 10*(1+s.r.IntN(10))),
		"    gzip on;",
		"    gzip_types text/plain text/css application/json application/javascript image/svg+xml;",
	)
	if !s.has(ngxVersionShown) {
		t.f("    server_tokens off;")
	}
	if !s.has(ngxNoTLS) {
		t.f("")
		t.f("    # TLS settings shared by every server")
		switch {
		case s.has(ngxOldTLS):
			t.f("    ssl_protocols %s;", s.pick("TLSv1 TLSv1.1 TLSv1.2", "TLSv1.1 TLSv1.2 TLSv1.3", "SSLv3 TLSv1 TLSv1.1 TLSv1.2"))
		case s.has(ngxDefaultProto):
			t.f("    # ssl_protocols: the nginx default")
		default:
			t.f("    ssl_protocols TLSv1.2 TLSv1.3;")
		}
		if s.has(ngxWeakCiphers) {
			t.f("    ssl_ciphers '%s';", s.pick("ALL:RC4-SHA:DES-CBC3-SHA", "HIGH:MEDIUM:!aNULL:RC4", "DEFAULT:EXPORT:!MD5"))
		} else {
			t.f("    ssl_ciphers '%s';", modernCiphers)
		}
		t.lines(
			"    ssl_prefer_server_ciphers off;",
			"    ssl_session_cache shared:SSL:10m;",
			"    ssl_session_timeout 1d;",
			"    ssl_session_tickets off;",
		)
		if !s.has(ngxNoHSTS) {
			t.f("    %s", hsts)
		}
	}
	t.lines(
		"    add_header X-Content-Type-Options nosniff always;",
		"    add_header X-Frame-Options DENY always;",
		"",
		"    include /etc/nginx/conf.d/*.conf;",
		"}",
	)
	return t.String()
}

// siteConf renders nginx/conf.d/site.conf: the upstream, the HTTP redirect and the TLS server.
func (s *stack) siteConf() string {
	var t text
	up := map[flavor]string{cosmos: "openc3-cosmos-cmd-tlm-api:2901", webapp: "app:8000", fetchml: "api-server:9102"}[s.flavor]
	scheme := "http"
	if s.has(ngxUpstreamTLS) {
		scheme = "https"
		up = map[flavor]string{cosmos: "openc3-cosmos-cmd-tlm-api:2943", webapp: "app:8443", fetchml: "api-server:9443"}[s.flavor]
	}
	t.f("# %s: served by the nginx container; included from nginx.conf", s.domain)
	t.f("upstream backend {")
	t.f("    server %s;", up)
	t.f("    keepalive %d;", 8<<s.r.IntN(3))
	t.f("}")
	t.f("")
	if s.has(ngxNoTLS) {
		t.f("server {")
		t.f("    listen 80;")
		t.f("    server_name %s;", s.domain)
		s.locations(&t, scheme)
		t.f("}")
		return t.String()
	}
	t.f("# Plain HTTP: ACME challenges, everything else to HTTPS")
	t.f("server {")
	t.f("    listen 80;")
	if !s.has(ngxNoRedirect) {
		// Not with the fault: NGX004 on a content-serving server with two plain listens hits
		// an evaluation conflict in policies/nginx/plain_http (anchor), which would stop the scan.
		t.f("    listen [::]:80;")
	}
	t.f("    server_name %s;", s.domain)
	t.f("")
	t.f("    location /.well-known/acme-challenge/ {")
	t.f("        root /var/www/certbot;")
	t.f("    }")
	if s.has(ngxNoRedirect) {
		t.f("    location / {")
		t.f("        proxy_pass %s://backend;", scheme)
		t.f("    }")
	} else {
		t.f("    location / {")
		t.f("        return 301 https://$host$request_uri;")
		t.f("    }")
	}
	t.f("}")
	t.f("")
	t.f("server {")
	t.f("    listen 443 ssl;")
	t.f("    listen [::]:443 ssl;")
	t.f("    http2 on;")
	t.f("    server_name %s;", s.domain)
	t.f("")
	if s.has(ngxSnakeoil) {
		t.f("    ssl_certificate /etc/ssl/certs/ssl-cert-snakeoil.pem;")
		t.f("    ssl_certificate_key /etc/ssl/private/ssl-cert-snakeoil.key;")
	} else {
		t.f("    ssl_certificate /etc/letsencrypt/live/%s/fullchain.pem;", s.domain)
		t.f("    ssl_certificate_key /etc/letsencrypt/live/%s/privkey.pem;", s.domain)
		t.f("    ssl_trusted_certificate /etc/letsencrypt/live/%s/chain.pem;", s.domain)
		t.f("    ssl_stapling on;")
		t.f("    ssl_stapling_verify on;")
	}
	s.locations(&t, scheme)
	t.f("}")
	return t.String()
}

// locations writes the locations of the server that serves the application.
func (s *stack) locations(t *text, scheme string) {
	t.lines(
		"",
		"    location / {",
		fmt.Sprintf("        proxy_pass %s://backend;", scheme),
		"        proxy_http_version 1.1;",
		"        proxy_set_header Host $host;",
		"        proxy_set_header X-Real-IP $remote_addr;",
		"        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
		"        proxy_set_header X-Forwarded-Proto $scheme;",
		fmt.Sprintf("        proxy_read_timeout %ds;", 30*(1+s.r.IntN(4))),
		"    }",
	)
	switch s.flavor {
	case cosmos:
		t.lines(
			"",
			"    location /script-api/ {",
			"        proxy_pass http://openc3-cosmos-script-runner-api:2902;",
			"        proxy_set_header Host $host;",
			"    }",
			"",
			"    location ~ ^/(openc3-api|script-api)/cable {",
			fmt.Sprintf("        proxy_pass %s://backend;", scheme),
			"        proxy_http_version 1.1;",
			"        proxy_set_header Upgrade $http_upgrade;",
			`        proxy_set_header Connection "upgrade";`,
			"    }",
		)
	case webapp:
		t.lines(
			"",
			"    location /static/ {",
			"        alias /srv/app/static/;",
			"        expires 7d;",
			"        access_log off;",
			"    }",
		)
	case fetchml:
		t.lines(
			"",
			"    location /grafana/ {",
			"        proxy_pass http://grafana:3000;",
			"        proxy_set_header Host $host;",
			"    }",
		)
	}
	if s.has(ngxAutoindex) {
		t.lines(
			"",
			"    location /downloads/ {",
			"        alias /srv/downloads/;",
			"        autoindex on;",
			"    }",
		)
	}
	t.lines(
		"",
		"    location = /robots.txt {",
		"        return 200 \"User-agent: *\\nDisallow: /\\n\";",
		"    }",
	)
}
