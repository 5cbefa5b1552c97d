package rules_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"hash"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/deploylint/deploylint/rules"
)

// clockReaders are OPA v1.22.2's built-ins that read the clock, from its topdown sources:
// time.now_ns returns BuiltinContext.Time; io.jwt.decode_verify checks exp and nbf against it
// when its constraints carry no "time" (tokens.go parseTokenConstraints);
// crypto.x509.parse_and_verify_certificates passes crypto/x509 a zero VerifyOptions.CurrentTime,
// which Verify replaces with time.Now, as does its _with_options form unless given CurrentTime
// (crypto.go). No other built-in refers to BuiltinContext.Time or time.Now, but http.send,
// forbidden for the network already.
var clockReaders = []string{
	"time.now_ns",
	"io.jwt.decode_verify",
	"crypto.x509.parse_and_verify_certificates",
	"crypto.x509.parse_and_verify_certificates_with_options",
}

// TestForbiddenBuiltins: no policy may call a built-in OPA marks nondeterministic (network,
// clock, randomness, the environment, schemas fetched from elsewhere) or one that reads the
// clock; a new OPA that adds one fails here until it is forbidden or shown harmless.
func TestForbiddenBuiltins(t *testing.T) {
	ours := map[string]bool{}
	for _, b := range rules.Capabilities().Builtins {
		ours[b.Name] = true
	}
	opa := map[string]*ast.Builtin{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		opa[b.Name] = b
		if b.Nondeterministic && ours[b.Name] {
			t.Errorf("%s is nondeterministic in OPA and policies may call it", b.Name)
		}
	}
	for _, name := range append(clockReaders, "http.send", "opa.runtime", "net.lookup_ip_addr", "rand.intn", "uuid.rfc4122", "io.jwt.encode_sign", "io.jwt.encode_sign_raw", "json.match_schema", "json.verify_schema", "trace") {
		if opa[name] == nil {
			t.Errorf("%s is not a built-in of this OPA: update the list", name)
		}
		if ours[name] {
			t.Errorf("policies may call %s", name)
		}
	}
}

// clockFamilies are the built-ins whose names say they may deal in time: every one policies
// may call needs a sample in TestAllowedBuiltinsIgnoreTheClock, so one OPA adds is classified
// before it is allowed.
var clockFamilies = []string{"time.", "io.jwt.", "crypto.", "providers."}

