package scanners

import (
	"path"
	"sort"
)

// StackKey identifies the deployment directory of a document: the root it was found under and
// a slash directory relative to it.
type StackKey struct {
	Root string
	Dir  string
}

// Located is a parsed document with where it was found.
type Located struct {
	Doc    *Document
	Target Target
}

// envFileName is the file compose reads variables from; only it defines a stack's variables.
const envFileName = ".env"

// AttachStacks groups documents into deployment directories and sets each document's Stack. A
// document belongs to the nearest directory, itself or an ancestor within its root, that holds
// a .env file; with none, to its own directory. Only .env files contribute variables, as only
// they are read by docker compose.
func AttachStacks(docs []Located) {
	envDirs := map[StackKey]*Document{}
	for _, l := range docs {
		if l.Doc != nil && l.Doc.Env != nil && path.Base(l.Target.Rel) == envFileName {
			envDirs[StackKey{l.Target.Root, path.Dir(l.Target.Rel)}] = l.Doc
		}
	}
	keyOf := func(l Located) StackKey {
		dir := path.Dir(l.Target.Rel)
		for d := dir; ; d = path.Dir(d) {
			if _, ok := envDirs[StackKey{l.Target.Root, d}]; ok {
				return StackKey{l.Target.Root, d}
			}
			if d == "." || d == "/" || d == path.Dir(d) {
				break
			}
		}
		return StackKey{l.Target.Root, dir}
	}
	stacks := map[StackKey]*Stack{}
	for _, l := range docs {
		if l.Doc == nil {
			continue
		}
		k := keyOf(l)
		st, ok := stacks[k]
		if !ok {
			st = &Stack{Dir: k.Dir, Env: map[string]StackVar{}}
			if env := envDirs[k]; env != nil {
				for name, v := range env.Env {
					st.Env[name] = v
				}
			}
			stacks[k] = st
		}
		st.Files = append(st.Files, l.Doc.Path)
		l.Doc.Stack = st
	}
	for _, st := range stacks {
		sort.Strings(st.Files)
	}
}

// AttachMounts gives every document with Binds the scanned documents mounted into it. Only
// files inside the same scan root are ever looked up.
func AttachMounts(docs []Located) {
	byRel := map[StackKey]*Document{}
	for _, l := range docs {
		if l.Doc != nil && l.Doc.Kind != "parse-error" {
			byRel[StackKey{l.Target.Root, l.Target.Rel}] = l.Doc
		}
	}
	for _, l := range docs {
		if l.Doc == nil || len(l.Doc.Binds) == 0 {
			continue
		}
		for target, rel := range l.Doc.Binds {
			if m, ok := byRel[StackKey{l.Target.Root, rel}]; ok {
				if l.Doc.Mounts == nil {
					l.Doc.Mounts = map[string]*Document{}
				}
				l.Doc.Mounts[target] = m
			}
		}
	}
}
