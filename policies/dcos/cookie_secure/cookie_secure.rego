# METADATA
# title: Auth cookie without Secure flag
# description: |
#   On Enterprise, auth_cookie_secure_flag absent or 'false' lets the browser send the dcos-acs-auth-cookie over plain HTTP, where anyone on the path can take over the session.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/DCOS005.md
#     description: rule documentation
#   - ref: https://docs.d2iq.com/mesosphere/dcos/2.2/installing/production/advanced-configuration/configuration-reference/
#     description: DC/OS installer configuration reference
# custom:
#   id: DCOS005
#   severity: medium
#   kinds: [dcos-config]
#   remediation: >-
#     Set auth_cookie_secure_flag: 'true' (all access then has to use HTTPS).
#   guide: 'DC/OS Enterprise security guide: "setting the secure flag on the cookie"'
package deploylint.rules.dcos.cookie_secure

import data.deploylint.lib.dcos
import data.deploylint.lib.result

deny contains result.file("auth_cookie_secure_flag is not set on this Enterprise configuration: add auth_cookie_secure_flag: 'true'") if {
	dcos.enterprise
	dcos.absent("auth_cookie_secure_flag")
}

deny contains result.at(["auth_cookie_secure_flag"], "auth_cookie_secure_flag is false: the auth cookie also travels over HTTP; set it to 'true'") if {
	dcos.enterprise
	dcos.bool("auth_cookie_secure_flag") == false
}
