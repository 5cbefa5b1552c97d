package rules

import (
	"strconv"
	"strings"
)

// maxSuggestDistance is how many edits a misspelt rule ID may be from the one it is taken
// for: beyond two, on IDs of five or six characters, most of the ID is different.
const maxSuggestDistance = 2

// Closest is the rule ID that id, a name no rule has, was most likely meant to be, or "" when
// none is close. In order: the same letters and number with other zero padding (ACL01,
// ACL0005); the same letters with two neighbouring digits swapped (ENV031); the ID fewest
// edits away, at most two, where swapping neighbours is one edit (CPM001). Two IDs equally
// close give no answer: picking one would send the reader to a rule chosen by sort order.
func (c *Catalogue) Closest(id string) string {
	letters, n, numbered := splitID(id)
	digits := id[len(letters):]
	tiers := []func(r *Rule) bool{
		func(r *Rule) bool {
			l, m, ok := splitID(r.ID)
			return numbered && ok && l == letters && m == n
		},
		func(r *Rule) bool {
			return numbered && strings.HasPrefix(r.ID, letters) && swapsNeighbours(digits, r.ID[len(letters):])
		},
	}
	for _, match := range tiers {
		var found []string
		for _, r := range c.Rules {
			if match(r) {
				found = append(found, r.ID)
			}
		}
		if len(found) > 0 {
			return only(found)
		}
	}
	var found []string
	bestDist := maxSuggestDistance + 1
	for _, r := range c.Rules {
		switch d := editDistance(id, r.ID); {
		case d < bestDist:
			found, bestDist = []string{r.ID}, d
		case d == bestDist:
			found = append(found, r.ID)
		}
	}
	return only(found)
}

// only is the one element of ids, or "" when there are none or several.
func only(ids []string) string {
	if len(ids) != 1 {
		return ""
	}
	return ids[0]
}

// swapsNeighbours reports whether b is a with two different neighbouring bytes swapped.
func swapsNeighbours(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
		}
	}
	return false
}

// splitID cuts an ID into its letters and the number its trailing digits write.
func splitID(id string) (letters string, n int, ok bool) {
	i := strings.LastIndexFunc(id, func(r rune) bool { return r < '0' || r > '9' })
	if i < 0 || i == len(id)-1 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil {
		return "", 0, false
	}
	return id[:i+1], n, true
}

// editDistance is the optimal string alignment distance of a and b: insertions, deletions,
// substitutions and swaps of two neighbouring bytes, one edit each. Rule IDs are ASCII.
func editDistance(a, b string) int {
	// Three rows: the swap looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
