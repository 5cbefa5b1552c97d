package rules

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/gitrepo"
	"github.com/deploylint/deploylint/secret"
)

// ScanOptions says what to scan and with which parsers.
type ScanOptions struct {
	Paths    []string
	Scanners []scanners.Scanner
	// Kinds forces a kind for a path (relative to its scan root, or as given).
	Kinds map[string]string
	// Workers bounds parsing and evaluation concurrency; 0 means GOMAXPROCS.
	Workers int
	// MaxFileSize skips larger files with an info finding; 0 means 10 MiB.
	MaxFileSize int64
	// CheckPermissions forces (true) or disables (false) the file-mode rule; nil decides per
	// scanned path: on outside a git work tree, off inside one.
	CheckPermissions *bool
	// CheckGit turns off (false) reading the git work tree a scanned path lies in (FS002);
	// nil or true reads it.
	CheckGit *bool
	// ParseOnly reads and parses every file but evaluates no rule: the benchmark's
	// measure of what the rules cost on top of reading.
	ParseOnly bool
	// Exclude lists globs (see MatchGlob) of paths never read.
	Exclude []string
	// Rules holds per-rule settings from the configuration: disabled, severity, excluded paths.
	Rules map[string]RuleSetting
	// ConfigPath names the configuration in the justification of the suppressions it makes.
	ConfigPath string
	// EagerFiles is how many files Read may parse before the rules are ready; a larger scan
	// streams its groups. 0 means 512; tests set 1 to stream small trees.
	EagerFiles int
	// Progress, when set, is updated as files are parsed and evaluated.
	Progress *Progress
	// Baseline holds fingerprints of accepted findings: they are reported as suppressed.
	Baseline map[string]bool
	// Discovered, when set, is told the kinds of the files found, once they are found and
	// before any is parsed: a caller can compile those rules while the files are read.
	Discovered func(kinds []string)
}

// ScanResult is everything a reporter needs from a scan.
type ScanResult struct {
	Findings []Finding
	// Files lists the paths of the files scanned, sorted.
	Files   []string
	Skipped []scanners.Skipped
	// Sources maps every reported path (scanned files and the files they include) to the
	// file on disk, for reports that quote the offending line.
	Sources map[string]string
	// Secrets are every document's secrets, their paths as reported (see Engine.Redactor).
	Secrets []secret.Span
}

const defaultMaxFileSize = 10 << 20

// Scan discovers, parses and evaluates. It fails only when a requested path cannot be read or
// a rule cannot be evaluated; a file that cannot be parsed becomes a META001 finding.
func (e *Engine) Scan(ctx context.Context, opt ScanOptions) (*ScanResult, error) {
	tree, err := Read(opt)
	if err != nil {
		return nil, err
	}
	return e.Evaluate(ctx, tree, opt)
}

// Tree is a scan's input: the files found, in groups that can be judged apart. A small
// tree is parsed by Read already (a caller compiles the rules meanwhile); a large one is parsed
// group by group as the rules run, so memory holds a few groups, not every document.
type Tree struct {
	groups  [][]scanners.Target
	parsed  [][]scanners.Located // per group, nil until parsed
	extra   []scanners.Located   // documents of skipped files (META004)
	skipped []scanners.Skipped
	reader  *reader
	workers int
}

// defaultEagerFiles is how many files Read parses at once, before the rules are ready: every
// pre-commit run and single-stack scan, while a monorepo streams.
const defaultEagerFiles = 512

// reader parses targets with what every file shares: parsers, limits, modes, git.
type reader struct {
	byKind     map[string]scanners.Scanner
	maxSize    int64
	checkPerms map[string]bool
	repos      map[string]*gitrepo.Repo
	progress   *Progress
	workers    int
}

