package redisacl

import (
	"bufio"
	_ "embed" // the Redis command table
	"strings"

	"github.com/deploylint/deploylint/scanners"
)

// commandsTxt is the Redis 7.0 command table: every command and subcommand with its ACL
// categories, read from a real redis-server (see TestCommandTableMatchesServer).
//
//go:embed commands.txt
var commandsTxt string

// Scanner reads Redis ACL files.
type Scanner struct {
	table *commandTable
}

// New returns the redis-acl scanner.
func New() *Scanner { return &Scanner{table: parseCommandTable(commandsTxt)} }

// Kind is "redis-acl".
func (*Scanner) Kind() string { return "redis-acl" }

// Match claims `users.acl` by name, and any other `*.acl` if its content confirms.
func (*Scanner) Match(rel string) scanners.NameMatch {
	base := scanners.Base(rel)
	switch {
	case base == "users.acl":
		return scanners.Match
	case strings.HasSuffix(base, ".acl"):
		return scanners.MaybeMatch
	}
	return scanners.NoMatch
}

// Sniff accepts content whose non-blank lines all start with "user ".
func (*Scanner) Sniff(head []byte) bool {
	n := 0
	sc := bufio.NewScanner(strings.NewReader(string(head)))
	sc.Buffer(make([]byte, 0, 4096), len(head)+1)
	for sc.Scan() {
		l := strings.Trim(sc.Text(), " \t\r\n")
		if l == "" {
			continue
		}
		if !strings.HasPrefix(l, "user ") {
			return false
		}
		n++
	}
	return n > 0
}

// commandTable knows which commands, subcommands and categories Redis accepts.
type commandTable struct {
	categories map[string]bool
	commands   map[string][]string
	containers map[string]bool
}

func parseCommandTable(txt string) *commandTable {
	t := &commandTable{categories: map[string]bool{}, commands: map[string][]string{}, containers: map[string]bool{}}
	for _, line := range strings.Split(txt, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if f[0] == "@categories" {
			for _, c := range f[1:] {
				t.categories[c] = true
			}
			continue
		}
		t.commands[f[0]] = f[1:]
		if parent, _, ok := strings.Cut(f[0], "|"); ok {
			t.containers[parent] = true
		}
	}
	return t
}

// Categories returns the categories of a command ("config|get"), nil if unknown.
func (s *Scanner) Categories(cmd string) []string { return s.table.commands[cmd] }
