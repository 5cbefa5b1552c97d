package main

import (
	"fmt"
	"slices"
	"strings"
)

// service is one compose service, rendered in the long, commented style of real files.
type service struct {
	name, image, comment string
	command              string // a flow sequence or a plain string, written as is
	user                 string
	ports                []string
	env                  [][2]string // KEY, value (quoted on output)
	envFile              bool
	volumes              []string
	dependsOn            []string
	healthcheck          string
	networks             []string
	readOnly             bool
	logging              bool
	noHealthcheck        bool // the image's own healthcheck is used
	optional             bool // left out first when the file would run too long
}

// compose renders the compose file: Redis, the application, its database, the reverse proxy.
func (s *stack) compose() string {
	var svcs []service
	switch s.flavor {
	case cosmos:
		svcs = s.cosmosServices()
	case webapp:
		svcs = s.webappServices()
	case fetchml:
		svcs = s.fetchmlServices()
	}
	svcs = append(svcs, s.proxyService())
	if s.has(cmpDockerSock) && s.proxy == "nginx" {
		svcs = append(svcs, service{
			name: "autoheal", image: "willfarrell/autoheal:1.2.0",
			comment: "Restarts containers whose healthcheck fails.",
			env:     [][2]string{{"AUTOHEAL_CONTAINER_LABEL", "all"}},
			volumes: []string{"/var/run/docker.sock:/var/run/docker.sock"},
		})
	}

	for i := range svcs {
		svcs[i].noHealthcheck = s.chance(0.3)
	}
	// Real compose files of this kind run 40 to 120 lines: leave out optional services
	// (last first) until the file fits.
	out := s.renderCompose(svcs)
	for strings.Count(out, "\n") > maxComposeLines {
		k := slices.IndexFunc(svcs, func(sv service) bool { return sv.optional })
		if k < 0 {
			break
		}
		svcs = slices.Delete(svcs, k, k+1)
		out = s.renderCompose(svcs)
	}
	return out
}

const maxComposeLines = 120

// renderCompose writes the services, dropping dependencies on services left out.
func (s *stack) renderCompose(svcs []service) string {
	names := map[string]bool{}
	for _, sv := range svcs {
		names[sv.name] = true
	}
	var t text
	t.f("# %s (%s): production deployment", s.project, s.org)
	t.f("# Variables come from .env next to this file; never put secrets here.")
	t.f("name: %s", s.project)
	t.f("")
	t.lines(
		"x-logging: &default-logging",
		"  driver: json-file",
		"  options:",
		`    max-size: "10m"`,
		`    max-file: "3"`,
		"",
	)
	t.f("services:")
	for i, sv := range svcs {
		if i > 0 {
			t.f("")
		}
		sv.dependsOn = slices.DeleteFunc(slices.Clone(sv.dependsOn), func(d string) bool { return !names[d] })
		writeService(&t, sv)
	}
	t.f("")
	t.f("volumes:")
	for _, v := range namedVolumes(svcs) {
		t.f("  %s: {}", v)
	}
	t.f("")
	t.f("networks:")
	t.f("  frontend: {}")
	t.f("  backend:")
	t.f("    internal: %v", !s.has(cmpPublishRedis) && !s.has(cmpPublishDB) && !s.loopbackInternal && !s.has(cmpPublishApp))
	return t.String()
}

func writeService(t *text, sv service) {
	t.f("  %s:", sv.name)
	if sv.comment != "" {
		t.f("    # %s", sv.comment)
	}
	t.f("    image: %q", sv.image)
	if sv.user != "" {
		t.f("    user: %q", sv.user)
	}
	if sv.readOnly {
		t.f("    read_only: true")
	}
	if sv.command != "" {
		t.f("    command: %s", sv.command)
	}
	t.f("    restart: unless-stopped")
	if len(sv.dependsOn) > 0 {
		t.f("    depends_on: [%s]", strings.Join(sv.dependsOn, ", "))
	}
	if len(sv.ports) > 0 {
		t.f("    ports:")
		for _, p := range sv.ports {
			t.f("      - %q", p)
		}
	}
	if sv.envFile {
		t.f("    env_file:")
		t.f("      - .env")
	}
	if len(sv.env) > 0 {
		t.f("    environment:")
		for _, kv := range sv.env {
			t.f("      %s: %q", kv[0], kv[1])
		}
	}
	if len(sv.volumes) > 0 {
		t.f("    volumes:")
		for _, v := range sv.volumes {
			t.f("      - %q", v)
		}
	}
	if sv.healthcheck != "" && !sv.noHealthcheck {
		t.f("    healthcheck:")
		t.f("      test: %s", sv.healthcheck)
		t.f("      interval: 10s")
		t.f("      timeout: 5s")
		t.f("      retries: 5")
	}
	if len(sv.networks) > 0 {
		t.f("    networks: [%s]", strings.Join(sv.networks, ", "))
	}
	if sv.logging {
		t.f("    logging: *default-logging")
	}
}

