// Package redisacl parses Redis `users.acl` files exactly as Redis 7 loads them
// (src/acl.c ACLLoadFromFile): every non-blank line, trimmed, is split on single spaces; the
// first word must be `user`, the second is the name, and the remaining tokens apply left to
// right to a user that starts from `reset`. Parenthesised selectors are merged across spaces as
// Redis does. The final state of each user is computed here, so rules read plain facts.
//
// Data shape (the `input.data` of rules of kind "redis-acl"):
//
//	{
//	  "users": [
//	    {
//	      "name":      "openc3",
//	      "line":      2,
//	      "tokens":    ["on", "#022b…", "allkeys", …],   // after the name, as Redis sees them after
//	                                                   // selector merging; `>pw`/`<pw` appear as `>`/`<`
//	      "enabled":   true,                           // final on/off
//	      "nopass":    false,                          // final nopass flag
//	      "flags":     ["sanitize-payload"],           // sanitize-payload / skip-sanitize-payload if set
//	      "passwords": [                               // final password set, in insertion order
//	        {"form": "hash" | "cleartext", "sha256": "<64 lowercase hex>", "token": 1}
//	      ],
//	      "cleartext": [ {"op": ">" | "<", "token": 3, "sha256": "…"} ],  // every >pw / <pw token
//	      "hashes":    [ {"op": "#" | "!", "token": 1, "sha256": "…"} ],  // every #h / !h token
//	      "root": <selector>,                          // the user's own permissions
//	      "selectors": [ <selector>, … ],              // additional (…) selectors
//	      // facts computed from the final state (facts.go), so rules look them up:
//	      "admin_grants":  ["@admin", "config|set"],   // admin-level grants, the broadest first
//	      "beyond_health": true,                       // allows more than ping/cluster info
//	      "admin_account": true                        // named as an admin, or the default user
//	    }
//	  ],
//	  "has_default_user": true,     // a `user default` line exists (else Redis creates it open)
//	  "errors": [                   // reasons Redis would refuse the file (ACL007)
//	    {"line": 4, "token": 3, "msg": "duplicate user 'default'"}  // token -1 = whole line
//	  ],
//	  // indexes into users, so a rule about a few users does not walk 100,000:
//	  "by_name":             {"default": [0], "openc3": [1]},
//	  "granting_admin":      [3],           // users whose admin_grants is not empty
//	  "nopass_users":        [0],           // users whose final state is nopass
//	  "passwords_by_sha256": {"022b…": [[1, 0]]}  // final passwords: [user, password] pairs
//	}
//
// selector:
//
//	{
//	  "allkeys":       false,                       // `allkeys` / `~*` in effect
//	  "keys":          [ {"pattern": "running-script*", "perm": "RW", "token": 5} ],
//	  "allchannels":   false,
//	  "channels":      [ {"pattern": "__anycable__", "token": 9} ],
//	  "allcommands":   false,                       // base is +@all (allcommands) rather than -@all
//	  "command_rules": ["+@read", "+@write", "-keys", "+config|get"]  // lower-case, in order
//	                                                // since the last +@all/-@all; a rule for the
//	                                                // same command or category (or its container)
//	                                                // replaces the earlier one, which keeps the effect
//	}
//
// Commands and categories are checked against the Redis 7.0 command table in commands.txt (read
// from a real server; TestCommandTableMatchesServer keeps it honest). AUTH and HELLO are always
// allowed by Redis whatever the rules. Every user line appears in users, also one Redis refuses
// (its state up to the refused token), so rules still see a duplicate user's cleartext password.
//
// Cleartext passwords never appear in data; only their SHA-256 does, so a rule cannot leak
// them. Redis's quirks reproduced here, each checked against redis-server 7.0: a `#` line is
// an error (no comments); two spaces make an empty, ignored token; `USER` is not `user`; `~*`
// is `allkeys`; a key or channel pattern after `allkeys`/`allchannels` is an error but `allkeys`
// after patterns is not; `<pw`/`!hash` of an absent password is an error; `>` alone sets the
// empty password.
//
// Spans: ["users", i] has the user name as Key and the whole line as Value;
// ["users", i, "tokens", j] is token j; ["users", i, "passwords", k] is the token that set that
// password; ["errors", k] is the offending token (or the line). The root [] spans line 1.
package redisacl
