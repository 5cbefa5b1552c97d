# METADATA
# title: Secret empty or a placeholder
# description: |
#   A secret-named variable (…PASSWORD, …PASS, …_PW, …SECRET, …TOKEN, …API_KEY, …ACCESS_KEY,
#   …PRIVATE_KEY) is empty, still a placeholder (changeme, CHANGE_ME_…, changeit, your-…,
#   <…>, xxx…, an instruction such as changePassword, please-change or replace-me, a to-do note), a notoriously weak password (123456, 12345678, …) or a value that the zxcvbn
#   password-strength estimator rates guessable (fewer than a million guesses: supersecret,
#   123, a dictionary word; the scanner computes this once per value as the variable's weak
#   field, and random values or passphrases never qualify). Services started with it
#   either run without the intended protection or with a password anyone can guess; FetchML
#   refuses to start Redis without REDIS_PASSWORD for this reason. A variable absent from the file
#   is fine (secrets may come from the environment at run time), and values that a more specific
#   rule already reports (ENV001–ENV005, ENV008) are left to it.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/ENV009.md
#     description: rule documentation
#   - ref: https://docs.openc3.com/docs/guides/security
#     description: COSMOS security guide, Removing Cleartext Passwords from .env
# custom:
#   id: ENV009
#   severity: high
#   kinds: [dotenv]
#   remediation: >-
#     Set a unique random value (openssl rand -base64 32), or remove the line and pass the secret from the environment at run time.
#   guide: 'FetchML security guide: "The repo-shipped configs intentionally contain CHANGE_ME_ placeholders"; COSMOS security guide: "Change all default passwords before deploying COSMOS."'
package deploylint.rules.dotenv.placeholder_secret

import data.deploylint.lib.dotenv
import data.deploylint.lib.result
import data.deploylint.lib.secrets

weak := {w | some w in data.deploylint.data.defaults.weak_passwords}

deny contains result.at(["vars", i, "value"], msg) if {
	some i in dotenv.secret_index
	v := input.data.vars[i]
	problem := problem_of(v)
	not i in dotenv.specific_index
	msg := sprintf("%s is %s: set a unique random value or pass it at run time", [v.name, problem])
}

# problem_of names what is wrong with a variable; a guessable value is never printed, since it
# is the operator's own choice, not a public default.
problem_of(v) := describe(v.value)

problem_of(v) := "guessable (a password-strength estimator finds it in under a million guesses)" if {
	v.weak
	not describe(v.value)
}

describe("") := "empty"

describe(value) := "a placeholder" if {
	value != ""
	secrets.is_placeholder(value)
}

describe(value) := "a notoriously weak password" if {
	not secrets.is_placeholder(value)
	value in weak
}
