package scan

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/deploylint/deploylint/internal/workers"
	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// evaluate runs the rules over the tree group by group, keeping of each document only what the
// report needs; then it applies inline ignores, the configuration's rule settings and the
// baseline, and sorts.
func evaluate(ctx context.Context, e *rules.Engine, t *tree, s settings) (*Result, error) {
	progress := t.reader.progress
	progress.docs.Store(progress.files.Load())
	n := len(t.groups)
	slim := make([][]judged, n+1)
	results := make([][][]rules.Finding, n+1)
	errs := make([]error, n+1)
	judge := func(g int, docs []judged) {
		res := make([][]rules.Finding, len(docs))
		gerrs := make([]error, len(docs))
		if !s.ParseOnly {
			releasable(docs)
			workers.Each(len(docs), s.Workers, func(i int) {
				if !docs[i].target.Context { // context is read for its neighbours only
					res[i], gerrs[i] = evalDoc(ctx, e, docs[i], s.crypt)
				}
			})
		}
		errs[g] = errors.Join(gerrs...)
		results[g] = res
		slim[g] = slimmed(docs, s.collect != nil)
	}
	workers.Each(n, s.Workers, func(g int) {
		docs := t.parsed[g]
		if docs == nil {
			docs = t.reader.group(t.groups[g])
		}
		t.parsed[g] = nil // let the group's documents go once judged
		judge(g, docs)
		progress.evaluated.Add(int64(len(t.groups[g])))
	})
	judge(n, t.extra)
	if err := errors.Join(errs...); err != nil {
		// An evaluation error may quote a value of the document it failed on.
		return nil, e.Redactor(secretsOf(slim)).Error(err)
	}
	var docs []judged
	var flat [][]rules.Finding
	for g := range slim {
		docs = append(docs, slim[g]...)
		flat = append(flat, results[g]...)
	}
	res, err := finish(ctx, e, docs, flat, t.skipped, s)
	if res != nil {
		res.Provenance = t.reader.provenance()
	}
	return res, err
}

// absoluteRoots rewrites a scan root's absolute path, as a library or a custom rule may quote it
// (compose-go resolves bind sources against the project folder), into the root-relative path
// the report uses: output never depends on where the tree was checked out.
func absoluteRoots(docs []judged) *strings.Replacer {
	seen := map[string]bool{}
	var roots []string
	add := func(p string) {
		if p != "" && p != string(filepath.Separator) && !seen[p] {
			seen[p] = true
			roots = append(roots, p)
		}
	}
	for _, j := range docs {
		abs, err := filepath.Abs(j.target.Root)
		if err != nil {
			continue
		}
		add(abs)
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			add(real)
		}
	}
	// The replacer tries its strings in order: a longer root first, so that a root inside
	// another is rewritten whole.
	sort.Slice(roots, func(a, b int) bool {
		return len(roots[a]) > len(roots[b]) || len(roots[a]) == len(roots[b]) && roots[a] < roots[b]
	})
	pairs := make([]string, 0, 4*len(roots))
	for _, r := range roots {
		pairs = append(pairs, r+string(filepath.Separator), "", r, ".")
	}
	return strings.NewReplacer(pairs...)
}

// secretsOf lists the secrets the documents' parsers marked, under the paths the scan reports.
func secretsOf(groups [][]judged) []secret.Span {
	n := 0
	for _, docs := range groups {
		for _, j := range docs {
			n += len(j.in.Doc.Secrets)
		}
	}
	out := make([]secret.Span, 0, n)
	for _, docs := range groups {
		for _, j := range docs {
			prefix := displayPrefix(j.target)
			for _, sp := range j.in.Doc.Secrets {
				if sp.Path == "" {
					sp.Path = j.in.Doc.Path
				}
				sp.Path = joinDisplay(prefix, sp.Path)
				out = append(out, sp)
			}
		}
	}
	return out
}

// slimmed keeps of each document what suppressions and the report read after the rules ran.
// releasable lets the conversion of each document's data to OPA input empty it as it goes
// (rules.Input.Release), except for documents another one mounts: their data is converted
// again, into the input of the service that mounts them. Nothing reads a document's data
// after its evaluation: slimmed keeps what the report needs.
func releasable(docs []judged) {
	mounted := map[*scanners.Document]bool{}
	for _, j := range docs {
		for _, m := range j.in.Mounts {
			mounted[m] = true
		}
	}
	for i := range docs {
		docs[i].in.Release = !mounted[docs[i].in.Doc]
	}
}

func slimmed(docs []judged, keepStack bool) []judged {
	out := make([]judged, len(docs))
	for i, j := range docs {
		out[i] = judged{target: j.target, in: rules.Input{Doc: &scanners.Document{
			Kind: j.in.Doc.Kind, Path: j.in.Doc.Path, Directives: j.in.Doc.Directives, Consumed: j.in.Doc.Consumed, Secrets: ownSecrets(j.in.Doc.Secrets),
		}}}
		if keepStack { // deploylint fix pairs a users.acl with its folder's .env
			out[i].in.Stack = j.in.Stack
		}
	}
	return out
}

