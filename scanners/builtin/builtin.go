// Package builtin lists deploylint's scanners. It lives apart from package scanners because
// every format package imports scanners for the Document type.
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

// Scanners returns one scanner per supported kind, in the order kind detection tries them.
func Scanners() []scanners.Scanner {
	return []scanners.Scanner{
		redisacl.New(),
		dotenv.New(),
		redisconf.New(),
		compose.New(),
		traefik.New(),
		nginx.New(),
		installyaml.NewDCOS(),
		installyaml.NewFetchML(),
		keyfile.New(),
	}
}
