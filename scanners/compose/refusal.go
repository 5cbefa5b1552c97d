package compose

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/deploylint/deploylint/scanners"
)

// refusedPath finds the attribute compose-go names when it refuses a file ("validating
// compose.yaml: services.web.ports must be a array"): a dotted path from a top-level section.
var refusedPath = regexp.MustCompile(`(?:^|[\s'"(])((?:services|networks|volumes|secrets|configs|models|include)(?:\.[A-Za-z0-9_.\-]+)?)`)

// refusalAt is the line and column of the key compose-go's error names, or of the nearest
// enclosing key, in the compose file itself: a key an override file brought is not on its
// lines. ok is false when the error names no attribute of this file.
func refusalAt(msg string, raw map[string]any, spans scanners.Spans) (line, col int, ok bool) {
	m := refusedPath.FindStringSubmatch(msg)
	if m == nil {
		return 0, 0, false
	}
	path := dataPath(raw, strings.Split(strings.TrimSuffix(m[1], "."), "."))
	for n := len(path); n > 0; n-- {
		sp, found := spans[scanners.PathKey(path[:n]...)]
		if found && sp.Path == "" && !sp.Key.IsZero() {
			return sp.Key.Start.Line, sp.Key.Start.Column, true
		}
	}
	return 0, 0, false
}

// dataPath turns the dotted segments of an error into a path into raw, as far as raw has it.
// A name may hold dots itself (a service "web.v2"): at each mapping the longest run of
// segments that is one of its keys is taken.
func dataPath(raw any, segs []string) []any {
	var path []any
	for cur := raw; len(segs) > 0; {
		switch v := cur.(type) {
		case map[string]any:
			n := len(segs)
			for ; n > 0; n-- {
				if _, ok := v[strings.Join(segs[:n], ".")]; ok {
					break
				}
			}
			if n == 0 {
				return path
			}
			key := strings.Join(segs[:n], ".")
			path, cur, segs = append(path, key), v[key], segs[n:]
		case []any:
			i, err := strconv.Atoi(segs[0])
			if err != nil || i < 0 || i >= len(v) {
				return path
			}
			path, cur, segs = append(path, i), v[i], segs[1:]
		default:
			return path
		}
	}
	return path
}
