// Command composefloor loads one compose file with compose-go's loader and its default
// options, the .env beside it as the environment, and exits: its process time is the least any
// tool built on compose-go can take on that file, the floor under deploylint's single-stack
// time. bench/run.sh measures it beside deploylint.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
)

func main() {
	logrus.SetOutput(io.Discard) // unset-variable warnings are not part of the measure
	twice := flag.Bool("twice", false, "load the file a second time and print how long each load took")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: composefloor [-twice] COMPOSE-FILE")
		os.Exit(2)
	}
	file, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	dir := filepath.Dir(file)
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	env := types.Mapping{}
	if _, err := os.Stat(filepath.Join(dir, ".env")); err == nil {
		if env, err = dotenv.GetEnvFromFile(env, []string{filepath.Join(dir, ".env")}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	details := types.ConfigDetails{WorkingDir: dir, ConfigFiles: []types.ConfigFile{{Filename: file, Content: src}}, Environment: env}
	load := func() int {
		start := time.Now()
		p, err := loader.LoadWithContext(context.Background(), details, func(o *loader.Options) { o.SetProjectName("floor", true) })
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if *twice {
			fmt.Printf("load: %.1f ms\n", float64(time.Since(start).Microseconds())/1000)
		}
		return len(p.Services)
	}
	n := load()
	if *twice {
		load() // compose-go compiles its JSON schema once per process: the second load shows the rest
	}
	fmt.Println(n, "services")
}
