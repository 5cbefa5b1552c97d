package deploylint.rules.compose.default_credential_test

import data.deploylint.rules.compose.default_credential
import data.deploylint.test.compose

test_literal_and_fallback_defaults if {
	db := compose.service("postgres", {
		"environment": {"POSTGRES_USER": "app", "POSTGRES_PASSWORD": "app"},
		"environment_origin": {"POSTGRES_USER": "literal", "POSTGRES_PASSWORD": "literal"},
	})
	gf := compose.service("grafana/grafana", {
		"environment": {"GF_SECURITY_ADMIN_PASSWORD": "admin"},
		"environment_origin": {"GF_SECURITY_ADMIN_PASSWORD": "default"},
	})
	r := default_credential.deny with input as compose.stack({"db": db, "grafana": gf})
	{x.path | some x in r} == {
		["services", "db", "environment", "POSTGRES_PASSWORD"],
		["services", "grafana", "environment", "GF_SECURITY_ADMIN_PASSWORD"],
	}
	some x in r
	contains(x.msg, "\"admin\"")
}

test_dotenv_values_are_left_to_env_rules if {
	gf := compose.service("grafana/grafana", {
		"environment": {"GF_SECURITY_ADMIN_PASSWORD": "admin"},
		"environment_origin": {"GF_SECURITY_ADMIN_PASSWORD": "dotenv"},
	})
	count(default_credential.deny) == 0 with input as compose.stack({"grafana": gf})
}

test_requirepass_and_minio if {
	redis := compose.service("redis", {
		"command": ["redis-server", "--requirepass", "foobared"],
		"command_raw": "redis-server --requirepass foobared",
		"command_flags": [flag("redis-server", "--requirepass", "foobared", "literal")],
	})
	minio := compose.service("minio/minio", {"command": ["server", "/data"]})
	count(default_credential.deny) == 2 with input as compose.stack({"redis": redis, "minio": minio})
}

test_interpolated_command_password_is_left_to_env_rules if {
	redis := compose.service("redis", {
		"command": ["redis-server", "--requirepass", "changeme"],
		"command_raw": "redis-server --requirepass \"${REDIS_PASSWORD}\"",
		"command_flags": [flag("redis-server", "--requirepass", "changeme", "interpolated")],
	})
	count(default_credential.deny) == 0 with input as compose.stack({"redis": redis})
}

test_organisation_default_not_shown if {
	app := compose.service("acme/app", {
		"environment": {"APP_DB_PASSWORD": "Acme-Winter-24"},
		"environment_origin": {"APP_DB_PASSWORD": "literal"},
	})
	r := default_credential.deny with input as compose.stack({"app": app})
		with data.deploylint.config.defaults.passwords as ["Acme-Winter-24"]
	count(r) == 1
	some x in r
	not contains(x.msg, "Acme-Winter-24")
}

dockprom_hash := "$2a$14$1l.IozJx7xQRVmlkEQ32OeEEfP5mRxTpbDTCTcXRqn19gXD8YK1pO"

test_published_hash_fallback if {
	caddy := compose.service("caddy", {
		"environment": {"ADMIN_PASSWORD_HASH": dockprom_hash},
		"environment_origin": {"ADMIN_PASSWORD_HASH": "default"},
	})
	r := default_credential.deny with input as compose.stack({"caddy": caddy})
	{x.path | some x in r} == {["services", "caddy", "environment", "ADMIN_PASSWORD_HASH"]}
	some x in r
	contains(x.msg, `default password "admin"`)
}

test_published_hash_from_dotenv_is_left_to_env_rules if {
	caddy := compose.service("caddy", {
		"environment": {"ADMIN_PASSWORD_HASH": dockprom_hash},
		"environment_origin": {"ADMIN_PASSWORD_HASH": "dotenv"},
	})
	count(default_credential.deny) == 0 with input as compose.stack({"caddy": caddy})
}

