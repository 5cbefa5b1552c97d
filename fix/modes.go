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
