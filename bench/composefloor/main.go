// Command composefloor loads one compose file with compose-go's loader and its default
// options, the .env beside it as the environment, and exits: its process time is the least any
// tool built on compose-go can take on that file, the floor under deploylint's single-stack
// time. bench/run.sh measures it beside deploylint.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
)

func main() {
	logrus.SetOutput(io.Discard) // unset-variable warnings are not part of the measure
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: composefloor COMPOSE-FILE")
		os.Exit(2)
	}
	file, err := filepath.Abs(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	dir := filepath.Dir(file)
	src, err := os.ReadFile(file) //nolint:gosec // the file to measure is the argument
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	env := types.Mapping{}
	if _, err := os.Stat(filepath.Join(dir, ".env")); err == nil { //nolint:gosec // beside the argument, as compose reads it
		if env, err = dotenv.GetEnvFromFile(env, []string{filepath.Join(dir, ".env")}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	details := types.ConfigDetails{WorkingDir: dir, ConfigFiles: []types.ConfigFile{{Filename: file, Content: src}}, Environment: env}
	p, err := loader.LoadWithContext(context.Background(), details, func(o *loader.Options) { o.SetProjectName("floor", true) })
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(p.Services), "services")
}
