package keyfile_test

import (
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/keyfile"
)

func TestPrivateKeysOnly(t *testing.T) {
	s := keyfile.New()
	key := "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIOSECRETMATERIAL\n-----END EC PRIVATE KEY-----\n"
	if s.Match("tls/site.key") != scanners.MaybeMatch || s.Match("site.crt") != scanners.NoMatch {
		t.Error("Match")
	}
	if !s.Sniff([]byte(key)) || s.Sniff([]byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")) {
		t.Error("Sniff must accept private keys and nothing else")
	}
	doc, err := s.Parse("site.key", []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Data.(map[string]any)["pem_type"] != "EC PRIVATE KEY" {
		t.Errorf("data = %v", doc.Data)
	}
	for _, v := range doc.Data.(map[string]any) {
		if strings.Contains(v.(string), "SECRET") {
			t.Error("key material reached the document")
		}
	}
}
