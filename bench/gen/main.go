// Command gen writes a corpus of synthetic deployment stacks for deploylint's benchmarks:
//
//	go run ./bench/gen -n 1000 -seed 1 -out DIR
//
// Each stack, DIR/stack-00001 … DIR/stack-NNNNN, holds what one docker compose deployment
// keeps next to its compose file, in the file names deploylint recognises: the compose file,
// its .env, a Redis users.acl and redis.conf, either an nginx tree (nginx/nginx.conf including
// nginx/conf.d/site.conf) or a Traefik static configuration (traefik/traefik.yml), and one
// installer configuration, DC/OS genconf/config.yaml or FetchML configs/api/*.yaml, in turn.
//
// Roughly half the stacks are clean (deploylint reports nothing on them); the others carry one
// to three faults drawn from what the rules look for: shipped default passwords, cleartext ACL
// passwords, internal ports published on all interfaces, obsolete TLS, and so on.
//
// The output depends only on -seed, and stack i only on -seed and i: a corpus of N/10 stacks
// is the first tenth of the corpus of N, which is what the harness's linearity check needs.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	n := fl.Int("n", 1000, "number of stacks to write")
	seed := fl.Uint64("seed", 1, "seed of the pseudo-random choices (same seed, same corpus)")
	out := fl.String("out", "", "directory to write the stacks into (created; must be empty)")
	verbose := fl.Bool("v", false, "list each stack with its faults")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out DIR is required")
	}
	if *n < 1 {
		return errors.New("-n must be at least 1")
	}
	if err := emptyDir(*out); err != nil {
		return err
	}
	var tot totals
	for i := 1; i <= *n; i++ {
		s := newStack(*seed, i)
		dir := filepath.Join(*out, fmt.Sprintf("stack-%05d", i))
		for _, f := range s.files() {
			if err := writeFile(filepath.Join(dir, filepath.FromSlash(f.rel)), f.body); err != nil {
				return err
			}
			tot.files++
			tot.bytes += len(f.body)
			if f.included {
				tot.included++
			}
		}
		if len(s.faults) == 0 {
			tot.clean++
		}
		if *verbose {
			fmt.Fprintf(stdout, "stack-%05d: %s\n", i, s.describe())
		}
	}
	fmt.Fprintf(stdout, "wrote %d files (%.1f MB) in %d stacks under %s: %d clean, %d faulty\n",
		tot.files, float64(tot.bytes)/1e6, *n, *out, tot.clean, *n-tot.clean)
	fmt.Fprintf(stdout, "deploylint reports %d files as scanned: the other %d (nginx conf.d files) are read through their nginx.conf include\n",
		tot.files-tot.included, tot.included)
	return nil
}

type totals struct {
	files, bytes, included, clean int
}

// emptyDir creates dir, or accepts it if it exists and is empty: stacks of an earlier run must
// not mix with these.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o750)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}

func writeFile(p, body string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return err
	}
	// 0600, as a deployment's secret files should be; the harness turns the mode rule off anyway.
	return os.WriteFile(p, []byte(body), 0o600)
}
