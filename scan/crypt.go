package scan

import (
	"context"
	"fmt"

	"github.com/deploylint/deploylint/rules"
	"github.com/deploylint/deploylint/scanners"
)

// The SHA-512 crypt work a scan may do (deploylint.crypt_matches: DCOS008 checks a
// superuser_password_hash against the user name and the shipped defaults). One round costs
// about a microsecond, a 1,000,000-round hash a second per candidate: a pull request of many
// such files would hold the scan for hours. The work is bounded per scan: each of the first
// cryptFiles files of a kind, in path order, may ask for cryptRoundsPerFile rounds (a
// 1,000,000-round hash, the most crypt_matches computes, against six candidates: a few
// seconds on one core); the other files, and the
// further documents of a multi-document file, none. A check beyond its file's allowance is
// not computed and the file gets an info finding (META003) saying its crypt checks were
// skipped. The allowance follows from a file's place in the sorted list of targets, never
// from which file happened to be judged first, so the output is the same on every run.
const (
	cryptFiles         = 2
	cryptRoundsPerFile = 6_000_000
)

// cryptLimit is how many files of a kind get how many rounds each (tests lower it).
type cryptLimit struct {
	files  int
	rounds int64
}

// cryptRanks numbers the judged targets of each kind in path order (discovery's order).
func cryptRanks(targets []scanners.Target) map[string]int {
	ranks := map[string]int{}
	next := map[string]int{}
	for _, t := range targets {
		if t.Context {
			continue
		}
		ranks[t.Path] = next[t.Kind]
		next[t.Kind]++
	}
	return ranks
}

// cryptAllowances gives each document its allowance: the first document of each file of
// rank below cryptFiles the file's rounds, every other document none.
func (r *reader) cryptAllowances(docs []judged) {
	seen := map[string]bool{}
	for i := range docs {
		j := &docs[i]
		rounds := int64(0)
		if rank, ok := r.cryptRank[j.target.Path]; ok && rank < r.crypt.files && !seen[j.target.Path] {
			rounds = r.crypt.rounds
		}
		seen[j.target.Path] = true
		j.crypt = rules.NewCryptAllowance(rounds)
	}
}

// evalDoc judges one document within its crypt allowance, and reports (META003, info) the
// crypt checks the allowance could not pay for.
func evalDoc(ctx context.Context, e *rules.Engine, j judged, lim cryptLimit) ([]rules.Finding, error) {
	a := j.crypt
	if a == nil {
		a = rules.NewCryptAllowance(0)
	}
	fs, err := e.Eval(rules.WithCryptAllowance(ctx, a), j.in)
	if err != nil || !a.Refused() {
		return fs, err
	}
	reason := fmt.Sprintf("ran out of the scan's crypt work budget (%d rounds for each of the first %d %s files in path order) and were skipped", lim.rounds, lim.files, j.in.Doc.Kind)
	stop, err := e.Eval(ctx, rules.Input{Doc: rules.LimitStoppedDocument(j.in.Doc, "the SHA-512 crypt checks (deploylint.crypt_matches)", reason, "crypt-work",
		"scan this file's folder alone to check it, or confirm by hand that its hash is of no default password")})
	return append(fs, stop...), err
}
