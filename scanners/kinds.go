package scanners

import (
	"errors"
	"fmt"
	"sort"
)

// Kind is everything deploylint knows of one kind of file apart from how to parse it. Every
// place that treats kinds differently (grouping, inline ignores, the file rules, --kind help,
// new rules' fixtures) reads it from here, so a new kind is one registry entry: a property
// left undeclared fails the conformance test instead of silently behaving like some other kind.
type Kind struct {
	// Name is the kind rules name in METADATA `kinds` and users name in --kind.
	Name string
	// Title says what the files are, for --kind help and the README.
	Title string
	// Scanner parses the kind's files; nil for the documents the engine builds itself.
	Scanner Scanner
	// Comments is the comment syntax inline ignores are written in.
	Comments CommentSyntax
	// Secrets says whether the kind's files hold secrets, which the file rules (FS001 mode,
	// FS002 git) need: those files get their git status as input.
	Secrets SecretHolding
	// Role is the kind's part in grouping files into deployment folders.
	Role Role
	// Example is a slash path a file of the kind typically has, which discovery recognises
	// by name: the file name new rules' fixtures start from.
	Example string
	// Values says whether the kind's documents carry input.values, the class of each of their
	// strings (placeholder, shipped default, secret name: secrets.rego's class), computed in
	// Go once per string for the rules that judge names and values against the defaults.
	// Kinds whose rules never ask are spared a table as large as their documents.
	Values ValueClasses
	// ParseFix says how to repair and check a file of the kind its parser refused, ending the
	// META001 message: the rule's remediation is one text for every kind, and "run the owning
	// program's check" helps only when it names the program and the command.
	ParseFix string
}

// CommentSyntax is how a kind writes comments; zero is "not declared".
type CommentSyntax int

const (
	commentsUnset CommentSyntax = iota
	// CommentHash is "# …" to the end of the line (YAML, dotenv, nginx, redis.conf).
	CommentHash
	// CommentNone says the format has no comments (Redis refuses them in users.acl), so no
	// inline ignore can be written in it.
	CommentNone
)

// SecretHolding says whether a kind's files hold secrets; zero is "not declared".
type SecretHolding int

const (
	secretsUnset SecretHolding = iota
	// SecretsNever says the files configure; they hold no credentials of their own.
	SecretsNever
	// SecretsNamed says the files hold secrets when a secret-named entry has a value (.env).
	SecretsNamed
	// SecretsAlways says the files are credentials (users.acl, a private key).
	SecretsAlways
	// SecretsFound says the files hold secrets when their parser found one (a redis.conf
	// requirepass, a DC/OS configuration's credentials): input.holds_secrets tells.
	SecretsFound
)

// ValueClasses says whether a kind's strings are classified; zero is "not declared".
type ValueClasses int

const (
	valuesUnset ValueClasses = iota
	// ValuesUnclassified says the kind's rules ask nothing of its strings' classes (or so
	// rarely that Rego's own answer, secrets.class_of, costs less than a table).
	ValuesUnclassified
	// ValuesClassified says the kind's documents get input.values.
	ValuesClassified
)

// Role is a kind's part in grouping; zero is "not declared".
type Role int

const (
	roleUnset Role = iota
	// RoleMember says the file belongs to whatever deployment folder holds it.
	RoleMember
	// RoleStackRoot says a folder holding such a file is a deployment (a compose file).
	RoleStackRoot
	// RoleStackEnv says the file holds the deployment's variables and roots it too (.env); a
	// named file's folder and parents contribute theirs as context.
	RoleStackEnv
)

// String names the holding as the policies' data does.
func (s SecretHolding) String() string {
	switch s {
	case SecretsNever:
		return "never"
	case SecretsNamed:
		return "named"
	case SecretsAlways:
		return "always"
	case SecretsFound:
		return "found"
	default:
		return "unset"
	}
}

// Registry is the set of kinds, looked up by name.
type Registry struct {
	kinds  []Kind
	byName map[string]int
}

// NewRegistry indexes kinds; the order is the one discovery tries scanners in. The entries
// are a fixed list in the program, so their mistakes are a test's business (Check), not the
// user's: a repeated name keeps its first entry.
func NewRegistry(kinds ...Kind) *Registry {
	r := &Registry{byName: make(map[string]int, len(kinds))}
	for _, k := range kinds {
		if _, dup := r.byName[k.Name]; !dup {
			r.byName[k.Name] = len(r.kinds)
		}
		r.kinds = append(r.kinds, k)
	}
	return r
}

