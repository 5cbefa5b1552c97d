package scan

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/deploylint/deploylint/fix"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/secret"
)

// place is where a reported file is: its scan root, its path below it, and its kind.
type place struct {
	root, rel, kind string
	stack           *rules.Stack
	// explicit is true for a file named on the command line, not found in a folder.
	explicit bool
}

// fileIndex is what planning repairs needs to know of a scan's files once the scan is done.
type fileIndex struct {
	files      map[string]place // by reported path
	values     *secret.Catalog
	redisUsers []rules.RedisUser
}

// record notes the documents' files, under the paths the scan reports.
func (x *fileIndex) record(docs []judged) {
	x.files = map[string]place{}
	for _, j := range docs {
		doc := j.in.Doc
		if j.target.Context || isStdin(j.target) || doc.Kind == scanners.KindSkipped || doc.Kind == scanners.KindParseError {
			continue
		}
		prefix := displayPrefix(j.target)
		shown := joinDisplay(prefix, doc.Path)
		if secret.Printable(shown) != shown {
			continue // a name the report escapes is not one to write to
		}
		x.files[shown] = place{root: j.target.Root, rel: doc.Path, kind: j.target.Kind, stack: j.in.Stack, explicit: j.target.Explicit}
		for _, rel := range doc.Consumed {
			inc := joinDisplay(prefix, rel)
			if _, ok := x.files[inc]; !ok && secret.Printable(inc) == inc {
				x.files[inc] = place{root: j.target.Root, rel: rel, kind: j.target.Kind}
			}
		}
	}
}

// FixOptions says how deploylint fix runs.
type FixOptions struct {
	// DryRun plans the changes without writing them.
	DryRun bool
	// Rand is where new secrets come from; nil means crypto/rand.
	Rand io.Reader
	// NoSecrets applies only the repairs that write no secret (ports, TLS versions, DC/OS
	// keys, disabled commands): safe to commit, as a bot branch does.
	NoSecrets bool
}

// Fixed is a scan and the repairs planned (and, unless a dry run, made) from its findings.
type Fixed struct {
	*Result
	Plan *fix.Plan
	// Failed holds, by reported path, why a changed file could not be written; the other
	// files were written all the same.
	Failed map[string]error
}

// Fix scans as Run does, plans the repair of every finding that needs no human decision, and
// unless opt is a dry run writes the changed files: atomically, each file's mode kept (or
// tightened where FS001 asked), and only a file still as it was read.
func Fix(ctx context.Context, opt Options, fo FixOptions) (*Fixed, error) {
	opt.collect = &fileIndex{}
	opt.Repairs = false
	res, err := Run(ctx, opt)
	if err != nil {
		return nil, err
	}
	r := fo.Rand
	if r == nil {
		r = rand.Reader
	}
	plan, err := planRepairs(res, opt, r, fo.NoSecrets)
	if err != nil {
		return nil, err
	}
	out := &Fixed{Result: res, Plan: plan}
	if fo.DryRun {
		return out, nil
	}
	fail := func(path string, err error) {
		if out.Failed == nil {
			out.Failed = map[string]error{}
		}
		out.Failed[path] = res.Redactor.Error(fmt.Errorf("write %s: %w", path, err))
	}
	// Every file is checked before any is written: a new .env password whose users.acl hash
	// was written without it (or the other way round) locks the services out. A folder with
	// a file that cannot be written gets none of its new secrets.
	broken := map[*rules.Stack]bool{}
	for _, c := range plan.Changes {
		pl := opt.collect.files[c.Path]
		if err := writable(pl, c); err != nil {
			fail(c.Path, err)
			if pl.stack != nil {
				broken[pl.stack] = true
			}
		}
	}
	for _, c := range plan.Changes {
		pl := opt.collect.files[c.Path]
		switch {
		case out.Failed[c.Path] != nil:
		case pl.stack != nil && broken[pl.stack] && c.HoldsSecret():
			fail(c.Path, errors.New("not written: a file of its folder that must change with it could not be written"))
		default:
			if err := write(pl, c); err != nil {
				fail(c.Path, err)
			}
		}
	}
	return out, nil
}

