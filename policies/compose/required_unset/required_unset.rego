# METADATA
# title: Required variable not set in the scanned tree
# description: |
#   The compose file requires a variable (${VAR:?message}) that no .env in the scanned tree
#   sets, so docker compose refuses to start until the host provides it. That is the intended
#   way to keep secrets out of the repository, so this is information, not a fault: the stack
#   was audited with a stand-in value, and the value the host provides was not checked.
# related_resources:
#   - ref: https://github.com/deploylint/deploylint/blob/main/docs/rules/CMP009.md
#     description: rule documentation
#   - ref: https://docs.docker.com/reference/compose-file/interpolation/
#     description: Compose interpolation, required variables
# custom:
#   id: CMP009
#   severity: info
#   kinds: [compose]
#   remediation: >-
#     Nothing to change if the host sets it at run time; scan the deployed .env too (deploylint scan /path/to/deployment) to have its value checked.
#   guide: 'FetchML security guide: "docker-compose.homelab-secure.yml requires REDIS_PASSWORD to be set explicitly"'
package deploylint.rules.compose.required_unset

import data.deploylint.lib.result

deny contains result.at(["required_unset", i], sprintf("%s is required (${%s:?…}) and set by no .env in the scan: audited with a stand-in value", [name, name])) if {
	some i, name in input.data.required_unset
}