// required is the interpolation of a variable compose must find set: ${NAME:?message}.
func required(name string) string {
	return fmt.Sprintf("${%s:?set %s in .env}", name, name)
}

// namedVolumes lists the named volumes the services use, in order of first use.
func namedVolumes(svcs []service) []string {
	var out []string
	seen := map[string]bool{}
	for _, sv := range svcs {
		for _, v := range sv.volumes {
			src, _, _ := strings.Cut(v, ":")
			if strings.HasPrefix(src, ".") || strings.HasPrefix(src, "/") || seen[src] {
				continue
			}
			seen[src] = true
			out = append(out, src)
		}
	}
	return out
}

// redisService is the Redis of every flavor: its redis.conf and users.acl mounted read-only.
func (s *stack) redisService(name, image string) service {
	sv := service{
		name: name, image: image, readOnly: true, logging: s.chance(0.5),
		comment:     "Task queue and cache; reachable from the backend network only.",
		command:     `["redis-server", "/usr/local/etc/redis/redis.conf"]`,
		volumes:     []string{"./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro", "./redis/users.acl:/usr/local/etc/redis/users.acl:ro", "redis-data:/data"},
		healthcheck: `["CMD-SHELL", "redis-cli --user healthcheck ping | grep -q PONG"]`,
		networks:    []string{"backend"},
	}
	if s.has(cmpRedisPlain) {
		sv.comment = "Cache only, nothing persistent."
		sv.command = `redis-server --appendonly no --save ""`
		sv.volumes = []string{"redis-data:/data"}
		sv.healthcheck = `["CMD", "redis-cli", "ping"]`
	}
	switch {
	case s.has(cmpPublishRedis):
		sv.ports = []string{s.pick("6379:6379", "0.0.0.0:6379:6379")}
	case s.loopbackInternal:
		sv.ports = []string{"127.0.0.1:6379:6379"}
	}
	return sv
}

func (s *stack) dbPorts(port string) []string {
	switch {
	case s.has(cmpPublishDB):
		return []string{s.pick("0.0.0.0:", "") + port + ":" + port}
	case s.loopbackInternal && s.chance(0.5):
		return []string{"127.0.0.1:" + port + ":" + port}
	}
	return nil
}

func (s *stack) appPorts(port string) []string {
	if s.has(cmpPublishApp) {
		return []string{port + ":" + port}
	}
	return nil
}

func (s *stack) cosmosServices() []service {
	img := func(name string) string {
		return "${OPENC3_REGISTRY}/${OPENC3_NAMESPACE}/" + name + "${OPENC3_IMAGE_SUFFIX}:${OPENC3_TAG}"
	}
	user := "${OPENC3_USER_ID:-1001}:${OPENC3_GROUP_ID:-1001}"
	redis := s.redisService("openc3-redis", img("openc3-redis"))
	redis.user = user
	tsdbPass := required("OPENC3_TSDB_PASSWORD")
	if s.has(cmpLiteralSecret) {
		tsdbPass = s.secret(20)
	}
	tsdb := service{
		name: "openc3-tsdb", image: "questdb/questdb:8.1.1", readOnly: true, logging: true,
		comment: "The Postgresql port doesn't need to be exposed to the host.",
		ports:   s.dbPorts("8812"),
		env: [][2]string{
			{"QDB_PG_USER", "${OPENC3_TSDB_USERNAME}"},
			{"QDB_PG_PASSWORD", tsdbPass},
			{"QDB_HTTP_USER", "${OPENC3_TSDB_USERNAME}"},
			{"QDB_HTTP_PASSWORD", required("OPENC3_TSDB_PASSWORD")},
		},
		volumes:  []string{"openc3-tsdb-v:/var/lib/questdb"},
		networks: []string{"backend"},
	}
	buckets := service{
		name: "openc3-buckets", image: img("openc3-buckets"), user: user, readOnly: true, logging: true,
		env: [][2]string{
			{"ROOT_ACCESS_KEY", "${OPENC3_BUCKET_USERNAME}"},
			{"ROOT_SECRET_KEY", "${OPENC3_BUCKET_PASSWORD}"},
			{"OPENC3_SR_BUCKET_USERNAME", "${OPENC3_SR_BUCKET_USERNAME}"},
			{"OPENC3_SR_BUCKET_PASSWORD", "${OPENC3_SR_BUCKET_PASSWORD}"},
		},
		volumes:     []string{"openc3-object-v:/data"},
		healthcheck: `["CMD-SHELL", "nc -z 127.0.0.1 9000 || exit 1"]`,
		networks:    []string{"backend"},
	}
	api := service{
		name: "openc3-cosmos-cmd-tlm-api", image: img("openc3-cosmos-cmd-tlm-api"), user: user, readOnly: true, logging: true,
		dependsOn: []string{"openc3-redis", "openc3-buckets", "openc3-tsdb"},
		ports:     s.appPorts("2901"),
		envFile:   true,
		env: [][2]string{
			{"RAILS_ENV", "production"},
			{"GEM_HOME", "/gems"},
			{"ANYCABLE_REDIS_URL", "redis://${OPENC3_REDIS_USERNAME}:${OPENC3_REDIS_PASSWORD}@${OPENC3_REDIS_HOSTNAME}:${OPENC3_REDIS_PORT}"},
		},
		volumes:  []string{"openc3-gems-v:/gems", "openc3-cmd-tlm-api-tmp-v:/tmp"},
		networks: []string{"frontend", "backend"},
	}
	svcs := []service{redis, tsdb, api}
	if s.chance(0.5) {
		buckets.optional = true
		svcs = append(svcs, buckets)
	}
	if s.chance(0.4) {
		svcs = append(svcs, service{
			name: "openc3-cosmos-script-runner-api", image: img("openc3-cosmos-script-runner-api"), user: user, readOnly: true, optional: true,
			dependsOn: []string{"openc3-redis", "openc3-buckets"},
			envFile:   true,
			env:       [][2]string{{"RAILS_ENV", "production"}, {"GEM_HOME", "/gems"}},
			volumes:   []string{"openc3-gems-v:/gems:ro", "openc3-script-runner-api-tmp-v:/tmp"},
			networks:  []string{"frontend", "backend"},
		})
	}
	return svcs
}

