// Package builtin holds deploylint's kinds registry: every kind of file it reads, with its
// scanner and the facts the rest of the program needs about it. It lives apart from package
// scanners because every format package imports scanners for the Document type.
package builtin

import (
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/compose"
	"github.com/deploylint/deploylint/scanners/dotenv"
	"github.com/deploylint/deploylint/scanners/installyaml"
	"github.com/deploylint/deploylint/scanners/keyfile"
	"github.com/deploylint/deploylint/scanners/nginx"
	"github.com/deploylint/deploylint/scanners/redisacl"
	"github.com/deploylint/deploylint/scanners/redisconf"
	"github.com/deploylint/deploylint/scanners/traefik"
)

// Options tune the built-in scanners.
type Options struct {
	// StrictCompose loads every compose file through compose-go's full loader and its JSON
	// schema (compose.Options.Strict): what docker compose would refuse in any attribute is
	// a parse error, at the loader's cost.
	StrictCompose bool
}

// Registry returns the kinds with their default options.
func Registry() *scanners.Registry { return RegistryWith(Options{}) }

// RegistryWith returns the kinds, in the order kind detection tries their scanners: the ones
// whose names decide first, then the ones that sniff content.
func RegistryWith(o Options) *scanners.Registry {
	kinds := []scanners.Kind{
		{
			Name: "redis-acl", Title: "Redis ACL file (users.acl)", Scanner: redisacl.New(),
			// Redis refuses a users.acl with comments in it.
			Comments: scanners.CommentNone, Secrets: scanners.SecretsAlways,
			Values:   scanners.ValuesUnclassified,
			Role:     scanners.RoleMember,
			Example:  "openc3-redis/users.acl",
			ParseFix: "write one `user <name> <rule>…` per line; `redis-server --aclfile <file>` refuses the same line at start",
		},
		{
			Name: "dotenv", Title: "environment file (.env and its variants)", Scanner: dotenv.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNamed,
			Values:   scanners.ValuesClassified,
			Role:     scanners.RoleStackEnv,
			Example:  ".env",
			ParseFix: "write one NAME=value per line, quoting a value that holds spaces, # or quotes; `docker compose config` refuses the same line",
		},
		{
			Name: "redis-conf", Title: "Redis server configuration (redis.conf)", Scanner: redisconf.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsFound,
			Values:   scanners.ValuesClassified,
			Role:     scanners.RoleMember,
			Example:  "redis/redis.conf",
			ParseFix: "`redis-server <file>` refuses the same line at start",
		},
		{
			Name: "compose", Title: "Docker Compose file", Scanner: compose.NewWithOptions(compose.Options{Strict: o.StrictCompose}),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNever,
			Values:   scanners.ValuesClassified,
			Role:     scanners.RoleStackRoot,
			Example:  "compose.yaml",
			ParseFix: "check with `docker compose config`, which refuses the same file; indent with spaces, never tabs, and quote values holding \": \" or \" #\"",
		},
		{
			Name: "traefik", Title: "Traefik static or dynamic configuration (YAML)", Scanner: traefik.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNever,
			Values:   scanners.ValuesUnclassified,
			Role:     scanners.RoleMember,
			Example:  "openc3-traefik/traefik.yaml",
			ParseFix: "indent with spaces, never tabs, and quote values holding \": \" or \" #\"; Traefik refuses the same file at start",
		},
		{
			Name: "nginx", Title: "nginx configuration", Scanner: nginx.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNever,
			Values:   scanners.ValuesUnclassified,
			Role:     scanners.RoleMember,
			Example:  "nginx/nginx.conf",
			ParseFix: "check with `nginx -t`, which names the same line",
		},
		{
			Name: "dcos-config", Title: "DC/OS installer configuration (genconf/config.yaml)", Scanner: installyaml.NewDCOS(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsFound,
			Values:   scanners.ValuesUnclassified,
			Role:     scanners.RoleMember,
			Example:  "genconf/config.yaml",
			ParseFix: "indent with spaces, never tabs; `dcos_generate_config.sh --validate-config` refuses the same file",
		},
		{
			Name: "fetchml-api", Title: "FetchML API server configuration (configs/api/*.yaml)", Scanner: installyaml.NewFetchML(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsFound,
			Values:   scanners.ValuesUnclassified,
			Role:     scanners.RoleMember,
			Example:  "configs/api/prod.yaml",
			ParseFix: "indent with spaces, never tabs; the API server refuses the same file at start",
		},
		{
			Name: "private-key", Title: "PEM private key", Scanner: keyfile.New(),
			// PEM allows explanatory text outside the BEGIN/END lines.
			Comments: scanners.CommentHash, Secrets: scanners.SecretsAlways,
			Values:   scanners.ValuesUnclassified,
			Role:     scanners.RoleMember,
			Example:  "tls/server.key",
			ParseFix: "check with `openssl pkey -in <file> -noout`; a key keeps its BEGIN and END lines and unbroken base64 between them",
		},
	}
	return scanners.NewRegistry(append(kinds, scanners.PseudoKinds()...)...)
}

// Scanners returns one scanner per kind of file, in the order kind detection tries them.
func Scanners() []scanners.Scanner { return Registry().Scanners() }
