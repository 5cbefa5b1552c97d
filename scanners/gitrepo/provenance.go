package gitrepo

import (
	"bufio"
	"bytes"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/config"
)

// Provenance is what a work tree's git folder says of the checkout: where it came from, the
// commit checked out and its branch. Reports carry it so that an alert names the code it was
// found in.
type Provenance struct {
	// RepositoryURI is the origin remote's URL, without credentials; never a local path.
	RepositoryURI string
	// Revision is the commit HEAD names, in hex.
	Revision string
	// Branch is HEAD's branch ("main"); empty for a detached HEAD.
	Branch string
	// Top is the work tree's top folder relative to the folder reported paths are relative
	// to, in slash form ("." when they are the same): the caller's to fill in (Top).
	Top string
}

// Top is the work tree's top folder.
func (r *Repo) Top() string { return r.root }

// Provenance reads HEAD, the ref it names and the origin remote. ok is false without a remote
// a report may show (a URI is what SARIF requires of provenance) or without a commit.
func (r *Repo) Provenance() (Provenance, bool) {
	uri, ok := r.originURI()
	if !ok {
		return Provenance{}, false
	}
	b, err := r.meta.ReadFile(r.gitDir, filepath.Join(r.gitDir, "HEAD"))
	if err != nil {
		return Provenance{}, false
	}
	head := strings.TrimSpace(string(b))
	p := Provenance{RepositoryURI: uri}
	if ref, isRef := strings.CutPrefix(head, "ref:"); isRef {
		ref = strings.TrimSpace(ref)
		p.Branch, _ = strings.CutPrefix(ref, "refs/heads/")
		head, ok = r.resolve(ref)
		if !ok {
			return Provenance{}, false
		}
	}
	if !objectName.MatchString(head) {
		return Provenance{}, false
	}
	p.Revision = head
	return p, true
}

// objectName is a SHA-1 or SHA-256 object name as git writes it.
var objectName = regexp.MustCompile(`^(?:[0-9a-f]{40}|[0-9a-f]{64})$`)

// resolve reads the commit a ref names: its loose file, else its line in packed-refs. Refs
// are shared by every worktree of a repository.
func (r *Repo) resolve(ref string) (string, bool) {
	if !strings.HasPrefix(ref, "refs/") || strings.Contains(ref, "..") {
		return "", false
	}
	if b, err := r.meta.ReadFile(r.common, filepath.Join(r.common, filepath.FromSlash(ref))); err == nil {
		return strings.TrimSpace(string(b)), true
	}
	b, err := r.meta.ReadFile(r.common, filepath.Join(r.common, "packed-refs"))
	if err != nil {
		return "", false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		name, id, ok := strings.Cut(sc.Text(), " ")
		if ok && id == ref {
			return name, true
		}
	}
	return "", false
}

// originURI is the origin remote's URL as a URI a report may show: scp-like addresses
// (git@host:owner/repo.git) written as ssh:// URIs, user names and passwords removed (a
// remote's URL may carry a token), and local paths or file: URLs refused (they would tell
// where the checkout lies on this machine).
func (r *Repo) originURI() (string, bool) {
	b, err := r.meta.ReadFile(r.common, filepath.Join(r.common, "config"))
	if err != nil {
		return "", false
	}
	cfg := config.New()
	if err := config.NewDecoder(bytes.NewReader(b)).Decode(cfg); err != nil {
		return "", false
	}
	return publicURI(cfg.Section("remote").Subsection("origin").Option("url"))
}

// scpLike is git's user@host:path form of an SSH address.
var scpLike = regexp.MustCompile(`^(?:[^@/:]+@)?([A-Za-z0-9.-]+):([^/].*)$`)

func publicURI(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", false
	}
	if !strings.Contains(raw, "://") {
		m := scpLike.FindStringSubmatch(raw)
		if m == nil {
			return "", false // a local path
		}
		raw = "ssh://" + m[1] + "/" + m[2]
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", false
	}
	switch u.Scheme {
	case "https", "http", "ssh", "git":
	default:
		return "", false
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String(), true
}