func (s *stack) webappServices() []service {
	redis := s.redisService("redis", "redis:"+s.pick("7.2.5-alpine", "7.4.1", "7.2-bookworm"))
	dbPass := required("POSTGRES_PASSWORD")
	if s.has(cmpLiteralSecret) {
		dbPass = s.secret(20)
	}
	db := service{
		name: "db", image: "postgres:" + s.pick("16.4-alpine", "15.8", "17.0"), logging: s.chance(0.5),
		comment: "Only the app talks to the database.",
		ports:   s.dbPorts("5432"),
		env: [][2]string{
			{"POSTGRES_USER", "${POSTGRES_USER}"}, {"POSTGRES_PASSWORD", dbPass}, {"POSTGRES_DB", "${POSTGRES_DB}"},
		},
		volumes:     []string{"pg-data:/var/lib/postgresql/data"},
		healthcheck: `["CMD-SHELL", "pg_isready -U $${POSTGRES_USER} -d $${POSTGRES_DB}"]`,
		networks:    []string{"backend"},
	}
	if s.has(cmpTrust) {
		db.env = append(db.env, [2]string{"POSTGRES_HOST_AUTH_METHOD", "trust"})
	}
	appEnv := [][2]string{
		{"APP_ENV", "${APP_ENV:-production}"},
		{"DATABASE_URL", "${DATABASE_URL}"},
		{"REDIS_URL", "${REDIS_URL}"},
		{"SECRET_KEY", required("SECRET_KEY")},
		{"LOG_LEVEL", "${LOG_LEVEL:-info}"},
	}
	app := service{
		name: "app", image: "${APP_IMAGE}:${APP_VERSION}", readOnly: true, logging: true,
		user:        "10001:10001",
		dependsOn:   []string{"db", "redis"},
		ports:       s.appPorts("8000"),
		env:         appEnv,
		volumes:     []string{"app-uploads:/srv/app/uploads"},
		healthcheck: `["CMD", "wget", "-qO-", "http://127.0.0.1:8000/healthz"]`,
		networks:    []string{"frontend", "backend"},
	}
	worker := service{
		name: "worker", image: "${APP_IMAGE}:${APP_VERSION}", readOnly: true,
		user:      "10001:10001",
		command:   `["bin/worker", "--concurrency", "${WEB_CONCURRENCY:-4}"]`,
		dependsOn: []string{"db", "redis"},
		env:       appEnv,
		networks:  []string{"backend"},
	}
	if s.chance(0.5) {
		worker.optional = true
		return []service{redis, db, app, worker}
	}
	return []service{redis, db, app}
}

