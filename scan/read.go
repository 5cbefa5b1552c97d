package scan

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/deploylint/deploylint/internal/workers"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/confine"
	"github.com/deploylint/deploylint/scanners/gitrepo"
	"github.com/deploylint/deploylint/secret"
)

// provenance is each opened work tree's checkout, once per repository and commit.
func (r *reader) provenance() []gitrepo.Provenance {
	seen := map[gitrepo.Provenance]bool{}
	var out []gitrepo.Provenance
	for root, repo := range r.repos {
		p, ok := repo.Provenance()
		if !ok {
			continue
		}
		// The paths under root are reported as prefix/<path from root>: the repository's top
		// is as far from them as from root, seen from prefix. A relative path, so nothing of
		// where the checkout lies.
		abs, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		rel, err := filepath.Rel(abs, repo.Top())
		if err != nil {
			continue
		}
		p.Top = path.Join(r.repoPrefix[root], filepath.ToSlash(rel))
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b gitrepo.Provenance) int {
		return cmp.Or(strings.Compare(a.RepositoryURI, b.RepositoryURI), strings.Compare(a.Revision, b.Revision),
			strings.Compare(a.Branch, b.Branch), strings.Compare(a.Top, b.Top))
	})
	return out
}

// tree is a scan's input: the files found, in groups that can be judged apart. A small tree
// is parsed while the rules compile; a large one is parsed group by group as the rules run,
// so memory holds a few groups, not every document.
type tree struct {
	groups  [][]scanners.Target
	parsed  [][]judged // per group, nil until parsed
	extra   []judged   // documents of skipped files (META004)
	skipped []scanners.Skipped
	reader  *reader
}

// judged is one document with where it was found and the facts rules see beside it.
type judged struct {
	target scanners.Target
	in     rules.Input
	// crypt is the SHA-512 crypt work the document's evaluation may do (crypt.go).
	crypt *rules.CryptAllowance
}

// reader parses targets with what every file shares: parsers, limits, modes, git.
type reader struct {
	reg        *scanners.Registry
	byKind     map[string]scanners.Scanner
	files      *confine.Reader
	checkPerms map[string]bool
	repos      map[string]*gitrepo.Repo
	// repoPrefix is the display prefix of the paths reported under each root with a repo.
	repoPrefix map[string]string
	progress   *Progress
	workers    int
	// cryptRank is each judged target's place among those of its kind, in path order.
	cryptRank map[string]int
	crypt     cryptLimit
	// targets are the files discovery found, and excluded the paths configuration leaves
	// out: a file another document names as of a kind (an env_file) is judged as such only
	// when it is neither.
	targets  map[folder]bool
	excluded func(rel string) bool
	// claimed holds the referenced files already judged: two compose files of a scan may
	// name the same env_file.
	claimed sync.Map
	// stdin is what standard input held, for the target isStdin reports.
	stdin []byte
}

// unknownKinds refuses files named on the command line whose kind neither their name nor
// their content tells: scanning nothing of them and exiting 0 would look like a clean file.
func unknownKinds(skipped []scanners.Skipped, reg *scanners.Registry) error {
	var errs []error
	for _, sk := range skipped {
		if sk.Reason == "unknown kind" {
			errs = append(errs, fmt.Errorf("cannot tell the kind of %s: name it with --kind KIND=%s (KIND is one of %s)", sk.Rel, sk.Rel, strings.Join(reg.Names(true), ", ")))
		}
	}
	return errors.Join(errs...)
}

