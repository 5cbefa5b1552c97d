package main

import "fmt"

// shippedKeyBase is the SECRET_KEY_BASE every COSMOS release since 2022 ships in its .env.
const shippedKeyBase = "bdb4300d46c9d4f116ce3dbbd54cac6b20802d8be1c2333cf5f6f90b1627799ac5d043e8460744077bc0bd6aacdd5c4bf53f499a68303c6752e7f327b874b96a"

// dotenv renders the stack's .env: the variables compose interpolates, secrets included.
func (s *stack) dotenv() string {
	var t text
	t.f("# %s: environment for docker compose (keep this file out of git: it holds secrets)", s.project)
	t.f("# Generate passwords with: openssl rand -base64 24")
	t.f("COMPOSE_PROJECT_NAME=%s", s.project)
	t.f("TZ=%s", s.pick("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"))
	t.f("")
	switch s.flavor {
	case cosmos:
		s.cosmosEnv(&t)
	case webapp:
		s.webappEnv(&t)
	case fetchml:
		s.fetchmlEnv(&t)
	}
	if s.chance(0.5) {
		t.f("")
		t.f("# Mail relay for notifications")
		t.f("SMTP_HOST=smtp.%s.%s", s.org, s.pick(tlds...))
		t.f("SMTP_PORT=587")
		t.f("SMTP_USER=noreply@%s", s.domain)
		t.f("SMTP_PASSWORD=%s", s.secret(20))
	}
	return t.String()
}

func (s *stack) cosmosEnv(t *text) {
	bucketPass, tsdbPass, servicePass := s.secret(24), s.secret(24), s.secret(24)
	srBucketPass := s.secret(24)
	if s.has(envServiceDefault) {
		bucketPass = s.pick("openc3bucketpassword", "openc3miniopassword")
		servicePass = "openc3service"
	}
	keyBase := s.secretKey
	if s.has(envWeakAppKey) {
		keyBase = shippedKeyBase
	}
	if s.has(envReused) {
		tsdbPass = s.redisPass
	}
	t.lines(
		"# Which TAG to deploy, latest or specific version, e.g. 5.4.2",
		fmt.Sprintf("OPENC3_TAG=6.%d.%d", s.r.IntN(10), s.r.IntN(5)),
		"# Docker repo settings on where to get COSMOS containers",
		"OPENC3_REGISTRY=docker.io",
		"OPENC3_NAMESPACE=openc3inc",
		"OPENC3_IMAGE_SUFFIX=",
		"OPENC3_USER_ID=1001",
		"OPENC3_GROUP_ID=1001",
		fmt.Sprintf("OPENC3_EXTERNAL_URL=https://%s", s.domain),
		"",
		"# Bucket & Volume configuration",
		"OPENC3_BUCKET_URL=http://openc3-buckets:9000",
		"OPENC3_LOGS_BUCKET=logs",
		"OPENC3_TOOLS_BUCKET=tools",
		"OPENC3_CONFIG_BUCKET=config",
		"OPENC3_GEMS_VOLUME=/gems",
		"",
		"# Redis configuration",
		"OPENC3_REDIS_HOSTNAME=openc3-redis",
		"OPENC3_REDIS_PORT=6379",
		"OPENC3_REDIS_EPHEMERAL_HOSTNAME=openc3-redis",
		"OPENC3_REDIS_EPHEMERAL_PORT=6379",
		"# Database configuration",
		"OPENC3_TSDB_HOSTNAME=openc3-tsdb",
		"OPENC3_TSDB_QUERY_PORT=8812",
		"OPENC3_TSDB_USERNAME="+s.dbUser,
		"OPENC3_TSDB_PASSWORD="+tsdbPass,
		"# Usernames and passwords",
		"OPENC3_REDIS_USERNAME="+s.redisUser,
		"OPENC3_REDIS_PASSWORD="+s.redisPass,
		"OPENC3_BUCKET_USERNAME=openc3bucket",
		"OPENC3_BUCKET_PASSWORD="+bucketPass,
		"OPENC3_SR_REDIS_USERNAME=scriptrunner",
		"OPENC3_SR_REDIS_PASSWORD="+s.srPass,
		"OPENC3_SR_BUCKET_USERNAME=scriptrunnerbucket",
		"OPENC3_SR_BUCKET_PASSWORD="+srBucketPass,
		"OPENC3_SERVICE_PASSWORD="+servicePass,
		"SECRET_KEY_BASE="+keyBase,
		"OPENC3_CLOUD=local",
		"AWS_REGION="+s.pick("us-east-1", "eu-central-1", "us-west-2"),
	)
	if s.has(envAllowHTTP) {
		t.lines("", "# Allow HTTP connections in the Content Security Policy (less secure)", "OPENC3_ALLOW_HTTP=1")
	} else {
		t.lines("", "# Uncomment to allow HTTP connections in the Content Security Policy (less secure)", "# OPENC3_ALLOW_HTTP=1")
	}
}

func (s *stack) webappEnv(t *text) {
	secretKey := s.secretKey[:64]
	if s.has(envWeakAppKey) {
		secretKey = s.pick("changeme", "secret", "your-secret-key")
	}
	t.lines(
		"# Application",
		fmt.Sprintf("APP_IMAGE=ghcr.io/%s/%s", s.org, s.project),
		fmt.Sprintf("APP_VERSION=%d.%d.%d", 1+s.r.IntN(4), s.r.IntN(20), s.r.IntN(10)),
		"APP_ENV=production",
		"APP_HOST="+s.domain,
		"LOG_LEVEL="+s.pick("info", "warn"),
		"WEB_CONCURRENCY="+fmt.Sprint(2+s.r.IntN(6)),
		"SECRET_KEY="+secretKey,
		"",
		"# Postgres",
		"POSTGRES_USER="+s.dbUser,
		"POSTGRES_PASSWORD="+s.dbPass,
		"POSTGRES_DB="+s.dbUser,
		fmt.Sprintf("DATABASE_URL=postgres://%s:%s@db:5432/%s", s.dbUser, s.dbPass, s.dbUser),
		"",
		"# Redis (user and password must match redis/users.acl)",
		"REDIS_USERNAME="+s.redisUser,
		"REDIS_PASSWORD="+s.redisPass,
		fmt.Sprintf("REDIS_URL=redis://%s:%s@redis:6379/0", s.redisUser, s.redisPass),
	)
}

func (s *stack) fetchmlEnv(t *text) {
	grafana := s.secret(24)
	if s.has(envServiceDefault) {
		grafana = "admin"
	}
	jwt := s.secret(40)
	if s.has(envWeakAppKey) {
		jwt = s.pick("CHANGE_ME_jwt_secret", "changeme")
	}
	t.lines(
		"# FetchML API server",
		"FETCHML_VERSION="+s.pick("0.9.3", "0.10.1", "0.11.0"),
		"FETCHML_API_PORT=9102",
		"FETCHML_JWT_SECRET="+jwt,
		"",
		"# Redis task queue (docker-compose.yml requires it)",
		"REDIS_PASSWORD="+s.redisPass,
		"",
		"# Experiment database",
		"POSTGRES_USER="+s.dbUser,
		"POSTGRES_PASSWORD="+s.dbPass,
		"POSTGRES_DB=fetchml",
		"",
		"# Monitoring",
		"GRAFANA_ADMIN_USER=ops",
		"GRAFANA_ADMIN_PASSWORD="+grafana,
		"PROMETHEUS_RETENTION="+s.pick("15d", "30d", "90d"),
	)
}
