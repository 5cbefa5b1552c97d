package report

import "testing"

func TestPascal(t *testing.T) {
	for title, want := range map[string]string{
		"Cleartext password in users.acl":         "CleartextPasswordInUsersAcl",
		"DC/OS boolean written as a YAML boolean": "DcOsBooleanWrittenAsYamlBoolean",
		"TLS 1.0/1.1 enabled on Admin Router":     "Tls1011EnabledOnAdminRouter",
		"Placeholder domain or ACME e-mail":       "PlaceholderDomainOrAcmeEmail",
		"SECRET_KEY_BASE is the shipped default":  "SecretKeyBaseIsTheShippedDefault",
		".env and users.acl disagree":             "EnvAndUsersAclDisagree",
		"":                                        "",
	} {
		if got := pascal(title); got != want {
			t.Errorf("pascal(%q) = %q, want %q", title, got, want)
		}
	}
}
