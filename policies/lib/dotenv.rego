# METADATA
# title: .env helpers
# description: |
#   Shared queries over a dotenv document. Only effective variables are judged: when a
#   name is set twice, compose uses the last line, so that is the one to fix.
package deploylint.lib.dotenv

import data.deploylint.lib.secrets

defaults := data.deploylint.data.defaults

# effective is the set of [index, variable] of the variables compose will use. It and the
# sets below are complete documents so that OPA computes them once per evaluation.
effective := {[i, v] |
	some i, v in input.data.vars
	v.effective
}

# cosmos_defaults[group] is the set of [index, variable, entry] whose value is a shipped
# COSMOS default of that group (redis, bucket, service, tsdb).
cosmos_defaults := {group: hits |
	some group in ["redis", "bucket", "service", "tsdb"]
	hits := {[i, v, entry] |
		some [i, v] in effective
		entry := defaults.cosmos[group][v.name]
		v.value in entry.values
	}
}

# has_specific_default is true when a more specific rule (a COSMOS or a service default)
# already reports this variable, so generic rules stay quiet.
has_specific_default(name, value) if {
	some group in ["redis", "bucket", "service", "tsdb"]
	value in defaults.cosmos[group][name].values
}

has_specific_default(name, value) if value in defaults.services[name].values

# secret_vars is the set of [index, variable] of secret-named variables.
secret_vars := {[i, v] |
	some [i, v] in effective
	secrets.is_secret_name(v.name)
}
