// Package fix plans the repairs of findings that need no human decision: a shipped default
// rotated, a cleartext ACL password hashed, users.acl brought in line with .env, obsolete TLS
// turned off, an internal port bound to loopback. It is pure: it reads the findings and the
// bytes the driver read, and returns edits; the driver writes them, and reporters show them.
//
// A finding's location (path and range, from the parser's spans) says where to edit; the rules
// have already decided what is a default and what the operator chose, so a value no rule
// flagged is never replaced.
package fix

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// File is one file a plan may edit, as the driver read it.
type File struct {
	// Path is the path the scan reports the file under.
	Path string
	Kind string
	Src  []byte
	// Doc is what the kind's parser made of Src alone; nil when it could not be parsed.
	Doc *scanners.Document
	// Mode is the file's permission bits; 0 when modes say nothing (a git work tree, the
	// permission check turned off, Windows).
	Mode fs.FileMode
	// Alone is true for a file named on the command line: the files that must agree with it
	// (a users.acl with its .env) were not scanned, so no secret of it is rotated.
	Alone bool
}

// Input is what a plan is made from.
type Input struct {
	Findings []rules.Finding
	// Files holds the files the findings name and the .env and users.acl files of their
	// deployment folders, by reported path.
	Files map[string]*File
	// Stacks lists the reported paths of each deployment folder's files: a users.acl follows
	// the .env of its own folder only.
	Stacks [][]string
	// Values classifies strings against the shipped defaults (placeholders among them).
	Values *secret.Catalog
	// RedisUsers pairs each .env password variable with the Redis user it belongs to, as ACL008
	// pairs them (the defaults data's cosmos.redis_users).
	RedisUsers []rules.RedisUser
	// Rand is where new secrets come from: crypto/rand.Reader outside tests.
	Rand io.Reader
	// Parse reads src as a file of kind, as the scan did; the plan reads the .env files it
	// changes again, so that a value referring to a rotated one (${OPENC3_REDIS_PASSWORD})
	// is known as compose will expand it.
	Parse func(kind, path string, src []byte) (*scanners.Document, error)
}

// Edit replaces the bytes [Start, End) of a file's source with New.
type Edit struct {
	Start, End int
	New        string
	// Shown is what a diff shows instead of New when New is or derives from a secret (a new
	// password, the hash of one); empty when New may be printed.
	Shown string
}

// Secret reports whether the edit's new text may not be printed.
func (e Edit) Secret() bool { return e.Shown != "" }

// Change is what a plan does to one file.
type Change struct {
	Path  string
	Old   []byte
	Edits []Edit // sorted, never overlapping
	// Mode, when not 0, is the permission bits the file gets.
	Mode fs.FileMode
	// OldMode is the file's permission bits before (0 when unknown).
	OldMode fs.FileMode
}

// HoldsSecret reports whether the change writes a new secret (or the hash of one).
func (c *Change) HoldsSecret() bool {
	for _, e := range c.Edits {
		if e.Secret() {
			return true
		}
	}
	return false
}

// New is the file's content after the change.
func (c *Change) New() []byte { return apply(c.Old, c.Edits, false) }

// Shown is the file's content after the change as a diff may show it: new secrets masked.
func (c *Change) Shown() []byte { return apply(c.Old, c.Edits, true) }

func apply(src []byte, edits []Edit, shown bool) []byte {
	var b bytes.Buffer
	at := 0
	for _, e := range edits {
		b.Write(src[at:e.Start])
		if shown && e.Secret() {
			b.WriteString(e.Shown)
		} else {
			b.WriteString(e.New)
		}
		at = e.End
	}
	b.Write(src[at:])
	return b.Bytes()
}

// Outcome is what the plan does about one finding.
type Outcome struct {
	Finding rules.Finding
	// Fixed is true when the plan's edits repair the finding.
	Fixed bool
	// Text says what was changed (never a value), or why nothing was.
	Text string
	// Edits are the finding's own edits, by file, when none holds a secret: what SARIF's
	// fixes carry. Empty for a fix that writes a secret or only changes a mode.
	Edits map[string][]Edit
}

// Plan is every change of one run and what it does about each finding.
type Plan struct {
	Changes  []*Change // by path
	Outcomes []Outcome // in the findings' order
}

// Changed reports whether the plan edits any file or mode.
func (p *Plan) Changed() bool { return len(p.Changes) > 0 }

