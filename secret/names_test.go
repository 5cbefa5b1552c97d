package secret_test

import (
	"strings"
	"testing"

	"github.com/deploylint/deploylint/secret"
)

func TestIsSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		// What the rules' secret_name_pattern accepts.
		"OPENC3_REDIS_PASSWORD": true, "DB_PASSWD": true, "REDIS_PASS": true, "PGADMIN_PW": true,
		"PW": true, "GF_SECURITY_SECRET": true, "API_TOKEN": true, "OPENAI_API_KEY": true,
		"AWS_SECRET_ACCESS_KEY": true, "SSH_PRIVATE_KEY": true, "MINIO_SECRET_KEY": true,
		"BYPASS": true, // the rules' pattern accepts it, so it is masked too
		// Words anywhere, and last words.
		"SECRET_KEY_BASE": true, "superuser_password_hash": true, "zk_super_credentials": true,
		"customer_key": true, "X-Api-Key": true, "Authorization": true, "apiToken": true,
		"clientSecret": true, "APIKey": true, "requirepass": true, "masterauth": true,
		"tls-key-file-pass": true, "MYSQL_PWD": true, "REDIS_AUTH": true,
		"WORDPRESS_AUTH_SALT": true, "OPENC3_API_TOKEN_V2": true, "LICENSE_KEY_CONTENTS": true,
		"db.password": true, "--db-password": true, "access_token_secret": true,
		"GITHUB_TOKEN": true, "SESSION_COOKIE": true, "PIN": true,
		// About a secret, not the secret.
		"POSTGRES_PASSWORD_FILE": false, "PASSWORD_MIN_LENGTH": false, "TOKEN_TTL": false,
		"auth_cookie_secure_flag": false, "oauth_enabled": false, "OPENC3_REDIS_USERNAME": false,
		"AWS_ACCESS_KEY_ID": false, "bouncer_expiration_auth_token_days": false,
		"SECRET_NAME": false, "auth_basic_user_file": false,
		// Not secrets at all.
		"proxy_pass": false, "fastcgi_pass": false, "grpc_pass_header": false, "PWD": false,
		"ssl_certificate_key": false, "PUBLIC_KEY": false, "primary_key": false,
		"OPENC3_TAG": false, "image": false, "monkey": false, "author": false, "keyboard": false,
		"PASSTHROUGH": false, "": false, "_": false, "TOKENIZER": false,
	} {
		if got := secret.IsSecretName(name); got != want {
			t.Errorf("IsSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestPlain(t *testing.T) {
	for v, want := range map[string]bool{
		"": true, "  ": true, "true": true, "OFF": true, "null": true, "~": true, "|": true, ">-": true,
		"${REDIS_PASSWORD}": true, "$REDIS_PASSWORD": true, "$$REDIS_PASSWORD": true,
		"${A}${B}": true, "${A:?set A}": true, "${A:-}": true, "$http_authorization": true,
		"CHANGE_ME": true, "CHANGE_ME_alice_key": true, "changeme": true, "<your password>": true,
		"your_token_here": true, "{{ .Values.password }}": true, "xxxxxx": true, "******": true,
		"••••••": true, "please-generate-me": true, "REPLACE_ME_WITH_A_KEY": true, "trust": true, "scram-sha-256": true,
		// Secrets.
		"${A:-fallback}": false, "hunter2": false, "1234": false, "!@#$%^&*": false,
		"$6$rounds=656000$x": false, "p4ss${A}": false, "xyzzy": false, "<a><b>": false,
		"$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj": false, "$$apr1$$H6uskkkW$$IgXLP6ewTr": false, "$A$B": false,
	} {
		if got := secret.Plain(v); got != want {
			t.Errorf("Plain(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestLongValueIsNoPlaceholder: past MaxPlaceholder bytes a value is a secret whatever it
// looks like, as the Rego placeholder test says too.
func TestLongValueIsNoPlaceholder(t *testing.T) {
	at := "CHANGE_ME_" + strings.Repeat("a", secret.MaxPlaceholder-len("CHANGE_ME_"))
	if !secret.IsPlaceholder(at) {
		t.Errorf("a placeholder of %d bytes is not one", len(at))
	}
	if secret.IsPlaceholder(at + "a") {
		t.Errorf("a value of %d bytes is a placeholder", len(at)+1)
	}
}