// readStdin reads standard input whole, within the file size limit, once its kind is known
// to have a parser.
func readStdin(s settings) ([]byte, error) {
	if k, ok := s.Registry.Lookup(s.StdinKind); !ok || k.Scanner == nil {
		return nil, fmt.Errorf("standard input: unknown kind %q (want one of %s)", s.StdinKind, strings.Join(s.Registry.Names(true), ", "))
	}
	src, err := io.ReadAll(io.LimitReader(s.Stdin, s.maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read standard input: %w", err)
	}
	if int64(len(src)) > s.maxSize {
		return nil, fmt.Errorf("read standard input: larger than %d bytes (see --max-file-size)", s.maxSize)
	}
	return src, nil
}

// isStdin reports whether t is standard input: a target no walk or named file gives, since
// both always have a root.
func isStdin(t scanners.Target) bool { return t.Root == "" && t.Path == StdinPath }

// read discovers the files and parses them when they are few; discovered is told their kinds
// before any is parsed.
func read(s settings, discovered func(kinds []string)) (*tree, error) {
	// Every byte the scan reads beside discovery's heads (targets, includes, env_file, extends,
	// the .env beside compose, git metadata) comes through this one reader and its budget.
	// Its cache lets the files many others include (nginx and redis.conf globs) be read and
	// parsed once per scan, not once per includer.
	files := confine.NewReader(confine.Options{MaxFileSize: s.maxSize, Budget: s.budget}).WithCache(confine.NewCache())
	dopt := scanners.DiscoverOptions{Kinds: s.kinds, Reader: files}
	if len(s.exclude) > 0 {
		dopt.Exclude = func(rel string) bool {
			for _, g := range s.exclude {
				if rules.MatchGlob(g, rel) {
					return true
				}
			}
			return false
		}
	}
	targets, skipped, err := scanners.Discover(s.Paths, s.Registry, dopt)
	if err != nil {
		return nil, err
	}
	if err := unknownKinds(skipped, s.Registry); err != nil && !s.SkipUnknown {
		return nil, err
	}
	var stdin []byte
	if s.Stdin != nil {
		if stdin, err = readStdin(s); err != nil {
			return nil, err
		}
		targets = append(targets, scanners.Target{Path: StdinPath, Rel: StdinPath, Kind: s.StdinKind, Explicit: true})
	}
	discovered(targetKinds(targets, skipped))
	r := &reader{
		stdin: stdin,
		reg:   s.Registry, byKind: map[string]scanners.Scanner{}, files: files,
		checkPerms: map[string]bool{}, repos: map[string]*gitrepo.Repo{}, repoPrefix: map[string]string{},
		progress: s.Progress, workers: s.Workers, cryptRank: cryptRanks(targets), crypt: s.crypt,
		targets: make(map[folder]bool, len(targets)), excluded: dopt.Exclude,
	}
	for _, t := range targets {
		r.targets[folder{t.Root, t.Rel}] = true
	}
	for _, sc := range s.Registry.Scanners() {
		r.byKind[sc.Kind()] = sc
	}
	r.progress.files.Store(int64(len(targets)))
	for _, t := range targets {
		if _, ok := r.checkPerms[t.Root]; ok || isStdin(t) {
			continue
		}
		r.checkPerms[t.Root] = permissionsMeaningful(t.Root, s.CheckPermissions)
		if s.CheckGit == nil || *s.CheckGit {
			if repo, ok := gitrepo.Open(t.Root, files); ok {
				r.repos[t.Root] = repo
				r.repoPrefix[t.Root] = displayPrefix(t)
			}
		}
	}
	t := &tree{groups: groupTargets(targets, s.Registry), skipped: skipped, reader: r}
	t.parsed = make([][]judged, len(t.groups))
	for _, sk := range skipped {
		if sk.Reason == "unknown kind" {
			continue // a named file deploylint has no parser for: nothing was expected of it
		}
		tg := scanners.Target{Path: sk.Rel, Rel: sk.Rel, Root: sk.Root, Explicit: sk.Root == "", Kind: scanners.KindSkipped}
		t.extra = append(t.extra, judged{target: tg, in: rules.Input{Doc: rules.SkippedDocument(sk.Rel, sk.Reason)}})
	}
	if len(targets) <= s.EagerFiles {
		workers.Each(len(t.groups), r.workers, func(g int) { t.parsed[g] = r.group(t.groups[g]) })
	}
	return t, nil
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
		seen[scanners.KindSkipped] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// group parses one group and links its documents: siblings, includes, stacks, mounts.
func (r *reader) group(ts []scanners.Target) []judged {
	docs := make([]judged, len(ts))
	workers.Each(len(ts), r.workers, func(i int) {
		docs[i] = judged{target: ts[i], in: rules.Input{Doc: r.parse(ts[i])}}
		r.progress.parsed.Add(1)
	})
	docs = append(docs, r.referenced(docs)...)
	docs = dropConsumed(r.withFacts(append(docs, refused(docs)...)))
	r.cryptAllowances(docs)
	attachStacks(docs, r.reg.EnvKind())
	attachMounts(docs)
	return docs
}

// referenced parses the files the documents name as of a kind that are not targets of their
// own: a compose file's env_file entries are dotenv files whatever their names, and a file it
// bind-mounts is of the kind its container path says (app-users mounted at
// /usr/local/etc/redis/users.acl is a Redis ACL file). They are judged like any file of that
// kind.
func (r *reader) referenced(docs []judged) []judged {
	var out []judged
	add := func(root, rel, kind string) {
		key := folder{root, rel}
		if _, dup := r.claimed.LoadOrStore(key, true); dup {
			return
		}
		t := scanners.Target{Path: rootPath(root, rel), Rel: rel, Root: root, Kind: kind}
		out = append(out, judged{target: t, in: rules.Input{Doc: r.parse(t)}})
	}
	fresh := func(root, rel string) bool {
		return !r.targets[folder{root, rel}] && (r.excluded == nil || !r.excluded(rel))
	}
	for _, j := range docs {
		root := j.target.Root
		for _, ref := range j.in.Doc.Referenced {
			if _, known := r.byKind[ref.Kind]; known && fresh(root, ref.Rel) {
				add(root, ref.Rel, ref.Kind)
			}
		}
		for _, target := range slices.Sorted(maps.Keys(j.in.Doc.Binds)) {
			rel := j.in.Doc.Binds[target]
			if !fresh(root, rel) {
				continue
			}
			if kind, err := scanners.MountedKind(root, rootPath(root, rel), target, r.reg, r.files); err == nil && kind != "" {
				add(root, rel, kind)
			}
		}
	}
	return out
}

// withFacts adds each document's file facts (mode, secret files' modes, git status) and lists
// the further documents of multi-document files after the first, sharing their file's facts.
func (r *reader) withFacts(docs []judged) []judged {
	out := docs
	for i := range docs {
		j := &docs[i]
		r.facts(j)
		for _, sib := range j.in.Doc.Siblings {
			sib.Path = j.in.Doc.Path
			out = append(out, judged{target: j.target, in: rules.Input{Doc: sib, Mode: j.in.Mode, Git: j.in.Git, Classify: r.classified(sib)}})
		}
	}
	return out
}

// facts adds what the file system and git say of one file.
func (r *reader) facts(j *judged) {
	t, doc := j.target, j.in.Doc
	if r.checkPerms[t.Root] {
		var mode uint32
		if st, err := os.Stat(t.Path); err == nil {
			mode = uint32(st.Mode().Perm())
		}
		j.in.Mode = &mode
		if len(doc.SecretFiles) > 0 {
			j.in.SecretFiles = map[string]uint32{}
			for _, rel := range doc.SecretFiles {
				if st, err := os.Stat(rootPath(t.Root, rel)); err == nil {
					j.in.SecretFiles[rel] = uint32(st.Mode().Perm())
				}
			}
		}
	}
	k, _ := r.reg.Lookup(t.Kind)
	if repo := r.repos[t.Root]; repo != nil && k.Secrets != scanners.SecretsNever && k.Scanner != nil {
		if st, ok := repo.Status(t.Path); ok {
			j.in.Git = &rules.GitStatus{Tracked: st.Tracked, Ignored: st.Ignored}
		}
	}
	j.in.Classify = r.classified(doc)
}

// classified is whether a document's strings get their classes (input.values): its kind's,
// not its file's, since a file its parser refused is a META001 document.
func (r *reader) classified(doc *scanners.Document) bool {
	k, _ := r.reg.Lookup(doc.Kind)
	return k.Values == scanners.ValuesClassified
}

// refused lists, as documents META004 judges, the files parsers were refused beside their
// own (an include over the size limit, a FIFO env_file), once each and not again when the
// file was a target of its own that was skipped for the same reason.
func refused(docs []judged) []judged {
	type key struct{ root, rel, reason string }
	seen := map[key]bool{}
	for _, j := range docs {
		if j.in.Doc.Kind == scanners.KindSkipped {
			reason, _ := j.in.Doc.Data.(map[string]any)["reason"].(string)
			seen[key{j.target.Root, j.target.Rel, reason}] = true
		}
	}
	var out []judged
	for _, j := range docs {
		for _, sk := range j.in.Doc.Skipped {
			k := key{j.target.Root, sk.Rel, sk.Reason}
			if seen[k] {
				continue
			}
			seen[k] = true
			t := scanners.Target{Path: sk.Rel, Rel: sk.Rel, Root: j.target.Root, Explicit: j.target.Explicit, Kind: scanners.KindSkipped}
			out = append(out, judged{target: t, in: rules.Input{Doc: rules.SkippedDocument(sk.Rel, sk.Reason)}})
		}
	}
	return out
}

// parse reads and parses one file; any failure becomes a document of its own (META001 for a
// file that cannot be read or parsed, META004 for one deploylint chose not to read) so that
// it is reported where it happened and the scan goes on.
func (r *reader) parse(t scanners.Target) *scanners.Document {
	files := r.files
	var src []byte
	var err error
	if isStdin(t) {
		src, files = r.stdin, nil // nil: the parser reads nothing else
	} else {
		src, err = r.files.ReadFile(t.Root, t.Path)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return rules.ParseErrorDocument(t.Rel, t.Kind, 1, 1, "cannot read the file: "+confine.Reason(err), "")
	case err != nil:
		return rules.SkippedDocument(t.Rel, confine.Reason(err))
	}
	if isBinary(src) {
		return rules.SkippedDocument(t.Rel, "binary content (NUL bytes), not a "+t.Kind+" file")
	}
	doc, err := safeParse(r.byKind[t.Kind], t, src, files)
	if err != nil {
		k, _ := r.reg.Lookup(t.Kind)
		var pe *scanners.ParseError
		if errors.As(err, &pe) {
			// The mistake may lie in a file read with this one (an override file merged over
			// it, an nginx include): its line is that file's. That file, when a target of its
			// own, reports the same error: consuming it keeps one.
			rel := t.Rel
			if pe.Path != "" {
				rel = pe.Path
			}
			doc = rules.ParseErrorDocument(rel, t.Kind, pe.Line, pe.Column, pe.Msg, k.ParseFix)
			if rel != t.Rel {
				doc.Consumed = []string{rel}
			}
		} else {
			doc = rules.ParseErrorDocument(t.Rel, t.Kind, 1, 1, err.Error(), k.ParseFix)
		}
		// The parser's secrets are lost with its document: find them by their shape.
		doc.Secrets = secret.ScanLines(src)
		return doc
	}
	doc.Path = t.Rel
	if k, _ := r.reg.Lookup(t.Kind); k.Comments == scanners.CommentHash {
		doc.Directives = scanners.ParseDirectives(src)
	}
	return doc
}

// safeParse turns a parser panic into an error: a bug in one parser must not stop the scan.
func safeParse(s scanners.Scanner, t scanners.Target, src []byte, files *confine.Reader) (doc *scanners.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("internal parser error (please report): %v", r)
		}
	}()
	if fp, ok := s.(scanners.FileParser); ok && files != nil {
		return fp.ParseFile(t, src, files)
	}
	return s.Parse(t.Rel, src)
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