// Read discovers what opt names (Paths, Scanners, Kinds, Exclude, MaxFileSize,
// CheckPermissions, CheckGit, Workers, Progress) and parses it when it is small.
func Read(opt ScanOptions) (*Tree, error) {
	dopt := scanners.DiscoverOptions{Kinds: opt.Kinds}
	if len(opt.Exclude) > 0 {
		dopt.Exclude = func(rel string) bool {
			for _, g := range opt.Exclude {
				if MatchGlob(g, rel) {
					return true
				}
			}
			return false
		}
	}
	targets, skipped, err := scanners.Discover(opt.Paths, opt.Scanners, dopt)
	if err != nil {
		return nil, err
	}
	if opt.Discovered != nil {
		opt.Discovered(targetKinds(targets, skipped))
	}
	r := &reader{byKind: map[string]scanners.Scanner{}, checkPerms: map[string]bool{}, repos: map[string]*gitrepo.Repo{}}
	for _, s := range opt.Scanners {
		r.byKind[s.Kind()] = s
	}
	r.workers = opt.Workers
	if r.workers <= 0 {
		r.workers = runtime.GOMAXPROCS(0)
	}
	r.maxSize = opt.MaxFileSize
	if r.maxSize <= 0 {
		r.maxSize = defaultMaxFileSize
	}
	r.progress = opt.Progress
	if r.progress == nil {
		r.progress = &Progress{}
	}
	r.progress.files.Store(int64(len(targets)))
	for _, t := range targets {
		if _, ok := r.checkPerms[t.Root]; !ok {
			r.checkPerms[t.Root] = permissionsMeaningful(t.Root, opt.CheckPermissions)
			if opt.CheckGit == nil || *opt.CheckGit {
				if repo, ok := gitrepo.Open(t.Root); ok {
					r.repos[t.Root] = repo
				}
			}
		}
	}
	tree := &Tree{groups: groupTargets(targets), skipped: skipped, reader: r, workers: r.workers}
	tree.parsed = make([][]scanners.Located, len(tree.groups))
	for _, sk := range skipped {
		if sk.Reason == "unknown kind" {
			continue // a named file deploylint has no parser for: nothing was expected of it
		}
		t := scanners.Target{Path: sk.Rel, Rel: sk.Rel, Root: sk.Root, Explicit: sk.Root == "", Kind: skippedKind}
		tree.extra = append(tree.extra, scanners.Located{Target: t, Doc: SkippedDocument(sk.Rel, sk.Reason)})
	}
	eager := opt.EagerFiles
	if eager <= 0 {
		eager = defaultEagerFiles
	}
	if len(targets) <= eager {
		parallel(len(tree.groups), r.workers, func(g int) { tree.parsed[g] = r.group(tree.groups[g]) })
	}
	return tree, nil
}