// planner collects edits per file and the outcome of each finding.
type planner struct {
	in      Input
	edits   map[string][]Edit
	modes   map[string]fs.FileMode
	done    map[int]string // finding index → what was changed
	left    map[int]string // finding index → why not
	mine    map[int]map[string][]Edit
	secrets map[int]bool // findings whose edits hold a secret
	// rotated maps, per deployment folder, a default value to the values replacing it, so
	// that a URL or a redis.conf holding the default of exactly one rotated setting follows it.
	rotated map[int]map[string][]rotated
	// byHash indexes a folder's rotated passwords by the SHA-256 of their old values, for the
	// users.acl tokens that held the same password (made once the .env step is done).
	byHash  map[int]map[string][]rotated
	stackOf map[string]int
	// envFinal is each .env file's variables after the plan's rotations, by path.
	envFinal map[string]map[string]string
	// parsed holds what the steps derive from a file once, not once per finding: a file may
	// carry a finding on each of 100,000 lines.
	parsed map[string]*derived
	// public holds the SHA-256 of every public shipped default, made on first use.
	public map[string]bool
}

// derived is what the steps read off one file.
type derived struct {
	lines *scanners.LineIndex
	vars  []envVar
	// varsOn lists the indexes in vars of the assignments on each line.
	varsOn   map[int][]int
	yaml     *yaml.Node
	yamlRead bool
}

// of is the derived view of f, made on first use.
func (p *planner) of(f *File) *derived {
	d := p.parsed[f.Path]
	if d == nil {
		d = &derived{lines: scanners.NewLineIndex(string(f.Src))}
		p.parsed[f.Path] = d
	}
	return d
}

// lines is f's line index.
func (p *planner) lines(f *File) *scanners.LineIndex { return p.of(f).lines }

// yamlOf is f decoded as one YAML document with positions; nil when it does not parse.
func (p *planner) yamlOf(f *File) *yaml.Node {
	d := p.of(f)
	if !d.yamlRead {
		d.yaml, d.yamlRead = parseYAML(f.Src), true
	}
	return d.yaml
}

// Make plans the repairs of in.Findings.
func Make(in Input) (*Plan, error) {
	p := &planner{
		in: in, edits: map[string][]Edit{}, modes: map[string]fs.FileMode{},
		done: map[int]string{}, left: map[int]string{}, mine: map[int]map[string][]Edit{},
		secrets: map[int]bool{}, rotated: map[int]map[string][]rotated{}, byHash: map[int]map[string][]rotated{}, stackOf: map[string]int{},
		envFinal: map[string]map[string]string{}, parsed: map[string]*derived{},
	}
	for s, files := range in.Stacks {
		for _, f := range files {
			p.stackOf[f] = s
		}
	}
	// .env first: users.acl and redis.conf follow the values it ends with.
	if err := p.dotenv(); err != nil {
		return nil, err
	}
	if err := p.redisACL(); err != nil {
		return nil, err
	}
	steps := []func() error{p.redisConf, p.nginx, p.nginxSettings, p.compose, p.redisCommand, p.dcos, p.modesOf, p.private}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return p.plan()
}

// WritesNoSecret reports whether the repairs of a rule's findings never hold a secret: the
// ones a SARIF log may carry, planned without reading a secret file.
func WritesNoSecret(ruleID string) bool {
	switch ruleID {
	case "CMP002", "CMP011", "NGX001", "NGX002", "NGX008", "NGX012", "RDS003", "DCOS003", "DCOS005", "DCOS013":
		return true
	}
	return false
}

// findings calls f with the index and finding of every unsuppressed finding of the rules.
func (p *planner) findings(ids []string, f func(i int, fd rules.Finding)) {
	for i, fd := range p.in.Findings {
		if fd.Suppressed == nil && slices.Contains(ids, fd.RuleID) {
			f(i, fd)
		}
	}
}

// edit records an edit of path made for finding i (i < 0: for no finding in particular).
func (p *planner) edit(i int, path string, e Edit) {
	p.edits[path] = append(p.edits[path], e)
	if i < 0 {
		return
	}
	if e.Secret() {
		p.secrets[i] = true
	}
	if p.mine[i] == nil {
		p.mine[i] = map[string][]Edit{}
	}
	p.mine[i][path] = append(p.mine[i][path], e)
}

func (p *planner) fixed(i int, text string) {
	if _, ok := p.done[i]; !ok {
		p.done[i] = text
	}
	delete(p.left, i)
}

func (p *planner) leave(i int, why string) {
	if _, ok := p.done[i]; !ok {
		p.left[i] = why
	}
}

func (p *planner) file(path string) *File {
	f := p.in.Files[path]
	if f == nil || f.Doc == nil {
		return nil
	}
	return f
}

// offset is the byte offset of a position in src; false when the position is not in it.
func offset(src []byte, li *scanners.LineIndex, pos scanners.Position) (int, bool) {
	start, ok := li.LineStart(pos.Line)
	if !ok || pos.Column < 1 {
		return 0, false
	}
	off := start + pos.Column - 1
	if off > len(src) {
		return 0, false
	}
	return off, true
}