# flag is one entry of a service's command_flags as the compose scanner writes it.
flag(program, name, value, origin) := {"program": program, "name": name, "value": value, "origin": origin, "vars": [], "secret": true, "weak": false}

test_fallback_rated_guessable_is_reported_without_its_value if {
	db := compose.service("mariadb", {"environment": {"MYSQL_ROOT_PASSWORD": "123", "MYSQL_PASSWORD": "Vd8tq2Lw9Zr4Xk1p"}, "environment_origin": {"MYSQL_ROOT_PASSWORD": "default", "MYSQL_PASSWORD": "literal"}, "environment_weak": {"MYSQL_ROOT_PASSWORD": true}})
	r := default_credential.deny with input as compose.stack({"db": db})
	{x.path | some x in r} == {["services", "db", "environment", "MYSQL_ROOT_PASSWORD"]}
	some x in r
	contains(x.msg, "falls back to a default in the compose file and is guessable")
	not contains(x.msg, "123")
}

test_guessable_from_dotenv_is_left_to_env_rules if {
	db := compose.service("postgres", {"environment": {"POSTGRES_PASSWORD": "123"}, "environment_origin": {"POSTGRES_PASSWORD": "dotenv"}, "environment_weak": {}})
	count(default_credential.deny) == 0 with input as compose.stack({"db": db})
}

# frappe_docker's create-site: bash -c "… bench new-site --admin-password=admin --db-root-password=admin …"
test_command_line_passwords if {
	site := compose.service("frappe/erpnext", {"command_flags": [
		object.union(flag("bench", "--admin-password", "admin", "literal"), {"weak": true}),
		object.union(flag("bench", "--db-root-username", "root", "literal"), {"secret": false}),
		object.union(flag("mysql", "-p", "x7Qv2LpZ9mWc4RtB", "literal"), {"weak": false}),
		object.union(flag("bench", "--api-token", "hello", "default"), {"weak": true}),
		object.union(flag("valkey-server", "--requirepass", "", "shell"), {"vars": ["REDIS_PASSWORD"]}),
	]})
	r := default_credential.deny with input as compose.stack({"create-site": site})
	{x.path | some x in r} == {["services", "create-site", "command_flags", 0], ["services", "create-site", "command_flags", 3]}
	some a in r
	a.path == ["services", "create-site", "command_flags", 0]
	contains(a.msg, `--admin-password to bench on its command line as written in the compose file, and it is a well-known default ("admin")`)
	some b in r
	b.path == ["services", "create-site", "command_flags", 3]
	contains(b.msg, "is guessable")
	not contains(b.msg, "hello")
}

# A connection URL's default password is found whatever the variable's name, a strong one and
# one from .env are not; COSMOS's shipped SECRET_KEY_BASE is found written or as a fall-back.
test_url_credentials_and_secret_key_base if {
	shipped := data.deploylint.data.defaults.cosmos.secret_key_base
	api := compose.service("openc3inc/openc3-cosmos-cmd-tlm-api", {
		"environment": {
			"OPENC3_REDIS_URL": "redis://openc3:openc3password@openc3-redis:6379/0",
			"STRONG_URL": "redis://openc3:Vq8wT3nXr6Lp2Zk9Hs4Jd7Fb@openc3-redis:6379/0",
			"ENV_URL": "redis://openc3:openc3password@openc3-redis:6379/0",
			"DOCS_URL": "https://docs.openc3.com/docs",
			"SECRET_KEY_BASE": shipped,
		},
		"environment_origin": {
			"OPENC3_REDIS_URL": "literal", "STRONG_URL": "literal", "ENV_URL": "dotenv",
			"DOCS_URL": "literal", "SECRET_KEY_BASE": "default",
		},
	})
	r := default_credential.deny with input as compose.stack({"api": api})
	{x.path | some x in r} == {
		["services", "api", "environment", "OPENC3_REDIS_URL"],
		["services", "api", "environment", "SECRET_KEY_BASE"],
	}
	every x in r {
		not contains(x.msg, "openc3password")
		not contains(x.msg, shipped)
	}
}
