// Command yamlfloor walks folders, reads every regular file and parses each YAML file
// (.yml, .yaml) with yaml.v3 into nodes, then exits: the plain read-and-parse floor under a scan
// of the same files, which no linter that judges their content can go below. The other files
// (.env, nginx, users.acl, redis.conf) are read and split into lines, about what their own
// parsers cost. bench/run.sh measures it beside deploylint --parse-only and the full scan.
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: yamlfloor DIR...")
		os.Exit(2)
	}
	files, yamls, lines := 0, 0, 0
	for _, dir := range os.Args[1:] {
		// Read through a root, as deploylint reads: nothing outside the folder is followed.
		root, err := os.OpenRoot(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "yamlfloor:", err)
			os.Exit(1)
		}
		fsys := root.FS()
		err = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			b, err := fs.ReadFile(fsys, path)
			if err != nil {
				return fmt.Errorf("read %s: %w", path, err)
			}
			files++
			switch strings.ToLower(filepath.Ext(path)) {
			case ".yml", ".yaml":
				var n yaml.Node
				// A file yaml.v3 refuses still counts: its parse was paid for.
				_ = yaml.Unmarshal(b, &n)
				yamls++
			default:
				lines += bytes.Count(b, []byte{'\n'})
			}
			return nil
		})
		_ = root.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, "yamlfloor:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%d files read, %d parsed as YAML, %d lines of the others\n", files, yamls, lines)
}
