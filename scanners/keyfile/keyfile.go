// Package keyfile recognises PEM private keys (*.key, *.pem holding "PRIVATE KEY") so that
// file rules (FS001) can check who may read them. Nothing of the key reaches the document: its
// data only says which PEM type it is, and the key's body is marked as a secret.
package keyfile

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/deploylint/deploylint/scanners"
	"github.com/deploylint/deploylint/secret"
)

// Scanner recognises private key files.
type Scanner struct{}

// New returns the private-key scanner.
func New() *Scanner { return &Scanner{} }

// Kind is "private-key".
func (*Scanner) Kind() string { return "private-key" }

// Match claims, to be confirmed by content, the files a private key is kept in whatever the
// tool that wrote it: *.key, *.pem and the like, names that say key (genconf/ssh_key,
// id_ed25519), and files without an extension. Other files are not read for a sniff.
func (*Scanner) Match(rel string) scanners.NameMatch {
	b := strings.ToLower(scanners.Base(rel))
	ext := path.Ext(b)
	switch {
	case keyExts[ext], strings.Contains(b, "key"), strings.HasPrefix(b, "id_"):
		return scanners.MaybeMatch
	case ext == "" || ext == b: // no extension, or a dotfile's name alone
		return scanners.MaybeMatch
	}
	return scanners.NoMatch
}

// keyExts are the extensions private keys are written with.
var keyExts = map[string]bool{".key": true, ".pem": true, ".p8": true, ".priv": true, ".private": true, ".rsa": true, ".ec": true, ".sk": true}

var pemPrivate = regexp.MustCompile(`-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----`)

// Sniff accepts a PEM private key block.
func (*Scanner) Sniff(head []byte) bool { return pemPrivate.Match(head) }

// Parse records the PEM type only.
func (*Scanner) Parse(p string, src []byte) (*scanners.Document, error) {
	typ := ""
	if m := pemPrivate.FindSubmatch(src); m != nil {
		typ = string(bytes.TrimSpace(m[1]))
	}
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	text := string(src)
	li := scanners.NewLineIndex(text)
	var secrets []secret.Span
	for _, f := range secret.PrivateKeys(text) {
		secrets = append(secrets, li.Secret(f.Start, f.End, text[f.Start:f.End]))
	}
	return &scanners.Document{Kind: "private-key", Path: p, Data: map[string]any{"pem_type": typ}, Spans: spans, Secrets: secrets}, nil
}
