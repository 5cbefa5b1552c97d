# METADATA
# title: Result helpers
# description: |
#   Every rule builds its findings with these helpers so the shape of a result lives in one
#   place. A path is an array of object keys and array indexes into input.data; the engine
#   turns it into file, line and column through the parser's spans. A result has no severity
#   of its own: GitHub reads a finding's severity from its rule, so a finding that deserves
#   another severity is another rule.
package deploylint.lib.result

# at reports the value found at path.
at(path, msg) := {"path": path, "msg": msg, "anchor": "value"}

# key reports the key (name) found at path.
key(path, msg) := {"path": path, "msg": msg, "anchor": "key"}

# file reports the file as a whole (line 1).
file(msg) := {"path": [], "msg": msg, "anchor": "file"}

# related adds the other places a cross-file finding stands on: each {"path", "line", "msg"},
# path and line as the driver's facts give them (a stack variable's path and line).
related(r, locations) := object.union(r, {"related": locations})