// TestAllowedBuiltinsIgnoreTheClock evaluates each time-related built-in policies may call
// under two evaluation times ten years apart, on arguments where a clock would matter (a token
// that expires between them), and wants the same result; the same check tells the forbidden
// clock readers apart, so it is known to see a clock.
func TestAllowedBuiltinsIgnoreTheClock(t *testing.T) {
	t1 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	t2 := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	k := newTestKeys(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	samples := map[string]string{
		"time.parse_ns":          `time.parse_ns("2006-01-02", "2024-05-01")`,
		"time.parse_rfc3339_ns":  `time.parse_rfc3339_ns("2024-05-01T10:00:00Z")`,
		"time.parse_duration_ns": `time.parse_duration_ns("1h30m")`,
		"time.date":              `time.date(1714557600000000000)`,
		"time.clock":             `time.clock(1714557600000000000)`,
		"time.weekday":           `time.weekday(1714557600000000000)`,
		"time.add_date":          `time.add_date(1714557600000000000, 1, 2, 3)`,
		"time.diff":              `time.diff(0, 1714557600000000000)`,
		"time.format":            `time.format(1714557600000000000)`,
		"io.jwt.decode":          fmt.Sprintf(`io.jwt.decode(%q)`, k.tokens["HS256"]),
		"crypto.md5":             `crypto.md5("x")`,
		"crypto.sha1":            `crypto.sha1("x")`,
		"crypto.sha256":          `crypto.sha256("x")`,
		"crypto.hmac.md5":        `crypto.hmac.md5("x", "k")`,
		"crypto.hmac.sha1":       `crypto.hmac.sha1("x", "k")`,
		"crypto.hmac.sha256":     `crypto.hmac.sha256("x", "k")`,
		"crypto.hmac.sha512":     `crypto.hmac.sha512("x", "k")`,
		"crypto.hmac.equal":      `crypto.hmac.equal("a", "a")`,
		// The certificate is valid from t1+1y to t2-1y: a check of its dates would tell.
		"crypto.x509.parse_certificates":        fmt.Sprintf(`crypto.x509.parse_certificates(%q)`, k.certPEM),
		"crypto.x509.parse_certificate_request": fmt.Sprintf(`crypto.x509.parse_certificate_request(%q)`, k.csrPEM),
		"crypto.x509.parse_keypair":             fmt.Sprintf(`crypto.x509.parse_keypair(%q, %q)`, k.certPEM, k.ecKeyPEM),
		"crypto.x509.parse_rsa_private_key":     fmt.Sprintf(`crypto.x509.parse_rsa_private_key(%q)`, k.rsaKeyPEM),
		"crypto.parse_private_keys":             fmt.Sprintf(`crypto.parse_private_keys(%q)`, k.rsaKeyPEM),
		"providers.aws.sign_req": `providers.aws.sign_req({"method": "GET", "url": "https://example.com/", "headers": {}},
			{"aws_access_key": "AKIA", "aws_secret_access_key": "s", "aws_service": "s3", "aws_region": "us-east-1"}, 1714557600000000000)`,
	}
	for alg, token := range k.tokens {
		name := "io.jwt.verify_" + strings.ToLower(alg)
		if alg == "EdDSA" {
			name = "io.jwt.verify_eddsa"
		}
		samples[name] = fmt.Sprintf(`%s(%q, %q)`, name, token, k.verifyKey[alg])
	}
	eval := func(caps *ast.Capabilities, query string, at time.Time) string {
		t.Helper()
		pq, err := rego.New(rego.Query("x := "+query), rego.Capabilities(caps), rego.StrictBuiltinErrors(true)).PrepareForEval(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		rs, err := pq.Eval(context.Background(), rego.EvalTime(at))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s: %v %v", query, rs, err)
		}
		b, err := json.Marshal(rs[0].Bindings["x"])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, b := range rules.Capabilities().Builtins {
		inFamily := false
		for _, f := range clockFamilies {
			inFamily = inFamily || strings.HasPrefix(b.Name, f)
		}
		if !inFamily {
			continue
		}
		q, ok := samples[b.Name]
		if !ok {
			t.Errorf("%s: no sample; read its OPA source for the clock, then add one", b.Name)
			continue
		}
		if a, z := eval(rules.Capabilities(), q, t1), eval(rules.Capabilities(), q, t2); a != z {
			t.Errorf("%s reads the clock: %s at %s, %s at %s", b.Name, a, t1, z, t2)
		}
		if b.Name == "io.jwt.decode" || strings.HasPrefix(b.Name, "io.jwt.verify_") {
			if got := eval(rules.Capabilities(), q, t2); got == "false" || got == "null" {
				t.Errorf("%s: the sample does not verify (%s)", b.Name, got)
			}
		}
	}
	// The check sees a clock where there is one.
	full := ast.CapabilitiesForThisVersion()
	for _, q := range []string{`time.now_ns()`, fmt.Sprintf(`io.jwt.decode_verify(%q, {"secret": %q})`, k.tokens["HS256"], k.verifyKey["HS256"])} {
		if a, z := eval(full, q, t1), eval(full, q, t2); a == z {
			t.Errorf("%s gives %s at both times: the check cannot see a clock", q, a)
		}
	}
}

// testKeys holds a certificate valid from 2021 to 2029, its request and keys, and a token for
// each JWT algorithm that expires at exp, with what verifies it.
type testKeys struct {
	certPEM, csrPEM, ecKeyPEM, rsaKeyPEM string
	tokens, verifyKey                    map[string]string
}

func newTestKeys(t *testing.T, exp time.Time) *testKeys {
	t.Helper()
	ec256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ec384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ec521, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	edPub, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "deploylint test"},
		NotBefore: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ec256.PublicKey, ec256)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: tmpl.Subject}, ec256)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalECPrivateKey(ec256)
	if err != nil {
		t.Fatal(err)
	}
	pemOf := func(typ string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})) }
	pubPEM := func(pub any) string {
		b, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		return pemOf("PUBLIC KEY", b)
	}
	k := &testKeys{
		certPEM: pemOf("CERTIFICATE", der), csrPEM: pemOf("CERTIFICATE REQUEST", csr),
		ecKeyPEM: pemOf("EC PRIVATE KEY", ecDER), rsaKeyPEM: pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey)),
		tokens: map[string]string{}, verifyKey: map[string]string{},
	}
	const secret = "deploylint-test-secret"
	b64 := base64.RawURLEncoding.EncodeToString
	sign := func(alg string, f func(signed []byte) []byte) {
		head := b64([]byte(fmt.Sprintf(`{"alg":%q,"typ":"JWT"}`, alg)))
		body := b64([]byte(fmt.Sprintf(`{"sub":"deploylint","exp":%d}`, exp.Unix())))
		k.tokens[alg] = head + "." + body + "." + b64(f([]byte(head+"."+body)))
	}
	digest := func(h hash.Hash, b []byte) []byte {
		h.Write(b)
		return h.Sum(nil)
	}
	for alg, h := range map[string]func() hash.Hash{"256": sha256.New, "384": sha512.New384, "512": sha512.New} {
		ch := map[string]crypto.Hash{"256": crypto.SHA256, "384": crypto.SHA384, "512": crypto.SHA512}[alg]
		sign("HS"+alg, func(b []byte) []byte { m := hmac.New(h, []byte(secret)); m.Write(b); return m.Sum(nil) })
		k.verifyKey["HS"+alg] = secret
		sign("RS"+alg, func(b []byte) []byte {
			s, err := rsa.SignPKCS1v15(rand.Reader, rsaKey, ch, digest(h(), b))
			if err != nil {
				t.Fatal(err)
			}
			return s
		})
		k.verifyKey["RS"+alg] = pubPEM(&rsaKey.PublicKey)
		sign("PS"+alg, func(b []byte) []byte {
			s, err := rsa.SignPSS(rand.Reader, rsaKey, ch, digest(h(), b), nil)
			if err != nil {
				t.Fatal(err)
			}
			return s
		})
		k.verifyKey["PS"+alg] = pubPEM(&rsaKey.PublicKey)
		ec := map[string]*ecdsa.PrivateKey{"256": ec256, "384": ec384, "512": ec521}[alg]
		sign("ES"+alg, func(b []byte) []byte {
			r, s, err := ecdsa.Sign(rand.Reader, ec, digest(h(), b))
			if err != nil {
				t.Fatal(err)
			}
			size := (ec.Curve.Params().BitSize + 7) / 8
			return append(r.FillBytes(make([]byte, size)), s.FillBytes(make([]byte, size))...)
		})
		k.verifyKey["ES"+alg] = pubPEM(&ec.PublicKey)
	}
	sign("EdDSA", func(b []byte) []byte { return ed25519.Sign(edKey, b) })
	k.verifyKey["EdDSA"] = pubPEM(edPub)
	return k
}

// TestClockBuiltinsAreRefusedAtLoad: a custom rule calling a clock reader is refused with its
// file and line, before it is compiled.
func TestClockBuiltinsAreRefusedAtLoad(t *testing.T) {
	for name, call := range map[string]string{
		"time.now_ns":          `time.now_ns() > 0`,
		"io.jwt.decode_verify": `io.jwt.decode_verify(v.value, {"secret": "s"})[0]`,
		"crypto.x509.parse_and_verify_certificates":              `crypto.x509.parse_and_verify_certificates(v.value)[0]`,
		"crypto.x509.parse_and_verify_certificates_with_options": `crypto.x509.parse_and_verify_certificates_with_options(v.value, {})[0]`,
	} {
		src := customRule("ORG100", "deploylint.rules.org.x", "deny contains {\"msg\": \"x\"} if {\n\tsome v in input.data.vars\n\t"+call+"\n}")
		_, err := loadCustom(t, mapFS(map[string]string{"x/x.rego": src}), false)
		want := "org/x/x.rego:13:2: " + name + " is not allowed in deploylint policies"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
}
