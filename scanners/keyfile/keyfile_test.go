package keyfile_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/scanners/keyfile"
	"github.com/deploylint/deploylint/secret"
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

// TestSecretsMarked: the body of every private key block is marked, its BEGIN and END lines
// left readable; a certificate is not secret.
func TestSecretsMarked(t *testing.T) {
	src := "-----BEGIN CERTIFICATE-----\nMIICcert\n-----END CERTIFICATE-----\n" + // 1-3
		"-----BEGIN RSA PRIVATE KEY-----\nZx7line1\nZx7line2\n-----END RSA PRIVATE KEY-----\n" // 4-7
	doc, err := keyfile.New().Parse("tls.key", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []secret.Span{{Line: 5, Column: 1, EndLine: 6, EndColumn: 9, Value: "Zx7line1\nZx7line2"}}
	if !reflect.DeepEqual(doc.Secrets, want) {
		t.Errorf("Secrets\n got %+v\nwant %+v", doc.Secrets, want)
	}
}

// TestKeysWhateverTheirName: a private key is sniffed for in key-named and extensionless
// files too (DC/OS keeps genconf/ssh_key), never in files of other formats.
func TestKeysWhateverTheirName(t *testing.T) {
	s := keyfile.New()
	for rel, want := range map[string]scanners.NameMatch{
		"genconf/ssh_key": scanners.MaybeMatch, "home/.ssh/id_ed25519": scanners.MaybeMatch,
		"certs/server.p8": scanners.MaybeMatch, "secrets/signing_key.txt": scanners.MaybeMatch,
		"deploy/tls-private": scanners.MaybeMatch, "main.go": scanners.NoMatch,
		"README.md": scanners.NoMatch, "site.crt": scanners.NoMatch,
	} {
		if got := s.Match(rel); got != want {
			t.Errorf("Match(%q) = %v, want %v", rel, got, want)
		}
	}
}