// targetKinds lists, sorted, the kinds of documents the targets will give.
func targetKinds(targets []scanners.Target, skipped []scanners.Skipped) []string {
	seen := map[string]bool{}
	for _, t := range targets {
		if !t.Context { // read for its neighbours, never judged
			seen[t.Kind] = true
		}
	}
	if len(skipped) > 0 {
		seen[skippedKind] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// groupTargets splits the targets into groups no rule looks across. A folder holding a
// compose file or a .env starts a deployment: everything below the highest such folder is one
// group (its stacks, mounts and includes stay together); the other files of a root form one
// group (an nginx.conf includes conf.d/ from anywhere), and so do named files (a pre-commit
// list) with their context.
func groupTargets(targets []scanners.Target) [][]scanners.Target {
	markers := map[scanners.StackKey]bool{}
	for _, t := range targets {
		if !t.Explicit && (t.Kind == "compose" || path.Base(t.Rel) == ".env") {
			markers[scanners.StackKey{Root: t.Root, Dir: path.Dir(t.Rel)}] = true
		}
	}
	index := map[scanners.StackKey]int{}
	var groups [][]scanners.Target
	for _, t := range targets {
		key := scanners.StackKey{Root: t.Root, Dir: "\x00named"}
		if !t.Explicit {
			key = scanners.StackKey{Root: t.Root, Dir: "\x00rest"}
			// The highest marker folder above the file, the root first.
			dirs := ancestors(path.Dir(t.Rel))
			for _, d := range dirs {
				if markers[scanners.StackKey{Root: t.Root, Dir: d}] {
					key.Dir = d
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

// group parses one group and links its documents: siblings, includes, stacks, mounts.
func (r *reader) group(ts []scanners.Target) []scanners.Located {
	located := make([]scanners.Located, len(ts))
	parallel(len(ts), r.workers, func(i int) {
		located[i] = scanners.Located{Target: ts[i], Doc: r.parse(ts[i])}
		r.progress.parsed.Add(1)
	})
	located = dropConsumed(withSiblings(located))
	scanners.AttachStacks(located)
	scanners.AttachMounts(located)
	return located
}

// parse reads one target with its file mode, secret files' modes and git status.
func (r *reader) parse(t scanners.Target) *scanners.Document {
	doc := parseTarget(t, r.byKind[t.Kind], r.maxSize)
	if st, err := os.Stat(t.Path); err == nil {
		doc.Mode = uint32(st.Mode().Perm())
	}
	doc.CheckPermissions = r.checkPerms[t.Root]
	if doc.CheckPermissions && len(doc.SecretFiles) > 0 {
		doc.SecretFileModes = map[string]uint32{}
		for _, rel := range doc.SecretFiles {
			if st, err := os.Stat(filepath.Join(t.Root, filepath.FromSlash(rel))); err == nil {
				doc.SecretFileModes[rel] = uint32(st.Mode().Perm())
			}
		}
	}
	if repo := r.repos[t.Root]; repo != nil && (t.Kind == "dotenv" || t.Kind == "redis-acl") {
		if st, ok := repo.Status(t.Path); ok {
			doc.Git = &scanners.GitStatus{Tracked: st.Tracked, Ignored: st.Ignored}
		}
	}
	return doc
}

// Evaluate runs the rules over a tree Read with the same options, group by group, keeping of
// each document only what the report needs; then it applies inline suppressions, the
// configuration's rule settings and the baseline.
func (e *Engine) Evaluate(ctx context.Context, tree *Tree, opt ScanOptions) (*ScanResult, error) {
	progress := tree.reader.progress
	progress.docs.Store(progress.files.Load())
	n := len(tree.groups)
	slim := make([][]scanners.Located, n+1)
	results := make([][][]Finding, n+1)
	errs := make([]error, n+1)
	judge := func(g int, located []scanners.Located) {
		res := make([][]Finding, len(located))
		gerrs := make([]error, len(located))
		if !opt.ParseOnly {
			parallel(len(located), tree.workers, func(i int) {
				if !located[i].Target.Context { // context is read for its neighbours only
					res[i], gerrs[i] = e.Eval(ctx, located[i].Doc)
				}
			})
		}
		errs[g] = errors.Join(gerrs...)
		results[g] = res
		slim[g] = slimmed(located)
	}
	parallel(n, tree.workers, func(g int) {
		located := tree.parsed[g]
		if located == nil {
			located = tree.reader.group(tree.groups[g])
		}
		tree.parsed[g] = nil // let the group's documents go once judged
		judge(g, located)
		progress.evaluated.Add(int64(len(tree.groups[g])))
	})
	judge(n, tree.extra)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var located []scanners.Located
	var flat [][]Finding
	for g := range slim {
		located = append(located, slim[g]...)
		flat = append(flat, results[g]...)
	}
	skipped := tree.skipped
	return e.report(ctx, located, flat, skipped, opt)
}

// slimmed keeps of each document what suppressions and the report read after the rules ran.
func slimmed(located []scanners.Located) []scanners.Located {
	out := make([]scanners.Located, len(located))
	for i, l := range located {
		out[i] = scanners.Located{Target: l.Target, Doc: &scanners.Document{
			Kind: l.Doc.Kind, Path: l.Doc.Path, Directives: l.Doc.Directives, Consumed: l.Doc.Consumed, Secrets: l.Doc.Secrets,
		}}
	}
	return out
}

// report turns per-document results into the scan result.
func (e *Engine) report(ctx context.Context, located []scanners.Located, results [][]Finding, skipped []scanners.Skipped, opt ScanOptions) (*ScanResult, error) {
	res := &ScanResult{Skipped: skipped, Sources: map[string]string{}}
	seenFile := map[string]bool{}
	for i, l := range located {
		prefix := displayPrefix(l.Target)
		for _, sp := range l.Doc.Secrets {
			if sp.Path == "" {
				sp.Path = l.Doc.Path
			}
			sp.Path = joinDisplay(prefix, sp.Path)
			res.Secrets = append(res.Secrets, sp)
		}
		if l.Target.Context {
			continue // read for its neighbours' sake, reported on by nobody
		}
		if l.Doc.Kind != skippedKind { // a file deploylint did not read is not quoted either: no one knows its secrets
			res.Sources[joinDisplay(prefix, l.Doc.Path)] = l.Target.Path
		}
		for _, rel := range l.Doc.Consumed {
			if _, ok := res.Sources[joinDisplay(prefix, rel)]; !ok {
				res.Sources[joinDisplay(prefix, rel)] = filepath.Join(l.Target.Root, filepath.FromSlash(rel))
			}
		}
		if !seenFile[l.Target.Path] && l.Doc.Kind != skippedKind {
			seenFile[l.Target.Path] = true
			res.Files = append(res.Files, joinDisplay(prefix, l.Doc.Path))
		}
		for j := range results[i] {
			results[i][j].prefix = prefix
		}
		res.Findings = append(res.Findings, results[i]...)
	}
	var err error
	res.Findings, err = e.applySuppressions(ctx, located, res.Findings)
	if err != nil {
		return nil, err
	}
	res.Findings = applySettings(res.Findings, opt.Rules, opt.ConfigPath)
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Path, f.prefix = joinDisplay(f.prefix, f.Path), ""
	}
	sort.Strings(res.Files)
	if len(opt.Baseline) > 0 {
		for i := range res.Findings {
			f := &res.Findings[i]
			if f.Suppressed == nil && opt.Baseline[f.Fingerprint] {
				f.Suppressed = &Suppression{Kind: "baseline", Justification: "accepted in the baseline"}
			}
		}
	}
	SortFindings(res.Findings)
	return res, nil
}

// displayPrefix is what a target's reported paths start with: the folder as the user gave it
// when it was walked from a relative path other than ".", so "scan deploy" reports
// deploy/.env as GitHub and editors expect. Absolute roots and named files keep their paths.
func displayPrefix(t scanners.Target) string {
	if t.Explicit || filepath.IsAbs(t.Root) {
		return ""
	}
	p := filepath.ToSlash(filepath.Clean(t.Root))
	if p == "." {
		return ""
	}
	return p
}

func joinDisplay(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return prefix + "/" + p
}

// applySettings applies the configuration's rule blocks: a disabled rule's findings go, a
// severity is overridden, and findings on excluded paths are kept as suppressed (SARIF still
// shows them, with the configuration as the reason).
func applySettings(fs []Finding, settings map[string]RuleSetting, configPath string) []Finding {
	if len(settings) == 0 {
		return fs
	}
	if configPath == "" {
		configPath = ConfigFileName
	}
	out := fs[:0]
	for _, f := range fs {
		s, ok := settings[f.RuleID]
		if !ok {
			out = append(out, f)
			continue
		}
		if s.Disabled {
			continue
		}
		if s.Severity != nil {
			f.Severity = *s.Severity
		}
		if f.Suppressed == nil {
			for _, g := range s.Exclude {
				if MatchGlob(g, f.Path) {
					f.Suppressed = &Suppression{Kind: "external", Justification: fmt.Sprintf("%s excluded for %s in %s", f.Path, f.RuleID, configPath)}
					break
				}
			}
		}
		out = append(out, f)
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

// withSiblings lists every document of a multi-document file after the first.
func withSiblings(docs []scanners.Located) []scanners.Located {
	out := docs
	for _, l := range docs {
		if l.Doc == nil {
			continue
		}
		for _, s := range l.Doc.Siblings {
			s.Path, s.Mode, s.CheckPermissions, s.Git = l.Doc.Path, l.Doc.Mode, l.Doc.CheckPermissions, l.Doc.Git
			out = append(out, scanners.Located{Target: l.Target, Doc: s})
		}
	}
	return out
}

// dropConsumed removes the documents of files another document read inline (an nginx
// include): they were judged in their includer's context and must not be judged again alone.
func dropConsumed(docs []scanners.Located) []scanners.Located {
	consumed := map[scanners.StackKey]bool{}
	for _, l := range docs {
		if l.Doc == nil {
			continue
		}
		for _, rel := range l.Doc.Consumed {
			if rel != l.Target.Rel {
				consumed[scanners.StackKey{Root: l.Target.Root, Dir: rel}] = true
			}
		}
	}
	if len(consumed) == 0 {
		return docs
	}
	out := docs[:0]
	for _, l := range docs {
		if !consumed[scanners.StackKey{Root: l.Target.Root, Dir: l.Target.Rel}] {
			out = append(out, l)
		}
	}
	return out
}

// parseTarget reads and parses one file; any failure becomes a parse-error document so that
// the failure is reported where it happened and the scan goes on.
func parseTarget(t scanners.Target, s scanners.Scanner, maxSize int64) *scanners.Document {
	st, err := os.Stat(t.Path)
	if err != nil {
		return ParseErrorDocument(t.Rel, t.Kind, 1, 1, "cannot read the file: "+describeIOError(err))
	}
	if !st.Mode().IsRegular() {
		return SkippedDocument(t.Rel, "not a regular file")
	}
	if st.Size() > maxSize {
		return SkippedDocument(t.Rel, fmt.Sprintf("%d bytes, above the %d-byte size limit (max_file_size, --max-file-size)", st.Size(), maxSize))
	}
	src, err := readAtMost(t.Path, maxSize)
	if err != nil {
		return ParseErrorDocument(t.Rel, t.Kind, 1, 1, "cannot read the file: "+describeIOError(err))
	}
	if int64(len(src)) > maxSize {
		return SkippedDocument(t.Rel, fmt.Sprintf("grew above the %d-byte size limit while being read", maxSize))
	}
	if isBinary(src) {
		return SkippedDocument(t.Rel, "binary content (NUL bytes), not a "+t.Kind+" file")
	}
	doc, err := safeParse(s, t, src)
	if err != nil {
		// The parser's secrets are lost with its document: find them by their shape.
		var pe *scanners.ParseError
		if errors.As(err, &pe) {
			doc = ParseErrorDocument(t.Rel, t.Kind, pe.Line, pe.Column, pe.Msg)
		} else {
			doc = ParseErrorDocument(t.Rel, t.Kind, 1, 1, err.Error())
		}
		doc.Secrets = secret.ScanLines(src)
		return doc
	}
	doc.Path = t.Rel
	if t.Kind != "redis-acl" { // users.acl has no comments: Redis refuses them
		doc.Directives = scanners.ParseDirectives(src)
	}
	return doc
}

// safeParse turns a parser panic into an error: a bug in one parser must not stop the scan.
func safeParse(s scanners.Scanner, t scanners.Target, src []byte) (doc *scanners.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("internal parser error (please report): %v", r)
		}
	}()
	if fp, ok := s.(scanners.FileParser); ok {
		return fp.ParseFile(t, src)
	}
	return s.Parse(t.Rel, src)
}

func describeIOError(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	default:
		var pe *os.PathError
		if errors.As(err, &pe) {
			return pe.Err.Error()
		}
		return err.Error()
	}
}

// readAtMost reads a file but never more than limit+1 bytes, so a file that grows after the
// size check cannot make the scan read without bound.
func readAtMost(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// isBinary: configuration files are text; a NUL byte in the first 8 KiB means an image, an
// archive or a database that happens to carry a configuration file's name.
func isBinary(src []byte) bool {
	head := src
	if len(head) > 8192 {
		head = head[:8192]
	}
	return bytes.IndexByte(head, 0) >= 0
}

// SkippedDocument is the document META004 sees for a file deploylint chose not to read.
func SkippedDocument(rel, reason string) *scanners.Document {
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	return &scanners.Document{Kind: skippedKind, Path: rel, Data: map[string]any{"reason": reason}, Spans: spans}
}

// skippedKind is the document kind META004 judges.
const skippedKind = "skipped"

// ParseErrorDocument is the document META001 sees for a file its parser refused.
func ParseErrorDocument(rel, kind string, line, col int, msg string) *scanners.Document {
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	r := scanners.LineRange(line, col, col)
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: r, Value: r}, "error")
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	return &scanners.Document{
		Kind: "parse-error",
		Path: rel,
		Data: map[string]any{
			"kind":    kind,
			"message": msg,
			"error":   map[string]any{"line": line, "column": col},
		},
		Spans: spans,
	}
}

// parallel runs fn(0..n-1) on at most workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
