# METADATA
# title: OpenSSL cipher-string helpers
# description: |
#   How OpenSSL reads a cipher list (nginx ssl_ciphers, DC/OS adminrouter_tls_cipher_suite):
#   entries separated by colons (or commas, spaces); each entry a suite name or a +-combination
#   of families (EECDH+aRSA+3DES, RSA+3DES); an entry starting with ! removes its family for
#   good wherever it stands, one starting with - removes what the entries before it added.
#   DES-CBC3 suites are 3DES; !aNULL also removes the anonymous ADH/AECDH suites.
package deploylint.lib.ciphers

# named(spec, families) is the set of families (upper case) among the given ones that an entry
# of spec enables and no ! entry removes.
named(spec, families) := {f |
	list := entries(spec)
	some i, tok in list
	not startswith(tok, "!")
	not startswith(tok, "-")
	some part in regex.split(`[+-]`, upper(trim_left(tok, "+")))
	part in families
	f := family(upper(tok), part)
	not removed_after(list, f, i)
} - removed(spec)

entries(spec) := [tok | some tok in regex.split(`[:, ]+`, spec); tok != ""]

# removed is the set of families a !FAMILY entry removes.
removed(spec) := {f |
	some tok in entries(spec)
	startswith(tok, "!")
	some f in removal(tok)
}

# removed_after is true when a -FAMILY entry after entry i takes family f out again.
removed_after(list, f, i) if {
	some j, tok in list
	j > i
	startswith(tok, "-")
	f in removal(tok)
}

removal(tok) := object.get(removes, name, {name}) if name := upper(substring(tok, 1, -1))

removes := {
	"ANULL": {"ANULL", "ADH", "AECDH"},
	"ENULL": {"ENULL", "NULL"},
	"NULL": {"NULL", "ENULL"},
	"EXP": {"EXP", "EXPORT"},
	"EXPORT": {"EXP", "EXPORT"},
}

# family names DES-CBC3 suites 3DES, as people know them.
family(tok, part) := "3DES" if {
	part == "DES"
	contains(tok, "CBC3")
}

family(tok, part) := part if not contains(tok, "CBC3")

family(tok, part) := part if part != "DES"