// ownSecrets copies the secrets a parser marked with values of their own: a value is a slice
// of its file's text, and the scan keeps the secrets to its end (for the redactor) but not the
// text. Held as slices, every .env and users.acl of a large tree stayed in memory whole.
func ownSecrets(in []secret.Span) []secret.Span {
	if len(in) == 0 {
		return nil
	}
	out := make([]secret.Span, len(in))
	for i, sp := range in {
		sp.Value = strings.Clone(sp.Value)
		out[i] = sp
	}
	return out
}

// byPrefix is the part of a result that one display prefix (one scan root as given) holds:
// suppressions and settings see root-relative paths, as the files' directives and the
// configuration's globs are written.
type byPrefix struct {
	files    []rules.FileDirectives
	findings []rules.Finding
}

// finish turns per-document results into the scan result.
func finish(ctx context.Context, e *rules.Engine, docs []judged, results [][]rules.Finding, skipped []scanners.Skipped, s settings) (*Result, error) {
	res := &Result{Skipped: skipped, Sources: map[string]string{}}
	seenFile := map[string]bool{}
	parts := map[string]*byPrefix{}
	var order []string
	secrets := secretsOf([][]judged{docs})
	for i, j := range docs {
		prefix := displayPrefix(j.target)
		if j.target.Context {
			continue // read for its neighbours' sake, reported on by nobody
		}
		part, ok := parts[prefix]
		if !ok {
			part = &byPrefix{}
			parts[prefix] = part
			order = append(order, prefix)
		}
		doc := j.in.Doc
		// A file not read is not quoted: no one knows its secrets. Standard input is not on
		// disk to be quoted from.
		if doc.Kind != scanners.KindSkipped && !isStdin(j.target) {
			res.Sources[joinDisplay(prefix, doc.Path)] = j.target.Path
		}
		for _, rel := range doc.Consumed {
			if _, ok := res.Sources[joinDisplay(prefix, rel)]; !ok {
				res.Sources[joinDisplay(prefix, rel)] = rootPath(j.target.Root, rel)
			}
		}
		if !seenFile[j.target.Path] && doc.Kind != scanners.KindSkipped {
			seenFile[j.target.Path] = true
			res.Files = append(res.Files, joinDisplay(prefix, doc.Path))
			if !slices.Contains(res.Kinds, j.target.Kind) {
				res.Kinds = append(res.Kinds, j.target.Kind)
			}
		}
		part.files = append(part.files, rules.FileDirectives{Path: doc.Path, Directives: doc.Directives})
		part.findings = append(part.findings, results[i]...)
	}
	res.Redactor, res.Secrets = e.Redactor(secrets), secrets
	if s.collect != nil {
		s.collect.record(docs)
		s.collect.values, s.collect.redisUsers = e.Values(), e.RedisUsers()
	}
	sort.Strings(order)
	for _, prefix := range order {
		part := parts[prefix]
		fs, err := e.Suppress(ctx, part.files, part.findings)
		if err != nil {
			return nil, res.Redactor.Error(err)
		}
		fs = rules.ApplySettings(fs, s.rules, s.configPath)
		for i := range fs {
			fs[i].Path = joinDisplay(prefix, fs[i].Path)
			for j := range fs[i].Related {
				fs[i].Related[j].Path = joinDisplay(prefix, fs[i].Related[j].Path)
			}
		}
		res.Findings = append(res.Findings, fs...)
	}
	// Messages of built-in and custom rules alike leave the process masked, and nothing a
	// terminal or browser would act on (an escape sequence, a bidi override in a file name)
	// leaves unescaped.
	roots := absoluteRoots(docs)
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Message = secret.Printable(res.Redactor.String(roots.Replace(f.Message)))
		f.Path = secret.Printable(f.Path)
		for j := range f.Related {
			r := &f.Related[j]
			r.Path, r.Message = secret.Printable(r.Path), secret.Printable(res.Redactor.String(roots.Replace(r.Message)))
		}
		if f.Suppressed != nil {
			f.Suppressed.Justification = secret.Printable(res.Redactor.String(f.Suppressed.Justification))
		}
	}
	for i := range res.Files {
		res.Files[i] = secret.Printable(res.Files[i])
	}
	sources := make(map[string]string, len(res.Sources))
	for shown, onDisk := range res.Sources {
		sources[secret.Printable(shown)] = onDisk
	}
	res.Sources = sources
	sort.Strings(res.Files)
	sort.Strings(res.Kinds)
	rules.ApplyBaseline(res.Findings, s.Baseline)
	res.Findings = keepSeverities(res.Findings, s.Severities)
	rules.SortFindings(res.Findings)
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
