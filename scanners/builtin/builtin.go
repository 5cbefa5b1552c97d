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
			Role:    scanners.RoleMember,
			Example: "openc3-redis/users.acl",
		},
		{
			Name: "dotenv", Title: "environment file (.env and its variants)", Scanner: dotenv.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNamed,
			Role:    scanners.RoleStackEnv,
			Example: ".env",
		},
		{
			Name: "redis-conf", Title: "Redis server configuration (redis.conf)", Scanner: redisconf.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsFound,
			Role:    scanners.RoleMember,
			Example: "redis/redis.conf",
		},
		{
			Name: "compose", Title: "Docker Compose file", Scanner: compose.NewWithOptions(compose.Options{Strict: o.StrictCompose}),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNever,
			Role:    scanners.RoleStackRoot,
			Example: "compose.yaml",
		},
		{
			Name: "traefik", Title: "Traefik static or dynamic configuration (YAML)", Scanner: traefik.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNever,
			Role:    scanners.RoleMember,
			Example: "openc3-traefik/traefik.yaml",
		},
		{
			Name: "nginx", Title: "nginx configuration", Scanner: nginx.New(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsNever,
			Role:    scanners.RoleMember,
			Example: "nginx/nginx.conf",
		},
		{
			Name: "dcos-config", Title: "DC/OS installer configuration (genconf/config.yaml)", Scanner: installyaml.NewDCOS(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsFound,
			Role:    scanners.RoleMember,
			Example: "genconf/config.yaml",
		},
		{
			Name: "fetchml-api", Title: "FetchML API server configuration (configs/api/*.yaml)", Scanner: installyaml.NewFetchML(),
			Comments: scanners.CommentHash, Secrets: scanners.SecretsFound,
			Role:    scanners.RoleMember,
			Example: "configs/api/prod.yaml",
		},
		{
			Name: "private-key", Title: "PEM private key", Scanner: keyfile.New(),
			// PEM allows explanatory text outside the BEGIN/END lines.
			Comments: scanners.CommentHash, Secrets: scanners.SecretsAlways,
			Role:    scanners.RoleMember,
			Example: "tls/server.key",
		},
	}
	return scanners.NewRegistry(append(kinds, scanners.PseudoKinds()...)...)
}

// Scanners returns one scanner per kind of file, in the order kind detection tries them.
func Scanners() []scanners.Scanner { return Registry().Scanners() }
