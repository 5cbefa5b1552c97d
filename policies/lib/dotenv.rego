# METADATA
# title: .env helpers
# description: |
#   Shared queries over a dotenv document. Only effective variables are judged: when a
#   name is set twice, compose uses the last line, so that is the one to fix.
package deploylint.lib.dotenv

import data.deploylint.lib.secrets

defaults := data.deploylint.data.defaults

# effective_index is the set of indexes of the variables compose will use. Sets hold indexes,
# not variables: hashing whole objects would cost more than the rules themselves.
effective_index := {i | some i, v in input.data.vars; v.effective}

# secret_index is the set of indexes of effective, secret-named variables.
secret_index := {i | some i in effective_index; secrets.is_secret_name(input.data.vars[i].name)}

# by_name maps each effective variable's name to its index: rules about named variables look
# them up instead of scanning the file.
by_name := {v.name: i | some i, v in input.data.vars; v.effective}

# cosmos_default(group) is the set of [index, entry] of variables holding a shipped COSMOS
# default of that group (redis, bucket, service, tsdb).
cosmos_default(group) := {[i, entry] |
	some name, entry in defaults.cosmos[group]
	i := by_name[name]
	input.data.vars[i].value in entry.values
}

# specific_index is the set of indexes of the variables has_specific_default holds for, found
# by the names of the defaults rather than by asking of every variable.
specific_index := {i |
	some group in ["redis", "bucket", "service", "tsdb"]
	some name, entry in defaults.cosmos[group]
	i := by_name[name]
	input.data.vars[i].value in entry.values
} | {i |
	some name, svc in defaults.services
	i := by_name[name]
	input.data.vars[i].value in svc.values
}

# has_specific_default is true when a more specific rule (a COSMOS or a service default)
# already reports this variable, so generic rules stay quiet.
has_specific_default(name, value) if {
	some group in ["redis", "bucket", "service", "tsdb"]
	value in defaults.cosmos[group][name].values
}

has_specific_default(name, value) if value in defaults.services[name].values
