package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// IndexFile is the policy index of a policy file system: the catalogue and, per module, its
// package and the data it references. With it a scan parses only the modules the kinds it
// meets need, instead of every module at start-up (most of a pre-commit run's time). It is
// written by `make docs` and used only while it matches the sources (Sum).
const IndexFile = "index.json"

type policyIndex struct {
	// Sum is sourcesSum of the files the index was made from.
	Sum     string        `json:"sum"`
	Modules []indexModule `json:"modules"`
	Rules   []*Rule       `json:"rules"`
}

type indexModule struct {
	File    string     `json:"file"`
	Package []string   `json:"package"`
	Refs    [][]string `json:"refs"`
}

// policyModule is one non-test policy file: parsed at load, or on first need when an index
// already says what it declares and references.
type policyModule struct {
	file string
	pkg  []string
	refs [][]string
	src  string // until parsed

	once sync.Once
	mod  *ast.Module
	err  error
}

func (m *policyModule) parse(caps *ast.Capabilities) (*ast.Module, error) {
	m.once.Do(func() {
		if m.mod != nil {
			return
		}
		m.mod, m.err = ast.ParseModuleWithOpts(m.file, m.src, ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: caps})
		if m.err != nil {
			m.err = fmt.Errorf("parse policy %s: %w", m.file, m.err)
		}
		m.src = ""
	})
	return m.mod, m.err
}

func parsedModule(m module) *policyModule {
	pm := &policyModule{file: m.file, mod: m.mod, pkg: refStrings(m.mod.Package.Path), refs: moduleRefs(m.mod)}
	pm.once.Do(func() {})
	return pm
}

// moduleRefs lists, sorted and without repeats, the constant prefixes of every data
// reference of a module: its package, its imports and the references in its rules.
func moduleRefs(m *ast.Module) [][]string {
	seen := map[string][]string{}
	add := func(r ast.Ref) {
		if s := refStrings(r); len(s) > 0 {
			seen[strings.Join(s, "\x00")] = s
		}
	}
	add(m.Package.Path)
	for _, imp := range m.Imports {
		if r, ok := imp.Path.Value.(ast.Ref); ok {
			add(r)
		}
	}
	ast.WalkRefs(m, func(r ast.Ref) bool {
		add(r)
		return false
	})
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]string, len(keys))
	for i, k := range keys {
		out[i] = seen[k]
	}
	return out
}

// refStrings is the constant part of a data reference as strings (data.a.b[x] is [a b]); nil
// for a reference that does not start at data.
func refStrings(r ast.Ref) []string {
	if len(r) == 0 || !r[0].Equal(ast.DefaultRootDocument) {
		return nil
	}
	out := []string{}
	for _, t := range r[1:] {
		s, ok := t.Value.(ast.String)
		if !ok {
			break
		}
		out = append(out, string(s))
	}
	return out
}

func hasPrefix(s, prefix []string) bool {
	return len(prefix) <= len(s) && slices.Equal(s[:len(prefix)], prefix)
}

// policyFiles lists the .rego files of a policy file system, sorted, tests when asked.
func policyFiles(fsys fs.FS, withTests bool) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || (!withTests && strings.HasSuffix(p, "_test.rego")) {
			return nil
		}
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, err
}

// withGuides adds the guide map, when there is one, to the files an index is made from: the
// index carries each rule's statements, so a changed map makes it stale.
func withGuides(fsys fs.FS, files []string) []string {
	if _, err := fs.Stat(fsys, GuidesFile); err != nil {
		return files
	}
	return append(slices.Clip(files), GuidesFile)
}

// sourcesSum hashes the names and contents of the non-test .rego files (and the guide map).
func sourcesSum(fsys fs.FS, files []string) (string, map[string]string, error) {
	h := sha256.New()
	srcs := make(map[string]string, len(files))
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return "", nil, fmt.Errorf("read policy %s: %w", p, err)
		}
		srcs[p] = string(b)
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), srcs, nil
}

// BuildIndex parses every module of a policy file system and returns its index, as written to
// IndexFile.
func BuildIndex(fsys fs.FS) ([]byte, error) {
	files, err := policyFiles(fsys, false)
	if err != nil {
		return nil, err
	}
	sum, _, err := sourcesSum(fsys, withGuides(fsys, files))
	if err != nil {
		return nil, err
	}
	ms, err := loadModules(fsys, "", false)
	if err != nil {
		return nil, err
	}
	idx := policyIndex{Sum: sum}
	for _, m := range ms {
		idx.Modules = append(idx.Modules, indexModule{File: m.file, Package: refStrings(m.mod.Package.Path), Refs: moduleRefs(m.mod)})
		r, ok, err := ruleFromModule(m)
		if err != nil {
			return nil, err
		}
		if ok {
			idx.Rules = append(idx.Rules, r)
		}
	}
	sort.Slice(idx.Rules, func(i, j int) bool { return idx.Rules[i].ID < idx.Rules[j].ID })
	if err := attachGuideFile(fsys, idx.Rules); err != nil {
		return nil, err
	}
	// One module or rule a line: readable in a diff, and little for the decoder to skip.
	var buf bytes.Buffer
	buf.WriteString("{\"sum\":")
	if err := writeJSON(&buf, idx.Sum); err != nil {
		return nil, err
	}
	buf.WriteString(",\n\"modules\":[")
	for i, m := range idx.Modules {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		if err := writeJSON(&buf, m); err != nil {
			return nil, err
		}
	}
	buf.WriteString("],\n\"rules\":[")
	for i, r := range idx.Rules {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		if err := writeJSON(&buf, r); err != nil {
			return nil, err
		}
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), nil
}

func writeJSON(buf *bytes.Buffer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	buf.Write(b)
	return nil
}

// indexedModules returns the modules and rules of a policy file system from its index,
// unparsed; ok is false when there is no index or it no longer matches the sources.
func indexedModules(fsys fs.FS, prefix string) (mods []*policyModule, rs []*Rule, ok bool, err error) {
	b, err := fs.ReadFile(fsys, IndexFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("read %s: %w", IndexFile, err)
	}
	var idx policyIndex
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, nil, false, fmt.Errorf("read %s: %w", IndexFile, err)
	}
	files, err := policyFiles(fsys, false)
	if err != nil {
		return nil, nil, false, err
	}
	sum, srcs, err := sourcesSum(fsys, withGuides(fsys, files))
	if err != nil {
		return nil, nil, false, err
	}
	if sum != idx.Sum || len(idx.Modules) != len(files) {
		return nil, nil, false, nil // stale: parse everything, as without an index
	}
	for _, im := range idx.Modules {
		src, found := srcs[im.File]
		if !found {
			return nil, nil, false, nil
		}
		mods = append(mods, &policyModule{file: path.Join(prefix, im.File), pkg: im.Package, refs: im.Refs, src: src})
	}
	for _, r := range idx.Rules {
		r.File = path.Join(prefix, r.File)
	}
	return mods, idx.Rules, true, nil
}