// span is the byte span of a range in src.
func span(src []byte, li *scanners.LineIndex, r scanners.Range) (int, int, bool) {
	a, ok1 := offset(src, li, r.Start)
	b, ok2 := offset(src, li, r.End)
	if !ok1 || !ok2 || b < a {
		return 0, 0, false
	}
	return a, b, true
}

func (p *planner) plan() (*Plan, error) {
	out := &Plan{}
	paths := make([]string, 0, len(p.edits)+len(p.modes))
	for path := range p.edits {
		paths = append(paths, path)
	}
	for path := range p.modes {
		if _, ok := p.edits[path]; !ok {
			paths = append(paths, path)
		}
	}
	sort.Strings(paths)
	for _, path := range paths {
		f := p.in.Files[path]
		if f == nil {
			return nil, fmt.Errorf("fix %s: the file was not read", path)
		}
		edits := p.edits[path]
		edits, err := ordered(edits)
		if err != nil {
			return nil, fmt.Errorf("fix %s: %w", path, err)
		}
		c := &Change{Path: path, Old: f.Src, Edits: edits, OldMode: f.Mode}
		if m, ok := p.modes[path]; ok && m != f.Mode {
			c.Mode = m
		}
		if len(c.Edits) == 0 && c.Mode == 0 {
			continue
		}
		out.Changes = append(out.Changes, c)
	}
	for i, fd := range p.in.Findings {
		o := Outcome{Finding: fd}
		switch text, ok := p.done[i]; {
		case ok:
			o.Fixed, o.Text = true, text
			if !p.secrets[i] {
				o.Edits = p.mine[i]
			}
		case fd.Suppressed != nil:
			continue
		default:
			o.Text = p.left[i]
			if o.Text == "" {
				o.Text = leftReason(fd.RuleID)
			}
			if o.Text == "" {
				o.Text = "no automatic fix: follow the finding's advice"
			}
		}
		out.Outcomes = append(out.Outcomes, o)
	}
	return out, nil
}

