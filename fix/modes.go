package fix

import (
	"fmt"

	"github.com/deploylint/deploylint/rules"
)

// modesOf makes the secret files FS001 flags readable by their owner only, as the COSMOS guide
// does (chmod 600). A compose file's finding is about another file (a secrets: file:): that one
// is left to the operator, who knows which user the service reads it as.
func (p *planner) modesOf() error {
	p.findings([]string{"FS001"}, func(i int, fd rules.Finding) {
		f := p.in.Files[fd.Path]
		if f == nil || f.Kind == "compose" || f.Mode == 0 || f.Mode&0o077 == 0 {
			return
		}
		m := f.Mode &^ 0o077
		p.modes[fd.Path] = m
		p.fixed(i, fmt.Sprintf("made the file readable by its owner only (mode %04o, was %04o)", m, f.Mode))
	})
	return nil
}

// private makes a file the plan writes a new secret into readable by its owner only: a
// redis.conf whose placeholder becomes a password now holds a secret.
func (p *planner) private() error {
	for path, edits := range p.edits {
		f := p.in.Files[path]
		if f == nil || f.Mode&0o077 == 0 {
			continue
		}
		for _, e := range edits {
			if e.Secret() {
				p.modes[path] = f.Mode &^ 0o077
				break
			}
		}
	}
	return nil
}
