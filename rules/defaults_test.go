package rules_test

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/deploylint/deploylint/policies"
)

// TestPublishedHashesEncodeTheirPasswords: every hash listed as a project's published default
// really is that password's hash, so a finding that names the password is true.
func TestPublishedHashesEncodeTheirPasswords(t *testing.T) {
	raw, err := policies.FS.ReadFile("deploylint/data/defaults/data.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Published []struct{ Hash, Password, Source string } `json:"published_hashes"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Published) == 0 {
		t.Fatal("no published hashes")
	}
	for _, h := range d.Published {
		switch {
		case strings.HasPrefix(h.Hash, "$2a$"), strings.HasPrefix(h.Hash, "$2b$"), strings.HasPrefix(h.Hash, "$2y$"):
			if err := bcrypt.CompareHashAndPassword([]byte(h.Hash), []byte(h.Password)); err != nil {
				t.Errorf("%s (%s) is not the bcrypt hash of %q: %v", h.Hash, h.Source, h.Password, err)
			}
		default:
			t.Errorf("%s (%s): no check for this hash scheme", h.Hash, h.Source)
		}
	}
}