// repairKinds are the kinds whose files a plan reads.
func repairKinds(kind string) bool {
	switch kind {
	case "dotenv", "redis-acl", "redis-conf", "nginx", "compose", "dcos-config", "private-key", "fetchml-api":
		return true
	}
	return false
}

// planRepairs reads what the findings need (their files, and the .env and users.acl files of
// their folders) through a bounded reader and plans the repairs; noSecret plans only the
// repairs that hold no secret (SARIF's fixes), which read no secret file.
func planRepairs(res *Result, opt Options, r io.Reader, noSecret bool) (*fix.Plan, error) {
	idx := opt.collect
	maxSize := int64(defaultMaxFileSize)
	if res.Config != nil && res.Config.MaxFileSize > 0 {
		maxSize = res.Config.MaxFileSize
	}
	if opt.MaxFileSize != nil && *opt.MaxFileSize > 0 {
		maxSize = *opt.MaxFileSize
	}
	budget := opt.ByteBudget
	if budget <= 0 {
		budget = defaultByteBudget
	}
	reader := confine.NewReader(confine.Options{MaxFileSize: maxSize, Budget: budget})
	want := map[string]bool{}
	stacks := map[*rules.Stack]bool{}
	findings := res.Findings
	if noSecret {
		findings = nil
		for _, f := range res.Findings {
			if fix.WritesNoSecret(f.RuleID) {
				findings = append(findings, f)
			}
		}
	}
	for _, f := range findings {
		if pl, ok := idx.files[f.Path]; ok && f.Suppressed == nil {
			want[f.Path] = true
			if pl.stack != nil {
				stacks[pl.stack] = true
			}
		}
	}
	byStack := map[*rules.Stack][]string{}
	for shown, pl := range idx.files {
		if pl.stack == nil {
			continue
		}
		byStack[pl.stack] = append(byStack[pl.stack], shown)
		// A users.acl follows its .env; a compose file may hold a copy of a .env password.
		if stacks[pl.stack] && !noSecret && (pl.kind == "dotenv" || pl.kind == "redis-acl" || pl.kind == "compose") {
			want[shown] = true
		}
	}
	in := fix.Input{Findings: findings, Files: map[string]*fix.File{}, Values: idx.values, RedisUsers: idx.redisUsers, Rand: r}
	in.Parse = func(kind, p string, src []byte) (*scanners.Document, error) {
		k, ok := opt.Registry.Lookup(kind)
		if !ok || k.Scanner == nil {
			return nil, fmt.Errorf("no scanner for %s", kind)
		}
		return safeParse(k.Scanner, scanners.Target{Rel: p, Path: p, Kind: kind}, src, nil)
	}
	shownPaths := make([]string, 0, len(want))
	for shown := range want {
		shownPaths = append(shownPaths, shown)
	}
	sort.Strings(shownPaths)
	for _, shown := range shownPaths {
		pl := idx.files[shown]
		if !repairKinds(pl.kind) {
			continue
		}
		src, err := reader.ReadFile(pl.root, rootPath(pl.root, pl.rel))
		if err != nil {
			continue // changed or gone since the scan: nothing is planned for it
		}
		f := &fix.File{Path: shown, Kind: pl.kind, Src: src, Alone: pl.explicit}
		// Modes count where FS001 does: never with --no-check-permissions, nor in a git
		// work tree unless asked (a container may read the file as another user).
		if info, err := reader.Stat(pl.root, rootPath(pl.root, pl.rel)); err == nil && permissionsMeaningful(pl.root, opt.CheckPermissions) {
			f.Mode = info.Mode().Perm()
		}
		if k, ok := opt.Registry.Lookup(pl.kind); ok && k.Scanner != nil {
			t := scanners.Target{Root: pl.root, Rel: pl.rel, Path: rootPath(pl.root, pl.rel), Kind: pl.kind}
			if doc, err := safeParse(k.Scanner, t, src, nil); err == nil && doc.Kind == pl.kind {
				f.Doc = doc
			}
		}
		in.Files[shown] = f
	}
	var keys []*rules.Stack
	for st := range byStack {
		keys = append(keys, st)
	}
	for _, files := range byStack {
		sort.Strings(files)
	}
	sort.Slice(keys, func(a, b int) bool { return byStack[keys[a]][0] < byStack[keys[b]][0] })
	for _, st := range keys {
		in.Stacks = append(in.Stacks, byStack[st])
	}
	plan, err := fix.Make(in)
	if err != nil {
		return nil, res.Redactor.Error(err)
	}
	return plan, nil
}