// leftReason says why a rule's findings are left to a human.
func leftReason(id string) string {
	switch id {
	case "DCOS001", "DCOS012":
		return "changing the security mode of an installed cluster needs DC/OS's upgrade path (permissive first, then strict), not an edit"
	case "DCOS002":
		return "turning authentication on changes who can log in: configure an identity provider first"
	case "DCOS006", "DCOS011":
		return "ZooKeeper credentials must be set before installation and kept by every node: choose them with your installation procedure"
	case "DCOS008", "DCOS014":
		return "the superuser password hash must come from a password someone knows: generate it with dcos_generate_config.ee.sh --hash-password"
	case "CMP001":
		return "a service published on all interfaces may be meant for the network (an entry point): bind it to an address yourself"
	case "CMP003":
		return "a literal in the compose file may be shared with other services' settings: move it to .env and rotate it there"
	case "ENV013":
		return "SECRET_KEY_BASE was chosen by the operator: replacing it logs every user out, so generate a new one when you choose to"
	case "FS002":
		return "removing a file from git and rotating what its history holds is a repository decision"
	case "ACL005":
		return "whether an admin user with its own password is needed is the operator's decision"
	case "ACL004", "ACL011":
		return "giving a passwordless user a password changes what its clients must send"
	case "ACL003":
		return "turning the default user off changes what clients without a user name may do"
	case "ACL007":
		return "a file Redis refuses needs its broken token fixed by hand"
	case "META001":
		return "a file that cannot be parsed needs fixing by hand"
	case "NGX002":
		return "no ssl_protocols line to edit: add ssl_protocols TLSv1.2 TLSv1.3; in the server block"
	case "TRF001":
		return "choosing certificates and entry points needs a decision"
	case "FML002", "FML005":
		return "an API key must be generated and handed to its client: store only its SHA-256"
	case "CMP004", "CMP013", "RDS001":
		return "a password for an open Redis must also reach its clients"
	case "ENV010":
		return "which of the variables keeps the shared value is the operator's decision"
	case "ENV006":
		return "turning HTTP off needs TLS set up first"
	case "ENV009":
		return "only secrets deploylint can make up itself (passwords, secret keys) are generated; this one must come from its service or its operator"
	case "NGX014":
		return "serving the name over TLS needs a certificate"
	case "META004":
		return "a file not scanned is not fixed"
	case "CMP011":
		return "edit the Redis command line yourself: add --rename-command FLUSHDB \"\" --rename-command FLUSHALL \"\""
	case "DCOS009":
		return "Exhibitor TLS needs certificates set up on every master"
	case "ENV007":
		return "the URL's password must be the one its server expects: set it to that service's new password"
	case "FML001":
		return "TLS needs a certificate and key"
	case "CMP005":
		return "serving TLS needs a certificate and a TLS configuration"
	case "DCOS004", "NGX003", "NGX013":
		return "choose a cipher suite your clients support"
	case "DCOS007":
		return "the token lifetime is an operator's decision"
	case "CMP006":
		return "moving a literal secret to .env or compose secrets changes how the stack is deployed"
	case "CMP008":
		return "host networking and the Docker socket are design decisions"
	case "CMP012":
		return "a password for the image must also reach its clients"
	case "CMP010":
		return "Grafana's admin password must be one its administrator knows"
	case "RDS002":
		return "choose the interfaces Redis listens on"
	case "ACL006":
		return "which keys and commands an application needs is the operator's decision"
	case "FS001":
		return "only a file that holds the secrets itself is made private"
	case "TRF002":
		return "turn the insecure API off in the Traefik configuration"
	case "TRF003":
		return "set your own domain and e-mail"
	case "DCOS010":
		return "the customer key comes from your licence"
	case "CMP014":
		return "make the variable required (${VAR:?…}) where the Redis command uses it"
	case "NGX006":
		return "a certificate must be issued for the server's name"
	case "NGX004":
		return "redirecting to HTTPS needs a TLS server for the name"
	case "NGX005":
		return "HSTS commits browsers to HTTPS for months: add it once TLS is settled"
	case "NGX007":
		return "turn autoindex off where the listing is not wanted"
	case "NGX008":
		return "add server_tokens off; in the http block"
	case "NGX009":
		return "verifying client certificates changes which clients may connect"
	case "NGX010":
		return "verifying upstream TLS needs the upstream's CA (proxy_ssl_trusted_certificate)"
	case "FML003":
		return "the allow-list names your own networks"
	case "FML004":
		return "audit logging needs a destination"
	case "META002":
		return "edit or remove the suppression comment"
	case "META003", "META005":
		return "a rule that stopped is not a finding to fix"
	case "DCOS000":
		return "write the boolean as a string ('true'/'false') yourself"
	case "ACL008":
		return "the user named by .env is missing from users.acl: add it with the access COSMOS needs"
	case "ACL002":
		return "no .env variable gives this user's clients a password: a new one would reach nobody, so set one and give it to them"
	case "ACL012":
		return "whether this user needs administrator rights, and who logs in as it, is the operator's decision: only an administrator's account (admin, root) with a shipped default password is turned off"
	case "ACL001":
		return "the line could not be rewritten"
	case "DCOS003", "DCOS013", "ENV001", "ENV002", "ENV003", "ENV004", "ENV005", "ENV008", "ENV011", "ENV012", "RDS004":
		return "the value could not be rewritten"
	case "DCOS005", "RDS003":
		return "the file could not be rewritten"
	case "NGX001", "NGX012":
		return "the directive could not be rewritten"
	case "CMP002":
		return "the port could not be rewritten"
	case "ACL009", "ACL010":
		return "the token could not be rewritten"
	case "CMP009":
		return "set the variable in .env"
	}
	return ""
}

// ordered sorts a file's edits, drops repeats (two findings fixed by one edit) and joins
// insertions at one place in the order they were planned; edits that overlap are a bug.
func ordered(edits []Edit) ([]Edit, error) {
	sort.SliceStable(edits, func(a, b int) bool { return edits[a].Start < edits[b].Start })
	out := make([]Edit, 0, len(edits))
	for _, e := range edits {
		if n := len(out); n > 0 {
			last := &out[n-1]
			switch {
			case *last == e:
				continue
			case last.Start == last.End && e.Start == e.End && e.Start == last.Start:
				shown := ""
				if last.Secret() || e.Secret() {
					shown = shownOr(last.Shown, last.New) + shownOr(e.Shown, e.New)
				}
				last.New += e.New
				last.Shown = shown
				continue
			case e.Start < last.End:
				return nil, fmt.Errorf("two repairs change the same bytes (at offset %d)", e.Start)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func shownOr(shown, s string) string {
	if shown != "" {
		return shown
	}
	return s
}

// lineEnding is the line ending a file uses ("\r\n" when its first line ends so).
func lineEnding(src []byte) string {
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// appendLines is the edit that adds lines at the end of src, after a line ending if the last
// line lacks one.
func appendLines(src []byte, lines ...string) Edit {
	nl := lineEnding(src)
	var b strings.Builder
	if len(src) > 0 && src[len(src)-1] != '\n' {
		b.WriteString(nl)
	}
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString(nl)
	}
	return Edit{Start: len(src), End: len(src), New: b.String()}
}
