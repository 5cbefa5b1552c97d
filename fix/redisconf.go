package fix

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/deploylint/deploylint/rules"
)

// redisConf rotates a default requirepass and disables FLUSHDB and FLUSHALL.
func (p *planner) redisConf() error {
	var err error
	p.findings([]string{"RDS004"}, func(i int, fd rules.Finding) {
		f := p.file(fd.Path)
		if err != nil || f == nil || f.Kind != "redis-conf" {
			return
		}
		a, b, ok := span(f.Src, p.lines(f), fd.Range)
		if !ok {
			return
		}
		if f.Alone {
			p.leave(i, "the file was named alone: the .env its clients read was not scanned; run deploylint fix on its folder")
			return
		}
		raw := string(f.Src[a:b])
		if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[len(raw)-1] == raw[0] {
			a, b, raw = a+1, b-1, raw[1:len(raw)-1]
		}
		if raw == "" || strings.ContainsAny(raw, "\\\"' \t") {
			p.leave(i, "requirepass is written with quotes or escapes deploylint does not rewrite: set it by hand")
			return
		}
		// The one .env variable of the folder that held the same default is the clients'
		// password: the server takes its new value.
		text := "set requirepass to the new value of the .env variable that held the same default"
		nv, shared := p.rotatedTo(f.Path, raw)
		if !shared {
			if nv, err = p.rotation(f.Path, "password", "requirepass", raw); err != nil {
				return
			}
			text = fmt.Sprintf("set requirepass to a new random password (%d characters): give it to the clients", len(nv))
		}
		p.edit(i, f.Path, Edit{Start: a, End: b, New: nv, Shown: fmt.Sprintf("<new random password, %d characters>", len(nv))})
		p.fixed(i, text)
	})
	if err != nil {
		return err
	}
	byFile := map[string][]int{}
	p.findings([]string{"RDS003"}, func(i int, fd rules.Finding) {
		if f := p.file(fd.Path); f != nil && f.Kind == "redis-conf" {
			byFile[fd.Path] = append(byFile[fd.Path], i)
		}
	})
	for path, idx := range byFile {
		f := p.file(path)
		renamed := renamedCommands(f.Src)
		var lines []string
		added := map[string]bool{}
		for _, cmd := range []string{"FLUSHDB", "FLUSHALL"} {
			// A command renamed to another name is left: renaming it again would stop Redis.
			if _, ok := renamed[cmd]; !ok {
				lines = append(lines, fmt.Sprintf(`rename-command %s ""`, cmd))
				added[cmd] = true
			}
		}
		if len(lines) > 0 {
			p.edit(idx[0], path, appendLines(f.Src, lines...))
		}
		for _, i := range idx {
			msg := p.in.Findings[i].Message
			for _, cmd := range []string{"FLUSHDB", "FLUSHALL"} {
				if strings.Contains(msg, cmd) {
					if added[cmd] {
						p.fixed(i, fmt.Sprintf(`added rename-command %s ""`, cmd))
					} else {
						p.leave(i, cmd+" is renamed to another name: renaming it again would stop Redis; change that line to rename-command "+cmd+` ""`)
					}
				}
			}
		}
	}
	return nil
}

// renamedCommands maps each command a redis.conf renames (upper-cased) to its new name, ""
// when disabled.
func renamedCommands(src []byte) map[string]string {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64<<10), len(src)+1)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || !strings.EqualFold(fields[0], "rename-command") {
			continue
		}
		to := ""
		if len(fields) > 2 {
			to = strings.Trim(fields[2], `"'`)
		}
		out[strings.ToUpper(fields[1])] = to
	}
	return out
}
