package fix

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// passwordLength is the length of a generated password: 40 characters of a 64-letter alphabet
// carry 240 bits, more than the guides' `openssl rand -base64 32`.
const passwordLength = 40

// urlSafe is the alphabet of generated passwords: letters, digits, '-' and '_', which need no
// quoting in .env, YAML, redis.conf or a URL's user-info.
const urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// password is a new random password from r.
func password(r io.Reader) (string, error) {
	buf := make([]byte, passwordLength)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("generate a password: %w", err)
	}
	for i, b := range buf {
		buf[i] = urlSafe[int(b)%len(urlSafe)] // 256 is a multiple of 64: no bias
	}
	return string(buf), nil
}

// hexKey is n random bytes from r in hex, as `openssl rand -hex n` prints them.
func hexKey(r io.Reader, n int) (string, error) {
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("generate a key: %w", err)
	}
	return hex.EncodeToString(buf), nil
}

// sha256Hex is the hash Redis ACL files store (#<hash>).
func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