// attachRepairs gives each finding whose repair holds no secret its Repair.
func attachRepairs(res *Result, plan *fix.Plan) {
	byKey := map[string]fix.Outcome{}
	key := func(f rules.Finding) string {
		return fmt.Sprintf("%s\x00%s\x00%s\x00%d:%d", f.RuleID, f.Path, f.Fingerprint, f.Range.Start.Line, f.Range.Start.Column)
	}
	for _, o := range plan.Outcomes {
		if o.Fixed && len(o.Edits) > 0 {
			byKey[key(o.Finding)] = o
		}
	}
	srcs := map[string]*scanners.LineIndex{}
	olds := map[string][]byte{}
	for _, c := range plan.Changes {
		olds[c.Path] = c.Old
	}
	for i := range res.Findings {
		o, ok := byKey[key(res.Findings[i])]
		if !ok {
			continue
		}
		rep := &rules.Repair{Description: o.Text}
		paths := make([]string, 0, len(o.Edits))
		for p := range o.Edits {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			li := srcs[p]
			if li == nil {
				li = scanners.NewLineIndex(string(olds[p]))
				srcs[p] = li
			}
			fe := rules.FileEdits{Path: p}
			for _, e := range o.Edits[p] {
				fe.Edits = append(fe.Edits, rules.Replacement{Range: li.Range(e.Start, e.End), Text: e.New})
			}
			rep.Files = append(rep.Files, fe)
		}
		res.Findings[i].Repair = rep
	}
}

// errChanged says a file changed between the scan and the write.
var errChanged = errors.New("the file changed since it was scanned: run deploylint fix again")

// openChecked opens the file's scan root and checks that the file can be replaced: a regular
// file in the root, still as it was scanned. It returns the root and the file's mode.
func openChecked(pl place, c *fix.Change) (*os.Root, fs.FileMode, error) {
	if pl.root == "" {
		return nil, 0, errors.New("not a file of the scan")
	}
	root, err := os.OpenRoot(pl.root)
	if err != nil {
		return nil, 0, err
	}
	rel := filepath.FromSlash(pl.rel)
	info, err := root.Lstat(rel)
	if err == nil && !info.Mode().IsRegular() {
		err = errors.New("not a regular file (a symlink is fixed at its target)")
	}
	if err == nil && len(c.Edits) > 0 {
		var cur []byte
		if cur, err = root.ReadFile(rel); err == nil && !bytes.Equal(cur, c.Old) {
			err = errChanged
		}
	}
	if err != nil {
		_ = root.Close() // the check failed: nothing was written through it
		return nil, 0, err
	}
	return root, info.Mode().Perm(), nil
}

// writable checks that a file can be replaced.
func writable(pl place, c *fix.Change) error {
	root, _, err := openChecked(pl, c)
	if err != nil {
		return err
	}
	return root.Close()
}

// write replaces a file with its changed content: a new file beside it, synced, given the
// mode, then renamed over it, so a reader sees the old file or the new one, never a part. It
// goes through os.Root: nothing outside the scan root is touched, and a symlink is refused.
func write(pl place, c *fix.Change) error {
	root, mode, err := openChecked(pl, c)
	if err != nil {
		return err
	}
	defer root.Close()
	rel := filepath.FromSlash(pl.rel)
	if c.Mode != 0 {
		mode = c.Mode
	}
	if len(c.Edits) == 0 {
		return root.Chmod(rel, mode)
	}
	suffix := make([]byte, 6)
	if _, err := io.ReadFull(rand.Reader, suffix); err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(rel), fmt.Sprintf(".%s.deploylint-%x", path.Base(pl.rel), suffix))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.Write(c.New())
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = root.Chmod(tmp, mode&fs.ModePerm)
	}
	if werr == nil {
		werr = root.Rename(tmp, rel)
	}
	if werr != nil {
		_ = root.Remove(tmp)
		return werr
	}
	return nil
}