// Check reports every entry that repeats a name or leaves a property undeclared.
func (r *Registry) Check() error {
	var errs []error
	seen := map[string]bool{}
	for _, k := range r.kinds {
		if seen[k.Name] {
			errs = append(errs, fmt.Errorf("kind %q is registered twice", k.Name))
		}
		seen[k.Name] = true
		if err := k.check(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// check refuses an entry that leaves a property undeclared.
func (k Kind) check() error {
	switch {
	case k.Name == "":
		return fmt.Errorf("a kind has no name")
	case k.Title == "":
		return fmt.Errorf("kind %s: no title", k.Name)
	case k.Scanner != nil && k.Scanner.Kind() != k.Name:
		return fmt.Errorf("kind %s: its scanner says it reads %q", k.Name, k.Scanner.Kind())
	case k.Comments == commentsUnset:
		return fmt.Errorf("kind %s: comment syntax not declared", k.Name)
	case k.Secrets == secretsUnset:
		return fmt.Errorf("kind %s: whether its files hold secrets is not declared", k.Name)
	case k.Role == roleUnset:
		return fmt.Errorf("kind %s: grouping role not declared", k.Name)
	case k.Values == valuesUnset:
		return fmt.Errorf("kind %s: whether its strings are classified (input.values) is not declared", k.Name)
	case k.Scanner != nil && k.Example == "":
		return fmt.Errorf("kind %s: no example file name", k.Name)
	case k.Scanner != nil && k.ParseFix == "":
		return fmt.Errorf("kind %s: no fix for a file that does not parse", k.Name)
	}
	return nil
}

// Lookup finds a kind by name.
func (r *Registry) Lookup(name string) (Kind, bool) {
	i, ok := r.byName[name]
	if !ok {
		return Kind{}, false
	}
	return r.kinds[i], true
}

// All lists every kind in registration order.
func (r *Registry) All() []Kind { return append([]Kind(nil), r.kinds...) }

// Scanners lists the kinds' scanners in the order discovery tries them.
func (r *Registry) Scanners() []Scanner {
	var out []Scanner
	for _, k := range r.kinds {
		if k.Scanner != nil {
			out = append(out, k.Scanner)
		}
	}
	return out
}

// Names lists every kind's name, sorted; files reports only the kinds files can have.
func (r *Registry) Names(files bool) []string {
	var out []string
	for name, i := range r.byName {
		if k := r.kinds[i]; !files || k.Scanner != nil {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// EnvKind is the kind whose files hold a deployment's variables (RoleStackEnv), or "".
func (r *Registry) EnvKind() string {
	for _, k := range r.kinds {
		if k.Role == RoleStackEnv {
			return k.Name
		}
	}
	return ""
}

// PolicyData is what the policies read at data.deploylint.kinds: per kind, whether its files
// hold secrets.
func (r *Registry) PolicyData() map[string]any {
	out := make(map[string]any, len(r.kinds))
	for _, k := range r.kinds {
		out[k.Name] = map[string]any{"secrets": k.Secrets.String()}
	}
	return out
}

// The kinds of the documents the engine builds itself, for its META rules.
const (
	// KindParseError is a file its parser refused (META001).
	KindParseError = "parse-error"
	// KindSkipped is a file deploylint chose not to read (META004).
	KindSkipped = "skipped"
	// KindEvalStopped is a query that ran out of time or failed (META003).
	KindEvalStopped = "eval-stopped"
	// KindSuppressions is a file's inline ignores that are wrong or stale (META002).
	KindSuppressions = "suppressions"
)

// PseudoKinds are the registry entries of the engine's own documents: they hold no secrets,
// have no comments of their own and belong to the folder of the file they speak of.
func PseudoKinds() []Kind {
	entry := func(name, title string) Kind {
		return Kind{Name: name, Title: title, Comments: CommentNone, Secrets: SecretsNever, Values: ValuesUnclassified, Role: RoleMember}
	}
	return []Kind{
		entry(KindParseError, "a file its parser refused (META001)"),
		entry(KindSkipped, "a file deploylint did not read (META004)"),
		entry(KindEvalStopped, "a rule evaluation that was stopped (META003)"),
		entry(KindSuppressions, "a file's inline ignores (META002)"),
	}
}