func (s *stack) fetchmlServices() []service {
	redis := s.redisService("redis", "redis:7-alpine")
	dbPass := required("POSTGRES_PASSWORD")
	if s.has(cmpLiteralSecret) {
		dbPass = s.secret(20)
	}
	db := service{
		name: "postgres", image: "postgres:16-alpine",
		ports: s.dbPorts("5432"),
		env: [][2]string{
			{"POSTGRES_USER", "${POSTGRES_USER}"}, {"POSTGRES_PASSWORD", dbPass}, {"POSTGRES_DB", "${POSTGRES_DB}"},
		},
		volumes:  []string{"pg-data:/var/lib/postgresql/data"},
		networks: []string{"backend"},
	}
	if s.has(cmpTrust) {
		db.env = append(db.env, [2]string{"POSTGRES_HOST_AUTH_METHOD", "trust"})
	}
	api := service{
		name: "api-server", image: "ghcr.io/jfraeys/fetch_ml-api:${FETCHML_VERSION}", readOnly: true, logging: true,
		dependsOn: []string{"redis", "postgres"},
		ports:     s.appPorts("9102"),
		env: [][2]string{
			{"REDIS_ADDR", "redis:6379"},
			{"REDIS_USERNAME", s.redisUser},
			{"REDIS_PASSWORD", "${REDIS_PASSWORD:?REDIS_PASSWORD must be set}"},
			{"FETCHML_JWT_SECRET", "${FETCHML_JWT_SECRET:?set FETCHML_JWT_SECRET}"},
			{"DATABASE_URL", "postgres://${POSTGRES_USER}@postgres:5432/${POSTGRES_DB}?sslmode=disable"},
		},
		volumes:  []string{"./configs/api:/app/configs:ro", "fetchml-data:/data"},
		networks: []string{"frontend", "backend"},
	}
	grafana := service{
		name: "grafana", image: "grafana/grafana:11.2.0",
		env: [][2]string{
			{"GF_SECURITY_ADMIN_USER", "${GRAFANA_ADMIN_USER}"},
			{"GF_SECURITY_ADMIN_PASSWORD", "${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}"},
			{"GF_SERVER_ROOT_URL", fmt.Sprintf("https://%s/grafana/", s.domain)},
		},
		volumes:  []string{"grafana-data:/var/lib/grafana"},
		networks: []string{"frontend", "backend"},
	}
	if s.installer != "fetchml" {
		api.volumes = api.volumes[1:] // its configuration is baked into the image
	}
	svcs := []service{redis, db, api}
	if s.chance(0.6) {
		grafana.optional = true
		svcs = append(svcs, grafana)
	}
	if s.chance(0.4) {
		svcs = append(svcs, service{
			name: "prometheus", image: "prom/prometheus:v2.54.1", optional: true,
			command:  `["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.retention.time=${PROMETHEUS_RETENTION:-15d}"]`,
			volumes:  []string{"prometheus-data:/prometheus"},
			networks: []string{"backend"},
		})
	}
	return svcs
}

// proxyService is the front door: nginx or Traefik, the one service published beyond loopback.
func (s *stack) proxyService() service {
	upstream := map[flavor]string{cosmos: "openc3-cosmos-cmd-tlm-api", webapp: "app", fetchml: "api-server"}[s.flavor]
	if s.proxy == "nginx" {
		ports := []string{"80:80", "443:443"}
		if s.has(ngxNoTLS) {
			ports = []string{"80:80"}
		}
		return service{
			name: "nginx", image: "nginx:" + s.pick("1.27.2-alpine", "1.26.2", "1.27-alpine"), logging: true,
			comment:     "TLS termination; the only service published on the host's interfaces.",
			dependsOn:   []string{upstream},
			ports:       ports,
			volumes:     []string{"./nginx/nginx.conf:/etc/nginx/nginx.conf:ro", "./nginx/conf.d:/etc/nginx/conf.d:ro", "/etc/letsencrypt:/etc/letsencrypt:ro"},
			healthcheck: `["CMD", "nginx", "-t"]`,
			networks:    []string{"frontend"},
		}
	}
	vols := []string{"./traefik/traefik.yml:/etc/traefik/traefik.yml:ro", "traefik-acme:/acme"}
	if s.has(cmpDockerSock) {
		vols = append(vols, "/var/run/docker.sock:/var/run/docker.sock:ro")
	}
	ports := []string{"80:80", "443:443"}
	if s.has(trfNoTLS) {
		ports = []string{"80:80"}
	}
	return service{
		name: "traefik", image: "traefik:" + s.pick("v3.1.4", "v3.2", "v2.11.10"), logging: true,
		comment:     "Entry point; routes by host name to the services.",
		dependsOn:   []string{upstream},
		ports:       ports,
		volumes:     vols,
		healthcheck: `["CMD", "traefik", "healthcheck", "--ping"]`,
		networks:    []string{"frontend"},
	}
}
