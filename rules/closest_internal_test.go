package rules

import "testing"

// TestClosestNamesTheRuleATypoMeant: each way of misspelling an ID finds the rule meant, and
// an ID near nothing, or near two rules alike, finds none.
func TestClosestNamesTheRuleATypoMeant(t *testing.T) {
	var rs []*Rule
	for _, id := range []string{"ACL001", "ACL010", "ACL011", "CMP001", "ENV001", "ENV011", "ENV013", "FS001", "FS002", "META002"} {
		rs = append(rs, &Rule{ID: id})
	}
	cat, err := newCatalogue(rs)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{
		"ACL01":   "ACL001", // one edit from ACL001, ACL010 and ACL011: the number decides
		"ACL0005": "",
		"ACL0010": "ACL010",
		"ENV031":  "ENV013", // one substitution from ENV001 and ENV011 too: the swap decides
		"CPM001":  "CMP001",
		"CMP01":   "CMP001",
		"MTEA002": "META002",
		"METAA02": "META002", // two edits
		"ENV99":   "",        // three edits from anything
		"FS003":   "",        // one edit from FS001 and FS002 alike
		"XYZ001":  "",
		"":        "",
	} {
		if got := cat.Closest(id); got != want {
			t.Errorf("Closest(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestEditDistanceCountsASwapAsOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"CPM001", "CMP001", 1},
		{"ACL01", "ACL001", 1},
		{"ENV001", "ENV001", 0},
		{"", "FS001", 5},
		{"ENV", "NEV1", 2},
		{"ACL012", "ACL210", 2},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
