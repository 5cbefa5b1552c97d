package scan

import (
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// folder identifies a slash path below a scan root: a deployment folder, or a file.
type folder struct {
	root string
	dir  string
}

// groupTargets splits the targets into groups no rule looks across. A folder holding a file
// whose kind roots a deployment (a compose file, a .env) starts one: everything below the
// highest such folder is one group (its stacks, mounts and includes stay together); the other
// files of a root form one group (an nginx.conf includes conf.d/ from anywhere), and so do
// named files (a pre-commit list) with their context.
func groupTargets(targets []scanners.Target, reg *scanners.Registry) [][]scanners.Target {
	markers := map[folder]bool{}
	for _, t := range targets {
		if t.Explicit {
			continue
		}
		// A .env roots its folder whatever kind it was read as: compose reads it there.
		if k, _ := reg.Lookup(t.Kind); k.Role == scanners.RoleStackRoot || path.Base(t.Rel) == envFileName {
			markers[folder{t.Root, path.Dir(t.Rel)}] = true
		}
	}
	index := map[folder]int{}
	var groups [][]scanners.Target
	for _, t := range targets {
		key := folder{t.Root, "\x00named"}
		if !t.Explicit {
			key = folder{t.Root, "\x00rest"}
			// The highest marker folder above the file, the root first.
			for _, d := range ancestors(path.Dir(t.Rel)) {
				if markers[folder{t.Root, d}] {
					key.dir = d
					break
				}
			}
		}
		g, ok := index[key]
		if !ok {
			g = len(groups)
			index[key] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], t)
	}
	return groups
}

// ancestors lists "." and every folder on the way down to dir, top first.
func ancestors(dir string) []string {
	out := []string{"."}
	if dir == "." || dir == "" {
		return out
	}
	parts := strings.Split(dir, "/")
	for i := range parts {
		out = append(out, strings.Join(parts[:i+1], "/"))
	}
	return out
}

// envFileName is the file compose reads variables from; only it defines a stack's variables.
const envFileName = ".env"

// attachStacks groups documents into deployment folders and gives each its Stack. A document
// belongs to the nearest folder, its own or an ancestor within its root, that holds a .env
// file; with none, to its own folder. Only .env files of the environment kind contribute
// variables, as only they are read by docker compose.
func attachStacks(docs []judged, envKind string) {
	envDirs := map[folder]*scanners.Document{}
	for _, j := range docs {
		if j.in.Doc.Env != nil && j.in.Doc.Kind == envKind && path.Base(j.target.Rel) == envFileName {
			envDirs[folder{j.target.Root, path.Dir(j.target.Rel)}] = j.in.Doc
		}
	}
	keyOf := func(t scanners.Target) folder {
		dir := path.Dir(t.Rel)
		for d := dir; ; d = path.Dir(d) {
			if _, ok := envDirs[folder{t.Root, d}]; ok {
				return folder{t.Root, d}
			}
			if d == "." || d == "/" || d == path.Dir(d) {
				break
			}
		}
		return folder{t.Root, dir}
	}
	stacks := map[folder]*rules.Stack{}
	for i := range docs {
		j := &docs[i]
		k := keyOf(j.target)
		st, ok := stacks[k]
		if !ok {
			st = &rules.Stack{Dir: k.dir, Env: map[string]scanners.StackVar{}}
			if env := envDirs[k]; env != nil {
				for name, v := range env.Env {
					st.Env[name] = v
				}
			}
			stacks[k] = st
		}
		st.Files = append(st.Files, j.in.Doc.Path)
		j.in.Stack = st
	}
	for _, st := range stacks {
		sort.Strings(st.Files)
	}
}

// attachMounts gives every document with Binds the scanned documents mounted into it. Only
// files inside the same scan root are ever looked up.
func attachMounts(docs []judged) {
	byRel := map[folder]*scanners.Document{}
	for _, j := range docs {
		if j.in.Doc.Kind != scanners.KindParseError {
			byRel[folder{j.target.Root, j.target.Rel}] = j.in.Doc
		}
	}
	for i := range docs {
		j := &docs[i]
		for target, rel := range j.in.Doc.Binds {
			if m, ok := byRel[folder{j.target.Root, rel}]; ok {
				if j.in.Mounts == nil {
					j.in.Mounts = map[string]*scanners.Document{}
				}
				j.in.Mounts[target] = m
			}
		}
	}
}

// dropConsumed removes the documents of files another document read inline (an nginx
// include): they were judged in their includer's context and must not be judged again alone.
func dropConsumed(docs []judged) []judged {
	consumed := map[folder]bool{}
	for _, j := range docs {
		for _, rel := range j.in.Doc.Consumed {
			if rel != j.target.Rel {
				consumed[folder{j.target.Root, rel}] = true
			}
		}
	}
	if len(consumed) == 0 {
		return docs
	}
	out := docs[:0]
	for _, j := range docs {
		if !consumed[folder{j.target.Root, j.target.Rel}] {
			out = append(out, j)
		}
	}
	return out
}

// permissionsMeaningful: file modes say something on a deployed host, not in a git work tree
// (git keeps only the executable bit), nor on Windows.
func permissionsMeaningful(root string, force *bool) bool {
	if runtime.GOOS == "windows" {
		return false
	}
	if force != nil {
		return *force
	}
	return !scanners.InGitWorkTree(root)
}

// rootPath is the OS path of a root-relative slash path.
func rootPath(root, rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
